"""Creating and dropping objects along every path that allocates, and the resident set size:
shared by test_memory.py, which runs it here and in a fresh Python 3.12 (this module imports
nothing but connect_session, so an interpreter without pytest can run it)."""

from __future__ import annotations

import gc
import os
import sys
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
            type="test" if i % 2 else "sandbox",
        )
        if i % 8 == 0:
            req.expires_in = i + 1
            req.multiple = True
            back = ConnectSessionCreate.from_json(req.to_json())
            _ = back.metadata, back.categories, back.extra, back.to_dict(), repr(back), back.type
            _ = back.replace(label="l", provider=None)
        if i % 16 == 0:
            try:
                req.categories = ["nope", {1}]  # type: ignore[assignment]
            except ValidationError as exc:
                _ = exc.errors(), exc.json()
            try:
                req.replace(multiple=1)  # type: ignore[arg-type]
            except ValidationError as exc:
                _ = str(exc)


def growth(count: int) -> int:
    """RSS growth over `count` objects, after a warm-up (caches, allocator arenas)."""
    churn(count // 10)
    gc.collect()
    before = rss_bytes()
    churn(count)
    gc.collect()
    return rss_bytes() - before


if __name__ == "__main__":
    print(growth(int(sys.argv[1])))
