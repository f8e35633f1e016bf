"""``ConnectSessionCreate`` as a pydantic v2 field type (docs/contract.md section 8).

The class's ``__get_pydantic_core_schema__`` and ``__get_pydantic_json_schema__`` call
:func:`core_schema` and :func:`json_schema`. pydantic is not a dependency of the package:
this module imports ``pydantic_core`` only inside those functions, which only pydantic calls.

What a field ``session: ConnectSessionCreate`` does:

- Validation. A ``ConnectSessionCreate`` is kept as is (the same object, as pydantic keeps a
  model instance; with ``revalidate_instances="always"`` in the model's config it is copied
  instead: an instance is always valid, so a copy is all a revalidation could do). A
  ``dict`` goes through ``ConnectSessionCreate.from_dict`` and JSON text (``str``,
  ``bytes``, ``bytearray``) through ``ConnectSessionCreate.from_json``; anything else is an
  ``invalid_type`` error. The JSON mode (``model_validate_json``) accepts the same: an object,
  or a string holding JSON text, so that ``model_validate_json(text)`` and
  ``model_validate(json.loads(text))`` (what FastAPI does with a request body) agree. pydantic
  parses the document before this hook sees it, so the core receives the parsed object, as
  ``from_dict`` does: numbers as Python reads them (metadata's ``1.50`` is kept as ``1.5``), a
  repeated key with its last value, ``NaN`` and ``1e400`` as floats (refused by the core as
  ``invalid_value``); pydantic's parser itself refuses an integer longer than 4,300 digits
  (``json_invalid``). The text of a string reaches the core exactly: to have the core read a
  document's own text (number text, repeated keys), send it as a string or call
  ``from_json`` on it.
- Errors. Each problem the core reports becomes one pydantic error with the core's type
  slug, message and location (after the field's own), raised as one
  ``pydantic_core.ValidationError``: pydantic-core takes the line errors of a
  ``ValidationError`` raised in a validator function as its own. ``input`` is the part of
  the value at the error's location, as far as the value can be followed (the object that
  lacks a required key; the whole text for JSON text), with each float that JSON cannot
  hold (``nan``, ``inf``, ``-inf``: Python's ``json`` reads ``NaN`` and ``1e400`` as such)
  given as its ``repr``, so that the errors can be sent back as JSON (FastAPI answers 422,
  where it could not write the float and failed with 500). pydantic's ``strict`` setting does
  not change the core's rules: extra keys are kept (``extra``) either way.
- Serialization. ``model_dump()`` gives ``to_dict()``; ``model_dump(mode="json")`` and
  ``model_dump_json()`` give the same content. pydantic writes that dict itself, so
  ``model_dump_json()`` holds the bytes of ``to_json()`` except where a number's text is not
  what pydantic writes for its value (metadata's ``1.50`` comes out as ``1.5``, an
  ``expires_in`` of ``0.000001`` as ``1e-6``): the content is always the same, and so are
  the bytes of every other document. An integer of metadata longer than Python's int/str
  conversion limit, a ``Decimal`` in ``to_dict()``, is an ``int`` in the JSON mode, so that
  ``model_dump_json()`` writes it as the number it is rather than as a string.
- JSON Schema. ``ConnectSessionCreate.json_schema()``, the core's own schema, under
  ``$defs/ConnectSessionCreate`` of the model's schema (once, however many fields use the
  class; FastAPI lists it in the OpenAPI components), with the core's own ``$defs`` written in
  place (no ``$ref`` of its own to resolve against the document around it) and without
  ``$schema`` (only a document's root has one).
"""

from __future__ import annotations

import copy
import math
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Union

from ._errors import ValidationError
from ._native import MAX_DEPTH

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema
    from pydantic_core import core_schema as cs

    from ._native import ConnectSessionCreate

__all__ = ["core_schema", "json_schema"]

_Loc = tuple[Union[str, int], ...]


def core_schema(
    cls: type[ConnectSessionCreate], source_type: Any, handler: GetCoreSchemaHandler
) -> CoreSchema:
    """The pydantic-core schema of a ``ConnectSessionCreate`` field: validation by the core,
    serialization as ``to_dict()``."""
    from pydantic_core import core_schema as cs

    def validate(value: Any, info: cs.ValidationInfo) -> ConnectSessionCreate:
        if isinstance(value, cls):
            return copy.copy(value) if _revalidates_instances(info) else value
        if isinstance(value, dict):
            return _validated(cls.from_dict, value)
        if isinstance(value, (str, bytes, bytearray)):
            return _validated(cls.from_json, value)
        if info.mode == "json":
            expected = "a JSON object or JSON text in a string"
            found = _json_type_name(value)
        else:
            expected = "a ConnectSessionCreate, a dict or JSON text (str or bytes)"
            found = type(value).__name__
        raise _error("invalid_type", f"expected {expected}, found {found}")

    def to_dict(value: Any, info: cs.SerializationInfo) -> Any:
        if not isinstance(value, cls):
            # Set with model_construct, say: left to pydantic's own serializer, which
            # reports what it cannot write.
            return value
        data = value.to_dict()
        if info.mode_is_json() and _may_hold_huge_ints(value):
            # to_dict() gives an integer beyond Python's int/str conversion limit as a
            # Decimal, which pydantic would write as a JSON string; as an int (converted
            # from the Decimal, not from text) pydantic writes its digits.
            data = _decimals_as_ints(data)
        return data

    return cs.with_info_plain_validator_function(
        validate,
        serialization=cs.plain_serializer_function_ser_schema(to_dict, info_arg=True),
        # A reference, as pydantic gives a model: a JSON Schema holds the class's schema
        # once, under its name, and refers to it wherever the class is used.
        ref=f"{cls.__module__}.{cls.__qualname__}:{id(cls)}",
    )


def json_schema(
    cls: type[ConnectSessionCreate], core_schema: CoreSchema, handler: GetJsonSchemaHandler
) -> JsonSchemaValue:
    """The core's JSON Schema (``cls.json_schema()``), made self-contained so that pydantic
    can place it anywhere in a document of its own: the same in validation and
    serialization mode, since what is accepted and what is written are the same format."""
    # A copy, in case the class hands out a dict of its own; the nested values are only read.
    schema: dict[str, Any] = dict(cls.json_schema())
    defs: dict[str, Any] = schema.pop("$defs", {})
    schema.pop("$schema", None)
    inlined: dict[str, Any] = _inline_refs(schema, defs, ())
    return inlined


def _revalidates_instances(info: cs.ValidationInfo) -> bool:
    config = info.config
    return config is not None and config.get("revalidate_instances") == "always"


def _may_hold_huge_ints(value: ConnectSessionCreate) -> bool:
    """Whether ``value.to_dict()`` may hold a ``Decimal``: only an integer longer than the
    conversion limit becomes one, and the canonical JSON holds its digits."""
    limit_of = getattr(sys, "get_int_max_str_digits", None)  # Python 3.11+, and patch releases
    limit = limit_of() if limit_of is not None else 0
    return limit > 0 and len(value.to_json()) > limit


def _decimals_as_ints(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _decimals_as_ints(item) for key, item in node.items()}
    if isinstance(node, list):
        return [_decimals_as_ints(item) for item in node]
    if isinstance(node, Decimal) and node == node.to_integral_value():
        return int(node)
    return node


def _validated(parse: Callable[[Any], ConnectSessionCreate], value: Any) -> ConnectSessionCreate:
    try:
        return parse(value)
    except ValidationError as exc:
        raise _pydantic_errors(exc, value) from None


def _pydantic_errors(exc: ValidationError, value: Any) -> ValueError:
    """The core's problems as one pydantic-core ``ValidationError``, one line error each."""
    from pydantic_core import InitErrorDetails, PydanticCustomError
    from pydantic_core import ValidationError as PydanticValidationError

    details = [
        InitErrorDetails(
            # No context: the message is used as it is, braces included.
            type=PydanticCustomError(error["type"], error["msg"]),
            loc=error["loc"],
            input=_json_compliant(_input_at(value, error["loc"])),
        )
        for error in exc.errors()
    ]
    return PydanticValidationError.from_exception_data("ConnectSessionCreate", details)


def _error(kind: str, message: str) -> ValueError:
    """One error of this adapter's own (pydantic-core gives it the field's value as input)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(kind, message)


def _input_at(value: Any, loc: _Loc) -> Any:
    """The part of ``value`` at ``loc``, or the deepest part the path reaches."""
    for item in loc:
        reachable = (isinstance(item, str) and isinstance(value, dict) and item in value) or (
            isinstance(item, int) and isinstance(value, (list, tuple)) and 0 <= item < len(value)
        )
        if not reachable:
            break
        value = value[item]
    return value


def _json_compliant(node: Any, depth: int = 0) -> Any:
    """``node``, or a copy of it with each float JSON cannot hold as its ``repr``. Followed
    as deep as the core reads (a deeper or cyclic value is left as it is below that)."""
    if isinstance(node, float):
        return node if math.isfinite(node) else repr(node)
    if depth > MAX_DEPTH or not _holds_non_finite(node, depth):
        return node
    if isinstance(node, dict):
        return {key: _json_compliant(item, depth + 1) for key, item in node.items()}
    return [_json_compliant(item, depth + 1) for item in node]


def _holds_non_finite(node: Any, depth: int) -> bool:
    if isinstance(node, float):
        return not math.isfinite(node)
    if depth > MAX_DEPTH:
        return False
    if isinstance(node, dict):
        return any(_holds_non_finite(item, depth + 1) for item in node.values())
    if isinstance(node, (list, tuple)):
        return any(_holds_non_finite(item, depth + 1) for item in node)
    return False


def _json_type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _inline_refs(node: Any, defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    """``node`` with every ``{"$ref": "#/$defs/Name"}`` replaced by a copy of that definition
    (its other keys kept beside it in an ``allOf``)."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref[len("#/$defs/") :]
        if name not in defs or name in seen:
            # Cannot happen with the core's schema (no definition refers to itself); a
            # clear error beats a schema with a dangling or endless reference.
            raise ValueError(f"cannot embed the core's JSON Schema: $ref {ref!r}")
        target = _inline_refs(defs[name], defs, (*seen, name))
        rest = {key: _inline_refs(v, defs, seen) for key, v in node.items() if key != "$ref"}
        return {**rest, "allOf": [target]} if rest else target
    return {key: _inline_refs(v, defs, seen) for key, v in node.items()}
