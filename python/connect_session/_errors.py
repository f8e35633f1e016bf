"""``ValidationError``: every problem the core found, with its kind, location and message.

The class is written in Python, a plain ``ValueError`` subclass like any other. The native
module raises it with the core's own message and error list; nothing here inspects or
rewrites them.
"""

import json as _json
from collections.abc import Iterable
from typing import Any, Optional, TypedDict, Union

__all__ = ["ErrorDetails", "ValidationError"]


class ErrorDetails(TypedDict):
    """One problem: ``type`` is a stable slug such as ``"missing_field"``, ``loc`` the path
    to the offending value (``("categories", 2)``; empty for the document itself) and
    ``msg`` a message for a person."""

    type: str
    loc: tuple[Union[str, int], ...]
    msg: str


class ValidationError(ValueError):
    """Raised when input is not a valid ``ConnectSessionCreate``: malformed JSON, a
    wrong type, a refused value, a missing field, and so on.

    ``str()`` has one line per problem, ``loc: msg [type=slug]``. ``errors()`` lists
    them as dicts and ``json()`` as JSON text; ``title`` names the model, as in
    pydantic. The exception can be pickled.
    """

    __module__ = "connect_session"  # where users import it from, and where pickle finds it

    def __init__(
        self, message: str, errors: Iterable[ErrorDetails], title: str = "ConnectSessionCreate"
    ) -> None:
        super().__init__(message)
        self._errors: tuple[ErrorDetails, ...] = tuple(_copy(e) for e in errors)
        self._title = title

    @property
    def title(self) -> str:
        """The name of the model that was being validated (``"ConnectSessionCreate"``)."""
        return self._title

    def errors(
        self, *, include_url: bool = True, include_context: bool = True, include_input: bool = True
    ) -> list[ErrorDetails]:
        """The problems, in the core's order (field order, then extra keys). A new list
        of new dicts on each call. The keywords are pydantic's; the core's errors carry
        no URL, context or input, so they change nothing."""
        return [_copy(e) for e in self._errors]

    def error_count(self) -> int:
        """How many problems there are (at least one)."""
        return len(self._errors)

    def json(
        self,
        *,
        indent: Optional[int] = None,
        include_url: bool = True,
        include_context: bool = True,
        include_input: bool = True,
    ) -> str:
        """The problems as JSON text: a list of ``{"type", "loc", "msg"}`` objects, ``loc``
        an array. Compact by default (the bytes of the core's and the C ABI's error JSON,
        as the shared vectors hold it); ``indent`` as ``json.dumps`` takes it. The other
        keywords are pydantic's and change nothing (see ``errors``)."""
        errors = [{"type": e["type"], "loc": list(e["loc"]), "msg": e["msg"]} for e in self._errors]
        if indent is None:
            return _json.dumps(errors, ensure_ascii=False, separators=(",", ":"))
        return _json.dumps(errors, ensure_ascii=False, indent=indent)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.errors(), self._title))


def _copy(error: ErrorDetails) -> ErrorDetails:
    return {"type": error["type"], "loc": tuple(error["loc"]), "msg": error["msg"]}
