"""The peers: the same model written with pydantic v2 and with msgspec, as their users would."""

from __future__ import annotations

import enum
from typing import Any, Optional

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

    account_id: Optional[str] = None
    categories: Optional[list[Category]] = None
    expires_in: Optional[float] = None
    integration_id: Optional[str] = None
    label: Optional[str] = None
    metadata: Optional[dict[str, Any]] = None
    multiple: Optional[pydantic.StrictBool] = None
    origin_owner_id: str
    origin_owner_name: str
    origin_username: Optional[str] = None
    provider: Optional[str] = None
    provider_version: Optional[str] = None
    type: Optional[str] = None


class MsgspecModel(msgspec.Struct, omit_defaults=True):
    origin_owner_id: str
    origin_owner_name: str
    account_id: Optional[str] = None
    categories: Optional[list[Category]] = None
    expires_in: Optional[float] = None
    integration_id: Optional[str] = None
    label: Optional[str] = None
    metadata: Optional[dict[str, Any]] = None
    multiple: Optional[bool] = None
    origin_username: Optional[str] = None
    provider: Optional[str] = None
    provider_version: Optional[str] = None
    type: Optional[str] = None


MSGSPEC_DECODER = msgspec.json.Decoder(MsgspecModel)
MSGSPEC_ENCODER = msgspec.json.Encoder()
