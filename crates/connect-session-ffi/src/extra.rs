//! Extra keys: keys outside the model, kept with their canonical JSON values
//! in input order and written after the known keys.

use std::ffi::c_char;

use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::status;
use crate::handle::{get, get_mut, Opaque};
use crate::strings::{bytes_in, utf8, Out};

/// How many extra keys the value holds.
///
/// - `request`: borrowed for the call.
/// - `out_count`: on success receives the count.
///
/// # Safety
///
/// `request` is NULL or a live handle; `out_count` is NULL or valid for
/// writes.
pub(crate) unsafe fn get_extra_count<O: Opaque>(
    request: *const O,
    out_count: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_count) =
            unsafe { (get(request, O::name())?, Out::new(out_count, "out_count")?) };
        out_count.write(request.extra().len());
        Ok(())
    })
}

/// The extra key at `index` (from 0, in input order) and its JSON value;
/// `CONNECT_SESSION_INDEX_OUT_OF_RANGE` at or past the count.
///
/// - `request`: borrowed for the call.
/// - `out_key`, `out_key_len`: on success receive a view of the key borrowed
///   from `request` (NUL-terminated too), valid until the handle is next
///   changed or freed.
/// - `out_json`, `out_json_len`: the same for the value's canonical JSON.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
pub(crate) unsafe fn get_extra_at<O: Opaque>(
    request: *const O,
    index: usize,
    out_key: *mut *const c_char,
    out_key_len: *mut usize,
    out_json: *mut *const c_char,
    out_json_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_key, out_key_len, out_json, out_json_len) = unsafe {
            (
                get(request, O::name())?,
                Out::new(out_key, "out_key")?,
                Out::new(out_key_len, "out_key_len")?,
                Out::new(out_json, "out_json")?,
                Out::new(out_json_len, "out_json_len")?,
            )
        };
        let mut extra = request.extra();
        let count = extra.len();
        let (key, json) = extra
            .nth(index)
            .ok_or_else(|| Failure::index("index", index, "the extra keys", count))?;
        let (key_ptr, key_len) = request.borrowed(key);
        let (json_ptr, json_len) = request.borrowed(json);
        out_key.write(key_ptr);
        out_key_len.write(key_len);
        out_json.write(json_ptr);
        out_json_len.write(json_len);
        Ok(())
    })
}

/// The JSON value of the extra key `key`, if the request holds it.
///
/// - `request`: borrowed for the call.
/// - `key`, `key_len`: UTF-8 text, borrowed for the call.
/// - `out_found`: on success receives whether the key is held.
/// - `out_json`, `out_json_len`: on success receive a view of the value's
///   canonical JSON borrowed from `request` (NUL-terminated too), valid until
///   the handle is next changed or freed; (NULL, 0) when not found.
///
/// # Safety
///
/// `request` is NULL or a live handle; `key` is NULL or points to `key_len`
/// readable bytes; the out-pointers are NULL or valid for writes.
pub(crate) unsafe fn get_extra<O: Opaque>(
    request: *const O,
    key: *const u8,
    key_len: usize,
    out_found: *mut bool,
    out_json: *mut *const c_char,
    out_json_len: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, key, out_found, out_json, out_json_len) = unsafe {
            (
                get(request, O::name())?,
                bytes_in(key, key_len, "key")?,
                Out::new(out_found, "out_found")?,
                Out::new(out_json, "out_json")?,
                Out::new(out_json_len, "out_json_len")?,
            )
        };
        let value = request.extra_value(utf8(key, "key")?);
        let (ptr, len) = value.map_or((std::ptr::null(), 0), |text| request.borrowed(text));
        out_found.write(value.is_some());
        out_json.write(ptr);
        out_json_len.write(len);
        Ok(())
    })
}

/// Sets the extra key `key` to a JSON value: replaced in place if held,
/// appended otherwise. A key of the model is refused (set the field instead),
/// as is JSON the core refuses; on failure nothing changes.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `key`, `key_len`: UTF-8 text, borrowed for the call and copied.
/// - `json`, `json_len`: the value's JSON bytes, borrowed for the call.
///
/// # Safety
///
/// `request` is NULL or a live handle; `key` and `json` are NULL or point to
/// their lengths in readable bytes.
pub(crate) unsafe fn set_extra<O: Opaque>(
    request: *mut O,
    key: *const u8,
    key_len: usize,
    json: *const u8,
    json_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, key, json) = unsafe {
            (
                get_mut(request, O::name())?,
                bytes_in(key, key_len, "key")?,
                bytes_in(json, json_len, "json")?,
            )
        };
        let key = utf8(key, "key")?;
        request.try_change(|model| model.insert_extra(key, json))?;
        Ok(())
    })
}

/// Removes the extra key `key`, if held.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `key`, `key_len`: UTF-8 text, borrowed for the call.
/// - `out_removed`: on success receives whether the key was held.
///
/// # Safety
///
/// `request` is NULL or a live handle; `key` is NULL or points to `key_len`
/// readable bytes; `out_removed` is NULL or valid for writes.
pub(crate) unsafe fn remove_extra<O: Opaque>(
    request: *mut O,
    key: *const u8,
    key_len: usize,
    out_removed: *mut bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, key, out_removed) = unsafe {
            (
                get_mut(request, O::name())?,
                bytes_in(key, key_len, "key")?,
                Out::new(out_removed, "out_removed")?,
            )
        };
        let key = utf8(key, "key")?;
        let removed = request.change(|model| model.remove_extra(key));
        out_removed.write(removed.is_some());
        Ok(())
    })
}

/// Removes every extra key.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
pub(crate) unsafe fn clear_extra<O: Opaque>(request: *mut O) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        unsafe { get_mut(request, O::name())? }.change(|model| model.clear_extra());
        Ok(())
    })
}
