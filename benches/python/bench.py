"""Python benchmarks: connect-session against pydantic v2 and msgspec, measured in one run.

Prints one JSON object per measurement on stdout: {"op", "payload", "impl", "median_ns"};
`benches/report.py` turns them into the table of docs/benchmarks.md.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
import timeit
from typing import Any, Callable

from peers import MSGSPEC_DECODER, MSGSPEC_ENCODER, Category, MsgspecModel, PydanticModel

from connect_session import ConnectSessionCreate, ConnectSessionCreateCategories

REFERENCE = (
    b'{"categories":["ats","hris","hris-legacy","crm"],"expires_in":1800,"metadata":'
    b'{"source":"onboarding","tenant":{"id":"t-42","tier":"gold"},"tags":["a","b"],"retries":3},'
    b'"origin_owner_id":"owner-8f3c2a","origin_owner_name":"Acme Corporation",'
    b'"origin_username":"jane.doe@acme.example","provider":"hibob"}'
)
MINIMAL = b'{"origin_owner_id":"owner-1","origin_owner_name":"Acme"}'
REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))


def median_ns(fn: Callable[[], Any]) -> float:
    """Median time of one call, in nanoseconds, over REPEATS timed batches."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(number, 1000)
    runs = timer.repeat(repeat=REPEATS, number=number)
    return statistics.median(runs) / number * 1e9


def emit(op: str, payload: str, impl: str, value: float, unit: str = "ns") -> None:
    print(json.dumps({"op": op, "payload": payload, "impl": impl, "median": value, "unit": unit}))
    sys.stdout.flush()


def keyword_args(categories: list[Any]) -> dict[str, Any]:
    return {
        "origin_owner_id": "owner-8f3c2a",
        "origin_owner_name": "Acme Corporation",
        "categories": categories,
        "expires_in": 1800,
        "metadata": {
            "source": "onboarding",
            "tenant": {"id": "t-42", "tier": "gold"},
            "tags": ["a", "b"],
            "retries": 3,
        },
        "origin_username": "jane.doe@acme.example",
        "provider": "hibob",
    }


def read_all(m: Any) -> tuple[Any, ...]:
    return (
        m.categories,
        m.expires_in,
        m.metadata,
        m.origin_owner_id,
        m.origin_owner_name,
        m.origin_username,
        m.provider,
    )


def check_same_content() -> None:
    """The three implementations must agree on what they decode before they are timed."""
    ours = ConnectSessionCreate.from_json(REFERENCE)
    assert ours.to_json().encode() == REFERENCE
    theirs = PydanticModel.model_validate_json(REFERENCE)
    assert json.loads(theirs.model_dump_json(exclude_none=True)) == json.loads(REFERENCE)
    assert json.loads(MSGSPEC_ENCODER.encode(MSGSPEC_DECODER.decode(REFERENCE))) == json.loads(
        REFERENCE
    )


def speed() -> None:
    cats = ["ats", "hris", "hris-legacy", "crm"]
    for payload, data in (("reference", REFERENCE), ("minimal", MINIMAL)):
        emit("decode", payload, "connect_session", median_ns(lambda: ConnectSessionCreate.from_json(data)))
        emit("decode", payload, "pydantic", median_ns(lambda: PydanticModel.model_validate_json(data)))
        emit("decode", payload, "msgspec", median_ns(lambda: MSGSPEC_DECODER.decode(data)))

    ours = ConnectSessionCreate.from_json(REFERENCE)
    theirs = PydanticModel.model_validate_json(REFERENCE)
    struct = MSGSPEC_DECODER.decode(REFERENCE)
    emit("encode", "reference", "connect_session", median_ns(lambda: ours.to_json()))
    emit("encode", "reference", "pydantic", median_ns(lambda: theirs.model_dump_json(exclude_none=True)))
    emit("encode", "reference", "msgspec", median_ns(lambda: MSGSPEC_ENCODER.encode(struct)))

    our_kw = keyword_args([ConnectSessionCreateCategories(c) for c in cats])
    peer_kw = keyword_args([Category(c) for c in cats])
    emit("construct", "reference", "connect_session", median_ns(lambda: ConnectSessionCreate(**our_kw)))
    emit("construct", "reference", "pydantic", median_ns(lambda: PydanticModel(**peer_kw)))
    emit("construct", "reference", "msgspec", median_ns(lambda: MsgspecModel(**peer_kw)))

    emit("read_attributes", "reference", "connect_session", median_ns(lambda: read_all(ours)))
    emit("read_attributes", "reference", "pydantic", median_ns(lambda: read_all(theirs)))
    emit("read_attributes", "reference", "msgspec", median_ns(lambda: read_all(struct)))


# Large bodies: from_json and to_json release the GIL from 64 KiB on, so two threads
# decoding (or encoding) large documents should take about half the time per document of one.
LARGE = (
    b'{"metadata":{"text":"' + b"x" * (1024 * 1024) + b'","n":[1,2,3]},'
    b'"origin_owner_id":"o","origin_owner_name":"n"}'
)
LARGE_DOCS = 200


def per_document_ns(work: Callable[[], Any], threads: int) -> float:
    """Wall time per document of LARGE_DOCS documents shared among `threads` threads."""
    import threading

    def run(count: int) -> None:
        for _ in range(count):
            work()

    best = float("inf")
    for _ in range(REPEATS):
        pool = [threading.Thread(target=run, args=(LARGE_DOCS // threads,)) for _ in range(threads)]
        start = time.perf_counter_ns()
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        best = min(best, (time.perf_counter_ns() - start) / LARGE_DOCS)
    return best


def threads() -> None:
    """`<op>_two_threads`: connect_session is two threads, `one_thread` the same work on one."""
    req = ConnectSessionCreate.from_json(LARGE)
    for op, work in (
        ("decode_large_two_threads", lambda: ConnectSessionCreate.from_json(LARGE)),
        ("encode_large_two_threads", req.to_json),
    ):
        emit(op, "1mib", "one_thread", per_document_ns(work, 1))
        emit(op, "1mib", "connect_session", per_document_ns(work, 2))


MEMORY_INSTANCES = 200_000


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def memory_child(impl: str) -> None:
    """Runs in a fresh interpreter: bytes of RSS per live instance decoded from the reference."""
    decode: Callable[[bytes], Any] = {
        "connect_session": ConnectSessionCreate.from_json,
        "pydantic": PydanticModel.model_validate_json,
        "msgspec": MSGSPEC_DECODER.decode,
    }[impl]
    decode(REFERENCE)
    gc.collect()
    before = rss_bytes()
    # Distinct input bytes per instance, so no implementation can share one decoded object.
    docs = [REFERENCE.replace(b"owner-8f3c2a", b"o-%010d" % i) for i in range(MEMORY_INSTANCES)]
    baseline = rss_bytes()
    live = [decode(d) for d in docs]
    gc.collect()
    after = rss_bytes()
    assert len(live) == MEMORY_INSTANCES
    print((after - baseline) / MEMORY_INSTANCES, before)


def memory() -> None:
    for impl in ("connect_session", "pydantic", "msgspec"):
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", impl],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        emit("memory_per_instance", "reference", impl, float(out[0]), unit="bytes")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--memory-child"]:
        memory_child(sys.argv[2])
    else:
        check_same_content()
        speed()
        threads()
        memory()
