# API documentation: Doxygen HTML from the C and C++ headers, and the Rust
# core's rustdoc. Doxygen is the distribution's (apt-get install doxygen).

.PHONY: docs test-docs doxygen-tool

TEST_TARGETS += test-docs

DOCS_OUT := $(or $(CARGO_TARGET_DIR),target)/docs

doxygen-tool:
	@command -v doxygen >/dev/null || { \
		echo "doxygen is missing: apt-get install doxygen (or your distribution's package)"; exit 1; }

docs: doxygen-tool ## HTML reference of the C/C++ headers (Doxygen) and of the Rust crate (cargo doc)
	@mkdir -p $(DOCS_OUT)
	CS_VERSION=$(CS_VERSION) DOXYGEN_OUT=$(DOCS_OUT)/c doxygen docs/Doxyfile
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps -p connect-session
	@echo "C/C++: $(DOCS_OUT)/c/html/index.html"
	@echo "Rust:  $(or $(CARGO_TARGET_DIR),target)/doc/connect_session/index.html"

test-docs: doxygen-tool ## Doxygen over the headers with every warning an error (undocumented API, bad markup)
	@mkdir -p $(DOCS_OUT)
	CS_VERSION=$(CS_VERSION) DOXYGEN_OUT=$(DOCS_OUT)/c doxygen docs/Doxyfile
