"""No module of a crate depends, directly or not, on itself (`make lint`).

A crate's modules are the `.rs` files of its `src/`; one depends on another
when its code (tests and comments aside) names `crate::<other>`, alone or in
a `use crate::{...}` group. A cycle is reported with the modules in it.
"""

from __future__ import annotations

import re
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = ["crates/connect-session", "crates/connect-session-ffi", "bindings/python"]


def code_of(path: Path) -> str:
    """The file's code: without its tests and without comments."""
    text = path.read_text().split("#[cfg(test)]")[0]
    return "\n".join(line.split("//")[0] for line in text.splitlines())


def named_modules(code: str) -> set[str]:
    names = set(re.findall(r"\bcrate::(\w+)", code))
    for group in re.findall(r"\bcrate::\{([^}]*)\}", code):
        names.update(re.findall(r"(?:^|,)\s*(\w+)", group))
    return names


def cycle_in(src: Path) -> list[str] | None:
    modules = {path.stem: path for path in src.glob("*.rs") if path.stem != "lib"}
    graph = {
        name: (named_modules(code_of(path)) & modules.keys()) - {name}
        for name, path in modules.items()
    }
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        return list(err.args[1])
    return None


def main() -> int:
    failed = False
    for crate in CRATES:
        cycle = cycle_in(ROOT / crate / "src")
        if cycle:
            print(f"{crate}: modules depend on each other: {' -> '.join(cycle)}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
