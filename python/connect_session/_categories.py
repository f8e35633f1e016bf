"""``ConnectSessionCreateCategories``: the provider categories, as a ``str``-valued enum.

The members are built from the core's list (``_native.CATEGORY_VALUES``), so this
module keeps no copy of the values: ``hris-legacy`` becomes ``HRIS_LEGACY``. The
static view of the members, for type checkers, is ``_categories.pyi``.
"""

from __future__ import annotations

import enum
from typing import Any

from . import _native

__all__ = ["ConnectSessionCreateCategories"]


class _Category(str, enum.Enum):
    """Behaviour shared by the members; the members are added below."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        # Aliases ("stackOne") name a member too; the core knows them and, for an
        # unknown string, raises ValueError with a message suggesting a close value.
        if isinstance(value, str):
            return cls(_native.category_value(value))
        return None

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, format_spec: str) -> str:
        return format(str(self.value), format_spec)


def _member_name(value: str) -> str:
    return value.upper().replace("-", "_")


ConnectSessionCreateCategories = _Category(
    "ConnectSessionCreateCategories",
    [(_member_name(value), value) for value in _native.CATEGORY_VALUES],
    module=__name__.rpartition(".")[0],
    qualname="ConnectSessionCreateCategories",
)
ConnectSessionCreateCategories.__doc__ = """A category of provider, written as its wire value.

Members compare equal to their wire strings (``ConnectSessionCreateCategories.HRIS ==
"hris"``) and ``str()`` gives the wire value. Looking a member up by value accepts the
aliases the API's own examples use: ``ConnectSessionCreateCategories("stackOne") is
ConnectSessionCreateCategories.STACKONE``.
"""
