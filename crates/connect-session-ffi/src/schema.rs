//! The model's JSON Schema, for C.

use std::ffi::c_char;

use connect_session_core::ConnectSessionCreate as Model;

use crate::error::ConnectSessionStatus;
use crate::guard::status;
use crate::strings::{owned_with, Out};

/// The JSON Schema (draft 2020-12) of the request's JSON, as compact JSON:
/// the same document as the Rust crate's `json_schema()` and Python's
/// `ConnectSessionCreate.json_schema()` (docs/contract.md, section 7).
///
/// - `out_json`: on success receives new text, NUL-terminated; the caller
///   owns it and frees it with `connect_session_string_free`.
/// - `out_json_len`: on success receives its length in bytes, without the NUL.
///
/// # Safety
///
/// The out-pointers are NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_json_schema(
    out_json: *mut *mut c_char,
    out_json_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (out_json, out_json_len) = unsafe {
            (
                Out::new(out_json, "out_json")?,
                Out::new(out_json_len, "out_json_len")?,
            )
        };
        let schema = Model::json_schema();
        let (ptr, len) = owned_with(schema.len(), |out| out.push_str(&schema));
        out_json.write(ptr);
        out_json_len.write(len);
        Ok(())
    })
}
