"""Changing a request (issue 10): a change either reaches the object, validated by the core,
or raises; it never vanishes. Also `replace`, huge integers, ValidationError's `json()` and
`title`, and the documentation `help()` shows."""

from __future__ import annotations

import copy
import decimal
import inspect
import json
import pickle
import pydoc
import sys
from collections.abc import Callable
from typing import Any

import pytest

import connect_session
from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ConnectSessionCreateType,
    ValidationError,
)
from connect_session._views import ReadOnlyDict, ReadOnlyList
from support import CREATE_FIELDS, kinds_and_locs

OWNERS: dict[str, Any] = {"origin_owner_id": "o", "origin_owner_name": "n"}
NESTED = {"tenant": {"id": "t", "tags": ["a", {"deep": [1]}]}, "n": 1}


def request() -> ConnectSessionCreate:
    return ConnectSessionCreate.from_dict(
        {**OWNERS, "metadata": NESTED, "categories": ["ats"], "beta": {"on": [True]}}
    )


DICT_CHANGES: list[Callable[[Any], object]] = [
    lambda d: d.__setitem__("k", 1),
    lambda d: d.__delitem__("n"),
    lambda d: d.update(k=1),
    lambda d: d.setdefault("k", 1),
    lambda d: d.pop("n"),
    lambda d: d.popitem(),
    lambda d: d.clear(),
    lambda d: d.__ior__({"k": 1}),
]
LIST_CHANGES: list[Callable[[Any], object]] = [
    lambda xs: xs.__setitem__(0, 1),
    lambda xs: xs.__delitem__(0),
    lambda xs: xs.append(1),
    lambda xs: xs.extend([1]),
    lambda xs: xs.insert(0, 1),
    lambda xs: xs.pop(),
    lambda xs: xs.remove(xs[0]),
    lambda xs: xs.clear(),
    lambda xs: xs.sort(),
    lambda xs: xs.reverse(),
    lambda xs: xs.__iadd__([1]),
    lambda xs: xs.__imul__(2),
]


def containers(value: Any) -> list[Any]:
    """Every dict and list inside `value`, itself included."""
    found = []
    if isinstance(value, (dict, list)):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            found += containers(item)
    return found


def test_changing_what_a_read_returned_raises_at_every_depth() -> None:
    req = request()
    before = req.to_json()
    reads = [req.metadata, req.extra, req.categories]
    every = [c for read in reads for c in containers(read)]
    assert len(every) == 9
    for container in every:
        changes = DICT_CHANGES if isinstance(container, dict) else LIST_CHANGES
        for change in changes:
            with pytest.raises(TypeError, match=r"read-only.*assign the attribute"):
                change(container)
    assert req.to_json() == before
    assert [req.metadata, req.extra, req.categories] == reads
    assert (req.metadata or {})["tenant"] == NESTED["tenant"]


def test_the_statement_from_the_issue_raises() -> None:
    req = request()
    with pytest.raises(TypeError):
        req.metadata["k"] = 1  # type: ignore[index]
    assert "k" not in (req.metadata or {})
    # The documented ways of changing it are validated by the core.
    req.metadata = {**(req.metadata or {}), "k": 1}
    assert (req.metadata or {})["k"] == 1
    with pytest.raises(ValidationError) as info:
        req.metadata = {**(req.metadata or {}), "k": float("nan")}
    assert kinds_and_locs(info.value) == [("invalid_value", ("metadata", "k"))]
    assert (req.metadata or {})["k"] == 1


def test_read_only_values_behave_as_dict_and_list_otherwise() -> None:
    req = request()
    metadata, categories = req.metadata, req.categories
    assert type(metadata) is ReadOnlyDict
    assert type(categories) is ReadOnlyList
    assert isinstance(metadata, dict)
    assert isinstance(categories, list)
    assert json.dumps(metadata) == json.dumps(NESTED)
    assert metadata == NESTED
    assert repr(metadata) == repr(NESTED)
    assert dict(metadata) == NESTED
    assert metadata | {"k": 1} == {**NESTED, "k": 1}
    assert type(metadata.copy()) is dict
    assert categories + [ConnectSessionCreateCategories.CRM] == ["ats", "crm"]  # noqa: RUF005
    # Copies are the caller's own, plain and mutable at every depth.
    deep = copy.deepcopy(metadata)
    assert deep == NESTED
    assert all(type(c) in (dict, list) for c in containers(deep))
    deep["tenant"]["tags"][1]["deep"].append(2)
    shallow = copy.copy(categories)
    assert type(shallow) is list
    shallow.append(ConnectSessionCreateCategories.CRM)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(metadata, protocol=protocol))
        assert back == NESTED
        assert all(type(c) in (dict, list) for c in containers(back))
    plain = req.to_dict()
    assert all(type(c) in (dict, list) for c in containers(plain))
    plain["metadata"]["k"] = 1
    assert req.metadata == NESTED


# --- replace -------------------------------------------------------------------------------


def test_replace_returns_a_new_validated_object() -> None:
    req = request()
    before = req.to_json()
    new = req.replace(provider="hibob", categories=None, multiple=True, type="sandbox")
    assert req.to_json() == before
    assert new is not req
    assert new.provider == "hibob"
    assert new.categories is None
    assert new.multiple is True
    assert new.type == "sandbox"
    assert new.metadata == req.metadata
    assert new.extra == req.extra == {"beta": {"on": [True]}}
    assert new.to_json() == (
        '{"metadata":{"tenant":{"id":"t","tags":["a",{"deep":[1]}]},"n":1},"multiple":true,'
        '"origin_owner_id":"o","origin_owner_name":"n","provider":"hibob","type":"sandbox",'
        '"beta":{"on":[true]}}'
    )
    same = req.replace()
    assert same == req
    assert same is not req


def test_replace_reports_every_problem_at_once() -> None:
    req = request()
    before = req.to_json()
    with pytest.raises(ValidationError) as info:
        req.replace(
            origin_owner_id=None,  # type: ignore[arg-type]
            categories=["hirs", 1],  # type: ignore[arg-type]
            expires_in=0,
            multiple="true",  # type: ignore[arg-type]
            metadata={"x": {1}},
        )
    assert kinds_and_locs(info.value) == [
        ("invalid_value", ("categories", 0)),
        ("invalid_type", ("categories", 1)),
        ("invalid_value", ("expires_in",)),
        ("invalid_type", ("metadata", "x")),
        ("invalid_type", ("multiple",)),
        ("missing_field", ("origin_owner_id",)),
    ]
    assert req.to_json() == before
    with pytest.raises(TypeError, match="'beta'"):
        req.replace(beta=1)  # type: ignore[call-arg]


def test_replace_keeps_metadata_number_text() -> None:
    doc = '{"metadata":{"a":1.50,"b":1E2},"origin_owner_id":"o","origin_owner_name":"n"}'
    req = ConnectSessionCreate.from_json(doc)
    assert req.replace(label="x").to_json() == (
        '{"label":"x","metadata":{"a":1.50,"b":1E2},"origin_owner_id":"o","origin_owner_name":"n"}'
    )


def test_dunder_replace_and_copy_replace() -> None:
    req = request()
    assert req.__replace__(label="l") == req.replace(label="l")
    if sys.version_info >= (3, 13):
        replace = getattr(copy, "replace")  # noqa: B009 - not in 3.9's typeshed
        assert replace(req, label="l") == req.replace(label="l")
        with pytest.raises(ValidationError):
            replace(req, expires_in=-1)


def test_init_on_an_object_makes_it_anew_or_raises_and_changes_nothing() -> None:
    """`obj.__init__(...)` takes effect, as pydantic's does, where `object.__init__` would
    have ignored it: every field as the constructor makes it, the values read before
    dropped; a call the constructor refuses changes nothing."""
    req = request()
    kept = (req.metadata, req.categories)  # read: the object keeps their Python values
    assert None not in kept
    req.__init__(origin_owner_id="p", origin_owner_name="q", label="l")
    assert req == ConnectSessionCreate(origin_owner_id="p", origin_owner_name="q", label="l")
    assert (req.metadata, req.categories, req.extra) == (None, None, {})
    before = req.to_json()
    with pytest.raises(ValidationError) as info:
        req.__init__(origin_owner_id="p", expires_in=0)  # type: ignore[call-arg]
    assert kinds_and_locs(info.value) == [
        ("invalid_value", ("expires_in",)),
        ("missing_field", ("origin_owner_name",)),
    ]
    with pytest.raises(TypeError, match="'beta'"):
        req.__init__(**OWNERS, beta=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        req.__init__({})  # type: ignore[call-arg, arg-type]
    assert req.to_json() == before


# --- huge integers -------------------------------------------------------------------------


def test_an_integer_beyond_the_conversion_limit_stays_readable() -> None:
    limit = sys.get_int_max_str_digits() or 4300
    digits = "9" * (limit + 10)
    doc = (
        '{"metadata":{"n":-' + digits + ',"small":12345678901234567890123},'
        '"origin_owner_id":"o","origin_owner_name":"n","x":[' + digits + "]}"
    )
    req = ConnectSessionCreate.from_json(doc)
    assert req.to_json() == doc
    metadata = req.metadata
    assert metadata is not None
    assert metadata["n"] == decimal.Decimal("-" + digits)
    assert type(metadata["n"]) is decimal.Decimal
    assert type(metadata["small"]) is int
    assert req.extra == {"x": [decimal.Decimal(digits)]}
    assert digits in repr(req)
    assert req.to_dict()["metadata"]["n"] == decimal.Decimal("-" + digits)
    assert str(metadata["n"]) == "-" + digits
    # What is read goes back in unchanged, by every way in.
    assert ConnectSessionCreate.from_dict(req.to_dict()) == req
    assert pickle.loads(pickle.dumps(req)) == req
    again = ConnectSessionCreate(**OWNERS, metadata=req.metadata)
    assert again.metadata == metadata
    assert int(metadata["n"]) == -int(decimal.Decimal(digits))


# --- ValidationError -----------------------------------------------------------------------


def test_validation_error_json_and_title() -> None:
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json('{"origin_owner_name":"é","categories":["hirs"]}')
    exc = info.value
    assert exc.title == "ConnectSessionCreate"
    text = exc.json()
    assert json.loads(text) == [{**e, "loc": list(e["loc"])} for e in exc.errors()]
    assert " " not in text.replace("did you mean", "").split('"msg"')[0]
    assert exc.json(indent=2) == json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    back = pickle.loads(pickle.dumps(exc))
    assert back.title == exc.title
    assert back.json() == text


# --- documentation -------------------------------------------------------------------------


def public_members(cls: type) -> list[str]:
    return [name for name in vars(cls) if not name.startswith("_")]


def test_every_public_method_property_and_enum_has_a_docstring() -> None:
    for name in public_members(ConnectSessionCreate):
        assert inspect.getdoc(getattr(ConnectSessionCreate, name)), name
    for name in ("__get_pydantic_core_schema__", "__get_pydantic_json_schema__", "__reduce__"):
        assert inspect.getdoc(getattr(ConnectSessionCreate, name)), name
    assert inspect.getdoc(ConnectSessionCreate)
    for cls in (ConnectSessionCreateCategories, ConnectSessionCreateType, ValidationError):
        assert inspect.getdoc(cls), cls
    for name in public_members(ValidationError):
        assert inspect.getdoc(getattr(ValidationError, name)), name
    assert inspect.getdoc(connect_session)
    page = pydoc.render_doc(ConnectSessionCreate)
    for _, _, _, doc in CREATE_FIELDS:
        assert doc in page
