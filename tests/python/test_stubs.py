"""The generated parts of the stubs match the built module's tables (see stubs.py). When a
field, category or type is added to the core, this fails until `make stubs` is run."""

from __future__ import annotations

from pathlib import Path

import pytest

import stubs


@pytest.mark.parametrize(
    ("stub", "name", "rendered"), stubs.parts(), ids=[f"{p.name}:{n}" for p, n, _ in stubs.parts()]
)
def test_generated_part_is_current(stub: Path, name: str, rendered: str) -> None:
    text = stub.read_text()
    assert stubs.current(text, name) == rendered, f"stale stub part {name!r}: run `make stubs`"


def test_every_field_is_in_the_generated_part() -> None:
    part = stubs.render_fields()
    for name, _, _, _ in stubs._fields():
        assert f"def {name}(self) ->" in part
        assert f"        {name}: " in part


def test_the_check_reports_a_stale_part() -> None:
    text = stubs.NATIVE_STUB.read_text()
    stale = stubs.rewrite(text, "fields", "    def removed(self) -> None: ...\n")
    assert stubs.current(stale, "fields") != stubs.render_fields()
    assert stubs.current(stubs.rewrite(stale, "fields", stubs.render_fields()), "fields") == (
        stubs.current(text, "fields")
    )
