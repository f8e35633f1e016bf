"""The JSON Schema of the wire format (contract section 7) against the shared vectors,
checked with a real validator: every valid document validates, and every document refused
for a field's type, value or absence does not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import connect_session
from connect_session import _native
from support import CASES, model_name, schema_file

# What a schema can say: a field's type, value and presence. Syntax, duplicate keys,
# depth, strict mode's unknown keys and the range of doubles are stated in its
# descriptions instead.
SCHEMA_KINDS = {"missing_field", "invalid_type", "invalid_value"}


def schema(model: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_file(model).read_text())
    return loaded


def validator(case: Path) -> Draft202012Validator:
    """The validator of the case's model's schema, checking formats (date-time)."""
    return Draft202012Validator(
        schema(model_name(case)), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def document(case: Path) -> Any:
    """The input as Python values, or None where it is not JSON Python reads alike."""

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("repeated key")
        return dict(pairs)

    try:
        return json.loads(case.joinpath("input.json").read_bytes(), object_pairs_hook=no_repeats)
    except (ValueError, RecursionError):
        return None


def refused_by_field_rules(case: Path) -> bool:
    if case.joinpath("mode").exists():
        return False
    errors = json.loads(case.joinpath("errors.json").read_text())
    # An integer written with a fraction or an exponent (7.0) is refused by its text, which
    # JSON Schema cannot see (it counts 7.0 as an integer); the schema's description says so.
    return all(
        e["type"] in SCHEMA_KINDS
        and "double" not in e["msg"]
        and "fraction or an exponent" not in e["msg"]
        for e in errors
    ) and isinstance(document(case), dict)


@pytest.mark.parametrize("model", list(_native.MODELS))
def test_the_class_gives_the_checked_in_schema(model: str) -> None:
    assert getattr(connect_session, model).json_schema() == schema(model)
    Draft202012Validator.check_schema(schema(model))


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.name.startswith("valid_")], ids=lambda c: c.name
)
def test_valid_documents_validate(case: Path) -> None:
    doc = document(case)
    assert doc is not None, "a valid vector Python cannot read"
    errors = list(validator(case).iter_errors(doc))
    assert errors == [], [e.message for e in errors]


REFUSED = [c for c in CASES if c.name.startswith("invalid_") and refused_by_field_rules(c)]


def test_there_are_refused_documents_to_check() -> None:
    assert len(REFUSED) > 30


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_documents_refused_for_a_field_fail_it(case: Path) -> None:
    assert not validator(case).is_valid(document(case))
