"""Every field of the core's table, as Python sees it. These tests walk `CREATE_FIELDS`
(exported from the core's `Field::ALL`) instead of naming the fields, so a field the core
adds is covered here, with its attribute, keyword, documentation and stub, with no edit.
"""

from __future__ import annotations

import copy
import inspect
import json
import pickle
import pydoc
from collections.abc import Callable
from typing import Any

import pytest

from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ConnectSessionCreateType,
    ValidationError,
)
from support import CREATE_FIELD_NAMES, CREATE_FIELDS, kinds_and_locs

KINDS = {"text", "boolean", "seconds", "categories", "object", "type"}
FIELDS = [(name, kind, required, doc) for name, kind, required, doc in CREATE_FIELDS]
NAMES = [name for name, *_ in FIELDS]
REQUIRED = [name for name, _, required, _ in FIELDS if required]
OWNERS: dict[str, Any] = {name: f"{name}-value" for name in REQUIRED}

# Per kind: a valid value (as given, as read back, as written in JSON), and values of the
# wrong JSON type.
VALID: dict[str, tuple[Any, Any, str]] = {
    "text": ("x \u00e9 \x00", "x \u00e9 \x00", '"x \u00e9 \\u0000"'),
    "boolean": (True, True, "true"),
    "seconds": (90, 90.0, "90"),
    "categories": (
        ["hrisLegacy", ConnectSessionCreateCategories.ATS],
        [ConnectSessionCreateCategories.HRIS_LEGACY, ConnectSessionCreateCategories.ATS],
        '["hris-legacy","ats"]',
    ),
    "object": ({"a": [1, 1.5, None]}, {"a": [1, 1.5, None]}, '{"a":[1,1.5,null]}'),
    "type": ("test", ConnectSessionCreateType.TEST, '"test"'),
}
WRONG: dict[str, list[Any]] = {
    "text": [1, True, ["x"], {"x": 1}],
    "boolean": [1, 0, "true", 1.0],
    "seconds": [True, "60", [60]],
    "categories": ["ats", {"ats": 1}, 5],
    "object": [[1], "x", 1],
    "type": [1, ["test"], False],
}


def test_the_table_is_the_core_s() -> None:
    assert len(FIELDS) >= 12
    assert tuple(NAMES) == CREATE_FIELD_NAMES
    assert sorted(NAMES) == NAMES, "the canonical order is the wire keys' order"
    assert REQUIRED == ["origin_owner_id", "origin_owner_name"]
    for name, kind, required, doc in FIELDS:
        assert kind in KINDS, name
        assert isinstance(required, bool)
        assert doc.strip(), name
        assert doc.endswith("."), name


def test_section_six_attributes_exist() -> None:
    # docs/contract.md section 6 (version 2) pins 13 names; `provider_version` comes into the core's
    # table later, and then appears here with no edit in bindings/python.
    pinned = {
        "origin_owner_id", "origin_owner_name", "account_id", "categories", "expires_in",
        "integration_id", "label", "metadata", "multiple", "origin_username", "provider",
        "type",
    }  # fmt: skip
    assert pinned <= set(NAMES)
    assert set(NAMES) <= pinned | {"provider_version"}


@pytest.mark.parametrize(("name", "kind", "required", "doc"), FIELDS, ids=NAMES)
def test_attribute_is_documented_from_the_core(
    name: str, kind: str, required: bool, doc: str
) -> None:
    descriptor: Any = inspect.getattr_static(ConnectSessionCreate, name)
    assert getattr(ConnectSessionCreate, name) is descriptor
    assert descriptor.__doc__ == doc
    assert inspect.getdoc(descriptor) == doc
    assert descriptor.__name__ == name
    assert name in repr(descriptor)
    assert inspect.isdatadescriptor(descriptor)
    assert doc in pydoc.render_doc(ConnectSessionCreate)


@pytest.mark.parametrize(("name", "kind", "required", "doc"), FIELDS, ids=NAMES)
def test_every_field_reads_writes_and_unsets(
    name: str, kind: str, required: bool, doc: str
) -> None:
    given, read, written = VALID[kind]
    req = ConnectSessionCreate(**OWNERS)
    if not required:
        assert getattr(req, name) is None
    setattr(req, name, given)
    assert getattr(req, name) == read
    assert getattr(req, name) is getattr(req, name)  # kept once read
    assert f'"{name}":{written}' in req.to_json()
    assert req.to_dict()[name] == json.loads(written)
    by_keyword = ConnectSessionCreate(**{**OWNERS, name: given})
    assert by_keyword == req
    assert ConnectSessionCreate.from_dict({**OWNERS, name: given}) == req
    assert ConnectSessionCreate.from_json(req.to_json()) == req
    if required:
        with pytest.raises(ValidationError) as info:
            setattr(req, name, None)
        assert kinds_and_locs(info.value) == [("missing_field", (name,))]
        assert getattr(req, name) == read
    else:
        setattr(req, name, None)
        assert getattr(req, name) is None
        assert f'"{name}"' not in req.to_json()
    with pytest.raises(AttributeError, match="assign None"):
        delattr(req, name)


@pytest.mark.parametrize(("name", "kind", "required", "doc"), FIELDS, ids=NAMES)
def test_a_refused_assignment_is_located_at_the_field_and_changes_nothing(
    name: str, kind: str, required: bool, doc: str
) -> None:
    given, read, _ = VALID[kind]
    req = ConnectSessionCreate(**{**OWNERS, name: given})
    before = req.to_json()
    for wrong in WRONG[kind]:
        with pytest.raises(ValidationError) as info:
            setattr(req, name, wrong)
        ((_, loc),) = {(e["type"], e["loc"][:1]) for e in info.value.errors()}
        assert loc == (name,)
        assert req.to_json() == before
        assert getattr(req, name) == read
    with pytest.raises(ValidationError) as info:
        setattr(req, name, {1, 2})
    assert kinds_and_locs(info.value) == [("invalid_type", (name,))]
    assert "a Python set" in info.value.errors()[0]["msg"]


@pytest.mark.parametrize(("name", "kind", "required", "doc"), FIELDS, ids=NAMES)
def test_constructor_errors_are_from_dict_s(name: str, kind: str, required: bool, doc: str) -> None:
    for wrong in WRONG[kind]:
        values = {name: wrong, "origin_owner_id": None, "categories": ["hirs", 3]}
        with pytest.raises(ValidationError) as by_keyword:
            ConnectSessionCreate(**values)
        with pytest.raises(ValidationError) as by_dict:
            ConnectSessionCreate.from_dict(values)
        with pytest.raises(ValidationError) as by_json:
            ConnectSessionCreate.from_json(json.dumps(values))
        assert by_keyword.value.errors() == by_dict.value.errors() == by_json.value.errors()
        assert str(by_keyword.value) == str(by_dict.value)


def test_unknown_keywords_are_a_type_error_naming_them() -> None:
    calls: list[Callable[[], object]] = [
        lambda: ConnectSessionCreate(**OWNERS, beta=1),  # type: ignore[call-arg]
        lambda: ConnectSessionCreate(**OWNERS).replace(beta=1),  # type: ignore[call-arg]
    ]
    for call in calls:
        with pytest.raises(TypeError, match="'beta'"):
            call()


def full() -> ConnectSessionCreate:
    """Every field set."""
    values = {name: VALID[kind][0] for name, kind, _, _ in FIELDS}
    return ConnectSessionCreate(**{**values, **OWNERS})


def test_repr_eq_copy_and_pickle_of_every_field() -> None:
    req = full()
    text = repr(req)
    for name in NAMES:
        assert f" {name}=" in text or f"({name}=" in text, name
    required_first = text.index(REQUIRED[-1]) < min(
        text.index(f" {name}=") for name in NAMES if name not in REQUIRED
    )
    assert required_first
    namespace = {"ConnectSessionCreate": ConnectSessionCreate}
    assert eval(text, namespace) == req
    for other in (
        copy.copy(req),
        copy.deepcopy(req),
        *(pickle.loads(pickle.dumps(req, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)),
        ConnectSessionCreate.from_dict(req.to_dict()),
    ):
        assert other == req
        assert other.to_json() == req.to_json()
        for name in NAMES:
            assert getattr(other, name) == getattr(req, name)
    values = {name: getattr(req, name) for name in NAMES}
    for name, _, required, _ in FIELDS:
        changed = copy.copy(req)
        if required:
            setattr(changed, name, "other")
        else:
            setattr(changed, name, None)
        assert changed != req, name
        assert getattr(req, name) == values[name]


def test_json_schema_describes_every_field() -> None:
    schema = ConnectSessionCreate.json_schema()
    assert isinstance(schema, dict)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(schema["properties"]) == NAMES
    assert schema["required"] == REQUIRED
    assert ConnectSessionCreate.json_schema() is not schema


def test_the_signature_lists_every_field_as_a_keyword() -> None:
    signature = inspect.signature(ConnectSessionCreate)
    params = list(signature.parameters.values())
    assert [p.name for p in params] == REQUIRED + [n for n in NAMES if n not in REQUIRED]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    for p in params:
        assert (p.default is inspect.Parameter.empty) == (p.name in REQUIRED)
        if p.name not in REQUIRED:
            assert p.default is None
