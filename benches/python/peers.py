"""The peers: the same model written with pydantic v2 and with msgspec, as their users would."""

from __future__ import annotations

import enum
from typing import Any, Optional

import msgspec
import pydantic


class Category(str, enum.Enum):
    ATS = "ats"
    HRIS = "hris"
    HRIS_LEGACY = "hris-legacy"
    CRM = "crm"
    MARKETING = "marketing"
    STACKONE = "stackone"


class PydanticModel(pydantic.BaseModel):
    categories: Optional[list[Category]] = None
    expires_in: Optional[float] = None
    metadata: Optional[dict[str, Any]] = None
    origin_owner_id: str
    origin_owner_name: str
    origin_username: Optional[str] = None
    provider: Optional[str] = None


class MsgspecModel(msgspec.Struct, omit_defaults=True):
    origin_owner_id: str
    origin_owner_name: str
    categories: Optional[list[Category]] = None
    expires_in: Optional[float] = None
    metadata: Optional[dict[str, Any]] = None
    origin_username: Optional[str] = None
    provider: Optional[str] = None


MSGSPEC_DECODER = msgspec.json.Decoder(MsgspecModel)
MSGSPEC_ENCODER = msgspec.json.Encoder()
