//! The C ABI of `connect-session`: `libconnect_session.{so,a}`, described by
//! `include/connect_session.h` (generated from this crate by cbindgen).
//!
//! This crate only translates between C and the core crate, which decides
//! every rule. Conventions (the header's preamble says the same for C users):
//!
//! - Every fallible function returns a [`ConnectSessionStatus`];
//!   `CONNECT_SESSION_OK` is 0. Out-parameters (`out_*`) are written only on
//!   success; every pointer parameter is checked for NULL first.
//! - Each call clears this thread's last error on entry and fills it on
//!   failure; read it with [`connect_session_last_error_message`] and
//!   [`connect_session_last_error_json`]. While the thread exits (its
//!   thread-locals destroyed), calls work but keep no last error.
//! - Text goes in as `const uint8_t *ptr, size_t len` (UTF-8 unless it is
//!   JSON; not NUL-terminated; (NULL, 0) is the empty string) and comes out as
//!   `char *` plus length, and NUL-terminated as well: owned text is freed
//!   with [`connect_session_string_free`]; borrowed views stay valid until
//!   their handle is next changed or freed.
//! - No panic crosses the boundary: one caught becomes
//!   `CONNECT_SESSION_INTERNAL`. Running out of memory aborts, as it does in
//!   Rust.
#![deny(missing_docs)]

mod category;
mod error;
mod extra;
mod fields;
mod generated;
mod guard;
mod handle;
mod session_type;
mod strings;

use std::ffi::{c_char, c_int, CStr};

pub use category::{
    connect_session_category_from_name, connect_session_category_name, ConnectSessionCategory,
};
pub use error::ConnectSessionStatus;
pub use generated::*;
#[cfg(feature = "test-panic")]
pub use guard::test_panic;
pub use session_type::ConnectSessionType;

use error::{with_last_error, LastErrorPart};
use guard::{guard, LastError, Outcome};
use strings::{free_owned, Out};

impl Outcome for *const c_char {
    fn failed(_: ConnectSessionStatus) -> Self {
        std::ptr::null()
    }
}

/// The version of the library, NUL-terminated: the workspace version, the
/// same as the Rust crate's and the Python package's.
fn version() -> &'static CStr {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => panic!("the package version holds a NUL"),
        };
    VERSION
}

/// The library's version, e.g. `"0.1.0"`.
///
/// Returns static NUL-terminated text, borrowed for the life of the program;
/// never free it. Leaves the last error as it is.
#[no_mangle]
pub extern "C" fn connect_session_version() -> *const c_char {
    guard(LastError::Keep, || Ok(version().as_ptr()))
}

/// The snake_case name of a status (`"missing_field"`, `"null_argument"`),
/// the same text as the `type` of the entries of the error JSON.
///
/// - `status`: any number; one that is not a `ConnectSessionStatus` gives
///   `"unknown"`.
///
/// Returns static NUL-terminated text, borrowed for the life of the program;
/// never free it. Leaves the last error as it is.
#[no_mangle]
pub extern "C" fn connect_session_status_name(status: c_int) -> *const c_char {
    guard(LastError::Keep, || {
        let name = ConnectSessionStatus::from_raw(i64::from(status))
            .map_or(c"unknown", ConnectSessionStatus::as_c_str);
        Ok(name.as_ptr())
    })
}

/// Frees text this library allocated (the `char *` of a `*_to_json`).
/// NULL does nothing. Freeing twice, or freeing a pointer from anywhere
/// else (a borrowed view, or `malloc`), is undefined behaviour.
/// Leaves the last error as it is.
///
/// - `text`: ownership passes back to the library.
///
/// # Safety
///
/// `text` is NULL or a pointer this library returned as owned and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn connect_session_string_free(text: *mut c_char) {
    guard(LastError::Keep, || {
        // SAFETY: per the contract above.
        unsafe { free_owned(text) };
        Ok(())
    });
}

/// Copies the message of this thread's last error into `buf`: one line per
/// problem (`loc: msg [type=kind]`), empty when the last call succeeded.
///
/// - `buf`: caller-owned, written with the text if it fits (`cap >= len`),
///   followed by a NUL if there is room for one (`cap > len`). May be NULL
///   when `cap` is 0, to ask for the size.
/// - `cap`: the size of `buf` in bytes.
/// - `out_len`: receives the length of the message in bytes (without a NUL)
///   on `CONNECT_SESSION_OK` and on `CONNECT_SESSION_BUFFER_TOO_SMALL`.
///
/// Returns `CONNECT_SESSION_BUFFER_TOO_SMALL`, writing nothing to `buf`, if
/// `cap < len`; never truncates. Unlike every other call, this one neither
/// clears nor sets the last error, so it can be asked for the size first.
/// Unlike the other statuses, this one may be ignored (it is not
/// `CONNECT_SESSION_MUST_USE`): a size query is made for `*out_len` alone.
///
/// # Safety
///
/// `buf` is NULL or valid for `cap` bytes of writes; `out_len` is NULL or
/// valid for writes.
#[no_mangle]
pub unsafe extern "C" fn connect_session_last_error_message(
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { read_last_error(LastErrorPart::Message, buf, cap, out_len) }
}

/// Copies this thread's last error as JSON into `buf`: a list of
/// `{"type":..,"loc":[..],"msg":..}` objects. For a validation failure it is
/// exactly the core's `ValidationError::to_json()` (every problem, in order,
/// up to the core's cap of 1000, then one `too_many_errors` entry counting the rest);
/// for a misuse of the C API it is one entry whose `type` is the status name
/// and whose `loc` is `[]`; after a successful call it is `[]`.
///
/// - `buf`, `cap`, `out_len`: as for `connect_session_last_error_message`.
///
/// Neither clears nor sets the last error.
///
/// # Safety
///
/// As for `connect_session_last_error_message`.
#[no_mangle]
pub unsafe extern "C" fn connect_session_last_error_json(
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { read_last_error(LastErrorPart::Json, buf, cap, out_len) }
}

/// # Safety
///
/// As for `connect_session_last_error_message`.
unsafe fn read_last_error(
    part: LastErrorPart,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> ConnectSessionStatus {
    guard(LastError::Keep, || {
        // SAFETY: the caller passes NULL or a pointer valid for writes.
        let out_len = unsafe { Out::new(out_len, "out_len")? };
        if buf.is_null() && cap > 0 {
            return Err(error::Failure::null("buf"));
        }
        with_last_error(part, |text| {
            let len = text.len();
            out_len.write(len);
            if cap < len {
                return Ok(ConnectSessionStatus::CONNECT_SESSION_BUFFER_TOO_SMALL);
            }
            if cap > 0 {
                // SAFETY: `buf` is not NULL (cap > 0) and valid for `cap`
                // bytes; `len <= cap` bytes are copied from the slot, which
                // cannot overlap caller memory.
                unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), len) };
            }
            if cap > len {
                // SAFETY: `len < cap`, so the NUL lands inside `buf`.
                unsafe { buf.add(len).write(0) };
            }
            Ok(ConnectSessionStatus::CONNECT_SESSION_OK)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use connect_session_core::ErrorKind;

    #[test]
    fn version_is_the_core_version() {
        assert_eq!(version().to_str(), Ok(connect_session_core::VERSION));
    }

    #[test]
    fn every_error_kind_has_a_status_named_after_it() {
        for kind in ErrorKind::ALL {
            let status = ConnectSessionStatus::from_kind(kind);
            assert_ne!(
                status,
                ConnectSessionStatus::CONNECT_SESSION_INTERNAL,
                "{kind}"
            );
            assert_eq!(status.as_str(), kind.as_str());
        }
    }

    #[test]
    fn statuses_have_distinct_numbers_and_names() {
        let all = ConnectSessionStatus::ALL;
        for (i, a) in all.iter().enumerate() {
            assert_eq!(ConnectSessionStatus::from_raw(*a as i64), Some(*a));
            for b in &all[i + 1..] {
                assert_ne!(*a as i64, *b as i64);
                assert_ne!(a.as_str(), b.as_str());
            }
        }
        assert_eq!(ConnectSessionStatus::CONNECT_SESSION_OK as i64, 0);
    }
}
