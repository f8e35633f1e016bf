# Python package `connect_session` (pyproject.toml, python/, bindings/python/, tests/python/).
# `make venv` creates .venv with the pinned tools of python/requirements-dev.txt; `make develop`
# builds the extension into it. Both redo their work only when their inputs change.

PYTHON ?= python3
VENV := .venv
VENV_BIN := $(VENV)/bin
VENV_PY := $(VENV_BIN)/python
PY_DEV_STAMP := $(VENV)/.requirements-dev.stamp
PY_EXT_STAMP := $(VENV)/.develop.stamp
# What the extension is built from (Python sources are installed editable and need no rebuild).
PY_EXT_INPUTS := Cargo.toml Cargo.lock pyproject.toml \
	$(shell find crates/connect-session bindings/python \( -name '*.rs' -o -name Cargo.toml \) -not -path '*/target/*')
# Hypothesis examples per property in tests/python (the same knob as the Rust proptests).
PROPTEST_CASES ?= 200

TEST_TARGETS += test-py test-py-versions
DEMO_TARGETS += demo-py demo-fastapi
LINT_TARGETS += lint-py
.PHONY: venv develop develop-3.12 test-py test-py-versions test-py-slow lint-py fmt-py demo-py wheel \
	demo-fastapi examples-venv

venv: $(PY_DEV_STAMP) ## create .venv (python3 -m venv) with the pinned Python dev tools

$(VENV_PY):
	$(PYTHON) -m venv $(VENV)

$(PY_DEV_STAMP): python/requirements-dev.txt examples/requirements.txt | $(VENV_PY)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
	touch $@

develop: $(PY_EXT_STAMP) ## build the Python extension into .venv (maturin develop --release)

$(PY_EXT_STAMP): $(PY_DEV_STAMP) $(PY_EXT_INPUTS)
	VIRTUAL_ENV=$(abspath $(VENV)) $(VENV_BIN)/maturin develop --release --quiet
	touch $@

# The extension is built for one interpreter (not the stable ABI: the full C API reads a `str`'s
# UTF-8 without a copy). The memory tests also run on Python 3.12, where interned strings are
# never freed, so when pyenv has 3.12 its build goes next to this one (its own target directory,
# so the two builds do not undo each other).
PY312 := $(firstword $(wildcard $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions/3.12*/bin/python3.12))
PY312_EXT_STAMP := $(if $(PY312),$(VENV)/.develop-3.12.stamp)

develop-3.12: $(PY312_EXT_STAMP) ## build the extension for pyenv's Python 3.12 too (the memory tests run there)

$(VENV)/.develop-3.12.stamp: $(PY_DEV_STAMP) $(PY_EXT_INPUTS)
	rm -rf target/wheels-3.12
	CARGO_TARGET_DIR=target/py312 $(VENV_BIN)/maturin build --release --quiet -i $(PY312) \
		--out target/wheels-3.12
	$(VENV_PY) -c 'import glob, zipfile; w = zipfile.ZipFile(glob.glob("target/wheels-3.12/*.whl")[0]); \
		[w.extract(n, "python") for n in w.namelist() if n.startswith("connect_session/_native.")]'
	touch $@

test-py: $(PY_EXT_STAMP) develop-3.12 ## the Python suite: vectors, API, properties, memory, pip install from a clean copy
	PROPTEST_CASES=$(PROPTEST_CASES) $(VENV_PY) -m pytest -q

test-py-versions: $(PY_DEV_STAMP) ## the suite's interpreter-independent files under pyenv's other CPythons (3.9-3.13)
	PROPTEST_CASES=$(PROPTEST_CASES) mk/py-versions.sh

test-py-slow: $(PY_EXT_STAMP) develop-3.12 ## the Python suite with 20000 examples per property
	PROPTEST_CASES=20000 $(VENV_PY) -m pytest -q

lint-py: $(PY_EXT_STAMP) ## ruff (check, format), mypy --strict, stubtest against the built module
	$(VENV_BIN)/ruff check
	$(VENV_BIN)/ruff format --check
	$(VENV_BIN)/mypy
	$(VENV_PY) -m mypy.stubtest connect_session._native connect_session._enums \
		--allowlist python/stubtest-allowlist.txt

fmt-py: $(PY_DEV_STAMP) ## format the Python code with ruff
	$(VENV_BIN)/ruff check --fix
	$(VENV_BIN)/ruff format

demo-py: $(PY_EXT_STAMP) ## run examples/quickstart.py
	$(VENV_PY) examples/quickstart.py

demo-fastapi: $(PY_EXT_STAMP) ## run examples/pydantic_fastapi.py (what it needs: examples/requirements.txt)
	$(VENV_PY) examples/pydantic_fastapi.py

# A venv with examples/requirements.txt and nothing else, for `make test-readme` to run the
# FastAPI example in (the package from python/, where `make develop` put the extension): what
# the README tells users to install must be enough. Made anew whenever the file changes.
EXAMPLES_VENV := target/examples-venv
EXAMPLES_STAMP := $(EXAMPLES_VENV)/.requirements.stamp

examples-venv: $(EXAMPLES_STAMP)

$(EXAMPLES_STAMP): examples/requirements.txt
	rm -rf $(EXAMPLES_VENV)
	$(PYTHON) -m venv $(EXAMPLES_VENV)
	$(EXAMPLES_VENV)/bin/pip install --quiet --disable-pip-version-check -r examples/requirements.txt
	touch $@

wheel: $(PY_DEV_STAMP) ## build the wheel for this Python into target/wheels (maturin build --release)
	$(VENV_BIN)/maturin build --release --out target/wheels
