"""The new field from Python (tests/extending/run.sh runs it against the extension built
in its copy of the tree): `python check.py EXPECTED_JSON INVALID_JSON PACKAGE_ROOT`."""

import inspect
import sys
from typing import Callable

import connect_session
from connect_session import ConnectSessionCreate, ValidationError

expected, invalid, package_root = sys.argv[1], sys.argv[2], sys.argv[3]
assert connect_session.__file__ is not None
assert connect_session.__file__.startswith(package_root), connect_session.__file__
assert "origin_email" in inspect.signature(ConnectSessionCreate).parameters
req = ConnectSessionCreate(origin_owner_id="owner-1", origin_owner_name="Acme")
assert req.origin_email is None
req.origin_email = "jane@acme.example"
assert req.origin_email == "jane@acme.example"
assert req.to_json() == expected, req.to_json()
assert ConnectSessionCreate.from_json(expected) == req
assert req.replace(origin_email=None).origin_email is None


def problems(attempt: Callable[[], object]) -> list[tuple[str, tuple[str | int, ...]]]:
    try:
        attempt()
    except ValidationError as err:
        return [(e["type"], e["loc"]) for e in err.errors()]
    raise AssertionError("nothing was refused")


refused = [("invalid_type", ("origin_email",))]
assert problems(lambda: setattr(req, "origin_email", 5)) == refused
assert req.origin_email == "jane@acme.example"
assert problems(lambda: ConnectSessionCreate.from_json(invalid)) == refused
assert "origin_email" in ConnectSessionCreate.json_schema()["properties"]
print(f"python: {req.to_json()}")
