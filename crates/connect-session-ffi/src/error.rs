//! Status codes and the thread-local last error.
//!
//! A failure inside an exported function is a [`Failure`]: a status, a
//! message for people, and the error list as JSON. [`crate::guard`] stores it
//! in this thread's slot before the function returns, where
//! `connect_session_last_error_message` and `connect_session_last_error_json`
//! read it.

use std::cell::{Cell, RefCell};
use std::ffi::CStr;
use std::fmt;

use connect_session_core::{ErrorKind, ValidationError};

/// The result of every fallible function. `CONNECT_SESSION_OK` is 0; every
/// other value is a failure whose details are in the last error
/// (`connect_session_last_error_message`, `connect_session_last_error_json`).
///
/// Values 1 to 99 are the error kinds of the data model (the `type` of each
/// entry of the error JSON); a document with several problems returns the
/// kind of the first. Values from 100 are misuse of the C API itself.
/// Numbers are never reused: a retired status leaves a comment in its place.
#[repr(C)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectSessionStatus {
    /// Success. Out-parameters have been written.
    CONNECT_SESSION_OK = 0,
    /// `syntax`: not JSON (bad grammar, invalid UTF-8 in JSON text, a lone
    /// surrogate escape), or not a JSON object at the top.
    CONNECT_SESSION_SYNTAX = 1,
    /// `missing_field`: a required key is absent or `null`.
    CONNECT_SESSION_MISSING_FIELD = 2,
    /// `invalid_type`: a value of the wrong JSON type.
    CONNECT_SESSION_INVALID_TYPE = 3,
    /// `invalid_value`: the right type, but a value the rules refuse.
    CONNECT_SESSION_INVALID_VALUE = 4,
    /// `unknown_field`: a key outside the model, in strict mode.
    CONNECT_SESSION_UNKNOWN_FIELD = 5,
    /// `duplicate_key`: a key repeated in one object.
    CONNECT_SESSION_DUPLICATE_KEY = 6,
    /// `too_deep`: nesting beyond the limit.
    CONNECT_SESSION_TOO_DEEP = 7,
    /// `null_argument`: a pointer parameter was NULL; the message names it.
    CONNECT_SESSION_NULL_ARGUMENT = 100,
    /// `invalid_utf8`: a text parameter (not JSON) was not valid UTF-8.
    CONNECT_SESSION_INVALID_UTF8 = 101,
    /// `index_out_of_range`: an index at or past the end of a list.
    CONNECT_SESSION_INDEX_OUT_OF_RANGE = 102,
    /// `buffer_too_small`: the caller's buffer cannot hold the text; nothing
    /// was written and `*out_len` holds the size needed.
    CONNECT_SESSION_BUFFER_TOO_SMALL = 103,
    /// `invalid_argument`: an integer parameter names no enumerator (a
    /// `ConnectSessionCategory` out of range), a field name is not a field of
    /// the model, a length exceeds `PTRDIFF_MAX`, or a pointer is misaligned.
    CONNECT_SESSION_INVALID_ARGUMENT = 104,
    /// `internal`: a bug in this library. A Rust panic was caught at the
    /// boundary (it never unwinds into C); the message says what happened.
    CONNECT_SESSION_INTERNAL = 200,
}

use ConnectSessionStatus as S;

impl ConnectSessionStatus {
    /// Every status, in numeric order. (For Rust only: C has no use for it.)
    ///
    /// cbindgen:ignore
    pub const ALL: [ConnectSessionStatus; 14] = [
        Self::CONNECT_SESSION_OK,
        Self::CONNECT_SESSION_SYNTAX,
        Self::CONNECT_SESSION_MISSING_FIELD,
        Self::CONNECT_SESSION_INVALID_TYPE,
        Self::CONNECT_SESSION_INVALID_VALUE,
        Self::CONNECT_SESSION_UNKNOWN_FIELD,
        Self::CONNECT_SESSION_DUPLICATE_KEY,
        Self::CONNECT_SESSION_TOO_DEEP,
        Self::CONNECT_SESSION_NULL_ARGUMENT,
        Self::CONNECT_SESSION_INVALID_UTF8,
        Self::CONNECT_SESSION_INDEX_OUT_OF_RANGE,
        Self::CONNECT_SESSION_BUFFER_TOO_SMALL,
        Self::CONNECT_SESSION_INVALID_ARGUMENT,
        Self::CONNECT_SESSION_INTERNAL,
    ];

    /// The status reported for a validation problem of this kind.
    pub fn from_kind(kind: ErrorKind) -> ConnectSessionStatus {
        match kind {
            ErrorKind::Syntax => S::CONNECT_SESSION_SYNTAX,
            ErrorKind::MissingField => S::CONNECT_SESSION_MISSING_FIELD,
            ErrorKind::InvalidType => S::CONNECT_SESSION_INVALID_TYPE,
            ErrorKind::InvalidValue => S::CONNECT_SESSION_INVALID_VALUE,
            ErrorKind::UnknownField => S::CONNECT_SESSION_UNKNOWN_FIELD,
            ErrorKind::DuplicateKey => S::CONNECT_SESSION_DUPLICATE_KEY,
            ErrorKind::TooDeep => S::CONNECT_SESSION_TOO_DEEP,
            // A kind added to the core without a status here: a test over
            // `ErrorKind::ALL` fails until one is given.
            _ => S::CONNECT_SESSION_INTERNAL,
        }
    }

    /// The snake_case slug, NUL-terminated for C: for the model's kinds the
    /// core's [`ErrorKind::as_str`] (a test checks they agree), for the C-only
    /// ones the name of the enumerator without its prefix, lower-cased.
    pub fn as_c_str(self) -> &'static CStr {
        match self {
            S::CONNECT_SESSION_OK => c"ok",
            S::CONNECT_SESSION_SYNTAX => c"syntax",
            S::CONNECT_SESSION_MISSING_FIELD => c"missing_field",
            S::CONNECT_SESSION_INVALID_TYPE => c"invalid_type",
            S::CONNECT_SESSION_INVALID_VALUE => c"invalid_value",
            S::CONNECT_SESSION_UNKNOWN_FIELD => c"unknown_field",
            S::CONNECT_SESSION_DUPLICATE_KEY => c"duplicate_key",
            S::CONNECT_SESSION_TOO_DEEP => c"too_deep",
            S::CONNECT_SESSION_NULL_ARGUMENT => c"null_argument",
            S::CONNECT_SESSION_INVALID_UTF8 => c"invalid_utf8",
            S::CONNECT_SESSION_INDEX_OUT_OF_RANGE => c"index_out_of_range",
            S::CONNECT_SESSION_BUFFER_TOO_SMALL => c"buffer_too_small",
            S::CONNECT_SESSION_INVALID_ARGUMENT => c"invalid_argument",
            S::CONNECT_SESSION_INTERNAL => c"internal",
        }
    }

    /// The slug as a Rust string.
    pub fn as_str(self) -> &'static str {
        // Every slug above is ASCII.
        self.as_c_str().to_str().unwrap_or_default()
    }

    /// The status with this number, if there is one.
    pub fn from_raw(raw: i64) -> Option<ConnectSessionStatus> {
        ConnectSessionStatus::ALL
            .into_iter()
            .find(|s| *s as i64 == raw)
    }
}

impl fmt::Display for ConnectSessionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an exported function failed, as it will be stored in the last error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    status: ConnectSessionStatus,
    message: String,
    json: String,
}

// The constructors are cold: every exported function checks its arguments on
// the way in, and with the failures' formatting out of the way those checks
// inline into it (callgrind: a minimal round trip, 2,990 -> 2,883 instructions).
impl Failure {
    /// A failure of the C API itself (not of the model): its error JSON is a
    /// one-entry list `[{"type":<slug>,"loc":[],"msg":<message>}]`, the same
    /// shape as a validation error's.
    #[cold]
    pub(crate) fn api(status: ConnectSessionStatus, message: String) -> Failure {
        // Written by hand to keep the keys in the order every error list has.
        let text = |s: &str| serde_json::Value::from(s).to_string();
        let json = format!(
            r#"[{{"type":{},"loc":[],"msg":{}}}]"#,
            text(status.as_str()),
            text(&message)
        );
        Failure {
            status,
            json,
            message,
        }
    }

    /// A NULL pointer parameter.
    #[cold]
    pub(crate) fn null(param: &str) -> Failure {
        Failure::api(S::CONNECT_SESSION_NULL_ARGUMENT, format!("{param} is NULL"))
    }

    /// A text parameter that is not UTF-8.
    #[cold]
    pub(crate) fn utf8(param: &str, err: std::str::Utf8Error) -> Failure {
        Failure::api(
            S::CONNECT_SESSION_INVALID_UTF8,
            format!("{param} is not valid UTF-8: {err}"),
        )
    }

    /// An index at or past the end of a list of `len` items.
    #[cold]
    pub(crate) fn index(param: &str, index: usize, what: &str, len: usize) -> Failure {
        Failure::api(
            S::CONNECT_SESSION_INDEX_OUT_OF_RANGE,
            format!("{param} {index} is out of range: {what} has {len} item(s)"),
        )
    }

    /// An argument outside its documented range.
    #[cold]
    pub(crate) fn invalid_argument(message: String) -> Failure {
        Failure::api(S::CONNECT_SESSION_INVALID_ARGUMENT, message)
    }

    /// A length beyond `PTRDIFF_MAX`, which no object can have.
    #[cold]
    pub(crate) fn too_long(param: &str, len: usize) -> Failure {
        Failure::invalid_argument(format!("{param}_len {len} is larger than PTRDIFF_MAX"))
    }

    /// A pointer not aligned for the type it points to.
    #[cold]
    pub(crate) fn misaligned(param: &str, align: usize) -> Failure {
        Failure::invalid_argument(format!("{param} is not aligned to {align} bytes"))
    }

    /// A state the library's own tests rule out (a core value the C API has
    /// no name for, say), reported rather than panicking.
    pub(crate) fn internal(message: String) -> Failure {
        Failure::api(
            S::CONNECT_SESSION_INTERNAL,
            format!("internal error: {message}"),
        )
    }

    /// A Rust panic caught at the boundary.
    pub(crate) fn panic(what: &str) -> Failure {
        Failure::api(
            S::CONNECT_SESSION_INTERNAL,
            format!("internal error: a Rust panic was caught at the C boundary: {what}"),
        )
    }

    pub(crate) fn status(&self) -> ConnectSessionStatus {
        self.status
    }
}

impl From<ValidationError> for Failure {
    /// The core's error as it is: status from the first problem's kind,
    /// message from its `Display` (one line per problem), JSON from `to_json`.
    fn from(err: ValidationError) -> Failure {
        let status = err
            .errors()
            .first()
            .map_or(S::CONNECT_SESSION_INTERNAL, |e| {
                ConnectSessionStatus::from_kind(e.kind())
            });
        Failure {
            status,
            message: err.to_string(),
            json: err.to_json(),
        }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<Option<Failure>> = const { RefCell::new(None) };
    /// Whether `LAST_ERROR` may hold a failure. Every call clears the last
    /// error, nearly always an empty one: this flag, which needs no
    /// destructor, is a plain load, where `LAST_ERROR` is a lookup of the
    /// thread's destructor state and a borrow (about 17 instructions a call,
    /// 1% of a minimal round trip; callgrind).
    static MAY_HOLD: Cell<bool> = const { Cell::new(false) };
}

/// Forgets this thread's last error.
#[inline]
pub(crate) fn clear_last_error() {
    if MAY_HOLD.get() {
        forget_last_error();
    }
}

// The last error's storage is gone once the thread has begun to exit (a call
// from an `atexit` handler, or from another thread-local's destructor): the
// functions below then do without it, since `with` would panic, and a panic
// here, outside the guard, would abort the caller's process.

#[cold]
fn forget_last_error() {
    MAY_HOLD.set(false);
    let _gone = LAST_ERROR.try_with(|slot| {
        // Dropping the old value outside the borrow keeps this re-entrant.
        let old = slot.borrow_mut().take();
        drop(old);
    });
}

/// Makes `failure` this thread's last error (once the thread is exiting, the
/// status returned is all that is reported).
pub(crate) fn set_last_error(failure: Failure) {
    MAY_HOLD.set(true);
    let _gone = LAST_ERROR.try_with(|slot| {
        let old = slot.borrow_mut().replace(failure);
        drop(old);
    });
}

/// Which text of the last error to read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LastErrorPart {
    /// The message for people; empty when the last call succeeded.
    Message,
    /// The error list as JSON; `[]` when the last call succeeded.
    Json,
}

/// Runs `f` over one text of this thread's last error.
pub(crate) fn with_last_error<R>(part: LastErrorPart, f: impl FnOnce(&str) -> R) -> R {
    let none = match part {
        LastErrorPart::Message => "",
        LastErrorPart::Json => "[]",
    };
    if LAST_ERROR.try_with(|_| ()).is_err() {
        // The thread is exiting: no error was kept.
        return f(none);
    }
    LAST_ERROR.with(|slot| {
        let slot = slot.borrow();
        let text = match (part, slot.as_ref()) {
            (LastErrorPart::Message, Some(failure)) => failure.message.as_str(),
            (LastErrorPart::Json, Some(failure)) => failure.json.as_str(),
            (_, None) => none,
        };
        f(text)
    })
}
