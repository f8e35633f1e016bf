# Release artifacts (issue 23): `make dist` writes what users install into dist/ (mk/dist.sh
# says how each is made), and `make test-dist` checks each from a clean place (tests/dist/).

.PHONY: test-version

TEST_TARGETS += test-version

# CMake for the tests that build against an installed tree: the machine's, else the pinned
# one `make venv` installs from PyPI (as test-install does).
TEST_CMAKE = $(or $(CMAKE),$(shell command -v cmake),$(abspath $(VENV_BIN)/cmake))

test-version: ## one version: Cargo.toml's [workspace.package] is that of every crate, the header, the Python package and CHANGELOG's top entry
	CARGO="$(CARGO)" tests/dist/check_version.sh
