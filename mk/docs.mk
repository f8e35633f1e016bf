# API documentation: Doxygen HTML from the C and C++ headers, and the Rust
# core's rustdoc. Doxygen is the distribution's (apt-get install doxygen), so
# `make docs` is not part of `make test`: a fresh machine has no Doxygen, and
# CI installs it before it runs `make docs` (.ci/run).

.PHONY: docs test-doc-refs doxygen-tool

TEST_TARGETS += test-doc-refs

DOCS_OUT := $(or $(CARGO_TARGET_DIR),target)/docs

doxygen-tool:
	@command -v doxygen >/dev/null || { \
		echo "make docs needs doxygen: apt-get install doxygen (or your distribution's package)"; exit 1; }

docs: doxygen-tool ## HTML reference of the C/C++ headers (Doxygen, every warning an error) and of the Rust crate (cargo doc)
	@mkdir -p $(DOCS_OUT)
	CS_VERSION=$(CS_VERSION) DOXYGEN_OUT=$(DOCS_OUT)/c doxygen docs/Doxyfile
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps -p connect-session
	@echo "C/C++: $(DOCS_OUT)/c/html/index.html"
	@echo "Rust:  $(or $(CARGO_TARGET_DIR),target)/doc/connect_session/index.html"

test-doc-refs: ## no file cites a contract outside the repository
	@# The contract is docs/contract.md; a file outside the repository is nowhere in a clone.
	@! grep -rnE 'SPEC[ ]section|shared/SP[E]C' README.md CHANGELOG.md Makefile mk crates bindings python \
		include tests examples fuzz/invariants fuzz/fuzz_targets docs --exclude-dir=target || \
		{ echo "cite docs/contract.md (same section numbers) instead"; exit 1; }
