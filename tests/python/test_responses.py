"""The endpoint's other models from Python (docs/contract.md section 9): the two new kinds
(the integer `id`, the date-time `created_at`) given natively, and the surface each class
shares with ConnectSessionCreate. The shared vectors check their JSON (test_vectors.py)."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest

import connect_session
from connect_session import (
    ConnectSession,
    ConnectSessionAuthenticate,
    ConnectSessionTokenAuthLink,
    ValidationError,
    _native,
)
from support import kinds_and_locs

UTC = datetime.timezone.utc
SESSION: dict[str, Any] = {
    "created_at": "2024-12-02T04:42:35.999Z",
    "id": 123456,
    "organization_id": "org-1",
    "origin_owner_id": "owner-1",
    "origin_owner_name": "Acme",
    "project_id": "proj-1",
}
LINK: dict[str, Any] = {**SESSION, "auth_link_url": "https://hub.example/x?token=t", "token": "t"}
RESPONSES = [(ConnectSession, SESSION), (ConnectSessionTokenAuthLink, LINK)]


def refused(attempt: Any) -> list[tuple[str, tuple[str | int, ...]]]:
    with pytest.raises(ValidationError) as info:
        attempt()
    return kinds_and_locs(info.value)


@pytest.mark.parametrize(("cls", "fields"), RESPONSES)
def test_the_constructor_takes_the_required_fields(cls: Any, fields: dict[str, Any]) -> None:
    obj = cls(**fields)
    assert [row[0] for row in _native.MODELS[cls.__name__] if row[2]] == sorted(fields)
    assert cls.from_json(obj.to_json()) == obj
    assert refused(lambda: cls(id=1)) == [
        ("missing_field", (key,)) for key in sorted(fields) if key != "id"
    ]


@pytest.mark.parametrize(("cls", "fields"), RESPONSES)
def test_created_at_reads_as_an_aware_datetime_and_keeps_its_text(
    cls: Any, fields: dict[str, Any]
) -> None:
    text = "2024-02-29t23:59:59.123456789-12:00"
    obj = cls(**{**fields, "created_at": text})
    value = obj.created_at
    offset = datetime.timezone(datetime.timedelta(hours=-12))
    # The fraction is cut to the microsecond in the value only.
    assert value == datetime.datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=offset)
    assert f'"created_at":"{text}"' in obj.to_json()
    # Read and assigned back, the value keeps its text.
    obj.created_at = value
    assert f'"created_at":"{text}"' in obj.to_json()
    # So does a copy or an unpickled value.
    for again in (copy.copy(value), pickle.loads(pickle.dumps(value))):
        obj.created_at = again
        assert f'"created_at":"{text}"' in obj.to_json()
    assert copy.deepcopy(obj) == obj


@pytest.mark.parametrize(
    ("given", "written"),
    [
        (datetime.datetime(2024, 1, 1, tzinfo=UTC), "2024-01-01T00:00:00Z"),
        (datetime.datetime(2024, 1, 1, 0, 0, 0, 500000, tzinfo=UTC), "2024-01-01T00:00:00.5Z"),
        (
            datetime.datetime(
                2024, 1, 1, 1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=14))
            ),
            "2024-01-01T01:02:03+14:00",
        ),
        ("2024-12-02T04:42:35.000Z", "2024-12-02T04:42:35.000Z"),
    ],
)
def test_created_at_set_natively_is_written_canonically(given: Any, written: str) -> None:
    obj = ConnectSession(**{**SESSION, "created_at": given})
    assert obj.to_dict()["created_at"] == written


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (datetime.datetime(2024, 1, 1), "invalid_value"),  # naive: an instant needs an offset
        ("2024-13-01T00:00:00Z", "invalid_value"),
        ("2023-02-29T00:00:00Z", "invalid_value"),
        ("2024-12-02T24:00:00Z", "invalid_value"),
        ("2024-12-02T23:59:60Z", "invalid_value"),
        ("2024-12-02T04:42:35", "invalid_value"),
        (datetime.date(2024, 1, 1), "invalid_type"),
        (1733114555, "invalid_type"),
        (True, "invalid_type"),
    ],
)
def test_created_at_refusals(value: Any, kind: str) -> None:
    obj = ConnectSession(**SESSION)
    before = obj.to_json()
    assert refused(lambda: setattr(obj, "created_at", value)) == [(kind, ("created_at",))]
    assert obj.to_json() == before
    assert refused(lambda: ConnectSession(**{**SESSION, "created_at": value})) == [
        (kind, ("created_at",))
    ]


@pytest.mark.parametrize("value", [-(2**63), 2**63 - 1, 0])
def test_id_takes_the_signed_64_bit_range(value: int) -> None:
    obj = ConnectSessionTokenAuthLink(**{**LINK, "id": value})
    assert obj.id == value
    assert type(obj.id) is int
    assert f'"id":{value},' in obj.to_json()


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (2**63, "invalid_value"),
        (-(2**63) - 1, "invalid_value"),
        (True, "invalid_type"),
        (7.0, "invalid_type"),
        ("7", "invalid_type"),
        (None, "missing_field"),
    ],
)
def test_id_refusals(value: Any, kind: str) -> None:
    obj = ConnectSessionTokenAuthLink(**LINK)
    if kind != "missing_field":
        assert refused(lambda: setattr(obj, "id", value)) == [(kind, ("id",))]
    assert obj.id == LINK["id"]
    assert refused(lambda: ConnectSessionTokenAuthLink(**{**LINK, "id": value})) == [
        (kind, ("id",))
    ]


def test_metadata_in_a_response_is_kept_exactly() -> None:
    # StackOne's own SDK reads a response's metadata as {}: here every key survives.
    text = (
        '{"auth_link_url":"u","created_at":"2024-12-02T04:42:35Z","id":1,'
        '"metadata":{"tenant":{"id":"t-42","seats":250},"big":12345678901234567890123,'
        '"price":19.90},"organization_id":"o","origin_owner_id":"w","origin_owner_name":"n",'
        '"project_id":"p","token":"t"}'
    )
    obj = ConnectSessionTokenAuthLink.from_json(text)
    assert obj.metadata is not None
    assert obj.metadata["tenant"] == {"id": "t-42", "seats": 250}
    assert obj.metadata["big"] == 12345678901234567890123
    assert obj.to_json() == text
    assert ConnectSessionTokenAuthLink.from_dict(obj.to_dict()).to_json() == text
    assert pickle.loads(pickle.dumps(obj)).to_json() == text


@pytest.mark.parametrize(
    ("cls", "fields"), [*RESPONSES, (ConnectSessionAuthenticate, {"token": "tok"})]
)
def test_each_class_has_the_whole_surface(cls: Any, fields: dict[str, Any]) -> None:
    assert getattr(connect_session, cls.__name__) is cls
    obj = cls(**fields)
    text = obj.to_json()
    extra = cls.from_json(text[:-1] + ',"x_more":[1,"two"]}')
    assert extra.extra == {"x_more": [1, "two"]}
    assert refused(lambda: cls.from_json(extra.to_json(), strict=True)) == [
        ("unknown_field", ("x_more",))
    ]
    assert cls.from_dict(obj.to_dict()) == obj
    assert obj.to_json(indent=2).startswith("{\n  ")
    assert repr(obj).startswith(f"{cls.__name__}(")
    assert copy.copy(obj) == obj
    assert pickle.loads(pickle.dumps(obj)) == obj
    key = sorted(fields)[-1]
    assert obj.replace(**{key: fields[key]}) == obj
    schema = cls.json_schema()
    assert schema["required"] == sorted(fields)
    assert cls.__doc__
