"""ValidationError, and every way a value can be refused."""

from __future__ import annotations

import decimal
import enum
import json
import pickle
import re
import sys
from typing import Any, Callable

import pytest

from connect_session import ConnectSessionCreate, ErrorDetails, ValidationError, _native
from support import kinds_and_locs

OWNERS: dict[str, Any] = {"origin_owner_id": "o", "origin_owner_name": "n"}


def refused(**fields: Any) -> ValidationError:
    """The error of a constructor call (the owners are added unless given)."""
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate(**{**OWNERS, **fields})
    return info.value


def nested(depth: int) -> dict[str, Any]:
    """Metadata whose deepest container sits at `depth` in the document (the document
    is depth 1 and the metadata object depth 2)."""
    value: Any = {}
    for _ in range(depth - 3):
        value = {"a": value}
    return {"a": value}


# --- the exception -----------------------------------------------------------------------


def test_validation_error_shape() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json(
            '{"origin_owner_name":"Acme","categories":["ats","hirs"],"expires_in":0}'
        )
    exc = info.value
    assert isinstance(exc, ValueError)
    errors = exc.errors()
    assert errors == [
        {
            "type": "invalid_value",
            "loc": ("categories", 1),
            "msg": 'unknown category "hirs" (did you mean "hris"?); expected one of '
            + ", ".join(f'"{c}"' for c in _native.CATEGORY_VALUES),
        },
        {
            "type": "invalid_value",
            "loc": ("expires_in",),
            "msg": "must be greater than 0 seconds, found 0",
        },
        {"type": "missing_field", "loc": ("origin_owner_id",), "msg": "field required"},
    ]
    for error in errors:
        assert list(error) == ["type", "loc", "msg"]
        assert isinstance(error["loc"], tuple)
    assert exc.error_count() == 3
    assert str(exc).split("\n") == [
        f"categories[1]: {errors[0]['msg']} [type=invalid_value]",
        f"expires_in: {errors[1]['msg']} [type=invalid_value]",
        "origin_owner_id: field required [type=missing_field]",
    ]
    assert exc.args == (str(exc),)


def test_errors_returns_new_objects() -> None:
    exc = refused(origin_owner_id=None)
    first = exc.errors()
    first[0]["msg"] = "changed"
    first.clear()
    assert exc.errors()[0]["msg"] == "field required"
    assert exc.errors() is not exc.errors()


def test_validation_error_pickles() -> None:
    exc = refused(categories=["x", 1], metadata={"a": {1, 2}})
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(exc, protocol=protocol))
        assert type(back) is ValidationError
        assert back.errors() == exc.errors()
        assert str(back) == str(exc)
        assert back.error_count() == exc.error_count()


def test_validation_error_can_be_built() -> None:
    detail: ErrorDetails = {"type": "missing_field", "loc": ["a", 0], "msg": "m"}  # type: ignore[typeddict-item]
    exc = ValidationError("a[0]: m [type=missing_field]", [detail])
    assert exc.errors() == [{"type": "missing_field", "loc": ("a", 0), "msg": "m"}]
    assert str(exc) == "a[0]: m [type=missing_field]"


def test_syntax_errors_have_no_loc_and_a_position() -> None:
    for doc in ("{", '{"origin_owner_id":"o",}', "", "[{}]", '"x"', b"\xff", "{}{}"):
        with pytest.raises(ValidationError) as info:
            ConnectSessionCreate.from_json(doc)
        (error,) = info.value.errors()
        assert error["type"] == "syntax"
        assert error["loc"] == ()
        assert re.search(r"at line \d+ column \d+$", error["msg"]), error["msg"]


def test_lone_surrogate_in_a_str_document_is_a_syntax_error() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json('{"origin_owner_id":"\ud800","origin_owner_name":"n"}')
    assert kinds_and_locs(info.value) == [("syntax", ())]


def test_duplicate_keys() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json(
            '{"origin_owner_id":"o","origin_owner_name":"n","metadata":{"a":1,"a":2}}'
        )
    assert kinds_and_locs(info.value) == [("duplicate_key", ("metadata", "a"))]


class _Key(str):
    """Equal in text to a `str`, yet another key of a dict: only itself is equal to it."""

    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


@pytest.mark.parametrize(
    ("metadata", "loc"),
    [
        ({"a": 1, _Key("a"): 2}, ("metadata", "a")),
        ({_Key("a"): 1, "a": 2}, ("metadata", "a")),
        ({"x": [{"a": 1, _Key("a"): 2}]}, ("metadata", "x", 0, "a")),
    ],
)
def test_keys_of_one_text_in_a_dict_are_duplicates(
    metadata: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    # Two keys of the dict, one key of JSON: refused through every door.
    assert len(metadata) == 2 or len(metadata["x"][0]) == 2
    req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n")
    doors: list[Callable[[], object]] = [
        lambda: ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", metadata=metadata),
        lambda: ConnectSessionCreate.from_dict({**req.to_dict(), "metadata": metadata}),
        lambda: req.replace(metadata=metadata),
        lambda: setattr(req, "metadata", metadata),
        lambda: ConnectSessionCreate.from_dict({**req.to_dict(), "more": metadata}),
    ]
    for door in doors:
        with pytest.raises(ValidationError) as info:
            door()
        found = kinds_and_locs(info.value)
        assert found in ([("duplicate_key", loc)], [("duplicate_key", ("more", *loc[1:]))])
    assert req.metadata is None


# --- everything is reported together -------------------------------------------------------


def test_constructor_reports_every_problem_together() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate(
            origin_owner_id=None,  # type: ignore[arg-type]
            origin_owner_name=7,  # type: ignore[arg-type]
            categories=["ats", "nope", 3],  # type: ignore[arg-type]
            expires_in=True,
            metadata={"ok": 1, "bad": {1, 2}},
            origin_username=["u"],  # type: ignore[arg-type]
            provider=b"p",  # type: ignore[arg-type]
        )
    assert kinds_and_locs(info.value) == [
        ("invalid_value", ("categories", 1)),
        ("invalid_type", ("categories", 2)),
        ("invalid_type", ("expires_in",)),
        ("invalid_type", ("metadata", "bad")),
        ("missing_field", ("origin_owner_id",)),
        ("invalid_type", ("origin_owner_name",)),
        ("invalid_type", ("origin_username",)),
        ("invalid_type", ("provider",)),
    ]


def test_a_refused_required_value_is_not_also_missing() -> None:
    exc = refused(origin_owner_id={"o"})
    assert kinds_and_locs(exc) == [("invalid_type", ("origin_owner_id",))]
    assert "found a Python set" in exc.errors()[0]["msg"]


def test_dict_json_and_constructor_give_the_same_errors() -> None:
    data: dict[str, Any] = {
        "origin_owner_name": 1,
        "categories": ["hris", "hirs"],
        "expires_in": -5,
        "metadata": "x",
        "beta": None,
    }
    with pytest.raises(ValidationError) as from_json:
        ConnectSessionCreate.from_json(json.dumps(data), strict=True)
    with pytest.raises(ValidationError) as from_dict:
        ConnectSessionCreate.from_dict(data, strict=True)
    assert from_dict.value.errors() == from_json.value.errors()
    assert str(from_dict.value) == str(from_json.value)
    del data["beta"]
    with pytest.raises(ValidationError) as from_constructor:
        ConnectSessionCreate(origin_owner_id=None, **data)  # type: ignore[arg-type]
    assert from_constructor.value.errors() == from_json.value.errors()[:-1]


def test_dict_errors_keep_the_core_order_with_refused_values() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict(
            {
                "z": {1, 2},
                "provider": 1,
                "y": 1,
                "metadata": {"x": float("inf")},
                "origin_owner_id": "o",
            },
            strict=True,
        )
    # The core's order (field order, then the other keys in input order); for "z",
    # refused as a value, strict mode also reports the key.
    assert kinds_and_locs(info.value) == [
        ("invalid_value", ("metadata", "x")),
        ("missing_field", ("origin_owner_name",)),
        ("invalid_type", ("provider",)),
        ("unknown_field", ("z",)),
        ("invalid_type", ("z",)),
        ("unknown_field", ("y",)),
    ]


def test_a_non_str_key_stops_like_a_syntax_error() -> None:
    # Contract v2: a dict with a key that is not a str is no JSON object, so, like a
    # syntax error in a document, that one error is reported (the values go to the core
    # key by key, and such a key has no text to go with; it was reported last before).
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict(
            {"provider": 1, 2: "two", 3: "three"},  # type: ignore[dict-item]
            strict=True,
        )
    assert kinds_and_locs(info.value) == [("invalid_type", ())]
    assert "found a Python int" in info.value.errors()[0]["msg"]


# --- values JSON cannot hold ---------------------------------------------------------------


class Opaque:
    pass


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ({1, 2}, "a Python set"),
        (frozenset(), "a Python frozenset"),
        (b"bytes", "a Python bytes"),
        (bytearray(b"x"), "a Python bytearray"),
        (1j, "a Python complex"),
        (Opaque(), "a Python Opaque"),
        (range(3), "a Python range"),
        (iter([1]), "a Python list_iterator"),
        ("\udc80", "a str holding a lone surrogate"),
    ],
)
def test_values_json_cannot_hold_are_refused(value: Any, found: str) -> None:
    exc = refused(metadata={"list": [0, value]})
    assert kinds_and_locs(exc) == [("invalid_type", ("metadata", "list", 1))]
    assert exc.errors()[0]["msg"].startswith("expected a JSON value")
    assert found in exc.errors()[0]["msg"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_non_finite_floats_are_refused(value: float) -> None:
    exc = refused(metadata={"x": value})
    assert kinds_and_locs(exc) == [("invalid_value", ("metadata", "x"))]
    assert "only finite numbers" in exc.errors()[0]["msg"]
    exc = refused(expires_in=value)
    assert kinds_and_locs(exc) == [("invalid_value", ("expires_in",))]


def test_every_refused_part_of_a_value_is_reported() -> None:
    """As in a document, where each number beyond a double is reported: the walk of a
    value goes on past what it refuses (contract section 5)."""
    exc = refused(
        metadata={
            "a": float("nan"),
            "b": [1, {1}, "\udc80", -float("inf")],
            2: "x",
            "c": {"d": decimal.Decimal("1e400")},
            "e": 1,
        }
    )
    assert kinds_and_locs(exc) == [
        ("invalid_value", ("metadata", "a")),
        ("invalid_type", ("metadata", "b", 1)),
        ("invalid_type", ("metadata", "b", 2)),
        ("invalid_value", ("metadata", "b", 3)),
        ("invalid_type", ("metadata",)),
        ("invalid_value", ("metadata", "c", "d")),
    ]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            # The NaN, a number, is no category, and no JSON number either: as a
            # document's 1e400 at the same place, both are reported.
            {"categories": ["hris", float("nan"), "bogus", 2]},
            [
                ("invalid_type", ("categories", 1)),
                ("invalid_value", ("categories", 1)),
                ("invalid_value", ("categories", 2)),
                ("invalid_type", ("categories", 3)),
            ],
        ),
        (
            {"categories": (2, {1}, decimal.Decimal("1e400"), None)},
            [
                ("invalid_type", ("categories", 0)),
                ("invalid_type", ("categories", 1)),
                ("invalid_type", ("categories", 2)),
                ("invalid_value", ("categories", 2)),
                ("invalid_type", ("categories", 3)),
            ],
        ),
        (
            {"origin_owner_id": [float("inf")]},
            [("invalid_type", ("origin_owner_id",)), ("invalid_value", ("origin_owner_id", 0))],
        ),
        ({"origin_owner_id": {1}}, [("invalid_type", ("origin_owner_id",))]),
    ],
)
def test_the_rest_of_a_value_refused_in_part_is_checked(
    fields: dict[str, Any], expected: list[tuple[str, tuple[Any, ...]]]
) -> None:
    """A field's rule reads every item, the refused ones included: a bad category next to
    a NaN is reported too, in the order of the items, each problem as a document holding
    the same content would have it (a NaN as a number beyond a double: no category, and no
    JSON number; a set is no category, and not a missing owner); the same by every door
    (contract section 5)."""
    assert kinds_and_locs(refused(**fields)) == expected
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict({**OWNERS, **fields})
    assert kinds_and_locs(info.value) == expected
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate(**OWNERS).replace(**fields)
    assert kinds_and_locs(info.value) == expected
    (name, value), *_ = fields.items()
    req = ConnectSessionCreate(**OWNERS)
    with pytest.raises(ValidationError) as info:
        setattr(req, name, value)
    assert kinds_and_locs(info.value) == expected


@pytest.mark.parametrize("key", [1, None, 1.5, ("a",), True, "\ud800"])
def test_object_keys_must_be_strings(key: Any) -> None:
    exc = refused(metadata={"ok": {key: 1}})
    assert kinds_and_locs(exc) == [("invalid_type", ("metadata", "ok"))]
    assert exc.errors()[0]["msg"].startswith("object keys must be strings, found ")


def test_top_level_keys_must_be_strings() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict({**OWNERS, 1: "x"})  # type: ignore[dict-item]
    assert kinds_and_locs(info.value) == [("invalid_type", ())]
    assert str(info.value) == (
        "object keys must be strings, found a Python int [type=invalid_type]"
    )


def test_bool_is_not_a_number() -> None:
    for value in (True, False):
        exc = refused(expires_in=value)
        assert kinds_and_locs(exc) == [("invalid_type", ("expires_in",))]
        assert exc.errors()[0]["msg"] == "expected a number of seconds, found a boolean"
    req = ConnectSessionCreate(**OWNERS, metadata={"flag": True})
    assert req.metadata == {"flag": True}
    assert '"metadata":{"flag":true}' in req.to_json()


def test_int_and_float_subclasses_are_numbers() -> None:
    class Seconds(enum.IntEnum):
        HOUR = 3600

    class Ratio(float):
        def __repr__(self) -> str:
            return "not a number"

    req = ConnectSessionCreate(**OWNERS, expires_in=Seconds.HOUR, metadata={"r": Ratio(0.25)})
    assert req.expires_in == 3600.0
    assert '"metadata":{"r":0.25}' in req.to_json()


def test_huge_integers() -> None:
    big = 10**4000
    req = ConnectSessionCreate(**OWNERS, metadata={"big": big})
    assert req.metadata == {"big": big}
    exc = refused(expires_in=10**400)
    assert kinds_and_locs(exc) == [("invalid_value", ("expires_in",))]
    # Contract v2: ints beyond Python's int/str conversion limit are taken too (their
    # digits worked out from their bytes), and read back as a Decimal of the same value.
    limit = sys.get_int_max_str_digits()
    for huge in (10 ** (limit + 1) + 7, -(10 ** (limit + 1)) - 7):
        req = ConnectSessionCreate(**OWNERS, metadata={"x": huge})
        metadata = req.metadata
        assert metadata is not None
        assert metadata["x"] == decimal.Decimal(huge)
        assert int(metadata["x"]) == huge


# --- nesting -------------------------------------------------------------------------------


def test_depth_limit_is_the_core_limit() -> None:
    assert _native.MAX_DEPTH == 128
    req = ConnectSessionCreate(**OWNERS, metadata=nested(128))
    assert ConnectSessionCreate.from_json(req.to_json()) == req
    exc = refused(metadata=nested(129))
    ((kind, loc),) = kinds_and_locs(exc)
    assert kind == "too_deep"
    assert loc == ("metadata", *("a",) * 127)


def test_depth_limit_applies_to_dicts_and_setters() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict({**OWNERS, "beta": [[[[]]]] * 1 + [nested(129)]})
    assert kinds_and_locs(info.value)[0][0] == "too_deep"
    req = ConnectSessionCreate(**OWNERS)
    with pytest.raises(ValidationError) as info:
        req.metadata = nested(129)
    assert kinds_and_locs(info.value)[0][0] == "too_deep"
    assert req.metadata is None


def test_self_referencing_values_stop_at_the_limit() -> None:
    loop: list[Any] = []
    loop.append(loop)
    exc = refused(metadata={"loop": loop})
    assert kinds_and_locs(exc)[0][0] == "too_deep"
    cycle: dict[str, Any] = {}
    cycle["me"] = cycle
    exc = refused(metadata=cycle)
    assert kinds_and_locs(exc)[0][0] == "too_deep"


def test_very_deep_values_do_not_overflow_anything() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    exc = refused(metadata={"deep": deep})
    assert kinds_and_locs(exc)[0][0] == "too_deep"
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json("[" * 1_000_000)
    assert info.value.error_count() == 1


def test_finite_decimals_are_numbers_written_as_their_exact_text() -> None:
    # Contract v2: an integer beyond Python's int/str conversion limit reads as a Decimal
    # (test_mutation.py), so a Decimal goes back in: as a JSON number of its exact text.
    req = ConnectSessionCreate(
        **OWNERS,
        expires_in=decimal.Decimal("1.5"),  # type: ignore[arg-type]
        metadata={"a": decimal.Decimal("1.50"), "b": decimal.Decimal("-1E+2")},
    )
    assert '"expires_in":1.5' in req.to_json()
    assert '"metadata":{"a":1.50,"b":-1E+2}' in req.to_json()
    for value, kind in [
        (decimal.Decimal("NaN"), "invalid_value"),
        (decimal.Decimal("-Infinity"), "invalid_value"),
        (decimal.Decimal("sNaN"), "invalid_value"),
        (decimal.Decimal("1E+400"), "invalid_value"),
    ]:
        exc = refused(metadata={"x": [value]})
        assert kinds_and_locs(exc) == [(kind, ("metadata", "x", 0))], value
    exc = refused(expires_in=decimal.Decimal("-1"))
    assert kinds_and_locs(exc) == [("invalid_value", ("expires_in",))]
