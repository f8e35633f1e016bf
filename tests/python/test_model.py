"""The whole public surface of ConnectSessionCreate and ConnectSessionCreateCategories."""

from __future__ import annotations

import contextlib
import copy
import doctest
import enum
import importlib.metadata
import json
import pickle
import re
import threading
from typing import Any

import pytest

import connect_session
from connect_session import (
    ConnectSessionCreate,
    ConnectSessionCreateCategories,
    ConnectSessionCreateType,
    ValidationError,
    _native,
)
from support import REPO_ROOT, kinds_and_locs

Category = ConnectSessionCreateCategories
SessionType = ConnectSessionCreateType

FULL: dict[str, Any] = {
    "categories": ["ats", "hris"],
    "expires_in": 3600,
    "metadata": {"tier": "gold", "seats": 12345678901234567890123, "ratio": 0.5},
    "origin_owner_id": "owner-1",
    "origin_owner_name": "Acme",
    "origin_username": "jane",
    "provider": "hibob",
}
FULL_JSON = (
    '{"categories":["ats","hris"],"expires_in":3600,'
    '"metadata":{"tier":"gold","seats":12345678901234567890123,"ratio":0.5},'
    '"origin_owner_id":"owner-1","origin_owner_name":"Acme","origin_username":"jane",'
    '"provider":"hibob"}'
)


def minimal() -> ConnectSessionCreate:
    return ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n")


# --- the package -------------------------------------------------------------------------


def test_exports() -> None:
    assert set(connect_session.__all__) == {
        "ConnectSession",
        "ConnectSessionAuthenticate",
        "ConnectSessionCreate",
        "ConnectSessionTokenAuthLink",
        "ConnectSessionCreateCategories",
        "ConnectSessionCreateType",
        "ErrorDetails",
        "ValidationError",
        "__version__",
    }
    for name in connect_session.__all__:
        assert hasattr(connect_session, name)
    assert ConnectSessionCreate.__module__ == "connect_session"
    assert ValidationError.__module__ == "connect_session"
    assert Category.__module__ == "connect_session"
    assert SessionType.__module__ == "connect_session"


def test_one_version_everywhere() -> None:
    cargo = (REPO_ROOT / "Cargo.toml").read_text()
    section = cargo.split("[workspace.package]", 1)[1]
    match = re.search(r'^version\s*=\s*"([^"]+)"', section, re.MULTILINE)
    assert match is not None
    assert connect_session.__version__ == match.group(1)
    assert importlib.metadata.version("connect-session") == match.group(1)


def test_package_docstring_examples() -> None:
    result = doctest.testmod(connect_session, raise_on_error=True)
    assert result.attempted > 0


def test_package_ships_types() -> None:
    package = REPO_ROOT / "python" / "connect_session"
    assert (package / "py.typed").exists()
    assert (package / "_native.pyi").exists()


# --- categories --------------------------------------------------------------------------


def test_category_values_come_from_the_core() -> None:
    assert [c.value for c in Category] == list(_native.CATEGORY_VALUES)
    assert [c.name for c in Category] == [
        c.upper().replace("-", "_") for c in _native.CATEGORY_VALUES
    ]
    # docs/contract.md section 2 (version 2): the API's fourteen categories, in the API's order.
    assert _native.CATEGORY_VALUES == (
        "ats",
        "hris",
        "hris-legacy",
        "crm",
        "iam",
        "marketing",
        "lms",
        "stackone",
        "documents",
        "ticketing",
        "screening",
        "messaging",
        "accounting",
        "scheduling",
    )


def test_type_values_come_from_the_core() -> None:
    assert [t.value for t in SessionType] == list(_native.TYPE_VALUES) == ["production", "test"]
    assert [t.name for t in SessionType] == ["PRODUCTION", "TEST"]
    assert issubclass(SessionType, str)
    assert issubclass(SessionType, enum.Enum)
    assert SessionType.TEST.value == "test"
    assert str(SessionType.PRODUCTION) == "production"
    assert f"{SessionType.TEST}" == "test"
    assert SessionType.__doc__
    with pytest.raises(ValueError, match="is not a valid"):
        SessionType("PRODUCTION")
    for member in SessionType:
        assert pickle.loads(pickle.dumps(member)) is member


def test_type_reads_as_a_member_when_known_else_as_the_plain_str() -> None:
    req = minimal()
    assert req.type is None
    for given in ("test", SessionType.TEST):
        req.type = given
        assert req.type is SessionType.TEST
    req.type = "production"
    assert req.type is SessionType.PRODUCTION
    for other in ("PRODUCTION", "sandbox", "", "Test"):
        req.type = other
        assert type(req.type) is str
        assert req.type == other
        assert req.to_json().endswith(f'"type":{json.dumps(other)}}}')
    assert (
        ConnectSessionCreate.from_json(
            '{"origin_owner_id":"o","origin_owner_name":"n","type":"test"}'
        ).type
        is SessionType.TEST
    )
    with pytest.raises(ValidationError) as info:
        req.type = SessionType  # type: ignore[assignment]
    assert kinds_and_locs(info.value) == [("invalid_type", ("type",))]
    assert req.type == "Test"
    req.type = None
    assert req.type is None
    assert req.to_dict() == {"origin_owner_id": "o", "origin_owner_name": "n"}


def test_multiple_is_a_strict_bool() -> None:
    req = minimal()
    req.multiple = True
    assert req.multiple is True
    req.multiple = False
    assert req.multiple is False
    assert req.to_json() == '{"multiple":false,"origin_owner_id":"o","origin_owner_name":"n"}'
    for refused in (1, 0, "true", "false", 1.0, [True]):
        with pytest.raises(ValidationError) as info:
            req.multiple = refused  # type: ignore[assignment]
        assert kinds_and_locs(info.value) == [("invalid_type", ("multiple",))]
        assert req.multiple is False
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", multiple=1)  # type: ignore[arg-type]
    assert kinds_and_locs(info.value) == [("invalid_type", ("multiple",))]


def test_category_is_a_str_enum() -> None:
    assert issubclass(Category, str)
    assert issubclass(Category, enum.Enum)
    wire: str = "hris-legacy"
    assert wire == Category.HRIS_LEGACY
    assert str(Category.HRIS_LEGACY) == "hris-legacy"
    assert f"{Category.CRM}" == "crm"
    assert Category("crm") is Category.CRM
    assert json.dumps([Category.ATS]) == '["ats"]'


def test_category_lookup_accepts_aliases() -> None:
    assert Category("stackOne") is Category.STACKONE
    assert Category("hrisLegacy") is Category.HRIS_LEGACY
    with pytest.raises(ValueError, match='did you mean "hris"'):
        Category("hirs")
    with pytest.raises(ValueError, match="not a valid"):
        Category(3)


def test_category_members_pickle() -> None:
    for member in Category:
        assert pickle.loads(pickle.dumps(member)) is member


def test_categories_accept_members_strings_and_aliases() -> None:
    req = ConnectSessionCreate(
        origin_owner_id="o",
        origin_owner_name="n",
        categories=[Category.ATS, "hris", "hrisLegacy", "stackOne", "ats"],
    )
    assert req.categories == [
        Category.ATS,
        Category.HRIS,
        Category.HRIS_LEGACY,
        Category.STACKONE,
        Category.ATS,
    ]
    assert all(type(c) is Category for c in req.categories)
    assert req.to_json().startswith('{"categories":["ats","hris","hris-legacy","stackone","ats"]')
    req.categories = ("crm",)
    assert req.categories == [Category.CRM]
    req.categories = []
    assert req.categories == []
    req.categories = None
    assert req.categories is None


def test_lists_of_members_are_those_categories_by_every_door() -> None:
    # Lists and tuples made only of members take their own way in (no text read).
    for given in ([Category.ATS], list(Category), tuple(reversed(Category))):
        wire = [member.value for member in given]
        made = [
            ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", categories=given),
            ConnectSessionCreate.from_dict(
                {"origin_owner_id": "o", "origin_owner_name": "n", "categories": given}
            ),
            ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n").replace(
                categories=given
            ),
        ]
        assigned = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n")
        assigned.categories = given
        for req in [*made, assigned]:
            assert req.categories == list(given)
            assert json.loads(req.to_json())["categories"] == wire
    # Elsewhere they are the array of their values, as strings would be.
    req = ConnectSessionCreate.from_dict(
        {"origin_owner_id": "o", "origin_owner_name": "n", "x": (Category.CRM, Category.IAM)}
    )
    assert req.extra == {"x": ["crm", "iam"]}
    refused = []
    for label in ([Category.ATS], ["ats"]):
        with pytest.raises(ValidationError) as info:
            ConnectSessionCreate(
                origin_owner_id="o",
                origin_owner_name="n",
                label=label,  # type: ignore[arg-type]
            )
        refused.append(info.value.errors())
    assert refused[0] == refused[1]


# --- construction ------------------------------------------------------------------------


def test_constructor_takes_every_field() -> None:
    req = ConnectSessionCreate(**FULL)
    assert req.to_json() == FULL_JSON
    assert req.origin_owner_id == "owner-1"
    assert req.origin_owner_name == "Acme"
    assert req.categories == [Category.ATS, Category.HRIS]
    assert req.expires_in == 3600.0
    assert isinstance(req.expires_in, float)
    assert req.metadata == FULL["metadata"]
    assert req.origin_username == "jane"
    assert req.provider == "hibob"
    assert req.extra == {}


def test_constructor_defaults_are_absent() -> None:
    req = minimal()
    assert req.to_json() == '{"origin_owner_id":"o","origin_owner_name":"n"}'
    assert req.categories is None
    assert req.expires_in is None
    assert req.effective_expires_in == 1800.0
    assert req.metadata is None
    assert req.origin_username is None
    assert req.provider is None


def test_constructor_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        ConnectSessionCreate("o", "n")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'beta'"):
        ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", beta=1)  # type: ignore[call-arg]
    # Contract v2 (issue 10): a missing required keyword is a ValidationError
    # (missing_field), reported with every other problem, as in pydantic; TypeError is
    # only for a wrong call shape.
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate(origin_owner_id="o")  # type: ignore[call-arg]
    assert kinds_and_locs(info.value) == [("missing_field", ("origin_owner_name",))]
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate()  # type: ignore[call-arg]
    assert kinds_and_locs(info.value) == [
        ("missing_field", ("origin_owner_id",)),
        ("missing_field", ("origin_owner_name",)),
    ]


def test_every_way_of_calling_the_constructor_is_the_same() -> None:
    # A call of the class takes the vectorcall way in; `__new__` and a call through
    # `**kwargs`, `functools.partial` or `type(obj)` give the same object and errors.
    import functools

    kw: dict[str, Any] = {
        "origin_owner_id": "o",
        "origin_owner_name": "n",
        "categories": ["ats"],
        "metadata": {"k": [1, 2.5, None]},
    }
    expected = ConnectSessionCreate.from_dict(kw)
    made = [
        ConnectSessionCreate(**kw),
        ConnectSessionCreate(
            origin_owner_id="o", origin_owner_name="n", categories=["ats"], metadata=kw["metadata"]
        ),
        ConnectSessionCreate.__new__(ConnectSessionCreate, **kw),
        functools.partial(ConnectSessionCreate, origin_owner_id="o")(
            origin_owner_name="n", categories=["ats"], metadata=kw["metadata"]
        ),
        type(expected)(**kw),
    ]
    assert all(type(m) is ConnectSessionCreate and m == expected for m in made)
    bad = {**kw, "categories": ["nope"], "expires_in": 0}
    errors = []
    for call in (
        ConnectSessionCreate,
        functools.partial(ConnectSessionCreate.__new__, ConnectSessionCreate),
    ):
        with pytest.raises(ValidationError) as info:
            call(**bad)
        errors.append(info.value.errors())
    assert errors[0] == errors[1]
    assert [e["loc"] for e in errors[0]] == [("categories", 0), ("expires_in",)]
    with pytest.raises(TypeError, match="takes no positional arguments"):
        ConnectSessionCreate(kw)  # type: ignore[call-arg, arg-type]
    with pytest.raises(TypeError, match="unexpected keyword argument 'x'"):
        ConnectSessionCreate(x=1, **kw)  # type: ignore[call-arg]


def test_from_json_accepts_str_bytes_and_bytearray() -> None:
    for data in (FULL_JSON, FULL_JSON.encode(), bytearray(FULL_JSON.encode())):
        assert ConnectSessionCreate.from_json(data).to_json() == FULL_JSON
    with pytest.raises(TypeError, match="str, bytes or bytearray"):
        ConnectSessionCreate.from_json(memoryview(FULL_JSON.encode()))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ConnectSessionCreate.from_json(FULL_JSON, True)  # type: ignore[call-arg]


def test_from_json_keeps_extras_unless_strict() -> None:
    doc = '{"origin_owner_id":"o","origin_owner_name":"n","beta":{"on": true},"z":null}'
    req = ConnectSessionCreate.from_json(doc)
    assert req.extra == {"beta": {"on": True}, "z": None}
    assert (
        req.to_json()
        == '{"origin_owner_id":"o","origin_owner_name":"n","beta":{"on":true},"z":null}'
    )
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_json(doc, strict=True)
    assert kinds_and_locs(info.value) == [("unknown_field", ("beta",)), ("unknown_field", ("z",))]


def test_from_dict_is_from_json() -> None:
    data = {**FULL, "beta": [1, {"x": None}]}
    req = ConnectSessionCreate.from_dict(data)
    assert req == ConnectSessionCreate.from_json(json.dumps(data))
    assert req.extra == {"beta": [1, {"x": None}]}
    with pytest.raises(ValidationError) as info:
        ConnectSessionCreate.from_dict(data, strict=True)
    assert kinds_and_locs(info.value) == [("unknown_field", ("beta",))]
    with pytest.raises(TypeError, match="takes a dict"):
        ConnectSessionCreate.from_dict([("origin_owner_id", "o")])  # type: ignore[arg-type]


def test_from_dict_keeps_extras_in_order_after_the_fields() -> None:
    req = ConnectSessionCreate.from_dict(
        {"z": 1, "origin_owner_name": "n", "a": 2, "origin_owner_id": "o"}
    )
    assert req.to_json() == '{"origin_owner_id":"o","origin_owner_name":"n","z":1,"a":2}'
    assert list(req.extra) == ["z", "a"]


def test_null_optionals_are_absent() -> None:
    req = ConnectSessionCreate.from_dict(
        {
            "origin_owner_id": "o",
            "origin_owner_name": "n",
            "categories": None,
            "expires_in": None,
            "metadata": None,
            "origin_username": None,
            "provider": None,
        }
    )
    assert req == minimal()


# --- values ------------------------------------------------------------------------------


def test_big_integers_survive_both_ways() -> None:
    big = 2**200 + 1
    req = ConnectSessionCreate(
        origin_owner_id="o", origin_owner_name="n", metadata={"big": big, "neg": -big}
    )
    assert f'"big":{big},"neg":{-big}' in req.to_json()
    metadata = req.metadata
    assert metadata is not None
    assert metadata["big"] == big
    assert type(metadata["big"]) is int
    assert ConnectSessionCreate.from_json(req.to_json()).metadata == {"big": big, "neg": -big}


def test_native_floats_are_written_as_floats() -> None:
    req = ConnectSessionCreate(
        origin_owner_id="o",
        origin_owner_name="n",
        metadata={"one": 1.0, "half": 0.5, "huge": 1e300, "tiny": 1.5e-7, "int": 7, "neg": -2.0},
    )
    assert (
        '"metadata":{"one":1.0,"half":0.5,"huge":1e+300,"tiny":1.5e-7,"int":7,"neg":-2.0}'
        in req.to_json()
    )


def test_metadata_number_text_is_kept_but_surfaces_as_python_numbers() -> None:
    doc = '{"metadata":{"a":1.50,"b":1E2,"c":-0},"origin_owner_id":"o","origin_owner_name":"n"}'
    req = ConnectSessionCreate.from_json(doc)
    assert req.metadata == {"a": 1.5, "b": 100.0, "c": 0}
    assert req.to_json() == doc
    assert pickle.loads(pickle.dumps(req)).to_json() == doc
    assert copy.deepcopy(req).to_json() == doc


def test_what_a_read_returns_is_read_only() -> None:
    # Contract v2 (issue 10): a change to what a read returned must never vanish
    # silently, so metadata, categories and extra are read-only (they were private
    # copies); tests/python/test_mutation.py covers every way of changing them.
    req = ConnectSessionCreate(
        origin_owner_id="o", origin_owner_name="n", metadata={"tenant": {"id": "t"}}
    )
    first = req.metadata
    assert first is not None
    assert req.metadata is first
    with pytest.raises(TypeError, match="read-only"):
        first["tenant"]["id"] = "changed"
    with pytest.raises(TypeError, match="read-only"):
        first["new"] = 1  # type: ignore[index]
    assert req.metadata == {"tenant": {"id": "t"}}
    categories = [Category.ATS]
    req.categories = categories
    got = req.categories
    assert got is not None
    with pytest.raises(TypeError, match="read-only"):
        got.append(Category.CRM)
    categories.append(Category.CRM)
    assert req.categories == [Category.ATS]
    extra = ConnectSessionCreate.from_json('{"origin_owner_id":"o","origin_owner_name":"n","x":[]}')
    with pytest.raises(TypeError, match="read-only"):
        extra.extra["x"].append(1)
    assert extra.extra == {"x": []}


def test_metadata_input_is_not_kept_by_reference() -> None:
    metadata: dict[str, Any] = {"a": [1]}
    req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", metadata=metadata)
    metadata["a"].append(2)
    assert req.metadata == {"a": [1]}


def test_json_compatible_containers() -> None:
    class Sub(dict):  # type: ignore[type-arg]
        pass

    req = ConnectSessionCreate(
        origin_owner_id="o",
        origin_owner_name="n",
        metadata=Sub(t=(1, "x", [True, False, None]), u={"": ""}),
    )
    assert '"metadata":{"t":[1,"x",[true,false,null]],"u":{"":""}}' in req.to_json()


def test_strings_keep_every_character() -> None:
    text = 'nul\x00 quote" back\\ tab\t é 😀 \u2028'
    req = ConnectSessionCreate(origin_owner_id=text, origin_owner_name="n", provider=text)
    assert req.origin_owner_id == text
    assert req.provider == text
    assert ConnectSessionCreate.from_json(req.to_json()) == req
    assert '"origin_owner_id":"nul\\u0000 quote\\" back\\\\ tab\\t é 😀 \u2028"' in req.to_json()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii, longer than a machine word",
        "latin-1 é",
        "two-byte ✓",
        "astral 😀",
        type("Text", (str,), {})("a str subclass"),
    ],
)
def test_every_kind_of_str_is_read_whole(text: str) -> None:
    # CPython stores ASCII, Latin-1, two- and four-byte text differently, and a
    # subclass's text apart from its header: each is read exactly, wherever a
    # string is read (a field, the metadata's keys and values, a list of strings).
    expected = json.dumps(text, ensure_ascii=False)
    fields: dict[str, Any] = {
        "origin_owner_id": text,
        "origin_owner_name": "n",
        "metadata": {text: [text, {text: text}]},
        "categories": [text],
    }
    with pytest.raises(ValidationError) as caught:
        ConnectSessionCreate(**fields)
    assert caught.value.errors()[0]["loc"] == ("categories", 0)
    del fields["categories"]
    e = expected
    for req in (ConnectSessionCreate(**fields), ConnectSessionCreate.from_dict(fields)):
        assert req.to_json().startswith(
            f'{{"metadata":{{{e}:[{e},{{{e}:{e}}}]}},"origin_owner_id":{e},'
        )
        req.origin_username = text
        assert req.origin_username == text
        assert req.to_dict()["metadata"] == {text: [text, {text: text}]}
    extra = ConnectSessionCreate.from_dict({**fields, f"x{text}": [text]})
    assert extra.extra == {f"x{text}": [text]}
    assert extra.to_json().endswith(f',"x{e[1:]}:[{e}]}}')


# --- assignment --------------------------------------------------------------------------


def test_every_field_is_assignable() -> None:
    req = minimal()
    req.categories = ["crm"]
    req.expires_in = 0.5
    assert req.effective_expires_in == 0.5
    req.metadata = {"k": "v"}
    req.origin_owner_id = "id2"
    req.origin_owner_name = "name2"
    req.origin_username = "u"
    req.provider = "p"
    assert req.to_json() == (
        '{"categories":["crm"],"expires_in":0.5,"metadata":{"k":"v"},'
        '"origin_owner_id":"id2","origin_owner_name":"name2","origin_username":"u","provider":"p"}'
    )
    req.categories = None
    req.expires_in = None
    req.metadata = None
    req.origin_username = None
    req.provider = None
    assert req.to_json() == '{"origin_owner_id":"id2","origin_owner_name":"name2"}'
    assert req.effective_expires_in == 1800.0


def test_failed_assignment_changes_nothing() -> None:
    req = ConnectSessionCreate(**FULL)
    before = req.to_json()
    attempts: list[tuple[str, Any, tuple[str, tuple[str | int, ...]]]] = [
        ("categories", ["ats", "hirs"], ("invalid_value", ("categories", 1))),
        ("categories", "ats", ("invalid_type", ("categories",))),
        ("expires_in", 0, ("invalid_value", ("expires_in",))),
        ("expires_in", -1.5, ("invalid_value", ("expires_in",))),
        ("expires_in", True, ("invalid_type", ("expires_in",))),
        ("expires_in", "60", ("invalid_type", ("expires_in",))),
        ("expires_in", 10**400, ("invalid_value", ("expires_in",))),
        ("metadata", [1], ("invalid_type", ("metadata",))),
        ("metadata", {"x": float("nan")}, ("invalid_value", ("metadata", "x"))),
        ("metadata", {"x": [1, 2, {3}]}, ("invalid_type", ("metadata", "x", 2))),
        ("metadata", {"x": {1: 2}}, ("invalid_type", ("metadata", "x"))),
        ("origin_owner_id", None, ("missing_field", ("origin_owner_id",))),
        ("origin_owner_id", 5, ("invalid_type", ("origin_owner_id",))),
        ("origin_owner_name", b"n", ("invalid_type", ("origin_owner_name",))),
        ("origin_username", 1.5, ("invalid_type", ("origin_username",))),
        ("provider", ["hibob"], ("invalid_type", ("provider",))),
    ]
    for name, value, expected in attempts:
        with pytest.raises(ValidationError) as info:
            setattr(req, name, value)
        assert kinds_and_locs(info.value) == [expected], name
        assert req.to_json() == before, name


def test_deleting_an_attribute_is_refused() -> None:
    req = minimal()
    with pytest.raises(AttributeError):
        del req.provider
    with pytest.raises(AttributeError):
        req.extra = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        req.unknown = 1  # type: ignore[attr-defined]


# --- output ------------------------------------------------------------------------------


def test_to_json_indent() -> None:
    req = ConnectSessionCreate(
        origin_owner_id="o", origin_owner_name="n", categories=["ats"], metadata={"a": {}, "b": []}
    )
    two = req.to_json(indent=2)
    assert two == (
        '{\n  "categories": [\n    "ats"\n  ],\n  "metadata": {\n    "a": {},\n    "b": []\n  },\n'
        '  "origin_owner_id": "o",\n  "origin_owner_name": "n"\n}'
    )
    assert req.to_json(indent=4) == two.replace("  ", "    ")
    assert req.to_json(indent=0) == "\n".join(line.lstrip(" ") for line in two.split("\n"))
    # The core's bound on indent (MAX_INDENT): 10, as JSON.stringify's.
    for indent in range(11):
        assert json.loads(req.to_json(indent=indent)) == req.to_dict()
    assert req.to_json(indent=None) == req.to_json()


def test_to_json_indent_matches_json_dumps_layout() -> None:
    req = ConnectSessionCreate(**FULL)
    for indent in (0, 1, 2, 4):
        assert req.to_json(indent=indent) == json.dumps(req.to_dict(), indent=indent)


def test_to_json_indent_is_checked() -> None:
    req = minimal()
    with pytest.raises(ValueError, match="between 0 and 10"):
        req.to_json(indent=-1)
    with pytest.raises(ValueError, match="between 0 and 10"):
        req.to_json(indent=11)
    for huge in (2**64, 2**70, -(2**70)):
        with pytest.raises(ValueError, match=f"between 0 and 10, found {huge}"):
            req.to_json(indent=huge)
    with pytest.raises(TypeError):
        req.to_json(indent=True)
    with pytest.raises(TypeError):
        req.to_json(indent="  ")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        req.to_json(2)  # type: ignore[call-arg]


def test_to_dict_is_the_json_content() -> None:
    req = ConnectSessionCreate.from_dict({**FULL, "beta": {"x": [1]}})
    data = req.to_dict()
    assert data == json.loads(req.to_json())
    assert list(data) == [*FULL, "beta"]
    assert data["categories"] == ["ats", "hris"]
    assert all(type(c) is str for c in data["categories"])
    assert ConnectSessionCreate.from_dict(data) == req
    assert json.dumps(data, separators=(",", ":")) == req.to_json()


# --- dunders -----------------------------------------------------------------------------


def test_equality() -> None:
    a = ConnectSessionCreate(**FULL)
    b = ConnectSessionCreate.from_json(FULL_JSON)
    assert a == b
    assert not a != b  # noqa: SIM202
    assert a == a
    b.provider = "other"
    assert a != b
    assert a != FULL_JSON
    assert a != FULL
    assert a.__eq__(FULL) is NotImplemented
    extra = ConnectSessionCreate.from_json('{"origin_owner_id":"o","origin_owner_name":"n","x":1}')
    assert extra != minimal()


def test_not_hashable() -> None:
    assert ConnectSessionCreate.__hash__ is None
    with pytest.raises(TypeError):
        hash(minimal())


def test_repr_lists_fields_in_order() -> None:
    req = ConnectSessionCreate.from_dict({**FULL, "beta": True})
    assert repr(req) == (
        "ConnectSessionCreate(origin_owner_id='owner-1', origin_owner_name='Acme', "
        "categories=['ats', 'hris'], expires_in=3600, "
        "metadata={'tier': 'gold', 'seats': 12345678901234567890123, 'ratio': 0.5}, "
        "origin_username='jane', provider='hibob', extra={'beta': True})"
    )
    assert repr(minimal()) == "ConnectSessionCreate(origin_owner_id='o', origin_owner_name='n')"
    namespace = {"ConnectSessionCreate": ConnectSessionCreate}
    assert eval(repr(ConnectSessionCreate(**FULL)), namespace) == ConnectSessionCreate(**FULL)


def test_copies_are_independent() -> None:
    req = ConnectSessionCreate(**FULL)
    for duplicate in (copy.copy(req), copy.deepcopy(req)):
        assert duplicate == req
        assert duplicate is not req
        duplicate.provider = "changed"
        assert req.provider == "hibob"


def test_pickle_round_trip() -> None:
    req = ConnectSessionCreate.from_json(
        '{"origin_owner_id":"o","origin_owner_name":"n","metadata":{"x":1.50},"beta":[1E2]}'
    )
    reduced = req.__reduce__()
    assert reduced == (ConnectSessionCreate.from_json, (req.to_json(),))
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(req, protocol=protocol))
        assert back == req
        assert back.to_json() == req.to_json()


def test_not_subclassable() -> None:
    with pytest.raises(TypeError):
        type("Sub", (ConnectSessionCreate,), {})


# --- threads -----------------------------------------------------------------------------


def test_shared_between_threads() -> None:
    shared = ConnectSessionCreate(**FULL)
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def work(n: int) -> None:
        try:
            start.wait()
            for i in range(2000):
                shared.expires_in = n * 1000 + i + 1
                shared.metadata = {"thread": n, "i": i, "list": list(range(i % 5))}
                shared.categories = ["ats", "crm"] if i % 2 else ["hris"]
                with contextlib.suppress(ValidationError):
                    shared.expires_in = -1
                back = ConnectSessionCreate.from_json(shared.to_json())
                assert back.origin_owner_id == "owner-1"
                assert shared == shared
                _ = shared == back, repr(shared), copy.copy(shared), shared.to_dict()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    final = ConnectSessionCreate.from_json(shared.to_json())
    assert final == shared
    expires_in = shared.expires_in
    assert expires_in is not None
    assert expires_in > 0
