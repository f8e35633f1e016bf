# connect-session: the single entry point for people and CI. `make help` lists the targets.

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.DEFAULT_GOAL := help
.PHONY: help fmt lint lint-rust test test-rust test-readme test-extending test-slow update-vectors demo \
	demo-rust ci

# Each language adds its targets to these lists in its own file under mk/.
TEST_TARGETS :=
DEMO_TARGETS :=
LINT_TARGETS :=
include $(sort $(wildcard mk/*.mk))

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

fmt: ## format the Rust code
	$(CARGO) fmt --all

lint: lint-rust $(LINT_TARGETS) ## every linter: rustfmt, clippy, and each language's own

lint-rust:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@# The benchmarks are a workspace of their own, which `--workspace` does not reach.
	cd benches/rust && $(CARGO) fmt -- --check
	cd benches/rust && CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) $(CARGO) clippy --all-targets -- -D warnings
	python3 tests/check_modules.py

test: prereqs test-rust test-readme $(TEST_TARGETS) test-extending ## run every test suite (prereqs first)

test-rust: ## the Rust suites: unit, shared vectors, property tests, doctests, serde with users' features
	$(CARGO) test --workspace
	$(CARGO) test --manifest-path tests/serde-features/Cargo.toml --target-dir target/serde-features
	@# A library must not change its users' serde_json: only the additive raw_value.
	@if $(CARGO) tree -p connect-session -e features -i serde_json | grep -E 'feature "(preserve_order|arbitrary_precision)"'; then \
		echo "connect-session turns on a serde_json feature that changes its users' builds"; exit 1; fi

# docs/extending.md's claim, proven: one row adds a field to every language.
test-extending: cbindgen-tool $(PY_DEV_STAMP) ## in a copy of the tree, one new row reaches Rust, C, C++ and Python
	tests/extending/run.sh

test-slow: test-py-slow ## the property tests with many more cases (Rust and Python)
	PROPTEST_CASES=20000 $(CARGO) test --workspace --release

# Against a fresh `make install` in a temporary prefix (tests/check_readme.py says what it runs).
test-readme: develop examples-venv ## the README's quickstarts are the examples; its sessions, build lines and FastAPI example work as shown
	@work=$$(mktemp -d) && trap 'rm -rf "$$work"' EXIT && \
	{ $(MAKE) --no-print-directory -s install PREFIX="$$work/prefix" >"$$work/install.log" 2>&1 || \
		{ cat "$$work/install.log"; exit 1; }; } && \
	$(VENV_PY) tests/check_readme.py --prefix "$$work/prefix" --cmake "$(TEST_CMAKE)" \
		--fastapi-python $(EXAMPLES_VENV)/bin/python

update-vectors: ## rewrite the expected files of tests/vectors from the Rust implementation
	UPDATE_VECTORS=1 $(CARGO) test -p connect-session --test vectors

demo: demo-rust $(DEMO_TARGETS) ## build everything and run every example

demo-rust:
	$(CARGO) run -q -p connect-session --example quickstart

ci: lint test dist test-dist docs ## what CI runs (.ci/run: the same, after installing Doxygen)
