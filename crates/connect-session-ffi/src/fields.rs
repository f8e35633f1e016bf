//! A getter and a setter (and a clear for each optional one) for the fields
//! that are not plain text: categories, expires_in, metadata, multiple; and
//! one setter for any field from JSON. The text fields' accessors are
//! generated (`text_fields.rs`), the type's are in `session_type.rs`.
//!
//! Getters of text hand out views borrowed from the handle: pointer plus
//! length, NUL-terminated as well, valid until the handle is next changed or
//! freed. A getter of an optional field says whether it is set; when it is
//! not, the view is (NULL, 0).

use std::ffi::c_char;

use connect_session_core::{Field, Metadata};

use crate::category::{category_from_raw, ConnectSessionCategory};
use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::status;
use crate::model::{handle, handle_mut, ConnectSessionCreate};
use crate::strings::{bytes_in, u32s_in, utf8, Out};
use crate::text;

// ---------------------------------------------------------------- categories

/// How many categories the request has, and whether the list is set at all
/// (an empty list `[]` is set; an unset one is absent from the JSON).
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether `categories` is set.
/// - `out_count`: on success receives the number of categories (0 when unset).
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_categories_count(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_count: *mut usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_is_set, out_count) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_count, "out_count")?,
            )
        };
        let categories = request.categories();
        out_is_set.write(categories.is_some());
        out_count.write(categories.map_or(0, <[_]>::len));
        Ok(())
    })
}

/// The category at `index` (from 0); `CONNECT_SESSION_INDEX_OUT_OF_RANGE`
/// at or past the count.
///
/// - `request`: borrowed for the call.
/// - `out_category`: on success receives the category.
///
/// # Safety
///
/// `request` is NULL or a live handle; `out_category` is NULL or valid for
/// writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_category(
    request: *const ConnectSessionCreate,
    index: usize,
    out_category: *mut ConnectSessionCategory,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_category) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_category, "out_category")?,
            )
        };
        let categories = request.categories().unwrap_or_default();
        let category = categories
            .get(index)
            .ok_or_else(|| Failure::index("index", index, "categories", categories.len()))?;
        out_category.write(ConnectSessionCategory::of(*category)?);
        Ok(())
    })
}

/// Sets the whole list of categories, in order, repeats kept. A count of 0
/// sets the empty list `[]` (use `connect_session_create_clear_categories` to
/// unset it). If any number names no category the call fails with
/// `CONNECT_SESSION_INVALID_ARGUMENT` and the request is unchanged.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `categories`, `categories_len`: `ConnectSessionCategory` values, borrowed
///   for the call and copied. (NULL, 0) is the empty list.
///
/// # Safety
///
/// `request` is NULL or a live handle; `categories` is NULL or points to
/// `categories_len` readable `uint32_t`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_categories(
    request: *mut ConnectSessionCreate,
    categories: *const u32,
    categories_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, raw) = unsafe {
            (
                handle_mut(request, "request")?,
                u32s_in(categories, categories_len, "categories")?,
            )
        };
        let list = raw
            .iter()
            .enumerate()
            .map(|(i, c)| category_from_raw(*c, &format!("categories[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        request.change(|model| model.set_categories(Some(list)));
        Ok(())
    })
}

/// Appends one category, setting the list if it was unset.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `category`: a `ConnectSessionCategory` value; any other number is
///   `CONNECT_SESSION_INVALID_ARGUMENT`.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_add_category(
    request: *mut ConnectSessionCreate,
    category: u32,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let request = unsafe { handle_mut(request, "request")? };
        let category = category_from_raw(category, "category")?;
        request.change(|model| model.push_category(category));
        Ok(())
    })
}

/// Unsets the categories.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clear_categories(
    request: *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { text::clear(request, Field::Categories) }
}

// ---------------------------------------------------------------- expires_in

/// `expires_in` in seconds, if set.
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether it is set.
/// - `out_seconds`: on success receives the value (0 when unset; see
///   `connect_session_create_get_effective_expires_in` for the server's
///   default).
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_expires_in(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_seconds: *mut f64,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_is_set, out_seconds) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_seconds, "out_seconds")?,
            )
        };
        out_is_set.write(request.expires_in().is_some());
        out_seconds.write(request.expires_in().unwrap_or_default());
        Ok(())
    })
}

/// The expiry the server will apply: `expires_in`, or its default (1800
/// seconds) when unset. Serialization never writes the default.
///
/// - `request`: borrowed for the call.
/// - `out_seconds`: on success receives the value.
///
/// # Safety
///
/// `request` is NULL or a live handle; `out_seconds` is NULL or valid for
/// writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_effective_expires_in(
    request: *const ConnectSessionCreate,
    out_seconds: *mut f64,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_seconds) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_seconds, "out_seconds")?,
            )
        };
        out_seconds.write(request.effective_expires_in());
        Ok(())
    })
}

/// Sets `expires_in`. The core's rules apply (finite, greater than 0):
/// a refused value is `CONNECT_SESSION_INVALID_VALUE` and changes nothing.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_expires_in(
    request: *mut ConnectSessionCreate,
    seconds: f64,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let request = unsafe { handle_mut(request, "request")? };
        request.try_change(|model| model.set_expires_in(Some(seconds)))?;
        Ok(())
    })
}

/// Unsets `expires_in`.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clear_expires_in(
    request: *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { text::clear(request, Field::ExpiresIn) }
}

// ------------------------------------------------------------------ metadata

/// The metadata as its canonical compact JSON text (an object), if set.
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether it is set.
/// - `out_value`, `out_value_len`: on success receive a view of the JSON
///   borrowed from `request` (NUL-terminated too), valid until the handle is
///   next changed or freed; (NULL, 0) when unset.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_metadata(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe {
        text::get_optional_with(request, out_is_set, out_value, out_value_len, |m| {
            m.metadata().map(Metadata::as_json)
        })
    }
}

/// Sets the metadata from JSON text, which must be an object; it is kept
/// exactly (key order, number text). Errors are located under `metadata`, as
/// in a whole document, and change nothing.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `json`, `json_len`: the JSON bytes, borrowed for the call.
///
/// # Safety
///
/// `request` is NULL or a live handle; `json` is NULL or points to
/// `json_len` readable bytes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_metadata(
    request: *mut ConnectSessionCreate,
    json: *const u8,
    json_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, json) = unsafe {
            (
                handle_mut(request, "request")?,
                bytes_in(json, json_len, "json")?,
            )
        };
        let metadata = Metadata::from_json(json)?;
        request.change(|model| model.set_metadata(Some(metadata)));
        Ok(())
    })
}

/// Unsets the metadata.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clear_metadata(
    request: *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { text::clear(request, Field::Metadata) }
}

// ------------------------------------------------------------------ multiple

/// `multiple`, if set: whether the session may connect more than one account
/// (the server's default, when unset, is false).
///
/// - `request`: borrowed for the call.
/// - `out_is_set`: on success receives whether it is set.
/// - `out_value`: on success receives the value (false when unset).
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_get_multiple(
    request: *const ConnectSessionCreate,
    out_is_set: *mut bool,
    out_value: *mut bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_is_set, out_value) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_is_set, "out_is_set")?,
                Out::new(out_value, "out_value")?,
            )
        };
        out_is_set.write(request.multiple().is_some());
        out_value.write(request.multiple().unwrap_or_default());
        Ok(())
    })
}

/// Sets `multiple`.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `value`: the value (C's `bool`, so only true or false can arrive).
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_multiple(
    request: *mut ConnectSessionCreate,
    value: bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        unsafe { handle_mut(request, "request")? }
            .try_change(|model| model.set(Field::Multiple, value))?;
        Ok(())
    })
}

/// Unsets `multiple`.
///
/// - `request`: changed in place; views borrowed from it end.
///
/// # Safety
///
/// `request` is NULL or a live handle.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clear_multiple(
    request: *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { text::clear(request, Field::Multiple) }
}

// ------------------------------------------------------------ any field

/// Sets one field from JSON text by the rules of a whole document: `null`
/// unsets an optional field (and is `CONNECT_SESSION_MISSING_FIELD` for a
/// required one), category aliases are accepted, and errors are located
/// under the field. On failure nothing changes.
///
/// - `request`: changed in place; views borrowed from it end.
/// - `field`, `field_len`: the wire key (`"categories"`, `"expires_in"`, ...),
///   borrowed for the call; any other name is
///   `CONNECT_SESSION_INVALID_ARGUMENT` (extra keys have
///   `connect_session_create_set_extra`).
/// - `json`, `json_len`: the value's JSON bytes, borrowed for the call.
///
/// # Safety
///
/// `request` is NULL or a live handle; `field` and `json` are NULL or point
/// to their lengths in readable bytes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_set_field_json(
    request: *mut ConnectSessionCreate,
    field: *const u8,
    field_len: usize,
    json: *const u8,
    json_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, field, json) = unsafe {
            (
                handle_mut(request, "request")?,
                bytes_in(field, field_len, "field")?,
                bytes_in(json, json_len, "json")?,
            )
        };
        let name = utf8(field, "field")?;
        let field = Field::from_name(name).ok_or_else(|| {
            Failure::invalid_argument(format!("field {name:?} is not a field of the model"))
        })?;
        request.try_change(|model| model.set_json(field, json))?;
        Ok(())
    })
}
