"""One object hammered from many threads: reads, writes, refused writes and serialization.

Every value written is internally consistent (a metadata dict carries its own checksum, a
provider string repeats one token, a category list repeats one member), so any torn or
mixed-up value read back by any thread is caught. The interpreter is asked to switch
threads as often as it can while the test runs.
"""

from __future__ import annotations

import contextlib
import copy
import faulthandler
import json
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from connect_session import ConnectSessionCreate, ConnectSessionCreateCategories, ValidationError

Category = ConnectSessionCreateCategories
THREADS = 8
ROUNDS = 2000
# A deadlock (a thread that waits for a lock while it holds the GIL) would hang the
# interpreter for good; past this many seconds every thread's stack is written to
# DEADLOCK_REPORT and the process exits with status 1, so the suite fails instead of hanging.
DEADLOCK_SECONDS = 120
DEADLOCK_REPORT = Path(__file__).resolve().parents[2] / "target" / "test_threads_deadlock.txt"


@pytest.fixture(autouse=True)
def switch_often() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def metadata_for(n: int, i: int) -> dict[str, Any]:
    items = [n * 1_000_003 + i + k for k in range(i % 7)]
    return {
        "thread": n,
        "round": i,
        "items": items,
        "nested": {"sum": sum(items), "text": f"t{n}-{i}"},
        "big": 10**30 + n,
    }


def metadata_ok(metadata: Mapping[str, Any] | None) -> bool:
    if metadata is None:
        return True
    n, i = metadata["thread"], metadata["round"]
    return metadata == metadata_for(n, i)


def provider_for(n: int, i: int) -> str:
    return f"<{n}:{i}>" * (1 + i % 50)


def provider_ok(provider: str | None) -> bool:
    if provider is None:
        return True
    token = provider[: provider.index(">") + 1]
    return provider == token * (len(provider) // len(token))


def categories_ok(categories: Sequence[Category] | None) -> bool:
    return categories is None or len(set(categories)) <= 1


def expires_ok(expires_in: float | None) -> bool:
    return expires_in is None or (expires_in > 0 and expires_in == int(expires_in))


def consistent(obj: ConnectSessionCreate) -> None:
    assert obj.origin_owner_id == "owner"
    assert obj.origin_owner_name in {"name", "other name"}
    assert metadata_ok(obj.metadata)
    assert provider_ok(obj.provider)
    assert categories_ok(obj.categories)
    assert expires_ok(obj.expires_in)
    assert obj.extra in ({}, {"beta": {"on": True}}, {"beta": {"on": False}})


def consistent_json(text: str) -> None:
    assert json.loads(text)["origin_owner_id"] == "owner"
    consistent(ConnectSessionCreate.from_json(text))


def hammer(workers: Sequence[Callable[[int], None]]) -> None:
    """Runs each worker in its own thread (all released at once) and re-raises failures."""
    start = threading.Barrier(len(workers))
    failures: list[BaseException] = []

    def run(work: Callable[[int], None], n: int) -> None:
        try:
            start.wait()
            work(n)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(w, n)) for n, w in enumerate(workers)]
    DEADLOCK_REPORT.parent.mkdir(exist_ok=True)
    with DEADLOCK_REPORT.open("w") as report:
        faulthandler.dump_traceback_later(DEADLOCK_SECONDS, exit=True, file=report)
        try:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            faulthandler.cancel_dump_traceback_later()
    DEADLOCK_REPORT.unlink()
    if failures:
        raise failures[0]


def test_one_object_written_and_read_by_many_threads() -> None:
    shared = ConnectSessionCreate(origin_owner_id="owner", origin_owner_name="name")
    reads_lock = threading.Lock()
    reads = [0]

    def writer(n: int) -> None:
        for i in range(ROUNDS):
            shared.metadata = metadata_for(n, i)
            shared.provider = provider_for(n, i)
            shared.categories = [list(Category)[(n + i) % len(Category)]] * (i % 4)
            shared.expires_in = n * 10_000 + i + 1
            shared.origin_owner_name = "other name" if i % 2 else "name"
            # Refused writes leave the field as it was, whole.
            with pytest.raises(ValidationError):
                shared.categories = ["ats", "nope"]
            with pytest.raises(ValidationError):
                shared.expires_in = -1
            with pytest.raises(ValidationError):
                shared.metadata = {"bad": float("nan")}
            if i % 10 == 0:
                shared.metadata = None
                shared.provider = None
                shared.categories = None

    def reader(n: int) -> None:
        for _ in range(ROUNDS):
            consistent(shared)
            consistent_json(shared.to_json())
            consistent_json(shared.to_json(indent=2))
            consistent(ConnectSessionCreate.from_dict(shared.to_dict()))
            consistent(copy.copy(shared))
            consistent(copy.deepcopy(shared))
            consistent(pickle.loads(pickle.dumps(shared)))
            assert repr(shared).startswith("ConnectSessionCreate(")
            assert shared == shared
            with reads_lock:
                reads[0] += 1

    hammer([writer] * (THREADS // 2) + [reader] * (THREADS // 2))
    consistent(shared)
    assert reads[0] == ROUNDS * (THREADS // 2)


def test_whole_documents_replaced_while_read() -> None:
    # Each thread parses documents and swaps them into its own slot of a shared list
    # while the others read every slot: objects cross threads freely.
    slots = [ConnectSessionCreate(origin_owner_id="owner", origin_owner_name="name")] * THREADS

    def work(n: int) -> None:
        for i in range(ROUNDS):
            doc = {
                "origin_owner_id": "owner",
                "origin_owner_name": "name",
                "metadata": metadata_for(n, i),
                "provider": provider_for(n, i),
                "categories": ["hrisLegacy"] * (i % 3),
                "expires_in": i + 1,
                "beta": {"on": bool(i % 2)},
            }
            slots[n] = ConnectSessionCreate.from_json(json.dumps(doc))
            other = slots[(n + 1 + i) % THREADS]
            consistent(other)
            consistent_json(other.to_json())
            with contextlib.suppress(ValidationError):
                ConnectSessionCreate.from_json(b'{"origin_owner_id":"owner","x":' + b"[" * 200)

    hammer([work] * THREADS)
    for obj in slots:
        consistent(obj)


def test_every_thread_keeps_its_own_errors() -> None:
    # Errors raised at the same moment on different threads are never mixed up.
    docs = [
        ('{"origin_owner_id":', "syntax"),
        ('{"origin_owner_name":"n"}', "missing_field"),
        ('{"origin_owner_id":1,"origin_owner_name":"n"}', "invalid_type"),
        ('{"origin_owner_id":"o","origin_owner_name":"n","expires_in":0}', "invalid_value"),
    ]

    def work(n: int) -> None:
        for i in range(ROUNDS):
            text, kind = docs[(n + i) % len(docs)]
            with pytest.raises(ValidationError) as info:
                ConnectSessionCreate.from_json(text)
            assert [e["type"] for e in info.value.errors()] == [kind]

    hammer([work] * THREADS)


def nested(depth: int, objects: bool) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = {"a": value} if objects else [value]
    return value


def nested_json(depth: int, objects: bool) -> str:
    opener, closer = ('{"a":', "}") if objects else ("[", "]")
    return f"{opener * depth}1{closer * depth}"


def deep_attempts(objects: bool) -> list[Callable[[], object]]:
    """Every way a deep value can enter the model."""
    deep = nested(100_000, objects)
    text = nested_json(100_000, objects)

    def assign() -> None:
        obj = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n")
        obj.metadata = {"m": deep}

    return [
        lambda: ConnectSessionCreate(
            origin_owner_id="o", origin_owner_name="n", metadata={"m": deep}
        ),
        assign,
        lambda: ConnectSessionCreate.from_dict(
            {"origin_owner_id": "o", "origin_owner_name": "n", "categories": deep}
        ),
        lambda: ConnectSessionCreate.from_dict(
            {"origin_owner_id": "o", "origin_owner_name": "n", "x": deep}
        ),
        lambda: ConnectSessionCreate.from_json(
            '{"origin_owner_id":"o","origin_owner_name":"n","m":' + text + "}"
        ),
    ]


def test_deep_nesting_on_a_small_thread_stack() -> None:
    # 100,000 levels (and a dict that holds itself) given every way in, on a thread with a
    # 256 KiB stack: each is refused as too deep, and the interpreter never overflows.
    cycle: dict[str, Any] = {}
    cycle["self"] = cycle
    kinds: list[list[str]] = []

    def work(_: int) -> None:
        attempts = deep_attempts(objects=True) + deep_attempts(objects=False)
        attempts.append(
            lambda: ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", metadata=cycle)
        )
        for attempt in attempts:
            with pytest.raises(ValidationError) as info:
                attempt()
            kinds.append([e["type"] for e in info.value.errors()])

    before = threading.stack_size(256 * 1024)
    try:
        hammer([work])
    finally:
        threading.stack_size(before)
    assert kinds == [["too_deep"]] * 11
