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
from typing import Any, NoReturn

__all__ = ["ReadOnlyDict", "ReadOnlyList"]

_HOW = (
    "values read from a ConnectSessionCreate are read-only; assign the attribute "
    "(req.metadata = {**req.metadata, 'key': 1}, req.categories = [*req.categories, "
    "'crm']) or use req.replace(...); for extra keys, "
    "ConnectSessionCreate.from_dict({**req.to_dict(), 'key': 1})"
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
    """A ``dict`` that refuses changes (a value read from a ``ConnectSessionCreate``)."""

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
    """A ``list`` that refuses changes (a value read from a ``ConnectSessionCreate``)."""

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
