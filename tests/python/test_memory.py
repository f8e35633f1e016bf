"""Creating and dropping a million objects must not grow the process."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from connect_session import ConnectSessionCreate, ValidationError

STATM = Path("/proc/self/statm")


def rss_bytes() -> int:
    """The resident set size now (not the peak)."""
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def churn(count: int) -> None:
    """Creates and drops `count` objects, along every path that allocates."""
    for i in range(count):
        req = ConnectSessionCreate(
            origin_owner_id="owner",
            origin_owner_name="name",
            categories=["ats", "hrisLegacy"],
            metadata={"i": i, "tags": ["a", "b"], "big": 10**30},
        )
        if i % 8 == 0:
            req.expires_in = i + 1
            back = ConnectSessionCreate.from_json(req.to_json())
            _ = back.metadata, back.categories, back.extra, back.to_dict(), repr(back)
        if i % 16 == 0:
            try:
                req.categories = ["nope", {1}]  # type: ignore[assignment]
            except ValidationError as exc:
                _ = exc.errors()


def test_a_million_objects_do_not_grow_memory() -> None:
    churn(100_000)  # warm up: caches, interned strings, allocator arenas
    gc.collect()
    before = rss_bytes()
    churn(1_000_000)
    gc.collect()
    grown = rss_bytes() - before
    # A leak of even 8 bytes per object would be 8 MB.
    assert grown < 4 * 1024 * 1024, f"RSS grew by {grown / 1e6:.1f} MB"
