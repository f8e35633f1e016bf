"""Checks that the README's quickstarts are the examples CI builds and runs, and that
its model table lists exactly the core's fields.

The C, C++ and Python blocks must be the example files exactly, in order; the Rust block
is the body of the Rust example's main, so each of its lines must appear there.
Prints 'N passed, N failed' and exits non-zero on any failure.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "c": [ROOT / "examples/quickstart.c"],
    "cpp": [ROOT / "examples/quickstart.cpp"],
    "python": [ROOT / "examples/quickstart.py", ROOT / "examples/pydantic_fastapi.py"],
}
RUST_EXAMPLE = ROOT / "crates/connect-session/examples/quickstart.rs"
# Generated from the core's field table and kept current by the Rust tests.
SCHEMA = ROOT / "docs/connect_session_create.schema.json"


def blocks(readme: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", readme, flags=re.S | re.M)


def main() -> int:
    readme = (ROOT / "README.md").read_text()
    failures = []
    passed = 0
    for lang, paths in EXAMPLES.items():
        found = blocks(readme, lang)
        if [b.strip() for b in found] == [path.read_text().strip() for path in paths]:
            passed += 1
        else:
            names = ", ".join(str(path.relative_to(ROOT)) for path in paths)
            failures.append(f"README's {lang} blocks are not {names}")
    rust_lines = {line.strip() for line in RUST_EXAMPLE.read_text().splitlines()}
    rust_blocks = blocks(readme, "rust")
    missing = [
        line
        for block in rust_blocks
        for line in block.splitlines()
        if line.strip() and line.strip() not in rust_lines
    ]
    if len(rust_blocks) == 1 and not missing:
        passed += 1
    else:
        failures.append(f"README's rust block differs from the example: {missing}")
    fields = json.loads(SCHEMA.read_text())["properties"]
    model = readme.split("## The model", 1)[-1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", model, flags=re.M))
    if rows == set(fields):
        passed += 1
    else:
        failures.append(f"README's model table has {sorted(rows)}, the core {sorted(fields)}")
    for failure in failures:
        print(failure)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
