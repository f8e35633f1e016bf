"""The body of StackOne's "Create Connect Session" request, validated by the
connect-session Rust core.

>>> from connect_session import ConnectSessionCreate, ConnectSessionCreateCategories
>>> req = ConnectSessionCreate(
...     origin_owner_id="owner-1", origin_owner_name="Acme", categories=["hris", "stackOne"]
... )
>>> req.categories == [ConnectSessionCreateCategories.HRIS, ConnectSessionCreateCategories.STACKONE]
True
>>> req.to_json()
'{"categories":["hris","stackone"],"origin_owner_id":"owner-1","origin_owner_name":"Acme"}'

The rules live in the core; this package translates. In particular:

- Every way in (the keyword-only constructor, ``from_dict``, ``from_json``, assigning an
  attribute) is validated by the core with the same rules and messages, and raises
  :class:`ValidationError` (a ``ValueError``) listing every problem together. A failed
  assignment leaves the object unchanged.
- Values go in as JSON-compatible Python data: ``None``, ``bool``, ``int`` (any size),
  ``float`` (finite), ``str``, ``list``/``tuple`` and ``dict`` with ``str`` keys. Anything
  else (a ``set``, a ``Decimal``, NaN, a non-``str`` key) is a ``ValidationError``. ``bool``
  is not a number: ``expires_in=True`` is refused.
- ``metadata``, ``categories`` and ``extra`` return a new object on every access: changing
  what you got changes nothing in the request; assign to change it. Metadata numbers come
  back as the nearest Python type (``1.50`` as ``1.5``), while ``to_json()`` and pickling
  keep their exact text.
- ``to_json()`` is compact canonical JSON, byte for byte what every language writes;
  ``to_json(indent=2)`` is the core's pretty form, and ``indent=n`` (0 to 16) the same
  layout with ``n`` spaces a level. ``to_dict()`` is ``json.loads(to_json())``: categories
  as plain strings, numbers as JSON reads them.
- Reading an attribute again is cheap: each object builds the Python value of a field on
  its first read and keeps it until the field is assigned (``metadata``, ``categories`` and
  ``extra`` are then copied on every read, their dicts and lists new at every depth).
- Objects may be shared between threads: each call works on a whole, valid value inside a
  critical section on the object (the GIL itself where there is one) in which only Rust
  code runs, so concurrent calls never crash or see a half-made change (with several
  writers, the last one wins).
"""

from ._categories import ConnectSessionCreateCategories
from ._errors import ErrorDetails, ValidationError
from ._native import ConnectSessionCreate, __version__

__all__ = [
    "ConnectSessionCreate",
    "ConnectSessionCreateCategories",
    "ErrorDetails",
    "ValidationError",
    "__version__",
]
