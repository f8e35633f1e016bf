"""The models of StackOne's Connect Sessions endpoint, validated by the connect-session
Rust core: ``ConnectSessionCreate`` (the body of "Create Connect Session"),
``ConnectSessionTokenAuthLink`` (its response), ``ConnectSessionAuthenticate`` (the body of
"Authenticate Connect Session") and ``ConnectSession`` (its response).

>>> from connect_session import ConnectSessionCreate, ConnectSessionCreateCategories
>>> req = ConnectSessionCreate(
...     origin_owner_id="owner-1", origin_owner_name="Acme", categories=["hris", "stackOne"]
... )
>>> req.categories == [ConnectSessionCreateCategories.HRIS, ConnectSessionCreateCategories.STACKONE]
True
>>> req.to_json()
'{"categories":["hris","stackone"],"origin_owner_id":"owner-1","origin_owner_name":"Acme"}'
>>> req.replace(type="test", multiple=True).to_json()
'{"categories":["hris","stackone"],"multiple":true,"origin_owner_id":"owner-1","origin_owner_name":"Acme","type":"test"}'

The rules live in the core; this package translates. In particular:

- The fields, their attributes, the constructors' keywords and their documentation come
  from the core's one table of models (``_native.MODELS``).
- Every way in (the keyword-only constructor, ``from_dict``, ``from_json``, ``replace``,
  assigning an attribute) is validated by the core with the same rules and messages, and
  raises :class:`ValidationError` (a ``ValueError``) listing every problem together, a
  missing required keyword included. An unknown keyword is a ``TypeError``. A failed
  assignment leaves the object unchanged; ``replace(**changes)`` (and ``copy.replace`` on
  Python 3.13) returns a new object and never changes this one.
- Values go in as JSON-compatible Python data: ``None``, ``bool``, ``int`` (any size),
  ``float`` (finite), ``str`` (enum members included), ``list``/``tuple`` and ``dict`` with
  ``str`` keys, and finite ``decimal.Decimal`` (written as its exact text). Anything else (a
  ``set``, NaN, a non-``str`` key) is a ``ValidationError``. ``bool`` is not a number
  (``expires_in=True`` is refused) and ``multiple`` takes only ``True``/``False``.
- ``type`` reads as a :class:`ConnectSessionCreateType` member when the value is known
  (``production``, ``test``) and as the plain ``str`` otherwise (the API's type is open).
- Mutation never vanishes silently: ``metadata``, ``extra`` and ``categories`` are
  read-only ``dict``/``list`` subclasses, read-only at every depth, so
  ``req.metadata["k"] = 1`` raises ``TypeError``. To change the request, assign the
  attribute (``req.metadata = {**req.metadata, "k": 1}``, validated) or use ``replace``.
  ``copy.deepcopy(req.metadata)`` and ``to_dict()`` give plain, mutable copies.
- Metadata numbers come back as the nearest Python type (``1.50`` as ``1.5``), while
  ``to_json()`` and pickling keep their exact text. An integer longer than Python's
  int/str conversion limit (``sys.get_int_max_str_digits()``, 4,300 digits by default),
  which ``json.loads`` refuses, reads as a ``decimal.Decimal`` of the same value, so a
  valid object is always readable and printable (``repr``, ``metadata``, ``to_dict()``);
  a ``Decimal`` given back is written with its exact digits.
- ``to_json()`` is compact canonical JSON, byte for byte what every language writes;
  ``to_json(indent=2)`` is the core's pretty form, and ``indent=n`` (0 to 10) the same
  layout with ``n`` spaces a level. ``to_dict()`` is ``json.loads(to_json())``: categories
  and the type as plain strings. ``ConnectSessionCreate.json_schema()`` is the JSON
  Schema of the wire format, as a dict.
- Reading an attribute again is cheap: each object builds the Python value of a field on
  its first read and keeps it until the field is assigned. No key read from a document is
  interned, so untrusted keys never stay in memory.
- Objects may be shared between threads: each call works on a whole, valid value under a
  lock of the object's own, inside which only Rust code runs, so concurrent calls never
  crash, deadlock or see a half-made change (with several writers, the last one wins).
  ``from_json`` and ``to_json`` release the GIL for documents of 64 KiB or more.
- ``ConnectSessionCreate`` works as a pydantic v2 field type (pydantic is not a
  dependency; see ``connect_session._pydantic``).
"""

import inspect as _inspect

from . import _native
from ._enums import ConnectSessionCreateCategories, ConnectSessionCreateType
from ._errors import ErrorDetails, ValidationError

__version__ = _native.__version__

# BEGIN GENERATED: models (make generate)
from ._native import (
    ConnectSession,
    ConnectSessionAuthenticate,
    ConnectSessionCreate,
    ConnectSessionTokenAuthLink,
)

_MODELS = (
    ConnectSessionCreate,
    ConnectSessionAuthenticate,
    ConnectSessionTokenAuthLink,
    ConnectSession,
)
# END GENERATED: models


def _constructor_signature(name: str) -> _inspect.Signature:
    """``(*, origin_owner_id, origin_owner_name, account_id=None, ...)``, from the core's
    table of the model's fields, for ``help()``, ``inspect.signature()`` and editors (the
    extension's own constructor takes ``**kwargs``)."""
    fields = sorted(_native.MODELS[name], key=lambda field: not field[2])
    keyword, empty = _inspect.Parameter.KEYWORD_ONLY, _inspect.Parameter.empty
    return _inspect.Signature(
        [
            _inspect.Parameter(key, keyword, default=empty if required else None)
            for key, _, required, _, _ in fields
        ]
    )


for _model in _MODELS:
    setattr(_model, "__signature__", _constructor_signature(_model.__name__))  # noqa: B010

__all__ = [
    "ConnectSession",
    "ConnectSessionAuthenticate",
    "ConnectSessionCreate",
    "ConnectSessionCreateCategories",
    "ConnectSessionCreateType",
    "ConnectSessionTokenAuthLink",
    "ErrorDetails",
    "ValidationError",
    "__version__",
]
