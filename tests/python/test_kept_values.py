"""What an object keeps once read: values read back are always the current ones, and what
a read hands out (metadata, extra, categories) is read-only at every depth, so that no change
to it can vanish silently (contract v2; these were private copies before).
"""

from __future__ import annotations

import copy
import heapq
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ValidationError,
)
from support import CREATE_FIELD_NAMES
from test_properties import documents, json_values

Category = ConnectSessionCreateCategories


def scramble(value: Any) -> None:
    """Tries to change every container inside `value`, however deep: each attempt must
    raise TypeError."""
    if isinstance(value, dict):
        for item in list(value.values()):
            scramble(item)
        with pytest.raises(TypeError, match="read-only"):
            value["scrambled"] = True
    elif isinstance(value, list):
        for item in value:
            scramble(item)
        with pytest.raises(TypeError, match="read-only"):
            value.append("scrambled")


@given(documents())
def test_reads_equal_the_json_and_refuse_any_change(doc: dict[str, Any]) -> None:
    req = ConnectSessionCreate.from_dict(doc)
    text = req.to_json()
    expected = json.loads(text)
    extra = {k: v for k, v in expected.items() if k not in CREATE_FIELD_NAMES}
    for _ in range(2):  # the first read builds what is kept, the second uses it
        metadata, got_extra, categories = req.metadata, req.extra, req.categories
        assert metadata == expected.get("metadata")
        assert got_extra == extra
        assert categories == expected.get("categories")
        scramble(metadata)
        scramble(got_extra)
        scramble(categories)
    assert req.to_json() == text
    assert req.to_dict() == expected


@given(json_values)
def test_metadata_values_read_back_as_json_loads_reads_them(value: Any) -> None:
    req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", metadata={"v": value})
    assert req.metadata == json.loads(req.to_json())["metadata"]
    assert req.metadata == {"v": value}


def test_number_text_reads_as_json_loads_reads_it() -> None:
    numbers = "[0,-0,1.50,1E2,1e-7,-2.5E+3,12345678901234567890123,-9223372036854775809,1.0]"
    owners = '"origin_owner_id":"o","origin_owner_name":"n"'
    req = ConnectSessionCreate.from_json(f'{{{owners},"metadata":{{"n":{numbers}}},"x":{numbers}}}')
    expected = json.loads(numbers)
    metadata = req.metadata
    assert metadata is not None
    for got in (metadata["n"], req.extra["x"]):
        assert got == expected
        # The same Python types, as subclasses where the value would not be written back
        # as its text (-0, 1.50, 1E2, -2.5E+3): those keep it.
        assert [type(v).__mro__[-2] for v in got] == [type(v) for v in expected]
        kept = [v.json for v in got if hasattr(v, "json")]
        assert kept == ["-0", "1.50", "1E2", "-2.5E+3"]
    assert numbers in req.to_json()


def test_values_read_and_assigned_back_keep_their_text_at_any_depth() -> None:
    """The pattern the read-only error recommends changes nothing the user did not touch."""
    text = '{"a":19.90,"b":1E2,"c":-0,"d":{"e":[1.0,2.50e1]},"f":7}'
    req = ConnectSessionCreate.from_json(
        f'{{"origin_owner_id":"o","origin_owner_name":"n","metadata":{text}}}'
    )
    assert req.metadata is not None
    req.metadata = {**req.metadata, "k": 1}
    assert req.to_json().endswith(
        f'"metadata":{text[:-1]},"k":1}},"origin_owner_id":"o","origin_owner_name":"n"}}'
    )
    again = req.replace(metadata=dict(req.metadata))
    assert again == req
    assert ConnectSessionCreate.from_dict(req.to_dict()) == req


def test_strings_read_back_exactly() -> None:
    text = 'quote " backslash \\ nul \x00 tab \t é 😀 \u2028 \x7f'
    req = ConnectSessionCreate(
        origin_owner_id=text, origin_owner_name="n", metadata={text: [text]}, provider=text
    )
    back = ConnectSessionCreate.from_json(req.to_json())
    for obj in (req, back):
        assert obj.origin_owner_id == text
        assert obj.provider == text
        assert obj.metadata == {text: [text]}


FIELD_VALUES: list[tuple[str, Any, Any]] = [
    ("origin_owner_id", "first", "second"),
    ("origin_owner_name", "first", "second"),
    ("origin_username", "first", "second"),
    ("provider", "first", "second"),
    ("expires_in", 60, 0.5),
    ("categories", [Category.ATS], ["hrisLegacy", "crm"]),
    ("metadata", {"a": [1, {"b": 2}]}, {"c": None}),
]


@pytest.mark.parametrize(("name", "first", "second"), FIELD_VALUES)
def test_an_assignment_replaces_what_was_read(name: str, first: Any, second: Any) -> None:
    args: dict[str, Any] = {"origin_owner_id": "o", "origin_owner_name": "n", name: first}
    req = ConnectSessionCreate(**args)
    before = getattr(req, name)
    assert getattr(req, name) == before
    setattr(req, name, second)
    after = getattr(req, name)
    assert after == ConnectSessionCreate.from_json(req.to_json()).to_dict()[name]
    assert after != before
    # A refused assignment changes nothing, what was kept included.
    with pytest.raises(ValidationError):
        setattr(req, name, {1, 2})
    assert getattr(req, name) == after
    if name not in ("origin_owner_id", "origin_owner_name"):
        setattr(req, name, None)
        assert getattr(req, name) is None
        setattr(req, name, first)
        assert getattr(req, name) == before


@pytest.mark.parametrize(("name", "first", "second"), FIELD_VALUES)
def test_later_reads_hand_out_the_kept_object(name: str, first: Any, second: Any) -> None:
    """The descriptor answers a field read before from what it kept (its fast path), and
    hands everything else to the full path: the first read, the class, a wrong object."""
    args: dict[str, Any] = {"origin_owner_id": "o", "origin_owner_name": "n", name: first}
    req = ConnectSessionCreate(**args)
    descriptor = type(req).__dict__[name]
    assert getattr(type(req), name) is descriptor
    assert descriptor.__get__(req, type(req)) is getattr(req, name) is getattr(req, name)
    with pytest.raises(TypeError, match=f'the "{name}" attribute belongs to ConnectSessionCreate'):
        descriptor.__get__(object(), object)
    with pytest.raises(TypeError, match="belongs to ConnectSessionCreate"):
        descriptor.__get__(descriptor, type(descriptor))
    setattr(req, name, second)
    assert getattr(req, name) is getattr(req, name) != first


def test_copies_keep_their_own_values() -> None:
    req = ConnectSessionCreate(
        origin_owner_id="o", origin_owner_name="n", metadata={"a": [1]}, categories=["ats"]
    )
    _ = req.metadata, req.categories, req.origin_owner_id  # kept before copying
    for clone in (copy.copy(req), copy.deepcopy(req)):
        req.metadata = {"b": 2}
        req.categories = ["crm"]
        req.origin_owner_id = "other"
        assert clone.metadata == {"a": [1]}
        assert clone.categories == [Category.ATS]
        assert clone.origin_owner_id == "o"
        clone_metadata = clone.metadata
        assert clone_metadata is not None
        with pytest.raises(TypeError, match="read-only"):
            clone_metadata["a"].append(2)
        assert clone.metadata == {"a": [1]}
        req.metadata = {"a": [1]}
        req.categories = ["ats"]
        req.origin_owner_id = "o"


def test_a_change_behind_a_read_only_value_stays_in_that_object() -> None:
    """heapq changes a list through the C API, past the read-only methods: the change
    reaches that object only, not the request's JSON, nor a deep copy made before."""
    req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", metadata={"q": [5, 1]})
    metadata = req.metadata
    assert metadata is not None
    deep = copy.deepcopy(req)
    heapq.heappush(metadata["q"], 0)
    assert sorted(metadata["q"]) == [0, 1, 5]
    assert req.to_dict()["metadata"] == {"q": [5, 1]}
    assert deep.metadata == {"q": [5, 1]}
    assert deep.to_json() == req.to_json()


@given(st.lists(st.sampled_from(list(Category)), max_size=6))
def test_categories_are_a_kept_read_only_list_of_members(members: list[Category]) -> None:
    req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", categories=members)
    first, second = req.categories, req.categories
    assert first == second == members
    assert first is second
    assert all(type(c) is Category for c in first or [])
    assert isinstance(first, list)
    with pytest.raises(TypeError, match="read-only"):
        first.append(Category.ATS)
