# Hardening: resource limits, fuzzing, sanitizers and concurrency (issue 6).

.PHONY: test-limits test-c-tsan test-py-dev test-ffi-corpus-valgrind fuzz fuzz-build fuzz-cmin \
	fuzz-tools

TEST_TARGETS += test-limits test-c-tsan test-py-dev test-ffi-corpus-valgrind

HARD_TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
HOST_TRIPLE := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')

test-limits: ## resource limits in release mode: a 100 MB document, linear time, deep nesting, the memory bound
	$(CARGO) test --release -p connect-session --test limits --test memory
	$(CARGO) test --release -p connect-session-ffi --test memory

# --- ThreadSanitizer over the C ABI --------------------------------------------
# The Rust library is instrumented too (nightly -Zsanitizer=thread), so a race
# inside it is seen, not only one in the C test. Rust's std is not rebuilt
# (that needs rust-src), hence the ABI-mismatch allowance. gcc's own libtsan
# lacks entry points that rustc's LLVM emits, so the program links the TSan
# runtime that ships with the nightly toolchain.
TSAN_DIR := $(HARD_TARGET_DIR)/tsan
TSAN_OUT := $(HARD_TARGET_DIR)/c/tsan
TSAN_LIB := $(TSAN_DIR)/$(HOST_TRIPLE)/debug/libconnect_session.a
TSAN_RUSTFLAGS := -Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer
TSAN_CFLAGS := -std=c99 -Wall -Wextra -Wpedantic -Werror -g -O1 -fsanitize=thread -Iinclude

test-c-tsan: ## the C ABI from 8 threads under ThreadSanitizer, and a planted race it must report
	RUSTFLAGS="$(TSAN_RUSTFLAGS)" CARGO="$(CARGO) +nightly" mk/ffi-build.sh $(dir $(TSAN_LIB)) \
		--target $(HOST_TRIPLE) --target-dir $(TSAN_DIR)
	@mkdir -p $(TSAN_OUT)
	$(CC) $(TSAN_CFLAGS) -c tests/hardening/test_threads.c -o $(TSAN_OUT)/test_threads.o
	$(CC) $(TSAN_OUT)/test_threads.o $(TSAN_LIB) -Wl,--whole-archive \
		"$$(rustc +nightly --print sysroot)/lib/rustlib/$(HOST_TRIPLE)/lib/librustc-nightly_rt.tsan.a" \
		-Wl,--no-whole-archive $$(cat $(dir $(TSAN_LIB))connect_session.native-libs) -o $(TSAN_OUT)/test_threads
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 $(TSAN_OUT)/test_threads
	@TSAN_OPTIONS=exitcode=66 $(TSAN_OUT)/test_threads --race >$(TSAN_OUT)/race.log 2>&1; \
		status=$$?; grep -q 'ThreadSanitizer: data race' $(TSAN_OUT)/race.log && [ $$status -eq 66 ] \
		&& echo "planted race reported, as it must be" \
		|| { echo "test_threads --race exited $$status without a TSan report: TSan is not watching"; exit 1; }

# --- the Python suite in development mode ------------------------------------
# PYTHONMALLOC=debug checks every allocation the extension makes through
# Python's allocator; -X dev adds the interpreter's own checks; -W error turns
# any warning into a failure. The install test (a wheel built from a clean
# copy, already run by test-py) is left out: it builds in a subprocess.
test-py-dev: develop develop-3.12 ## the Python suite under PYTHONMALLOC=debug and -X dev, warnings as errors
	PYTHONMALLOC=debug PROPTEST_CASES=50 $(VENV_PY) -X dev -W error -m pytest -q -m "not install"

# --- the C ABI fuzz corpus under valgrind --------------------------------------
test-ffi-corpus-valgrind: ## replay the ffi_calls corpus under valgrind (leaks, invalid accesses)
	@bin=$$($(CARGO) test -p connect-session-ffi --test fuzz_ffi_corpus --no-run 2>&1 \
		| sed -n 's/.*Executable .*(\(.*\))$$/\1/p'); \
	[ -x "$$bin" ] || { echo "could not build the replay test"; exit 1; }; \
	echo "valgrind $$bin"; \
	valgrind --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=1 -q \
		"$$bin" --test-threads=1

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
		if [ "$$t" = memory_bound ]; then seeds="seeds/parse corpus/parse"; fi; \
		if [ -f fuzz/$$t.dict ]; then dict=-dict=$$t.dict; fi; \
		mkdir -p fuzz/corpus/$$t; \
		(cd fuzz && $(FUZZ_CARGO) run $$t corpus/$$t $$seeds -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 $$dict $(FUZZ_FLAGS)) || exit 1; \
	done

# Minimized to a set cover of the edges (hit counts ignored), which keeps the
# committed corpora to a few hundred small files.
fuzz-cmin: fuzz-build ## minimize each committed fuzz corpus in place
	@for t in $(FUZZ_TARGETS); do \
		(cd fuzz && $(FUZZ_CARGO) cmin $$t corpus/$$t -- -max_len=4096 \
			-set_cover_merge=1 -use_counters=0) || exit 1; \
	done
