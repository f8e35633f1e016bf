"""`from_json` and `to_json` release the GIL for documents of 64 KiB or more (issue 10), so
a thread pool decoding large bodies uses every core; small documents keep it (releasing and
taking it back would cost more than the work).

How it is seen: the calls run inside one C-level loop (`map` of `methodcaller("__call__")`
over `functools.partial` objects, timestamps taken by `time.monotonic_ns` in the same
loop), during which no Python bytecode of this thread runs, so another thread can run
only if a call releases the GIL. A second thread appends timestamps as fast as it can; any
of them between the loop's first and last timestamp proves a release.
"""

from __future__ import annotations

import functools
import gc
import operator
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from connect_session import ConnectSessionCreate, _native

CALL = operator.methodcaller("__call__")
OWNERS = '"origin_owner_id":"o","origin_owner_name":"n"'


def large_document() -> bytes:
    text = "x" * (1024 * 1024)
    return ('{"metadata":{"text":"' + text + '","n":[1,2,3]},' + OWNERS + "}").encode()


@pytest.fixture
def witness() -> Iterator[list[int]]:
    """Timestamps taken by another thread whenever it holds the GIL."""
    stamps: list[int] = []
    stop = threading.Event()
    started = threading.Event()

    def spin() -> None:
        started.set()
        while not stop.is_set():
            stamps.append(time.monotonic_ns())
            time.sleep(0)

    thread = threading.Thread(target=spin, daemon=True)
    thread.start()
    started.wait()
    try:
        yield stamps
    finally:
        stop.set()
        thread.join()


def other_thread_ran_during(stamps: list[int], call: Callable[[], Any], rounds: int) -> bool:
    steps = [time.monotonic_ns, *[call] * rounds, time.monotonic_ns]
    # No garbage collection inside: it may run finalizers (Python code, after which the
    # interpreter may hand the GIL over) of objects other tests left behind.
    gc.disable()
    try:
        results = list(map(CALL, steps))
    finally:
        gc.enable()
    start, end = results[0], results[-1]
    return any(start < stamp < end for stamp in list(stamps))


def test_the_threshold_is_64_kib() -> None:
    assert _native.DETACH_BYTES == 64 * 1024


def test_from_json_of_a_large_document_releases_the_gil(witness: list[int]) -> None:
    data = large_document()
    read = functools.partial(ConnectSessionCreate.from_json, data)
    assert any(other_thread_ran_during(witness, read, rounds=10) for _ in range(50))
    as_str = functools.partial(ConnectSessionCreate.from_json, data.decode())
    assert any(other_thread_ran_during(witness, as_str, rounds=10) for _ in range(50))


def test_to_json_of_a_large_object_releases_the_gil(witness: list[int]) -> None:
    in_metadata = ConnectSessionCreate.from_json(large_document())
    # Most of it a text field, which is escaped as it is written (not a stored text).
    in_a_field = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n" * (1024 * 1024))
    for req in (in_metadata, in_a_field):
        for write in (req.to_json, functools.partial(req.to_json, indent=2)):
            assert any(other_thread_ran_during(witness, write, rounds=10) for _ in range(50))


@pytest.mark.parametrize("text", ["x", "é", "\u20ac", "\U0001f600", "\\n"], ids=repr)
def test_large_output_is_the_exact_text(text: str) -> None:
    # ASCII output is copied into its `str` with the GIL released; the rest is not.
    data = ('{"metadata":{"t":"' + text * 70_000 + '"},' + OWNERS + "}").encode()
    assert len(data) > _native.DETACH_BYTES
    req = ConnectSessionCreate.from_json(data)
    out = req.to_json()
    assert type(out) is str
    assert out.encode() == data
    assert out == data.decode()
    assert hash(out) == hash(data.decode())


@pytest.mark.parametrize("text", ["x", "é"], ids=repr)
def test_large_output_of_many_pieces_is_the_exact_text(text: str) -> None:
    # A large document is written piece by piece (metadata and extra values as stored,
    # the rest between them) into a str made to measure.
    big = text * 40_000
    data = (
        '{"categories":["ats"],"metadata":{"t":"'
        + big
        + '"},'
        + OWNERS
        + ',"provider":"'
        + big
        + '","x":{"u":["'
        + big
        + '"]},"y":1}'
    ).encode()
    req = ConnectSessionCreate.from_json(data)
    assert req.to_json().encode() == data
    assert ConnectSessionCreate.from_json(req.to_json(indent=1)) == req


def test_small_documents_keep_the_gil(witness: list[int]) -> None:
    data = ("{" + OWNERS + ',"metadata":{"t":"' + "x" * 1000 + '"}}').encode()
    read = functools.partial(ConnectSessionCreate.from_json, data)
    req = ConnectSessionCreate.from_json(data)
    for _ in range(5):
        assert not other_thread_ran_during(witness, read, rounds=2000)
        assert not other_thread_ran_during(witness, req.to_json, rounds=2000)


def test_large_documents_decode_correctly_on_many_threads() -> None:
    data = large_document()
    expected = ConnectSessionCreate.from_json(data).to_json()
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(10):
                req = ConnectSessionCreate.from_json(data)
                assert req.to_json() == expected
                assert ConnectSessionCreate.from_json(req.to_json()) == req
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
