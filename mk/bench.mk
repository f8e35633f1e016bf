# Benchmarks against the peers (issue 5). Not part of `make test`: timings belong here,
# never in unit tests. Everything is measured in one run and written to docs/benchmarks.md.

.PHONY: bench bench-rust bench-c bench-py

BENCH_TARGET_DIR = $(abspath $(or $(CARGO_TARGET_DIR),target))/bench
BENCH_OUT = $(BENCH_TARGET_DIR)/results

bench: bench-rust bench-c bench-py ## benchmarks against serde_json, pydantic and msgspec; writes docs/benchmarks.md
	$(VENV_PY) benches/report.py $(BENCH_OUT)/rust.jsonl $(BENCH_OUT)/python.jsonl \
		$(BENCH_OUT)/c.jsonl docs/benchmarks.md

bench-rust: ## Rust: from_json/to_json against a plain serde_json struct
	@mkdir -p $(BENCH_OUT)
	cd benches/rust && CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) $(CARGO) run -q --release --bin compare \
		> $(BENCH_OUT)/rust.jsonl
	cat $(BENCH_OUT)/rust.jsonl

bench-c: ffi-release venv ## C: the round trip through the C ABI against the same calls from Rust
	@mkdir -p $(BENCH_OUT)
	$(CC) -std=c99 -O2 -Iinclude benches/c/bench.c $(FFI_RELEASE_DIR)/libconnect_session.a \
		$(NATIVE_LIBS) -o $(BENCH_OUT)/bench_c
	cd benches/rust && CARGO_TARGET_DIR=$(BENCH_TARGET_DIR) $(CARGO) build -q --release --bin roundtrip
	@# The two sides in turn, twice on each CPU the process may use (one of this VM's CPUs
	@# can run much slower than the other for a while, and two programs started one after
	@# the other may land on different ones); report.py keeps each side's fastest.
	: > $(BENCH_OUT)/c.jsonl
	cpus=$$($(VENV_PY) -c 'import os; print(*sorted(os.sched_getaffinity(0)))'); \
	for round in 1 2; do for cpu in $$cpus; do \
		taskset -c $$cpu $(BENCH_OUT)/bench_c >> $(BENCH_OUT)/c.jsonl && \
		taskset -c $$cpu $(BENCH_TARGET_DIR)/release/roundtrip >> $(BENCH_OUT)/c.jsonl || exit 1; \
	done; done
	cat $(BENCH_OUT)/c.jsonl

# Prerequisites are named by phony target: this file is read before mk/c.mk and mk/python.mk,
# whose variables exist only in recipes here.
bench-py: develop ## Python: decode, encode, construct, read, memory against pydantic and msgspec
	@mkdir -p $(BENCH_OUT)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r benches/python/requirements.txt
	cd benches/python && $(abspath $(VENV_PY)) bench.py > $(BENCH_OUT)/python.jsonl
	cat $(BENCH_OUT)/python.jsonl
