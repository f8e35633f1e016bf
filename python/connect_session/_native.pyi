# Stubs for the extension module built from bindings/python (Rust, PyO3). The parts between
# the GENERATED lines are written from the core's table of models by `make generate`
# (xtask/src/python.rs; `make test` fails when they are stale); the rest is written by
# hand. `make lint-py` checks them against the built module with mypy.stubtest.
import datetime
from collections.abc import Mapping, Sequence
from inspect import Signature
from typing import Any, ClassVar, Final, final

from typing_extensions import Self, TypeAlias

from ._enums import ConnectSessionCreateCategories, ConnectSessionCreateType

__all__ = [
    "CATEGORY_VALUES",
    "DETACH_BYTES",
    "MAX_DEPTH",
    "MODELS",
    "TYPE_VALUES",
    # BEGIN GENERATED: model names (make generate)
    "ConnectSession",
    "ConnectSessionAuthenticate",
    "ConnectSessionCreate",
    "ConnectSessionTokenAuthLink",
    # END GENERATED: model names
    "__version__",
    "category_value",
]

__version__: Final[str]
CATEGORY_VALUES: Final[tuple[str, ...]]
TYPE_VALUES: Final[tuple[str, ...]]
# (name, kind, required, doc, default) per field, in canonical order, by model name; kind
# is one of "text", "boolean", "seconds", "categories", "object", "type", "integer",
# "date_time"; default is the server's value for an unset field, as JSON text, or None.
MODELS: Final[dict[str, tuple[tuple[str, str, bool, str, str | None], ...]]]
MAX_DEPTH: Final[int]
DETACH_BYTES: Final[int]

# A category may be given as a member or as a wire string (aliases included), in a list
# or a tuple (what JSON arrays come from); any other value is a ValidationError.
_Category: TypeAlias = ConnectSessionCreateCategories | str
_Categories: TypeAlias = (
    list[ConnectSessionCreateCategories]
    | list[str]
    | list[_Category]
    | tuple[_Category, ...]
    | Sequence[ConnectSessionCreateCategories]
)

def category_value(value: str) -> str: ...

# BEGIN GENERATED: models (make generate)

# The body of StackOne's "Create Connect Session" request (POST /connect_sessions).
@final
class ConnectSessionCreate:
    def __new__(
        cls,
        *,
        origin_owner_id: str,
        origin_owner_name: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        expires_in: float | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        multiple: bool | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        provider_version: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> Self: ...
    def __init__(
        self,
        *,
        origin_owner_id: str,
        origin_owner_name: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        expires_in: float | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        multiple: bool | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        provider_version: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> None: ...
    def replace(
        self,
        *,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        expires_in: float | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        multiple: bool | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        provider_version: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    def __replace__(
        self,
        *,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        expires_in: float | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        multiple: bool | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        provider_version: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    @property
    def account_id(self) -> str | None: ...
    @account_id.setter
    def account_id(self, value: str | None) -> None: ...
    @property
    def categories(self) -> Sequence[ConnectSessionCreateCategories] | None: ...
    @categories.setter
    def categories(self, value: _Categories | None) -> None: ...
    @property
    def expires_in(self) -> float | None: ...
    @expires_in.setter
    def expires_in(self, value: float | None) -> None: ...
    @property
    def effective_expires_in(self) -> float: ...
    @property
    def integration_id(self) -> str | None: ...
    @integration_id.setter
    def integration_id(self, value: str | None) -> None: ...
    @property
    def label(self) -> str | None: ...
    @label.setter
    def label(self, value: str | None) -> None: ...
    @property
    def metadata(self) -> Mapping[str, Any] | None: ...
    @metadata.setter
    def metadata(self, value: Mapping[str, Any] | None) -> None: ...
    @property
    def multiple(self) -> bool | None: ...
    @multiple.setter
    def multiple(self, value: bool | None) -> None: ...
    @property
    def effective_multiple(self) -> bool: ...
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
    def provider_version(self) -> str | None: ...
    @provider_version.setter
    def provider_version(self, value: str | None) -> None: ...
    @property
    def type(self) -> ConnectSessionCreateType | str | None: ...
    @type.setter
    def type(self, value: ConnectSessionCreateType | str | None) -> None: ...
    @property
    def effective_type(self) -> ConnectSessionCreateType | str: ...
    @classmethod
    def from_json(cls, data: str | bytes | bytearray, /, *, strict: bool = False) -> Self: ...
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, strict: bool = False) -> Self: ...
    @classmethod
    def json_schema(cls) -> dict[str, Any]: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def extra(self) -> Mapping[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    # The constructor's keyword-only signature, set by connect_session/__init__.py from
    # MODELS (the extension's own constructor takes **kwargs).
    __signature__: ClassVar[Signature]
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: Any, /) -> Any: ...
    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any, /) -> Any: ...

# The body of StackOne's "Authenticate Connect Session" request (POST
# /connect_sessions/authenticate).
@final
class ConnectSessionAuthenticate:
    def __new__(
        cls,
        *,
        token: str,
    ) -> Self: ...
    def __init__(
        self,
        *,
        token: str,
    ) -> None: ...
    def replace(
        self,
        *,
        token: str = ...,
    ) -> Self: ...
    def __replace__(
        self,
        *,
        token: str = ...,
    ) -> Self: ...
    @property
    def token(self) -> str: ...
    @token.setter
    def token(self, value: str) -> None: ...
    @classmethod
    def from_json(cls, data: str | bytes | bytearray, /, *, strict: bool = False) -> Self: ...
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, strict: bool = False) -> Self: ...
    @classmethod
    def json_schema(cls) -> dict[str, Any]: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def extra(self) -> Mapping[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    # The constructor's keyword-only signature, set by connect_session/__init__.py from
    # MODELS (the extension's own constructor takes **kwargs).
    __signature__: ClassVar[Signature]
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: Any, /) -> Any: ...
    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any, /) -> Any: ...

# The response of StackOne's "Create Connect Session" request: the session created, its
# token and the link that opens the hub.
@final
class ConnectSessionTokenAuthLink:
    def __new__(
        cls,
        *,
        auth_link_url: str,
        created_at: datetime.datetime | str,
        id: int,
        organization_id: str,
        origin_owner_id: str,
        origin_owner_name: str,
        project_id: str,
        token: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        external_trigger_token: str | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> Self: ...
    def __init__(
        self,
        *,
        auth_link_url: str,
        created_at: datetime.datetime | str,
        id: int,
        organization_id: str,
        origin_owner_id: str,
        origin_owner_name: str,
        project_id: str,
        token: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        external_trigger_token: str | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> None: ...
    def replace(
        self,
        *,
        auth_link_url: str = ...,
        created_at: datetime.datetime | str = ...,
        id: int = ...,
        organization_id: str = ...,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        project_id: str = ...,
        token: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        external_trigger_token: str | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    def __replace__(
        self,
        *,
        auth_link_url: str = ...,
        created_at: datetime.datetime | str = ...,
        id: int = ...,
        organization_id: str = ...,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        project_id: str = ...,
        token: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        external_trigger_token: str | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    @property
    def account_id(self) -> str | None: ...
    @account_id.setter
    def account_id(self, value: str | None) -> None: ...
    @property
    def auth_link_url(self) -> str: ...
    @auth_link_url.setter
    def auth_link_url(self, value: str) -> None: ...
    @property
    def categories(self) -> Sequence[ConnectSessionCreateCategories] | None: ...
    @categories.setter
    def categories(self, value: _Categories | None) -> None: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @created_at.setter
    def created_at(self, value: datetime.datetime | str) -> None: ...
    @property
    def external_trigger_token(self) -> str | None: ...
    @external_trigger_token.setter
    def external_trigger_token(self, value: str | None) -> None: ...
    @property
    def id(self) -> int: ...
    @id.setter
    def id(self, value: int) -> None: ...
    @property
    def integration_id(self) -> str | None: ...
    @integration_id.setter
    def integration_id(self, value: str | None) -> None: ...
    @property
    def label(self) -> str | None: ...
    @label.setter
    def label(self, value: str | None) -> None: ...
    @property
    def metadata(self) -> Mapping[str, Any] | None: ...
    @metadata.setter
    def metadata(self, value: Mapping[str, Any] | None) -> None: ...
    @property
    def organization_id(self) -> str: ...
    @organization_id.setter
    def organization_id(self, value: str) -> None: ...
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
    def project_id(self) -> str: ...
    @project_id.setter
    def project_id(self, value: str) -> None: ...
    @property
    def provider(self) -> str | None: ...
    @provider.setter
    def provider(self, value: str | None) -> None: ...
    @property
    def token(self) -> str: ...
    @token.setter
    def token(self, value: str) -> None: ...
    @property
    def type(self) -> ConnectSessionCreateType | str | None: ...
    @type.setter
    def type(self, value: ConnectSessionCreateType | str | None) -> None: ...
    @classmethod
    def from_json(cls, data: str | bytes | bytearray, /, *, strict: bool = False) -> Self: ...
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, strict: bool = False) -> Self: ...
    @classmethod
    def json_schema(cls) -> dict[str, Any]: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def extra(self) -> Mapping[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    # The constructor's keyword-only signature, set by connect_session/__init__.py from
    # MODELS (the extension's own constructor takes **kwargs).
    __signature__: ClassVar[Signature]
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: Any, /) -> Any: ...
    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any, /) -> Any: ...

# The response of StackOne's "Authenticate Connect Session" request: the session the
# token belongs to.
@final
class ConnectSession:
    def __new__(
        cls,
        *,
        created_at: datetime.datetime | str,
        id: int,
        organization_id: str,
        origin_owner_id: str,
        origin_owner_name: str,
        project_id: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        external_trigger_token: str | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> Self: ...
    def __init__(
        self,
        *,
        created_at: datetime.datetime | str,
        id: int,
        organization_id: str,
        origin_owner_id: str,
        origin_owner_name: str,
        project_id: str,
        account_id: str | None = None,
        categories: _Categories | None = None,
        external_trigger_token: str | None = None,
        integration_id: str | None = None,
        label: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        origin_username: str | None = None,
        provider: str | None = None,
        type: ConnectSessionCreateType | str | None = None,
    ) -> None: ...
    def replace(
        self,
        *,
        created_at: datetime.datetime | str = ...,
        id: int = ...,
        organization_id: str = ...,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        project_id: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        external_trigger_token: str | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    def __replace__(
        self,
        *,
        created_at: datetime.datetime | str = ...,
        id: int = ...,
        organization_id: str = ...,
        origin_owner_id: str = ...,
        origin_owner_name: str = ...,
        project_id: str = ...,
        account_id: str | None = ...,
        categories: _Categories | None = ...,
        external_trigger_token: str | None = ...,
        integration_id: str | None = ...,
        label: str | None = ...,
        metadata: Mapping[str, Any] | None = ...,
        origin_username: str | None = ...,
        provider: str | None = ...,
        type: ConnectSessionCreateType | str | None = ...,
    ) -> Self: ...
    @property
    def account_id(self) -> str | None: ...
    @account_id.setter
    def account_id(self, value: str | None) -> None: ...
    @property
    def categories(self) -> Sequence[ConnectSessionCreateCategories] | None: ...
    @categories.setter
    def categories(self, value: _Categories | None) -> None: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @created_at.setter
    def created_at(self, value: datetime.datetime | str) -> None: ...
    @property
    def external_trigger_token(self) -> str | None: ...
    @external_trigger_token.setter
    def external_trigger_token(self, value: str | None) -> None: ...
    @property
    def id(self) -> int: ...
    @id.setter
    def id(self, value: int) -> None: ...
    @property
    def integration_id(self) -> str | None: ...
    @integration_id.setter
    def integration_id(self, value: str | None) -> None: ...
    @property
    def label(self) -> str | None: ...
    @label.setter
    def label(self, value: str | None) -> None: ...
    @property
    def metadata(self) -> Mapping[str, Any] | None: ...
    @metadata.setter
    def metadata(self, value: Mapping[str, Any] | None) -> None: ...
    @property
    def organization_id(self) -> str: ...
    @organization_id.setter
    def organization_id(self, value: str) -> None: ...
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
    def project_id(self) -> str: ...
    @project_id.setter
    def project_id(self, value: str) -> None: ...
    @property
    def provider(self) -> str | None: ...
    @provider.setter
    def provider(self, value: str | None) -> None: ...
    @property
    def type(self) -> ConnectSessionCreateType | str | None: ...
    @type.setter
    def type(self, value: ConnectSessionCreateType | str | None) -> None: ...
    @classmethod
    def from_json(cls, data: str | bytes | bytearray, /, *, strict: bool = False) -> Self: ...
    @classmethod
    def from_dict(cls, data: dict[str, Any], /, *, strict: bool = False) -> Self: ...
    @classmethod
    def json_schema(cls) -> dict[str, Any]: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    @property
    def extra(self) -> Mapping[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]
    # The constructor's keyword-only signature, set by connect_session/__init__.py from
    # MODELS (the extension's own constructor takes **kwargs).
    __signature__: ClassVar[Signature]
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any, /) -> Self: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: Any, /) -> Any: ...
    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any, /) -> Any: ...

# END GENERATED: models
