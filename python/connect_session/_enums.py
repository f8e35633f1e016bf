"""``ConnectSessionCreateCategories`` and ``ConnectSessionCreateType``: ``str``-valued enums.

The members are built from the core's lists (``_native.CATEGORY_VALUES``,
``_native.TYPE_VALUES``), so this module keeps no copy of the values: ``hris-legacy``
becomes ``HRIS_LEGACY``. The static view of the members, for type checkers, is
``_enums.pyi``, generated from the same lists (``make stubs``).
"""

from __future__ import annotations

import enum
from typing import Any

from . import _native

__all__ = ["ConnectSessionCreateCategories", "ConnectSessionCreateType", "member_name"]


class _WireEnum(str, enum.Enum):
    """Behaviour shared by the members of both enums; the members are added below."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)


class _Category(_WireEnum):
    @classmethod
    def _missing_(cls, value: object) -> Any:
        # Aliases ("stackOne") name a member too; the core knows them and, for an
        # unknown string, raises ValueError with a message suggesting a close value.
        if isinstance(value, str):
            return cls(_native.category_value(value))
        return None


def member_name(value: str) -> str:
    """The Python name of the member with this wire value (``hris-legacy``: ``HRIS_LEGACY``)."""
    return value.upper().replace("-", "_")


_PACKAGE = __name__.rpartition(".")[0]

ConnectSessionCreateCategories = _Category(
    "ConnectSessionCreateCategories",
    [(member_name(value), value) for value in _native.CATEGORY_VALUES],
    module=_PACKAGE,
    qualname="ConnectSessionCreateCategories",
)
ConnectSessionCreateCategories.__doc__ = """A category of provider, written as its wire value.

Members compare equal to their wire strings (``ConnectSessionCreateCategories.HRIS ==
"hris"``) and ``str()`` gives the wire value. Looking a member up by value accepts the
aliases the API's own examples use: ``ConnectSessionCreateCategories("stackOne") is
ConnectSessionCreateCategories.STACKONE``. Any other string is a ``ValueError`` that
suggests a close value.
"""

ConnectSessionCreateType = _WireEnum(
    "ConnectSessionCreateType",
    [(member_name(value), value) for value in _native.TYPE_VALUES],
    module=_PACKAGE,
    qualname="ConnectSessionCreateType",
)
ConnectSessionCreateType.__doc__ = """The kind of account a session creates: the known values.

The API's ``type`` is open: any other string is valid too and kept exactly as given
(``"PRODUCTION"`` stays ``"PRODUCTION"``). So ``ConnectSessionCreate.type`` reads as a
member when the value is known and as the plain ``str`` otherwise; both compare equal to
their wire string. Assign a member or any ``str``.
"""
