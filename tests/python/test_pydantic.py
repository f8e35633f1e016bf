"""ConnectSessionCreate as a pydantic field type and in a FastAPI body (contract section 8)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import jsonschema
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from connect_session import ConnectSessionCreate, ValidationError, _pydantic
from support import CASES, REPO_ROOT, model_name

# The vectors of ConnectSessionCreate, the type of Body.session.
CREATE_CASES = [c for c in CASES if model_name(c) == "ConnectSessionCreate"]

VALID = {
    "origin_owner_id": "owner-1",
    "origin_owner_name": "Acme",
    "categories": ["hris", "stackOne"],
    "expires_in": 1800,
    "metadata": {"tenant": {"id": "t-42"}, "retries": 3},
}
# Three problems at once, in the core's order: a category, a type, a missing field.
INVALID = {"origin_owner_id": 7, "categories": ["ats", "hirs"]}


class Body(BaseModel):
    session: ConnectSessionCreate
    note: str = ""


class Batch(BaseModel):
    sessions: list[ConnectSessionCreate]
    # Optional, not "| None": pydantic evaluates the annotation, and Python 3.9 has no "|".
    fallback: Optional[ConnectSessionCreate] = None  # noqa: UP045


def core_errors(value: Any) -> list[tuple[str, tuple[str | int, ...], str]]:
    """The core's own errors for ``value`` (a dict or JSON text)."""
    parse = (
        ConnectSessionCreate.from_dict
        if isinstance(value, dict)
        else ConnectSessionCreate.from_json
    )
    with pytest.raises(ValidationError) as info:
        parse(value)
    return [(e["type"], e["loc"], e["msg"]) for e in info.value.errors()]


def pydantic_errors(
    exc: PydanticValidationError,
) -> list[tuple[str, tuple[str | int, ...], str]]:
    return [(e["type"], e["loc"], e["msg"]) for e in exc.errors()]


def prefixed(
    errors: list[tuple[str, tuple[str | int, ...], str]], *prefix: str | int
) -> list[tuple[str, tuple[str | int, ...], str]]:
    return [(kind, (*prefix, *loc), msg) for kind, loc, msg in errors]


def test_the_class_hooks_hand_over_to_the_module() -> None:
    handler: Any = None  # neither function calls pydantic's handler
    core = ConnectSessionCreate.__get_pydantic_core_schema__(ConnectSessionCreate, handler)
    expected = _pydantic.core_schema(ConnectSessionCreate, ConnectSessionCreate, handler)
    assert (core["type"], core.get("ref")) == (expected["type"], expected.get("ref"))
    assert ConnectSessionCreate.__get_pydantic_json_schema__(core, handler) == (
        _pydantic.json_schema(ConnectSessionCreate, core, handler)
    )


def test_importing_the_package_imports_no_pydantic() -> None:
    code = (
        "import sys, connect_session\n"
        "connect_session.ConnectSessionCreate(origin_owner_id='o', origin_owner_name='n')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "[]\n"


# --- validation ----------------------------------------------------------------------------


def test_an_instance_is_kept_as_is() -> None:
    req = ConnectSessionCreate.from_dict(VALID)
    assert Body(session=req).session is req
    assert Body.model_validate({"session": req}).session is req


def test_revalidate_instances_always_gives_a_copy() -> None:
    class Copying(BaseModel):
        model_config = ConfigDict(revalidate_instances="always")
        session: ConnectSessionCreate

    req = ConnectSessionCreate.from_dict(VALID)
    got = Copying(session=req).session
    assert got == req
    assert got is not req


def test_a_dict_is_read_by_from_dict() -> None:
    assert Body(session=VALID).session == ConnectSessionCreate.from_dict(VALID)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [str, bytes, bytearray])
def test_json_text_is_read_by_from_json(kind: type[Any]) -> None:
    text = '{"metadata":{"x":1.50},"origin_owner_id":"o","origin_owner_name":"n"}'
    value = text if kind is str else kind(text.encode())
    got = Body.model_validate({"session": value}).session
    assert got == ConnectSessionCreate.from_json(text)
    assert got.to_json() == text  # the text itself reached the core: 1.50 is kept


def test_json_mode_reads_an_object() -> None:
    doc = json.dumps({"session": VALID, "note": "x"})
    body = Body.model_validate_json(doc)
    assert body.session == ConnectSessionCreate.from_dict(VALID)
    assert body.note == "x"


def test_json_mode_sees_the_object_pydantic_parsed() -> None:
    """pydantic parses the document before the hook runs (see _pydantic's docstring): the
    core gets the parsed values, not the text. If pydantic ever hands over the raw text,
    this test fails and the module's docstring must change."""
    doc = (
        '{"session": {"origin_owner_id": "o", "origin_owner_name": "n",'
        ' "metadata": {"x": 1.50, "d": 1, "d": 2}}}'
    )
    assert Body.model_validate_json(doc).session.to_json() == (
        '{"metadata":{"x":1.5,"d":2},"origin_owner_id":"o","origin_owner_name":"n"}'
    )


@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1e400"])
def test_json_mode_non_finite_numbers_reach_the_core_as_floats(number: str) -> None:
    """pydantic's parser reads them as floats (the core would call NaN a syntax error); the
    core refuses the float where it stands."""
    doc = (
        '{"session": {"origin_owner_id": "o", "origin_owner_name": "n", "metadata": {"x": '
        + number
        + "}}}"
    )
    with pytest.raises(PydanticValidationError) as info:
        Body.model_validate_json(doc)
    [(kind, loc, _)] = pydantic_errors(info.value)
    assert (kind, loc) == ("invalid_value", ("session", "metadata", "x"))


def test_json_mode_reads_json_text_in_a_string_exactly() -> None:
    text = '{"metadata":{"x":1.50},"origin_owner_id":"o","origin_owner_name":"n"}'
    body = Body.model_validate_json(json.dumps({"session": text}))
    assert body.session.to_json() == text


@pytest.mark.parametrize("mode", ["python", "json"])
def test_several_errors_at_once_with_their_locations(mode: str) -> None:
    data = {"session": INVALID}

    def validate() -> Body:
        if mode == "python":
            return Body.model_validate(data)
        return Body.model_validate_json(json.dumps(data))

    with pytest.raises(PydanticValidationError) as info:
        validate()
    expected = prefixed(core_errors(INVALID), "session")
    assert [kind for kind, _, _ in expected] == ["invalid_value", "invalid_type", "missing_field"]
    assert pydantic_errors(info.value) == expected
    assert info.value.error_count() == 3
    # input: the value at the location, or the object a required key is missing from.
    assert [e["input"] for e in info.value.errors()] == ["hirs", 7, INVALID]


def test_errors_of_json_text() -> None:
    text = '{"origin_owner_id":"o","categories":["hirs"]}'
    with pytest.raises(PydanticValidationError) as info:
        Body(session=text)  # type: ignore[arg-type]
    assert pydantic_errors(info.value) == prefixed(core_errors(text), "session")
    assert {e["input"] for e in info.value.errors()} == {text}


def test_a_syntax_error_is_reported_at_the_field() -> None:
    with pytest.raises(PydanticValidationError) as info:
        Body.model_validate({"session": b'{"origin_owner_id": "o",'})
    [(kind, loc, msg)] = pydantic_errors(info.value)
    assert (kind, loc) == ("syntax", ("session",))
    assert msg == core_errors(b'{"origin_owner_id": "o",')[0][2]


def test_the_location_follows_the_field_into_lists() -> None:
    with pytest.raises(PydanticValidationError) as info:
        Batch.model_validate({"sessions": [VALID, INVALID], "fallback": INVALID})
    assert pydantic_errors(info.value) == [
        *prefixed(core_errors(INVALID), "sessions", 1),
        *prefixed(core_errors(INVALID), "fallback"),
    ]


def test_a_message_with_braces_is_kept_as_the_core_wrote_it() -> None:
    doc = {"origin_owner_id": "o", "origin_owner_name": "n", "categories": ["{x} {}"]}
    with pytest.raises(PydanticValidationError) as info:
        Body(session=doc)  # type: ignore[arg-type]
    assert pydantic_errors(info.value) == prefixed(core_errors(doc), "session")
    assert "{x} {}" in info.value.errors()[0]["msg"]


@pytest.mark.parametrize(
    ("value", "found"), [(5, "int"), ([VALID], "list"), (None, "NoneType"), (1.5, "float")]
)
def test_other_python_values_are_an_invalid_type(value: Any, found: str) -> None:
    with pytest.raises(PydanticValidationError) as info:
        Body.model_validate({"session": value})
    assert pydantic_errors(info.value) == [
        (
            "invalid_type",
            ("session",),
            f"expected a ConnectSessionCreate, a dict or JSON text (str or bytes), found {found}",
        )
    ]


@pytest.mark.parametrize(
    ("value", "found"), [("5", "a number"), ("[{}]", "an array"), ("null", "null")]
)
def test_other_json_values_are_an_invalid_type(value: str, found: str) -> None:
    with pytest.raises(PydanticValidationError) as info:
        Body.model_validate_json(f'{{"session": {value}}}')
    assert pydantic_errors(info.value) == [
        (
            "invalid_type",
            ("session",),
            f"expected a JSON object or JSON text in a string, found {found}",
        )
    ]


def test_pydantic_strict_mode_keeps_the_core_rules() -> None:
    class Strict(BaseModel):
        model_config = ConfigDict(strict=True)
        session: ConnectSessionCreate

    doc = {**VALID, "zz": 1}
    assert Strict.model_validate({"session": doc}).session == ConnectSessionCreate.from_dict(doc)


def test_extra_keys_are_kept() -> None:
    doc = {**VALID, "zz_extra": {"k": [1, 2]}, "another": True}
    body = Body(session=doc)  # type: ignore[arg-type]
    assert body.session.extra == {"zz_extra": {"k": [1, 2]}, "another": True}
    assert body.model_dump()["session"] == ConnectSessionCreate.from_dict(doc).to_dict()
    assert list(body.model_dump()["session"])[-2:] == ["zz_extra", "another"]


# --- serialization -------------------------------------------------------------------------


def test_model_dump_gives_the_canonical_dict() -> None:
    req = ConnectSessionCreate.from_dict({**VALID, "zz": 1})
    body = Body(session=req, note="n")
    assert body.model_dump() == {"session": req.to_dict(), "note": "n"}
    assert body.model_dump(mode="json") == {"session": req.to_dict(), "note": "n"}
    assert body.model_dump()["session"]["categories"] == ["hris", "stackone"]  # plain strings


def test_model_dump_round_trips() -> None:
    body = Body(session=ConnectSessionCreate.from_dict({**VALID, "zz": [None]}), note="n")
    assert Body.model_validate(body.model_dump()) == body
    assert Body.model_validate(body.model_dump(mode="json")) == body
    assert Body.model_validate_json(body.model_dump_json()) == body


def test_model_dump_json_holds_the_bytes_of_to_json() -> None:
    text = (
        '{"categories":["hris-legacy","stackone"],"expires_in":0.5,'
        '"metadata":{"é":"\\u0000\\u001f\\"\\\\/\u2028😀","n":[1,-2,3.25,1e-7,'
        '12345678901234567890123],"o":{},"t":[true,false,null]},'
        '"origin_owner_id":"o","origin_owner_name":"n","x":{"y":"z"}}'
    )
    req = ConnectSessionCreate.from_json(text)
    assert req.to_json() == text
    assert Body(session=req).model_dump_json() == '{"session":' + text + ',"note":""}'


def test_model_dump_json_writes_numbers_as_pydantic_does() -> None:
    """The documented exception: pydantic writes the dict, numbers included, itself."""
    req = ConnectSessionCreate.from_json(
        '{"expires_in":1e-6,"metadata":{"x":1.50},"origin_owner_id":"o","origin_owner_name":"n"}'
    )
    assert req.to_json() == (
        '{"expires_in":0.000001,"metadata":{"x":1.50},"origin_owner_id":"o","origin_owner_name":"n"}'
    )
    assert Body(session=req).model_dump_json() == (
        '{"session":{"expires_in":1e-6,"metadata":{"x":1.5},"origin_owner_id":"o",'
        '"origin_owner_name":"n"},"note":""}'
    )


def test_a_huge_integer_is_written_as_a_number() -> None:
    """Beyond Python's int/str conversion limit (4,300 digits by default), to_dict() gives a
    Decimal; model_dump_json() still writes the number, not a string."""
    digits = "7" * 5000
    text = '{"metadata":{"n":' + digits + ',"f":1.5},"origin_owner_id":"o","origin_owner_name":"n"}'
    req = ConnectSessionCreate.from_json(text)
    body = Body(session=req)
    assert body.model_dump()["session"] == req.to_dict()
    assert body.model_dump_json() == '{"session":' + text + ',"note":""}'
    assert Body.model_validate(body.model_dump()).session == req
    assert Body.model_validate(body.model_dump(mode="json")).session == req
    # pydantic's JSON parser refuses so long a number (model_validate_json of the dump fails
    # before the hook runs); the document given as a string reaches the core as text.
    assert Body.model_validate_json(json.dumps({"session": text})).session == req


_STRING_OR_NUMBER = re.compile(r'("(?:[^"\\]|\\.)*")|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?')


def _numbers_blanked(text: str) -> str:
    return _STRING_OR_NUMBER.sub(lambda m: m.group(1) or "0", text)


def valid_vectors() -> list[Path]:
    return [c for c in CREATE_CASES if c.name.startswith("valid_")]


def read_vector(case: Path) -> ConnectSessionCreate:
    strict = (case / "mode").exists()
    return ConnectSessionCreate.from_json((case / "input.json").read_bytes(), strict=strict)


@pytest.mark.parametrize("case", valid_vectors(), ids=lambda p: p.name)
def test_model_dump_json_of_every_valid_vector(case: Path) -> None:
    """Byte for byte ``to_json()``, numbers' text aside; the same content always."""
    req = read_vector(case)
    out = Body(session=req).model_dump_json()
    assert out.startswith('{"session":')
    assert out.endswith(',"note":""}')
    embedded = out[len('{"session":') : -len(',"note":""}')]
    assert json.loads(embedded) == json.loads(req.to_json())
    assert _numbers_blanked(embedded) == _numbers_blanked(req.to_json())
    assert Body.model_validate_json(out).session == ConnectSessionCreate.from_dict(
        json.loads(req.to_json())
    )


# --- JSON Schema ---------------------------------------------------------------------------


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_the_model_schema_embeds_the_core_schema(mode: Any) -> None:
    core: dict[str, Any] = ConnectSessionCreate.json_schema()
    schema = Batch.model_json_schema(mode=mode)
    assert schema["properties"]["sessions"]["items"] == {"$ref": "#/$defs/ConnectSessionCreate"}
    assert list(schema["$defs"]) == ["ConnectSessionCreate"]
    embedded = schema["$defs"]["ConnectSessionCreate"]
    # The core's schema, its own definitions written in place and its $schema left out.
    assert _refs(embedded) == []
    assert "$schema" not in embedded
    assert "$defs" not in embedded
    for key in ("title", "description", "type", "required", "additionalProperties"):
        assert embedded[key] == core[key]
    assert list(embedded["properties"]) == list(core["properties"])
    categories_def = core["$defs"]["ConnectSessionCreateCategories"]
    assert embedded["properties"]["categories"]["items"] == categories_def
    # Nothing in the class's own schema changed.
    assert ConnectSessionCreate.json_schema() == core


def test_the_embedded_schema_validates_the_vectors() -> None:
    schema = Body.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked_invalid = 0
    for case in CREATE_CASES:
        raw = (case / "input.json").read_bytes()
        if case.name.startswith("valid_"):
            validator.validate({"session": json.loads(raw)})
            continue
        errors = json.loads((case / "errors.json").read_bytes())
        # Refusals a JSON Schema can state: a wrong type or a missing field.
        if all(e["type"] in ("invalid_type", "missing_field") for e in errors):
            doc = json.loads(raw)
            assert not validator.is_valid({"session": doc}), case.name
            checked_invalid += 1
    assert checked_invalid >= 10


def test_a_type_adapter_of_the_class_itself() -> None:
    adapter = TypeAdapter(ConnectSessionCreate)
    req = adapter.validate_python(VALID)
    assert req == ConnectSessionCreate.from_dict(VALID)
    assert adapter.dump_python(req) == req.to_dict()
    assert adapter.dump_json(req) == req.to_json().encode()
    with pytest.raises(PydanticValidationError) as info:
        adapter.validate_json(json.dumps(INVALID))
    assert pydantic_errors(info.value) == core_errors(INVALID)  # no field: the core's locs
    schema = adapter.json_schema()
    assert schema["title"] == "ConnectSessionCreate"
    assert _refs(schema) == []


# --- FastAPI -------------------------------------------------------------------------------


def make_app() -> FastAPI:
    app = FastAPI()

    @app.post("/connect_sessions")
    def create(body: Body) -> Body:
        return body

    return app


def test_fastapi_answers_200_for_a_valid_body() -> None:
    client = TestClient(make_app())
    response = client.post("/connect_sessions", json={"session": {**VALID, "zz": 1}})
    assert response.status_code == 200
    expected = ConnectSessionCreate.from_dict({**VALID, "zz": 1})
    assert response.json() == {"session": expected.to_dict(), "note": ""}


def test_fastapi_answers_422_with_the_core_errors() -> None:
    client = TestClient(make_app())
    response = client.post("/connect_sessions", json={"session": INVALID})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [(e["type"], tuple(e["loc"]), e["msg"]) for e in detail] == prefixed(
        core_errors(INVALID), "body", "session"
    )


@pytest.mark.parametrize(
    ("body", "loc", "given"),
    [
        ('{"metadata": {"x": NaN, "y": [1, Infinity]}}', ("metadata", "x"), "nan"),
        ('{"metadata": {"x": 1, "y": [1, -Infinity]}}', ("metadata", "y", 1), "-inf"),
        ('{"expires_in": 1e400}', ("expires_in",), "inf"),
        # A missing owner: the input is the whole object, NaN inside it.
        ('{"metadata": {"x": NaN}}', ("origin_owner_name",), {"metadata": {"x": "nan"}}),
    ],
)
def test_fastapi_answers_422_for_numbers_json_cannot_hold(
    body: str, loc: tuple[Any, ...], given: Any
) -> None:
    """Python's json reads NaN, Infinity and 1e400 as floats, which the core refuses; the
    errors' inputs hold them as text, so that FastAPI can write its answer."""
    session = body.replace("{", '{"origin_owner_id": "o", ', 1)
    if "origin_owner_name" not in loc:
        session = session.replace("{", '{"origin_owner_name": "n", ', 1)
    client = TestClient(make_app(), raise_server_exceptions=False)
    response = client.post(
        "/connect_sessions",
        content='{"session": ' + session + "}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    found = {tuple(e["loc"]): e for e in response.json()["detail"]}
    where = ("body", "session", *loc)
    error = found[where]
    assert error["input"] == (
        {"origin_owner_id": "o", **given} if isinstance(given, dict) else given
    )


def test_fastapi_openapi_holds_the_core_schema() -> None:
    components = make_app().openapi()["components"]["schemas"]
    assert components["Body"]["properties"]["session"] == {
        "$ref": "#/components/schemas/ConnectSessionCreate"
    }
    assert (
        components["ConnectSessionCreate"]
        == Body.model_json_schema()["$defs"]["ConnectSessionCreate"]
    )


# --- README example ------------------------------------------------------------------------


def test_the_example_runs() -> None:
    example = REPO_ROOT / "examples" / "pydantic_fastapi.py"
    run = subprocess.run(
        [sys.executable, "-W", "error", str(example)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines() == [
        "200 {'session': {'categories': ['stackone'], 'origin_owner_id': 'owner-1', "
        "'origin_owner_name': 'Acme'}, 'note': ''}",
        "422 [('body', 'session', 'categories', 0), ('body', 'session', 'origin_owner_name')]",
    ]
