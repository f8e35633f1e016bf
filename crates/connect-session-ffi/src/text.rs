//! The bodies of the text fields' accessors, one per shape (required getter,
//! optional getter, setter, clear), each taking the core's [`Field`]. The
//! exported functions that call them are generated from the core's table of
//! fields into `text_fields.rs` (see tests/generated.rs), so a text field
//! added to the core gets its C functions by regenerating, not by hand. The
//! `type` field's text accessors (`session_type.rs`) use them too: the core
//! reads and sets the type as text, with its own rule.

use std::ffi::c_char;

use connect_session_core::{ConnectSessionCreate as Model, Field, Value};

use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::status;
use crate::model::{handle, handle_mut, ConnectSessionCreate};
use crate::strings::{bytes_in, utf8, Out};

/// The getter of a required text field: the value is always set.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
pub(crate) unsafe fn get_required(
    request: *const ConnectSessionCreate,
    field: Field,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_value, out_value_len) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_value, "out_value")?,
                Out::new(out_value_len, "out_value_len")?,
            )
        };
        let text = request.text(field).ok_or_else(|| {
            Failure::internal(format!("the required field {} is unset", field.name()))
        })?;
        let (ptr, len) = request.borrowed(text);
        out_value.write(ptr);
        out_value_len.write(len);
        Ok(())
    })
}

/// The getter of an optional text field: whether it is set, and its view
/// ((NULL, 0) when unset).
///
/// # Safety
///
/// As for [`get_required`].
pub(crate) unsafe fn get_optional(
    request: *const ConnectSessionCreate,
    field: Field,
    out_is_set: *mut bool,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe {
        get_optional_with(request, out_is_set, out_value, out_value_len, |model| {
            model.text(field)
        })
    }
}

/// The body of every getter of optional text (a text field's value,
/// metadata's JSON): whether `get` finds text in the request, and its view
/// ((NULL, 0) when it does not).
///
/// # Safety
///
/// As for [`get_required`].
pub(crate) unsafe fn get_optional_with(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
    get: impl FnOnce(&Model) -> Option<&str>,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_is_set, out_value, out_value_len) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_value, "out_value")?,
                Out::new(out_value_len, "out_value_len")?,
            )
        };
        let value = get(request);
        let (ptr, len) = value.map_or((std::ptr::null(), 0), |text| request.borrowed(text));
        out_is_set.write(value.is_some());
        out_value.write(ptr);
        out_value_len.write(len);
        Ok(())
    })
}

/// The setter of a text field: UTF-8 checked here, every rule the core's.
///
/// # Safety
///
/// `request` is NULL or a live handle; `value` is NULL or points to
/// `value_len` readable bytes.
pub(crate) unsafe fn set(
    request: *mut ConnectSessionCreate,
    field: Field,
    value: *const u8,
    value_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, value) = unsafe {
            (
                handle_mut(request, "request")?,
                bytes_in(value, value_len, "value")?,
            )
        };
        let value = Value::from(utf8(value, "value")?);
        request.try_change(|model| model.set(field, value))?;
        Ok(())
    })
}

/// Unsets an optional field (of any kind: the core's `clear` is the same for
/// every field, and refuses a required one).
///
/// # Safety
///
/// `request` is NULL or a live handle.
pub(crate) unsafe fn clear(
    request: *mut ConnectSessionCreate,
    field: Field,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        unsafe { handle_mut(request, "request")? }.try_change(|model| model.clear(field))?;
        Ok(())
    })
}
