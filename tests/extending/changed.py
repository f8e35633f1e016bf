"""Which files adding the row changed, and whether each is the table or generated.

`python3 changed.py BEFORE AFTER OUTPUTS`: BEFORE and AFTER are copies of the tree before
the row and after `make generate`; OUTPUTS is what `xtask list` printed in AFTER (a path and
a region per line, the region empty for a whole generated file). Every changed file but the
table must be the header cbindgen writes, a whole generated file, or a file whose changes
all lie between its GENERATED markers. Prints what changed; exits 1 on a hand-made change.
"""

from __future__ import annotations

import filecmp
import re
import sys
from pathlib import Path

TABLE = "crates/connect-session/src/models.rs"
HEADER = "include/connect_session.h"


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def outside(text: str, regions: list[str]) -> str:
    """The text with each named generated region emptied (its marker lines kept)."""
    for name in regions:
        key = re.escape(name)
        begin = rf"BEGIN GENERATED: {key} \(make generate\).*?\n"
        end = rf"\n[^\n]*END GENERATED: {key}\b"
        pattern = re.compile(f"({begin}).*?({end})", re.S)
        text, count = pattern.subn(r"\1\2", text)
        if count != 1:
            raise SystemExit(f"region {name!r} found {count} times")
    return text


def main() -> int:
    before, after, listing = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    whole: set[str] = set()
    regions: dict[str, list[str]] = {}
    for line in listing.read_text().splitlines():
        path, _, region = line.partition("\t")
        if region:
            regions.setdefault(path, []).append(region)
        else:
            whole.add(path)
    old, new = files(before), files(after)
    changed = sorted(
        p
        for p in old | new
        if p not in old or p not in new or not filecmp.cmp(before / p, after / p, shallow=False)
    )
    bad = []
    for path in changed:
        if path == TABLE:
            how = "the table (hand-edited)"
        elif path == HEADER or path in whole:
            how = "generated"
        elif path in regions and path in old and path in new:
            same = outside((before / path).read_text(), regions[path]) == outside(
                (after / path).read_text(), regions[path]
            )
            how = "generated regions" if same else "CHANGED OUTSIDE ITS GENERATED REGIONS"
            if not same:
                bad.append(path)
        else:
            how = "NOT GENERATED"
            bad.append(path)
        print(f"  {path}: {how}")
    if TABLE not in changed:
        print(f"  {TABLE} did not change: the row was not added")
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
