# Release artifacts (issue 23): `make dist` writes what users install into dist/ (mk/dist.sh
# says how each is made), and `make test-dist` checks each from a clean place (tests/dist/).

.PHONY: dist dist-tools test-dist test-version

TEST_TARGETS += test-version

# CMake for the tests that build against an installed tree: the machine's, else the pinned
# one `make venv` installs from PyPI (as test-install does).
TEST_CMAKE = $(or $(CMAKE),$(shell command -v cmake),$(abspath $(VENV_BIN)/cmake))

DIST_WORK := $(or $(CARGO_TARGET_DIR),target)/dist
# Zig (for the manylinux wheels), auditwheel and twine: python/requirements-dist.txt, in a
# venv of their own, made anew whenever the file changes.
DIST_TOOLS := $(DIST_WORK)/tools
DIST_TOOLS_STAMP := $(DIST_TOOLS)/.requirements.stamp
# `make dist CARGO_PACKAGE_FLAGS=--allow-dirty` packages uncommitted changes too.
CARGO_PACKAGE_FLAGS ?=

dist-tools: $(DIST_TOOLS_STAMP)

$(DIST_TOOLS_STAMP): python/requirements-dist.txt
	rm -rf $(DIST_TOOLS)
	$(PYTHON) -m venv $(DIST_TOOLS)
	$(DIST_TOOLS)/bin/pip install --quiet --disable-pip-version-check -r python/requirements-dist.txt
	touch $@

dist: venv dist-tools ## the release artifacts in dist/: wheels (CPython 3.9-3.13), sdist, crates, C/C++ archive, SHA256SUMS
	CARGO="$(CARGO)" MAKE="$(MAKE)" MATURIN=$(VENV_BIN)/maturin DIST_TOOLS_BIN=$(abspath $(DIST_TOOLS)/bin) \
		DIST_WORK=$(DIST_WORK) CARGO_PACKAGE_FLAGS="$(CARGO_PACKAGE_FLAGS)" mk/dist.sh

# What is in dist/ (made first when dist/ has no SHA256SUMS), each from a temporary directory.
test-dist: $(if $(wildcard dist/SHA256SUMS),,dist) venv dist-tools ## check each artifact of dist/ from a clean place (wheels without Rust, sdist, crates, C archive)
	CARGO="$(CARGO)" CC="$(CC)" CXX="$(CXX)" CMAKE="$(TEST_CMAKE)" PYTHON="$(PYTHON)" \
		DIST_TOOLS_BIN=$(abspath $(DIST_TOOLS)/bin) VENV_PY=$(abspath $(VENV_PY)) tests/dist/run.sh

test-version: ## one version: Cargo.toml's [workspace.package] is that of every crate, the header, the Python package and CHANGELOG's top entry
	CARGO="$(CARGO)" tests/dist/check_version.sh
