//! The models of StackOne's Connect Sessions endpoint: the one table.
//!
//! A field is one row: its wire key, its kind, whether it is required, what it
//! means. Adding an optional field is one row here (and its vectors); `make
//! generate` then writes every binding's accessors, the stubs, the JSON Schema
//! files and the documentation's tables from it (docs/extending.md).
//!
//! The wire keys, kinds and required flags are the API's (docs/contract.md
//! sections 1 and 9).

use crate::def::FieldDef as F;
use crate::def::FieldKind::{Boolean, Categories, DateTime, Integer, Object, Seconds, Text, Type};
use crate::def::ModelDef;

/// The body of "Create Connect Session" (`POST /connect_sessions`).
pub const CONNECT_SESSION_CREATE: ModelDef = ModelDef::new(
    "ConnectSessionCreate",
    "create",
    "request",
    "The body of StackOne's \"Create Connect Session\" request (POST /connect_sessions).",
    &[
        F::optional(
            "account_id",
            Text,
            "The id of an existing account to reconnect: the hub opens in edit mode for it.",
        ),
        F::optional(
            "categories",
            Categories,
            "The categories of provider the hub offers, in order (repeats kept). Unset: every \
             category.",
        ),
        F::optional(
            "expires_in",
            Seconds,
            "How long the session is valid, in seconds: finite and greater than 0. Unset: the \
             server's default of 1800.",
        )
        .server_default("1800"),
        F::optional(
            "integration_id",
            Text,
            "The id of the integration to connect with.",
        ),
        F::optional(
            "label",
            Text,
            "The label given to the account this session creates.",
        ),
        F::optional(
            "metadata",
            Object,
            "Free-form JSON object stored with the account, kept exactly (key order, nesting and \
             number text).",
        ),
        F::optional(
            "multiple",
            Boolean,
            "Whether the session may connect more than one account. Unset: the server's default \
             of false.",
        )
        .server_default("false"),
        F::required(
            "origin_owner_id",
            Text,
            "The id of the account's owner in your system (required).",
        ),
        F::required(
            "origin_owner_name",
            Text,
            "The name of the account's owner in your system (required).",
        ),
        F::optional(
            "origin_username",
            Text,
            "The name of the user who creates the session, in your system.",
        ),
        F::optional(
            "provider",
            Text,
            "The provider to connect to, skipping the hub's choice of provider.",
        ),
        F::optional(
            "provider_version",
            Text,
            "The version of the provider's API to connect with.",
        ),
        F::optional(
            "type",
            Type,
            "The kind of account: \"production\" or \"test\"; any other string is kept as given. \
             Unset: the server's default of \"production\".",
        )
        .server_default("\"production\""),
    ],
);

/// The body of "Authenticate Connect Session" (`POST /connect_sessions/authenticate`).
pub const CONNECT_SESSION_AUTHENTICATE: ModelDef = ModelDef::new(
    "ConnectSessionAuthenticate",
    "authenticate",
    "request",
    "The body of StackOne's \"Authenticate Connect Session\" request \
     (POST /connect_sessions/authenticate).",
    &[F::required(
        "token",
        Text,
        "The session token that creating the session returned (required).",
    )],
);

/// The response of "Create Connect Session": the session, its token and the
/// hub's link.
pub const CONNECT_SESSION_TOKEN_AUTH_LINK: ModelDef = ModelDef::new(
    "ConnectSessionTokenAuthLink",
    "token_auth_link",
    "response",
    "The response of StackOne's \"Create Connect Session\" request: the session created, its \
     token and the link that opens the hub.",
    &[
        F::optional(
            "account_id",
            Text,
            "The id of the account the session reconnects, if it was given one.",
        ),
        F::required(
            "auth_link_url",
            Text,
            "The link that opens the hub for this session, kept as given (required).",
        ),
        F::optional(
            "categories",
            Categories,
            "The categories of provider the hub offers, in order (repeats kept).",
        ),
        F::required(
            "created_at",
            DateTime,
            "When the session was created: an RFC 3339 date-time with an offset (required).",
        ),
        F::optional(
            "external_trigger_token",
            Text,
            "A token with which a system outside the hub can start the connection.",
        ),
        F::required(
            "id",
            Integer,
            "The session's id: a signed 64-bit integer (required).",
        ),
        F::optional(
            "integration_id",
            Text,
            "The id of the integration the session connects with.",
        ),
        F::optional(
            "label",
            Text,
            "The label given to the account the session creates.",
        ),
        F::optional(
            "metadata",
            Object,
            "The metadata given when the session was created, kept exactly (key order, nesting \
             and number text).",
        ),
        F::required(
            "organization_id",
            Text,
            "The id of the StackOne organization the session belongs to (required).",
        ),
        F::required(
            "origin_owner_id",
            Text,
            "The id of the account's owner in your system (required).",
        ),
        F::required(
            "origin_owner_name",
            Text,
            "The name of the account's owner in your system (required).",
        ),
        F::optional(
            "origin_username",
            Text,
            "The name of the user who created the session, in your system.",
        ),
        F::required(
            "project_id",
            Text,
            "The id of the StackOne project the session belongs to (required).",
        ),
        F::optional("provider", Text, "The provider the session connects to."),
        F::required(
            "token",
            Text,
            "The session token, which the hub authenticates with (required).",
        ),
        F::optional(
            "type",
            Type,
            "The kind of account: \"production\" or \"test\"; any other string is kept as given.",
        ),
    ],
);

/// The response of "Authenticate Connect Session": the session.
pub const CONNECT_SESSION: ModelDef = ModelDef::new(
    "ConnectSession",
    "session",
    "response",
    "The response of StackOne's \"Authenticate Connect Session\" request: the session the token \
     belongs to.",
    &[
        F::optional(
            "account_id",
            Text,
            "The id of the account the session reconnects, if it was given one.",
        ),
        F::optional(
            "categories",
            Categories,
            "The categories of provider the hub offers, in order (repeats kept).",
        ),
        F::required(
            "created_at",
            DateTime,
            "When the session was created: an RFC 3339 date-time with an offset (required).",
        ),
        F::optional(
            "external_trigger_token",
            Text,
            "A token with which a system outside the hub can start the connection.",
        ),
        F::required(
            "id",
            Integer,
            "The session's id: a signed 64-bit integer (required).",
        ),
        F::optional(
            "integration_id",
            Text,
            "The id of the integration the session connects with.",
        ),
        F::optional(
            "label",
            Text,
            "The label given to the account the session creates.",
        ),
        F::optional(
            "metadata",
            Object,
            "The metadata given when the session was created, kept exactly (key order, nesting \
             and number text).",
        ),
        F::required(
            "organization_id",
            Text,
            "The id of the StackOne organization the session belongs to (required).",
        ),
        F::required(
            "origin_owner_id",
            Text,
            "The id of the account's owner in your system (required).",
        ),
        F::required(
            "origin_owner_name",
            Text,
            "The name of the account's owner in your system (required).",
        ),
        F::optional(
            "origin_username",
            Text,
            "The name of the user who created the session, in your system.",
        ),
        F::required(
            "project_id",
            Text,
            "The id of the StackOne project the session belongs to (required).",
        ),
        F::optional("provider", Text, "The provider the session connects to."),
        F::optional(
            "type",
            Type,
            "The kind of account: \"production\" or \"test\"; any other string is kept as given.",
        ),
    ],
);

/// Every model, in the order the bindings list them.
pub const ALL: [&ModelDef; 4] = [
    &CONNECT_SESSION_CREATE,
    &CONNECT_SESSION_AUTHENTICATE,
    &CONNECT_SESSION_TOKEN_AUTH_LINK,
    &CONNECT_SESSION,
];
