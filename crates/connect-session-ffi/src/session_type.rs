//! `ConnectSessionType`: the C face of the core's open session type, and the
//! accessors of the `type` field.

use std::ffi::c_char;

use connect_session_core::{ConnectSessionCreateType as Kind, Field};

use crate::error::ConnectSessionStatus;
use crate::guard::status;
use crate::model::{handle, ConnectSessionCreate};
use crate::strings::Out;
use crate::text;

/// The kind of account a session creates (docs/contract.md, section 2b). The
/// set is open: a value other than `production` and `test` is kept as given
/// and reads as `CONNECT_SESSION_TYPE_OTHER` (its text has
/// `connect_session_create_get_type_text`).
#[repr(u32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectSessionType {
    /// `production` (the server's default when `type` is unset).
    CONNECT_SESSION_TYPE_PRODUCTION = 0,
    /// `test`.
    CONNECT_SESSION_TYPE_TEST = 1,
    /// Any other string, kept exactly (no case folding).
    CONNECT_SESSION_TYPE_OTHER = 2,
}

impl ConnectSessionType {
    /// The enumerator of a core value. The core's type is open to new known
    /// members; one without an enumerator here reads as OTHER until it gets
    /// one (a test below checks every member of `KNOWN` has one).
    pub fn of(kind: &Kind) -> ConnectSessionType {
        match kind.as_str() {
            "production" if kind.is_known() => ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION,
            "test" if kind.is_known() => ConnectSessionType::CONNECT_SESSION_TYPE_TEST,
            _ => ConnectSessionType::CONNECT_SESSION_TYPE_OTHER,
        }
    }
}

/// The session type, as an enumerator.
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether `type` is set.
/// - `out_type`: on success receives the enumerator:
///   `CONNECT_SESSION_TYPE_OTHER` for a value outside the known ones (read
///   it with `connect_session_create_get_type_text`), and
///   `CONNECT_SESSION_TYPE_PRODUCTION`, the server's default, when unset.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_type(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_type: *mut ConnectSessionType,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_is_set, out_type) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_type, "out_type")?,
            )
        };
        let kind = request.session_type();
        out_is_set.write(kind.is_some());
        out_type.write(kind.map_or(
            ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION,
            ConnectSessionType::of,
        ));
        Ok(())
    })
}

/// The session type's text, exactly as set (`"production"`, `"test"` or any
/// other string).
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether `type` is set.
/// - `out_value`, `out_value_len`: on success receive a view borrowed from
///   `request` (NUL-terminated too; may hold NULs), valid until the handle is
///   next changed or freed; (NULL, 0) when unset.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_type_text(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract; the type reads as text like a text field.
    unsafe { text::get_optional(request, Field::Type, out_is_set, out_value, out_value_len) }
}

/// Sets the session type from its text: `"production"` and `"test"` are the
/// known values; any other string is kept exactly as given.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `value`, `value_len`: UTF-8 text, borrowed for the call and copied; not
///   NUL-terminated. (NULL, 0) is the empty string, kept like any other.
///
/// # Safety
///
/// `request` is NULL or a live handle; `value` is NULL or points to
/// `value_len` readable bytes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_type(
    request: *mut ConnectSessionCreate,
    value: *const u8,
    value_len: usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract; the core applies the type's rule.
    unsafe { text::set(request, Field::Type, value, value_len) }
}

/// Unsets the session type.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clear_type(
    request: *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { text::clear(request, Field::Type) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_type_has_its_enumerator() {
        let known: Vec<_> = Kind::KNOWN.iter().map(ConnectSessionType::of).collect();
        assert_eq!(
            known,
            [
                ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION,
                ConnectSessionType::CONNECT_SESSION_TYPE_TEST
            ]
        );
        assert_eq!(
            ConnectSessionType::of(&Kind::from("PRODUCTION")),
            ConnectSessionType::CONNECT_SESSION_TYPE_OTHER
        );
        assert_eq!(ConnectSessionType::CONNECT_SESSION_TYPE_OTHER as u32, 2);
    }
}
