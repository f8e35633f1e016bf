"""Smoke test of an installed connect_session: `python -I smoke.py VERSION`.

tests/dist/run.sh runs it in a fresh venv, from a temporary directory and isolated (-I), so
the package comes from the venv's site-packages: once with nothing else installed, once
with examples/requirements.txt (pydantic's part then runs too). It checks the package
(version, stubs, licence files, long description) and, for each model class in MODELS, the
whole surface: build, JSON both ways, pretty output, validation errors, strict mode,
assignment, copying, pickling, the JSON Schema and pydantic. Another class is one more
entry in MODELS. Prints one line per failure, then 'smoke: N passed, N failed' and the
state of pydantic ('pydantic: checked' or 'pydantic: absent').
"""

from __future__ import annotations

import copy
import datetime
import importlib.metadata
import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import connect_session
from connect_session import ValidationError


@dataclass
class Model:
    name: str  # the class, as connect_session exports it
    fields: dict[str, Any]  # constructor keywords of a valid object
    canonical: str  # its canonical JSON
    invalid: str  # a document with problems...
    problems: list[tuple[str, tuple[str | int, ...]]]  # ...and each one's (type, loc), in order
    change: tuple[str, Any]  # an attribute and a valid new value for it
    bad_change: tuple[str, Any]  # the same attribute and a refused value


MODELS = [
    Model(
        name="ConnectSessionCreate",
        fields={
            "origin_owner_id": "owner-1",
            "origin_owner_name": "Acme",
            "categories": ["hris", "stackOne"],
            "expires_in": 1800,
            "metadata": {"tier": "gold", "retries": 3},
        },
        canonical='{"categories":["hris","stackone"],"expires_in":1800,'
        '"metadata":{"tier":"gold","retries":3},"origin_owner_id":"owner-1",'
        '"origin_owner_name":"Acme"}',
        invalid='{"origin_owner_id":"o","categories":["hirs"],"expires_in":-1}',
        problems=[
            ("invalid_value", ("categories", 0)),
            ("invalid_value", ("expires_in",)),
            ("missing_field", ("origin_owner_name",)),
        ],
        change=("label", "HR"),
        bad_change=("expires_in", 0),
    ),
    Model(
        name="ConnectSessionAuthenticate",
        fields={"token": "tok-1"},
        canonical='{"token":"tok-1"}',
        invalid='{"token":7}',
        problems=[("invalid_type", ("token",))],
        change=("token", "tok-2"),
        bad_change=("token", 7),
    ),
    Model(
        name="ConnectSessionTokenAuthLink",
        fields={
            "auth_link_url": "https://hub.example/x",
            "created_at": "2024-12-02T04:42:35.999Z",
            "id": 9223372036854775807,
            "metadata": {"tenant": {"id": "t-42"}, "n": 12345678901234567890123},
            "organization_id": "org-1",
            "origin_owner_id": "owner-1",
            "origin_owner_name": "Acme",
            "project_id": "proj-1",
            "token": "tok-1",
        },
        canonical='{"auth_link_url":"https://hub.example/x","created_at":"2024-12-02T04:42:35.999Z",'
        '"id":9223372036854775807,"metadata":{"tenant":{"id":"t-42"},"n":12345678901234567890123},'
        '"organization_id":"org-1","origin_owner_id":"owner-1","origin_owner_name":"Acme",'
        '"project_id":"proj-1","token":"tok-1"}',
        invalid='{"auth_link_url":"u","created_at":"2024-02-30T00:00:00Z","id":7.0,'
        '"organization_id":"o","origin_owner_id":"w","origin_owner_name":"n","project_id":"p"}',
        problems=[
            ("invalid_value", ("created_at",)),
            ("invalid_type", ("id",)),
            ("missing_field", ("token",)),
        ],
        change=("id", -9223372036854775808),
        bad_change=("id", 9223372036854775808),
    ),
    Model(
        name="ConnectSession",
        fields={
            "created_at": "2024-02-29T23:59:59+14:00",
            "id": 1,
            "organization_id": "org-1",
            "origin_owner_id": "owner-1",
            "origin_owner_name": "Acme",
            "project_id": "proj-1",
        },
        canonical='{"created_at":"2024-02-29T23:59:59+14:00","id":1,"organization_id":"org-1",'
        '"origin_owner_id":"owner-1","origin_owner_name":"Acme","project_id":"proj-1"}',
        invalid='{"created_at":"2024-12-02T04:42:35","id":"7","organization_id":"o",'
        '"origin_owner_id":"w","origin_owner_name":"n","project_id":"p"}',
        problems=[("invalid_value", ("created_at",)), ("invalid_type", ("id",))],
        change=(
            "created_at",
            datetime.datetime(2024, 12, 2, 4, 42, 35, tzinfo=datetime.timezone.utc),
        ),
        bad_change=("created_at", "2024-13-01T00:00:00Z"),
    ),
]

passed = 0
failures: list[str] = []


def check(what: str, test: Callable[[], bool]) -> None:
    global passed
    try:
        ok = test()
    except Exception as exc:  # a crash is a failure of this check, not of the run
        ok = False
        what = f"{what}: {type(exc).__name__}: {exc}"
    if ok:
        passed += 1
    else:
        failures.append(what)
        print(f"FAILED: {what}")


def raises(call: Callable[[], Any]) -> ValidationError:
    try:
        call()
    except ValidationError as exc:
        return exc
    raise AssertionError("no ValidationError")


def kinds(exc: ValidationError) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(e["type"], e["loc"]) for e in exc.errors()]


def check_package(version: str) -> None:
    package = Path(connect_session.__file__).parent
    dist = importlib.metadata.distribution("connect-session")
    check("imported from the venv", lambda: str(package).startswith(sys.prefix))
    check("__version__ is the release's", lambda: connect_session.__version__ == version)
    check("the metadata's version is the release's", lambda: dist.version == version)
    check("py.typed is shipped", lambda: (package / "py.typed").is_file())
    check(
        "the stubs are shipped",
        lambda: {p.name for p in package.glob("*.pyi")} >= {"_native.pyi", "_enums.pyi"},
    )
    check(
        "one extension module, for this interpreter",
        lambda: (
            [p.name for p in package.glob("_native*.so")]
            == [f"_native.cpython-{sys.version_info[0]}{sys.version_info[1]}-x86_64-linux-gnu.so"]
        ),
    )
    check(
        "the licence files are named and shipped",
        lambda: (
            dist.metadata.get_all("License-File") == ["LICENSE-MIT", "LICENSE-APACHE"]
            and all(
                "Permission is hereby granted" in (dist.read_text(f"licenses/{name}") or "")
                or "Apache License" in (dist.read_text(f"licenses/{name}") or "")
                for name in ("LICENSE-MIT", "LICENSE-APACHE")
            )
        ),
    )
    check(
        "the licence expression",
        lambda: dist.metadata["License-Expression"] == "MIT OR Apache-2.0",
    )
    check(
        "the README is the long description",
        lambda: (
            str(dist.metadata.get_payload()).startswith("# connect-session")  # type: ignore[attr-defined]
            and dist.metadata["Description-Content-Type"].startswith("text/markdown")
        ),
    )


def check_model(model: Model) -> None:
    cls = getattr(connect_session, model.name)
    name = model.name
    data = json.loads(model.canonical)
    obj = cls(**model.fields)
    check(
        f"{name}: built from keywords, writes canonical JSON",
        lambda: obj.to_json() == model.canonical,
    )
    check(f"{name}: from_json(str) reads it back", lambda: cls.from_json(model.canonical) == obj)
    check(f"{name}: from_json(bytes) too", lambda: cls.from_json(model.canonical.encode()) == obj)
    check(f"{name}: from_dict", lambda: cls.from_dict(data) == obj)
    check(f"{name}: to_dict", lambda: obj.to_dict() == data)
    check(
        f"{name}: to_json(indent=2) is the pretty form",
        lambda: obj.to_json(indent=2) == json.dumps(data, indent=2, ensure_ascii=False),
    )

    exc = raises(lambda: cls.from_json(model.invalid))
    check(f"{name}: ValidationError is a ValueError", lambda: isinstance(exc, ValueError))
    check(
        f"{name}: every problem, in order",
        lambda: kinds(exc) == model.problems,
    )
    check(f"{name}: error_count", lambda: exc.error_count() == len(model.problems))
    check(
        f"{name}: the errors as JSON",
        lambda: [(e["type"], tuple(e["loc"])) for e in json.loads(exc.json())] == model.problems,
    )
    check(
        f"{name}: one line per problem", lambda: len(str(exc).splitlines()) == len(model.problems)
    )
    check(
        f"{name}: the error pickles",
        lambda: pickle.loads(pickle.dumps(exc)).errors() == exc.errors(),
    )
    check(
        f"{name}: the keywords are checked alike",
        lambda: kinds(raises(lambda: cls.from_dict(json.loads(model.invalid)))) == model.problems,
    )

    extra = {**data, "x_extra": [1, "two"]}
    text = json.dumps(extra, separators=(",", ":"))
    kept = cls.from_json(text)
    check(f"{name}: extra keys are kept", lambda: kept.extra == {"x_extra": [1, "two"]})
    check(f"{name}: and written after the known ones", lambda: kept.to_json() == text)
    check(
        f"{name}: strict mode refuses them",
        lambda: (
            kinds(raises(lambda: cls.from_json(text, strict=True)))
            == [("unknown_field", ("x_extra",))]
        ),
    )
    check(
        f"{name}: from_dict(strict=True) too",
        lambda: raises(lambda: cls.from_dict(extra, strict=True)).error_count() == 1,
    )

    attribute, value = model.change
    changed = copy.copy(obj)
    setattr(changed, attribute, value)
    check(f"{name}: an attribute assigned", lambda: getattr(changed, attribute) == value)
    check(f"{name}: the copy changed, not the original", lambda: obj.to_json() == model.canonical)
    bad_attribute, bad_value = model.bad_change
    before = changed.to_json()
    check(
        f"{name}: a refused assignment raises and changes nothing",
        lambda: (
            raises(lambda: setattr(changed, bad_attribute, bad_value)) is not None
            and changed.to_json() == before
        ),
    )
    check(f"{name}: replace", lambda: obj.replace(**{attribute: value}) == changed)
    check(f"{name}: deepcopy", lambda: copy.deepcopy(changed) == changed)
    check(f"{name}: pickle", lambda: pickle.loads(pickle.dumps(changed)) == changed)
    check(f"{name}: repr names the class", lambda: repr(obj).startswith(f"{name}("))
    schema = cls.json_schema()
    check(
        f"{name}: JSON Schema lists the fields",
        lambda: set(schema["properties"]) >= set(model.fields),
    )


def check_pydantic(model: Model) -> None:
    import pydantic

    cls = getattr(connect_session, model.name)
    name = model.name
    data = json.loads(model.canonical)
    body: Any = pydantic.create_model("Body", item=(cls, ...))  # a model with the class as a field
    check(
        f"{name} in pydantic: a dict is validated into the class",
        lambda: body.model_validate({"item": data}).item == cls.from_json(model.canonical),
    )
    check(
        f"{name} in pydantic: JSON text too",
        lambda: body.model_validate_json(json.dumps({"item": data})).item == cls.from_dict(data),
    )
    try:
        body.model_validate({"item": json.loads(model.invalid)})
        errors: list[Any] = []
    except pydantic.ValidationError as exc:
        errors = exc.errors()
    check(
        f"{name} in pydantic: each problem is a pydantic error under the field",
        lambda: (
            [(e["type"], tuple(e["loc"])) for e in errors]
            == [(kind, ("item", *loc)) for kind, loc in model.problems]
        ),
    )
    check(
        f"{name} in pydantic: model_dump gives to_dict",
        lambda: body.model_validate({"item": data}).model_dump() == {"item": data},
    )
    check(
        f"{name} in pydantic: the JSON Schema is the core's",
        lambda: name in body.model_json_schema()["$defs"],
    )


def main() -> int:
    check_package(sys.argv[1])
    for model in MODELS:
        check_model(model)
    try:
        import pydantic  # noqa: F401
    except ImportError:
        state = "absent"
    else:
        state = "checked"
        for model in MODELS:
            check_pydantic(model)
    print(f"smoke: {passed} passed, {len(failures)} failed")
    print(f"pydantic: {state}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
