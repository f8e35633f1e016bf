"""The read-only ``dict`` and ``list`` that ``metadata``, ``extra`` and ``categories`` return.

An object hands out the values it keeps (reading an attribute twice gives the same
object, and costs a reference). So that a change to what a read returned never
vanishes without a word, those values are read-only at every depth: every method that
would change one raises ``TypeError``, which says how to change the request instead
(assign the attribute, or ``replace()``). They are real ``dict`` and ``list`` subclasses,
so reading, comparing, iterating and ``json.dumps`` work as on the plain types.
``copy.deepcopy()`` (and pickling) give plain, mutable ``dict`` and ``list`` values;
``to_dict()`` gives a plain copy of the whole request.

C code that changes a ``list`` or ``dict`` without its methods (``heapq`` on a list, or
``dict.__setitem__(view, ...)`` called on the base class) is not stopped: such a change
reaches that one object, never the request (its JSON, ``to_dict()``, ``==``, copies).
"""

from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["JsonDateTime", "JsonFloat", "JsonInt", "ReadOnlyDict", "ReadOnlyList"]

_HOW = (
    "values read from a model are read-only; assign the attribute "
    "(req.metadata = {**req.metadata, 'key': 1}, req.categories = [*req.categories, "
    "'crm']) or use req.replace(...); for extra keys, "
    "type(req).from_dict({**req.to_dict(), 'key': 1})"
)


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise TypeError(_HOW)


def _plain(value: Any, memo: dict[int, Any]) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item, memo) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, memo) for item in value]
    return copy.deepcopy(value, memo)


class ReadOnlyDict(dict):  # type: ignore[type-arg]
    """A ``dict`` that refuses changes (a value read from a model)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __copy__(self) -> dict[Any, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[Any, Any]:
        plain: dict[Any, Any] = _plain(self, memo)
        return plain

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self),))


class ReadOnlyList(list):  # type: ignore[type-arg]
    """A ``list`` that refuses changes (a value read from a model)."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = clear = extend = insert = pop = remove = reverse = sort = _refuse

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        plain: list[Any] = _plain(self, memo)
        return plain

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))


# Values that keep the JSON text they were read from. A number read from a model is the
# nearest Python value (``1.50`` reads as ``1.5``), which would be written back as other
# text; so that reading a value and assigning it back (``req.metadata = {**req.metadata,
# "k": 1}``) changes nothing the user did not touch, such a number is one of these
# subclasses, which the package writes back as its ``json`` text. Equal to the plain
# value in every other way; they are immutable, so copies are the value itself.


class JsonFloat(float):
    """A ``float`` read from JSON text it would not be written back as (``1.50``, ``1E2``)."""

    __slots__ = ("json",)
    json: str

    def __new__(cls, value: float, json: str) -> Self:
        self = super().__new__(cls, value)
        self.json = json
        return self

    __repr__ = float.__repr__

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonFloat, (float(self), self.json))

    def __copy__(self) -> JsonFloat:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> JsonFloat:
        return self


class JsonInt(int):
    """An ``int`` read from JSON text it would not be written back as (``-0``)."""

    json: str

    def __new__(cls, value: int, json: str) -> Self:
        self = super().__new__(cls, value)
        self.json = json
        return self

    __repr__ = int.__repr__

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonInt, (int(self), self.json))

    def __copy__(self) -> JsonInt:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> JsonInt:
        return self


class JsonDateTime(datetime.datetime):
    """An aware ``datetime`` read from RFC 3339 text it would not be written back as
    (``2024-12-02t04:42:35z``, ``-00:00``, a fraction finer than a microsecond)."""

    __slots__ = ("json",)
    json: str

    def __new__(cls, *args: Any, json: str) -> Self:
        self = super().__new__(cls, *args)
        self.json = json
        return self

    def _plain(self) -> datetime.datetime:
        return datetime.datetime(*self.timetuple()[:6], self.microsecond, self.tzinfo)

    def __repr__(self) -> str:
        return repr(self._plain())

    # datetime defines __reduce_ex__, which pickle prefers to __reduce__.
    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_json_date_time, (self._plain(), self.json))

    def __copy__(self) -> JsonDateTime:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> JsonDateTime:
        return self


def _json_date_time(plain: datetime.datetime, json: str) -> JsonDateTime:
    return JsonDateTime(
        plain.year,
        plain.month,
        plain.day,
        plain.hour,
        plain.minute,
        plain.second,
        plain.microsecond,
        plain.tzinfo,
        json=json,
    )
