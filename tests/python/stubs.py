"""The generated parts of the stubs, rendered from the core's tables as the built module
exports them (``_native.FIELDS``, ``CATEGORY_VALUES``, ``TYPE_VALUES``).

Each generated part sits between a ``BEGIN GENERATED`` and an ``END GENERATED`` line of its
stub; everything else in the stubs is written by hand. ``test_stubs.py`` fails when a part
is stale; rewrite them with::

    make stubs        # runs: .venv/bin/python tests/python/stubs.py --write
"""

from __future__ import annotations

import sys
from pathlib import Path

from connect_session import _enums, _native

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "connect_session"
NATIVE_STUB = PACKAGE / "_native.pyi"
ENUMS_STUB = PACKAGE / "_enums.pyi"

BEGIN = "# BEGIN GENERATED {name}: `make stubs` rewrites this part from the built module\n"
END = "# END GENERATED {name}\n"


def _span(text: str, name: str) -> tuple[int, int]:
    """Where the generated part sits: from the line after BEGIN to the start of END's line."""
    begin, end = BEGIN.format(name=name), END.format(name=name)
    start = text.index(begin) + len(begin)
    stop = text.rfind("\n", start, text.index(end, start)) + 1
    return start, max(start, stop)


# The Python type of each kind of field: as read, and as accepted on assignment.
READ = {
    "text": "str",
    "boolean": "bool",
    "seconds": "float",
    "categories": "Sequence[ConnectSessionCreateCategories]",
    "object": "Mapping[str, Any]",
    "type": "ConnectSessionCreateType | str",
}
WRITE = {
    "text": "str",
    "boolean": "bool",
    "seconds": "float",
    "categories": "_Categories",
    "object": "dict[str, Any]",
    "type": "ConnectSessionCreateType | str",
}
INDENT = "    "


def _optional(annotation: str, required: bool) -> str:
    return annotation if required else f"{annotation} | None"


def _fields() -> list[tuple[str, str, bool, str]]:
    return [(name, kind, required, doc) for name, kind, required, doc in _native.FIELDS]


def render_fields() -> str:
    """The constructor (``__new__``, and ``__init__``, which makes an object anew), ``replace``
    and the attributes of ``ConnectSessionCreate``."""
    fields = _fields()
    ordered = [f for f in fields if f[2]] + [f for f in fields if not f[2]]
    lines = []
    for method, first, returns in (("__new__", "cls", "Self"), ("__init__", "self", "None")):
        lines += [f"{INDENT}def {method}(", f"{INDENT * 2}{first},", f"{INDENT * 2}*,"]
        for name, kind, required, _ in ordered:
            default = "" if required else " = None"
            lines.append(f"{INDENT * 2}{name}: {_optional(WRITE[kind], required)}{default},")
        lines.append(f"{INDENT}) -> {returns}: ...")
    for method in ("replace", "__replace__"):
        lines += [f"{INDENT}def {method}(", f"{INDENT * 2}self,", f"{INDENT * 2}*,"]
        for name, kind, required, _ in ordered:
            lines.append(f"{INDENT * 2}{name}: {_optional(WRITE[kind], required)} = ...,")
        lines.append(f"{INDENT}) -> Self: ...")
    for name, kind, required, _ in fields:
        lines += [
            f"{INDENT}@property",
            f"{INDENT}def {name}(self) -> {_optional(READ[kind], required)}: ...",
            f"{INDENT}@{name}.setter",
            f"{INDENT}def {name}(self, value: {_optional(WRITE[kind], required)}) -> None: ...",
        ]
    return "\n".join(lines) + "\n"


def render_members(values: tuple[str, ...]) -> str:
    lines = [f'{INDENT}{_enums.member_name(value)} = "{value}"' for value in values]
    return "\n".join(lines) + "\n"


def parts() -> list[tuple[Path, str, str]]:
    """(stub, part name, rendered text) for every generated part."""
    return [
        (NATIVE_STUB, "fields", render_fields()),
        (ENUMS_STUB, "categories", render_members(_native.CATEGORY_VALUES)),
        (ENUMS_STUB, "types", render_members(_native.TYPE_VALUES)),
    ]


def current(text: str, name: str) -> str:
    """The text of a generated part as the stub holds it."""
    start, stop = _span(text, name)
    return text[start:stop]


def rewrite(text: str, name: str, rendered: str) -> str:
    start, stop = _span(text, name)
    return text[:start] + rendered + text[stop:]


def main(argv: list[str]) -> int:
    write = argv[1:] == ["--write"]
    stale = []
    for stub, name, rendered in parts():
        text = stub.read_text()
        if current(text, name) != rendered:
            stale.append(f"{stub.name}: {name}")
            if write:
                stub.write_text(rewrite(text, name, rendered))
    for entry in stale:
        print(("rewrote " if write else "stale: ") + entry)
    return 0 if write or not stale else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
