"""The peers: the same models written with pydantic v2 and with msgspec, as their users would."""

from __future__ import annotations

import datetime
import enum
from typing import Any

import msgspec
import pydantic


class Category(str, enum.Enum):
    """Contract v2's fourteen categories."""

    ATS = "ats"
    HRIS = "hris"
    HRIS_LEGACY = "hris-legacy"
    CRM = "crm"
    IAM = "iam"
    MARKETING = "marketing"
    LMS = "lms"
    STACKONE = "stackone"
    DOCUMENTS = "documents"
    TICKETING = "ticketing"
    SCREENING = "screening"
    MESSAGING = "messaging"
    ACCOUNTING = "accounting"
    SCHEDULING = "scheduling"


class PydanticModel(pydantic.BaseModel):
    """Contract v2's thirteen fields (`type` an open string)."""

    account_id: str | None = None
    categories: list[Category] | None = None
    expires_in: float | None = None
    integration_id: str | None = None
    label: str | None = None
    metadata: dict[str, Any] | None = None
    multiple: pydantic.StrictBool | None = None
    origin_owner_id: str
    origin_owner_name: str
    origin_username: str | None = None
    provider: str | None = None
    provider_version: str | None = None
    type: str | None = None


class MsgspecModel(msgspec.Struct, omit_defaults=True):
    origin_owner_id: str
    origin_owner_name: str
    account_id: str | None = None
    categories: list[Category] | None = None
    expires_in: float | None = None
    integration_id: str | None = None
    label: str | None = None
    metadata: dict[str, Any] | None = None
    multiple: bool | None = None
    origin_username: str | None = None
    provider: str | None = None
    provider_version: str | None = None
    type: str | None = None


class PydanticTokenAuthLink(pydantic.BaseModel):
    """The response of "Create Connect Session" (contract section 9): `id` an int,
    `created_at` a `datetime`."""

    account_id: str | None = None
    auth_link_url: str
    categories: list[Category] | None = None
    created_at: datetime.datetime
    external_trigger_token: str | None = None
    id: pydantic.StrictInt
    integration_id: str | None = None
    label: str | None = None
    metadata: dict[str, Any] | None = None
    organization_id: str
    origin_owner_id: str
    origin_owner_name: str
    origin_username: str | None = None
    project_id: str
    provider: str | None = None
    token: str
    type: str | None = None


class MsgspecTokenAuthLink(msgspec.Struct, omit_defaults=True):
    auth_link_url: str
    created_at: datetime.datetime
    id: int
    organization_id: str
    origin_owner_id: str
    origin_owner_name: str
    project_id: str
    token: str
    account_id: str | None = None
    categories: list[Category] | None = None
    external_trigger_token: str | None = None
    integration_id: str | None = None
    label: str | None = None
    metadata: dict[str, Any] | None = None
    origin_username: str | None = None
    provider: str | None = None
    type: str | None = None


MSGSPEC_DECODER = msgspec.json.Decoder(MsgspecModel)
MSGSPEC_LINK_DECODER = msgspec.json.Decoder(MsgspecTokenAuthLink)
MSGSPEC_ENCODER = msgspec.json.Encoder()
