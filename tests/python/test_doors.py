"""The same values give the same outcome by every door (issue 9): a dict, the JSON text
`json.dumps` makes of it, and keyword arguments. Field values are drawn per kind of field
from `CREATE_FIELDS`, valid or not, so a field the core adds is drawn too."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ValidationError,
    _native,
)
from support import CREATE_FIELDS

FIELDS = {name: kind for name, kind, _, _ in CREATE_FIELDS}

# JSON values json.dumps writes and the core reads back as the same values: no NaN or
# infinities, no lone surrogates (st.text leaves them out), str keys only. Category members
# are strings to json.dumps; lists of them take a door of their own in the binding.
members = st.sampled_from(list(ConnectSessionCreateCategories))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.just(-0.0),
    st.text(max_size=6),
    members,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


def nested(depth: int) -> dict[str, Any]:
    """An object whose deepest container sits at `depth` when it is the metadata (the
    document is depth 1, the metadata object depth 2)."""
    value: dict[str, Any] = {}
    for _ in range(depth - 2):
        value = {"a": value}
    return value


categories = st.one_of(
    st.lists(
        st.sampled_from([*_native.CATEGORY_VALUES, "hrisLegacy", "stackOne", "hirs", "", "ATS"])
        | scalars,
        max_size=4,
    ),
    st.lists(members, max_size=4),
    st.tuples(members, members),
    values,
)
BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "text": st.text(max_size=8) | values,
    "boolean": st.booleans() | values,
    "seconds": st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-5, max_value=10**400)
    | values,
    "categories": categories,
    "object": st.dictionaries(st.text(max_size=4), values, max_size=4)
    | st.integers(min_value=120, max_value=135).map(nested)
    | values,
    "type": st.sampled_from([*_native.TYPE_VALUES, "PRODUCTION", "sandbox", ""]) | values,
}


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Some fields (valid or not) and some extra keys, in a random order."""
    doc: dict[str, Any] = {}
    for name, kind in FIELDS.items():
        if draw(st.integers(min_value=0, max_value=3)):
            doc[name] = draw(BY_KIND[kind])
    extra = draw(st.dictionaries(st.text(max_size=6), values, max_size=2))
    doc.update({k: v for k, v in extra.items() if k not in FIELDS})
    items = draw(st.permutations(list(doc.items())))
    return dict(items)


def outcome(call: Any) -> tuple[str, Any]:
    try:
        return ("ok", call())
    except ValidationError as exc:
        return ("errors", exc.errors())


def comparable(result: tuple[str, Any]) -> Any:
    """Errors as (type, loc, msg), except that a message about `expires_in` may quote the
    number as the door wrote it (json.dumps writes 1e-07, the core 1e-7); values as
    to_dict(), since metadata keeps the number text each door wrote."""
    kind, value = result
    if kind == "ok":
        return ("ok", value.to_dict())
    return (
        "errors",
        [
            (e["type"], e["loc"], None if e["loc"][:1] == ("expires_in",) else e["msg"])
            for e in value
        ],
    )


@given(documents(), st.booleans())
def test_dict_and_json_doors_agree(doc: dict[str, Any], strict: bool) -> None:
    by_dict = outcome(lambda: ConnectSessionCreate.from_dict(doc, strict=strict))
    by_json = outcome(lambda: ConnectSessionCreate.from_json(json.dumps(doc), strict=strict))
    assert comparable(by_dict) == comparable(by_json)


@given(documents())
def test_constructor_and_dict_doors_agree(doc: dict[str, Any]) -> None:
    fields = {k: v for k, v in doc.items() if k in FIELDS}
    by_keywords = outcome(lambda: ConnectSessionCreate(**fields))
    by_dict = outcome(lambda: ConnectSessionCreate.from_dict(fields))
    if by_dict[0] == "ok":
        assert by_keywords == by_dict
    else:
        assert by_keywords[1] == by_dict[1]


def test_bad_category_with_metadata_130_deep_agrees() -> None:
    doc: dict[str, Any] = {
        "categories": ["hirs"],
        "metadata": nested(130),
        "origin_owner_id": "o",
        "origin_owner_name": "n",
    }
    by_dict = outcome(lambda: ConnectSessionCreate.from_dict(doc))
    by_json = outcome(lambda: ConnectSessionCreate.from_json(json.dumps(doc)))
    by_keywords = outcome(lambda: ConnectSessionCreate(**doc))
    assert by_dict == by_json == by_keywords
    assert [(e["type"], len(e["loc"])) for e in by_dict[1]] == [("too_deep", 128)]


def test_negative_zero_in_metadata_is_written_as_negative_zero() -> None:
    doc: dict[str, Any] = {
        "metadata": {"z": -0.0, "l": [-0.0]},
        "origin_owner_id": "o",
        "origin_owner_name": "n",
    }
    for req in (ConnectSessionCreate.from_dict(doc), ConnectSessionCreate(**doc)):
        assert '"metadata":{"z":-0.0,"l":[-0.0]}' in req.to_json()
        metadata = req.metadata
        assert metadata is not None
        assert math.copysign(1.0, metadata["z"]) == -1.0
    assert ConnectSessionCreate.from_json(json.dumps(doc)) == ConnectSessionCreate.from_dict(doc)


def test_lists_of_strings_agree_with_their_json_whatever_their_shape() -> None:
    # Lists and tuples of str reach the core item by item, other lists as JSON text;
    # both give what the JSON document gives.
    from connect_session import ConnectSessionCreateCategories as Category

    class Tag(str):
        pass

    for items in (
        ["ats", "hrisLegacy"],
        ("crm", "stackOne"),
        [Category.IAM, Tag("lms")],
        ["hirs", "ats", ""],
        ["ats", 1],
        ["ats", "bad\ud800"],
        [],
    ):
        for key in ("categories", "label", "extra_key"):
            doc = {key: items, "origin_owner_id": "o", "origin_owner_name": "n"}
            by_dict = outcome(lambda doc=doc: ConnectSessionCreate.from_dict(doc))
            if key != "extra_key":  # the constructor takes the model's fields only
                by_keywords = outcome(lambda doc=doc: ConnectSessionCreate(**doc))
                assert by_dict == by_keywords, (key, items)
            if "bad\ud800" not in items:
                plain = {k: list(v) if isinstance(v, tuple) else v for k, v in doc.items()}
                by_json = outcome(
                    lambda plain=plain: ConnectSessionCreate.from_json(json.dumps(plain))
                )
                assert by_dict == by_json, (key, items)
