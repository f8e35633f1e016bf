"""Property tests: valid objects survive every round trip. PROPTEST_CASES sets the number
of examples (see conftest.py)."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ValidationError,
    _native,
)
from support import CREATE_FIELD_NAMES

ALIASES = ["hrisLegacy", "stackOne"]

categories = st.lists(
    st.one_of(
        st.sampled_from(list(ConnectSessionCreateCategories)),
        st.sampled_from(list(_native.CATEGORY_VALUES) + ALIASES),
    ),
    max_size=8,
)
expires_in = st.one_of(
    st.floats(min_value=0.0, exclude_min=True, allow_infinity=False, allow_nan=False),
    st.integers(min_value=1, max_value=10**300),
)
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=20,
)
metadata = st.dictionaries(st.text(max_size=8), json_values, max_size=5)
extra_keys = st.text(max_size=8).filter(lambda key: key not in CREATE_FIELD_NAMES)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document as a dict: the owners, any optional fields, any extra keys."""
    doc: dict[str, Any] = {
        "origin_owner_id": draw(st.text()),
        "origin_owner_name": draw(st.text()),
    }
    optional: dict[str, st.SearchStrategy[Any]] = {
        "categories": categories,
        "expires_in": expires_in,
        "metadata": metadata,
        "origin_username": st.text(),
        "provider": st.text(),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            doc[name] = draw(st.none() | strategy)
    doc.update(draw(st.dictionaries(extra_keys, json_values, max_size=3)))
    return doc


@given(documents())
def test_json_round_trip(doc: dict[str, Any]) -> None:
    req = ConnectSessionCreate.from_dict(doc)
    text = req.to_json()
    back = ConnectSessionCreate.from_json(text)
    assert back == req
    assert back.to_json() == text
    assert ConnectSessionCreate.from_json(text.encode()) == req
    assert ConnectSessionCreate.from_json(req.to_json(indent=2)) == req


@given(documents())
def test_dict_round_trip(doc: dict[str, Any]) -> None:
    req = ConnectSessionCreate.from_dict(doc)
    data = req.to_dict()
    assert ConnectSessionCreate.from_dict(data) == req
    assert data == json.loads(req.to_json())


@given(documents())
def test_pickle_and_copy_round_trip(doc: dict[str, Any]) -> None:
    req = ConnectSessionCreate.from_dict(doc)
    assert pickle.loads(pickle.dumps(req)) == req
    assert copy.copy(req) == req
    assert copy.deepcopy(req) == req


@given(documents())
def test_constructor_agrees_with_from_dict(doc: dict[str, Any]) -> None:
    fields = {k: v for k, v in doc.items() if k in CREATE_FIELD_NAMES}
    req = ConnectSessionCreate(**fields)
    assert req == ConnectSessionCreate.from_dict(fields)
    assert req.extra == {}


@given(documents())
def test_attributes_read_back_what_was_set(doc: dict[str, Any]) -> None:
    req = ConnectSessionCreate(
        origin_owner_id=doc["origin_owner_id"], origin_owner_name=doc["origin_owner_name"]
    )
    for name in CREATE_FIELD_NAMES:
        if name in doc:
            setattr(req, name, doc[name])
    expected = ConnectSessionCreate.from_dict(
        {k: v for k, v in doc.items() if k in CREATE_FIELD_NAMES}
    )
    assert req == expected
    assert req.categories == expected.categories
    assert req.expires_in == expected.expires_in
    assert req.metadata == expected.metadata


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_input_is_read_or_refused(data: bytes | str) -> None:
    try:
        req = ConnectSessionCreate.from_json(data)
    except ValidationError as exc:
        error_count = exc.error_count()
        req = None
    if req is None:
        assert error_count >= 1
    else:
        assert ConnectSessionCreate.from_json(req.to_json()) == req


@given(json_values)
def test_any_json_value_is_a_valid_extra_or_metadata_entry(value: Any) -> None:
    req = ConnectSessionCreate.from_dict(
        {"origin_owner_id": "o", "origin_owner_name": "n", "metadata": {"v": value}, "x": value}
    )
    assert req.extra == {"x": value}
    assert req.metadata == {"v": value}
    assert ConnectSessionCreate.from_json(req.to_json()) == req
