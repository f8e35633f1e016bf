# Release artifacts (issue 23): `make dist` writes what users install into dist/, and
# `make test-dist` checks each from a clean place.

# CMake for the tests that build against an installed tree: the machine's, else the pinned
# one `make venv` installs from PyPI (as test-install does).
TEST_CMAKE = $(or $(CMAKE),$(shell command -v cmake),$(abspath $(VENV_BIN)/cmake))
