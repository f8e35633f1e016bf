# Hand-written stubs for the extension module built from bindings/python (Rust, PyO3).
# `make lint-py` checks them against the built module with mypy.stubtest.
from typing import Any, Final, final

from typing_extensions import Self, TypeAlias

from ._categories import ConnectSessionCreateCategories

__all__ = [
    "CATEGORY_VALUES",
    "DEFAULT_EXPIRES_IN",
    "FIELD_NAMES",
    "MAX_DEPTH",
    "ConnectSessionCreate",
    "__version__",
    "category_value",
]

__version__: Final[str]
CATEGORY_VALUES: Final[tuple[str, ...]]
FIELD_NAMES: Final[tuple[str, ...]]
MAX_DEPTH: Final[int]
DEFAULT_EXPIRES_IN: Final[float]

# A category may be given as a member or as a wire string (aliases included), in a list
# or a tuple (what JSON arrays come from); any other value is a ValidationError.
_Category: TypeAlias = ConnectSessionCreateCategories | str
_Categories: TypeAlias = (
    list[ConnectSessionCreateCategories]
    | list[str]
    | list[_Category]
    | tuple[_Category, ...]
    | None
)

def category_value(value: str) -> str: ...

@final
class ConnectSessionCreate:
    def __new__(
        cls,
        *,
        origin_owner_id: str,
        origin_owner_name: str,
        categories: _Categories = None,
        expires_in: float | None = None,
        metadata: dict[str, Any] | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
    ) -> Self: ...
    @classmethod
    def from_json(cls, data: str | bytes | bytearray, /, *, strict: bool = False) -> Self: ...
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, strict: bool = False) -> Self: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def categories(self) -> list[ConnectSessionCreateCategories] | None: ...
    @categories.setter
    def categories(self, value: _Categories) -> None: ...
    @property
    def expires_in(self) -> float | None: ...
    @expires_in.setter
    def expires_in(self, value: float | None) -> None: ...
    @property
    def effective_expires_in(self) -> float: ...
    @property
    def metadata(self) -> dict[str, Any] | None: ...
    @metadata.setter
    def metadata(self, value: dict[str, Any] | None) -> None: ...
    @property
    def origin_owner_id(self) -> str: ...
    @origin_owner_id.setter
    def origin_owner_id(self, value: str) -> None: ...
    @property
    def origin_owner_name(self) -> str: ...
    @origin_owner_name.setter
    def origin_owner_name(self, value: str) -> None: ...
    @property
    def origin_username(self) -> str | None: ...
    @origin_username.setter
    def origin_username(self, value: str | None) -> None: ...
    @property
    def provider(self) -> str | None: ...
    @provider.setter
    def provider(self, value: str | None) -> None: ...
    @property
    def extra(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
