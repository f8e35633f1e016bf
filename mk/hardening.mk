# Hardening: resource limits, fuzzing, sanitizers and concurrency (issue 6).

.PHONY: test-limits fuzz fuzz-build fuzz-cmin fuzz-tools

TEST_TARGETS += test-limits

test-limits: ## resource limits in release mode: a 100 MB document, linear time, deep nesting
	$(CARGO) test --release -p connect-session --test limits

# --- fuzzing (nightly; not part of `make test`) --------------------------------
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(basename $(notdir $(wildcard fuzz/fuzz_targets/*.rs)))
FUZZ_FLAGS ?= -rss_limit_mb=2048 -print_final_stats=1
FUZZ_TOOLS := $(CURDIR)/target/fuzz-tools
FUZZ_CARGO = PATH="$(FUZZ_TOOLS)/bin:$$PATH" $(CARGO) +nightly fuzz
FUZZ_SEEDS := fuzz/seeds/parse

fuzz-tools: ## install cargo-fuzz under target/ if it is not on PATH
	@PATH="$(FUZZ_TOOLS)/bin:$$PATH" $(CARGO) +nightly fuzz --version >/dev/null 2>&1 || \
		$(CARGO) install cargo-fuzz --locked --root "$(FUZZ_TOOLS)"

fuzz-build: fuzz-tools
	cd fuzz && $(FUZZ_CARGO) build

# The shared vectors' inputs seed the parse fuzzer alongside the committed corpus.
$(FUZZ_SEEDS): $(wildcard tests/vectors/*/input.json)
	rm -rf $@ && mkdir -p $@
	for d in tests/vectors/*/; do cp "$$d/input.json" "$@/$$(basename $$d)"; done

fuzz: fuzz-build $(FUZZ_SEEDS) ## run each fuzz target for FUZZ_SECONDS seconds (default 60)
	@for t in $(FUZZ_TARGETS); do \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		seeds=""; dict=""; \
		if [ "$$t" = parse ]; then seeds=seeds/parse; fi; \
		if [ -f fuzz/$$t.dict ]; then dict=-dict=$$t.dict; fi; \
		mkdir -p fuzz/corpus/$$t; \
		(cd fuzz && $(FUZZ_CARGO) run $$t corpus/$$t $$seeds -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 $$dict $(FUZZ_FLAGS)) || exit 1; \
	done

fuzz-cmin: fuzz-build ## minimize each committed fuzz corpus in place
	@for t in $(FUZZ_TARGETS); do \
		(cd fuzz && $(FUZZ_CARGO) cmin $$t corpus/$$t -- -max_len=4096) || exit 1; \
	done
