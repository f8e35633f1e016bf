"""Creating and dropping a million objects must not grow the process, and no key read from
a document stays in memory (nothing a caller controls is interned)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from connect_session import ConnectSessionCreate, ValidationError
from support import REPO_ROOT

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


# --- untrusted keys --------------------------------------------------------------------------

# Run in a fresh interpreter (this one's, and Python 3.12's when pyenv has it): 20,000
# documents whose metadata and extra keys are random 2 KB strings, each read back through
# .metadata, .extra, to_dict() and repr(). Interned keys are never freed on CPython 3.12, so
# interning any of them would keep about 80 MB; nothing may stay.
KEYS_SCRIPT = """
import gc, json, os, random, string, sys
from connect_session import ConnectSessionCreate

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

rng = random.Random(7)
def churn(count):
    for _ in range(count):
        key = "".join(rng.choices(string.ascii_letters, k=2048))
        doc = json.dumps({"origin_owner_id": "o", "origin_owner_name": "n",
                          "metadata": {key: [key[:8]]}, key[::-1]: 1})
        req = ConnectSessionCreate.from_json(doc)
        _ = req.metadata, req.extra, req.to_dict(), repr(req)
churn(2000)
gc.collect()
before = rss()
churn(20000)
gc.collect()
print(rss() - before)
"""


def interpreters() -> list[str]:
    found = [sys.executable]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += sorted(str(p) for p in pyenv.glob("3.12*/bin/python3.12"))
    return found


@pytest.mark.parametrize("python", interpreters(), ids=lambda p: Path(p).parent.parent.name)
def test_untrusted_keys_do_not_stay_in_memory(python: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "python")}
    run = subprocess.run(
        [python, "-c", KEYS_SCRIPT], env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    grown = int(run.stdout.split()[-1])
    # Keeping the keys would be 20,000 x 2 x 2 KB = 80 MB.
    assert grown < 8 * 1024 * 1024, f"RSS grew by {grown / 1e6:.1f} MB on {python}"


def test_the_default_interpreter_and_3_12_are_both_checked() -> None:
    names = [Path(p).name for p in interpreters()]
    if not any(name == "python3.12" for name in names):
        pytest.skip("no Python 3.12 under pyenv on this machine")
    assert len(names) >= 2
