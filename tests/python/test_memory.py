"""Creating and dropping a million objects must not grow the process, and no key read from
a document stays in memory (nothing a caller controls is interned)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import churn
from support import REPO_ROOT

HERE = Path(__file__).resolve().parent


def interpreters() -> list[str]:
    """This interpreter, and Python 3.12 when pyenv has it (interned strings are never freed
    there, so it is where keeping caller-controlled keys would show)."""
    found = [sys.executable]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += sorted(str(p) for p in pyenv.glob("3.12*/bin/python3.12"))
    return found


@pytest.mark.parametrize(
    "python",
    [None, *interpreters()[1:]],
    ids=lambda p: "in-process" if p is None else Path(p).parent.parent.name,
)
def test_a_million_objects_do_not_grow_memory(python: str | None) -> None:
    if python is None:
        grown = churn.growth(1_000_000)
    else:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "python"), str(HERE)])}
        run = subprocess.run(
            [python, str(HERE / "churn.py"), "1000000"],
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert run.returncode == 0, run.stderr
        grown = int(run.stdout.split()[-1])
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
