"""Runs every shared case of tests/vectors (format: tests/vectors/README.md)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from connect_session import ValidationError, _native
from support import CASES, VECTORS_DIR, as_json_errors, field_names, model_name, model_of


def expected_text(path: Path) -> bytes:
    """The file's bytes, less one trailing newline."""
    data = path.read_bytes()
    return data[:-1] if data.endswith(b"\n") else data


def is_strict(case: Path) -> bool:
    mode = case / "mode"
    if not mode.exists():
        return False
    text = expected_text(mode)
    assert text == b"strict", f"{case.name}: unknown mode {text!r}"
    return True


def test_there_are_cases() -> None:
    assert len(CASES) > 0, f"no case found in {VECTORS_DIR}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_vector(case: Path) -> None:
    model = model_of(case)
    raw = (case / "input.json").read_bytes()
    strict = is_strict(case)
    output, errors = case / "output.json", case / "errors.json"
    assert output.exists() != errors.exists(), f"{case.name}: needs output.json or errors.json"
    if case.name.startswith("valid_"):
        assert output.exists(), f"{case.name}: a valid_ case needs output.json"
        req = model.from_json(raw, strict=strict)
        assert req.to_json().encode() == expected_text(output)
        # The same document given as str reads the same.
        assert model.from_json(raw.decode(), strict=strict) == req
        if not strict:
            # One small bytes argument and no keyword: from_json's fast path; a bytearray
            # takes PyO3's method. Both read the same object.
            fast = model.from_json(raw)
            assert fast == req == model.from_json(bytearray(raw))
            assert fast.to_json() == req.to_json()
    else:
        assert case.name.startswith("invalid_"), f"{case.name}: name must start valid_/invalid_"
        assert errors.exists(), f"{case.name}: an invalid_ case needs errors.json"
        with pytest.raises(ValidationError) as info:
            model.from_json(raw, strict=strict)
        assert as_json_errors(info.value) == json.loads(expected_text(errors))
        if not strict:
            # Refused on the fast path, reported by the full one: the same errors.
            with pytest.raises(ValidationError) as refused:
                model.from_json(raw)
            assert refused.value.json() == info.value.json()
        # json() is the core's error JSON, byte for byte.
        assert info.value.json().encode() == expected_text(errors)
        assert info.value.error_count() == len(info.value.errors())
        assert len(str(info.value).split("\n")) == info.value.error_count()


def _as_dict(raw: bytes) -> dict[str, Any] | None:
    """The document as the dict a Python user would hold, when it can be one: JSON that
    Python's json module reads the way the core does (no NaN or Infinity, no number
    beyond a double, no repeated key, no lone surrogate, an object at the top)."""

    def finite(text: str) -> float:
        value = float(text)
        if math.isinf(value):
            raise ValueError(text)
        return value

    def refuse(text: str) -> Any:
        raise ValueError(text)

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise ValueError("repeated key")
        return dict(pairs)

    try:
        data = json.loads(
            raw.decode("utf-8"),
            parse_float=finite,
            parse_constant=refuse,
            object_pairs_hook=no_repeats,
        )
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # refuses lone surrogates
    except (ValueError, RecursionError):  # UnicodeError and JSONDecodeError are ValueErrors
        return None
    return data if isinstance(data, dict) else None


DICT_CASES = [c for c in CASES if _as_dict((c / "input.json").read_bytes()) is not None]


def test_there_are_dict_cases() -> None:
    names = [case.name for case in DICT_CASES]
    assert len(names) >= 50
    assert "valid_minimal" in names
    assert any(name.startswith("invalid_") for name in names)


def outcome(call: Any, numbers: tuple[str, ...] = ()) -> tuple[str, Any]:
    """The value as to_dict() gives it, or the errors; a message about a number field
    (`numbers`) quotes the number as the door had it (-0 in JSON text is 0 as a Python int,
    7e0 is 7.0 as a float), so it is left out of the comparison."""
    try:
        return ("ok", call().to_dict())
    except ValidationError as exc:
        errors = exc.errors()
        return (
            "errors",
            [
                (e["type"], e["loc"], None if e["loc"][:1] in [(k,) for k in numbers] else e["msg"])
                for e in errors
            ],
        )


def number_fields(case: Path) -> tuple[str, ...]:
    """The keys of the case's model whose messages quote a number."""
    return tuple(
        row[0] for row in _native.MODELS[model_name(case)] if row[1] in ("seconds", "integer")
    )


@pytest.mark.parametrize("case", DICT_CASES, ids=[c.name for c in DICT_CASES])
def test_vector_as_dict(case: Path) -> None:
    """from_dict of the same document has the same outcome as from_json: the same content,
    or the same errors (kinds, locations and messages); with keyword arguments, the
    constructor's outcome is from_dict's."""
    model = model_of(case)
    raw = (case / "input.json").read_bytes()
    data = _as_dict(raw)
    assert data is not None
    strict = is_strict(case)
    numbers = number_fields(case)
    by_json = outcome(lambda: model.from_json(raw, strict=strict), numbers)
    by_dict = outcome(lambda: model.from_dict(data, strict=strict), numbers)
    assert by_dict == by_json
    assert by_json[0] == ("errors" if (case / "errors.json").exists() else "ok")
    if not strict and all(key in field_names(case) for key in data):
        assert outcome(lambda: model(**data), numbers) == by_dict


def _with_infinities(raw: bytes) -> dict[str, Any] | None:
    """The document as Python's json module reads it, when it holds a number beyond a
    double (read as an infinity, the float JSON cannot hold) and is otherwise a dict case."""

    def refuse(text: str) -> Any:
        raise ValueError(text)

    def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            raise ValueError("repeated key")
        return dict(pairs)

    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=refuse, object_pairs_hook=no_repeats)
        if not isinstance(data, dict) or math.inf not in _floats(data):
            return None
    except (ValueError, RecursionError):
        return None
    return data


def _floats(node: Any) -> list[float]:
    if isinstance(node, float):
        return [abs(node)]
    items = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [f for item in items for f in _floats(item)]


INFINITY_CASES = [c for c in CASES if _with_infinities((c / "input.json").read_bytes()) is not None]


@pytest.mark.parametrize("case", INFINITY_CASES, ids=[c.name for c in INFINITY_CASES])
def test_every_refused_number_is_reported_whatever_the_door(case: Path) -> None:
    """A float JSON cannot hold is refused where it stands, and the walk goes on: a dict
    holding infinities where the document has numbers beyond a double gets the problems
    of the document, every one, at the same locations (the messages quote the value as
    each door had it)."""
    model = model_of(case)
    raw = (case / "input.json").read_bytes()
    data = _with_infinities(raw)
    assert data is not None
    strict = is_strict(case)

    def found(call: Any) -> list[tuple[str, Any]]:
        with pytest.raises(ValidationError) as info:
            call()
        return [(e["type"], e["loc"]) for e in info.value.errors()]

    by_json = found(lambda: model.from_json(raw, strict=strict))
    assert found(lambda: model.from_dict(data, strict=strict)) == by_json


def test_there_are_infinity_cases() -> None:
    assert "invalid_metadata_float_overflow" in {c.name for c in INFINITY_CASES}
