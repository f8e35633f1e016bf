//! The bodies of the fields' C accessors, one per kind and shape (getter,
//! setter, clear, and the kinds' own extras), each taking the field's
//! position in its model's table. The exported functions that call them are
//! generated per row (`generated.rs`, `make generate`), so a field added to
//! the table gets its C functions by regenerating, not by hand. Every rule is
//! the core's: a setter hands the core a [`Value`] and the field's rule
//! decides.
//!
//! Getters of text hand out views borrowed from the handle: pointer plus
//! length, NUL-terminated as well, valid until the handle is next changed or
//! freed. A getter of an optional field says whether it is set; when it is
//! not, a view is (NULL, 0) and a number 0.

use std::ffi::c_char;

use connect_session_core::binding::object_under;
use connect_session_core::time::{OffsetDateTime, UtcOffset};
use connect_session_core::{Field, FieldValue, Value};

use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::status;
use crate::handle::{get, get_mut, text_in, Handle, Opaque};
use crate::strings::{bytes_in, Out};

/// The field at `index` of the handle's model.
fn field<O: Opaque>(index: usize) -> Result<Field<O::Def>, Failure> {
    Field::at(index).ok_or_else(|| Failure::internal(format!("no field {index}")))
}

/// Where a getter says whether an optional field is set: `None` for a
/// required one, whose getter has no such parameter.
pub(crate) type IsSet = Option<*mut bool>;

/// The body of every getter: `read` gives the field's value in the form the
/// getter writes (`None` when unset), and `write` writes it (or the unset
/// form) to the caller's out-parameters. A required field unset is a bug.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `out_is_set` is `None` or NULL or valid
/// for writes.
unsafe fn getter<O: Opaque, T>(
    ptr: *const O,
    index: usize,
    out_is_set: IsSet,
    read: impl FnOnce(&Handle<O::Def>, FieldValue<'_>) -> Result<T, Failure>,
    write: impl FnOnce(&Handle<O::Def>, Option<T>) -> Result<(), Failure>,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let model = unsafe { get(ptr, O::name())? };
        let out_is_set = match out_is_set {
            // SAFETY: per the contract above.
            Some(out) => Some(unsafe { Out::new(out, "out_is_set")? }),
            None => None,
        };
        let field = field::<O>(index)?;
        let value = match model.get(field) {
            Some(value) => Some(read(model, value)?),
            None if out_is_set.is_none() => {
                return Err(Failure::internal(format!(
                    "the required field {} is unset",
                    field.name()
                )))
            }
            None => None,
        };
        let set = value.is_some();
        write(model, value)?;
        if let Some(out) = out_is_set {
            out.write(set);
        }
        Ok(())
    })
}

fn wrong_kind(value: FieldValue<'_>) -> Failure {
    Failure::internal(format!("a field holds {value:?}, not its kind"))
}

/// A text view of the field: the text of a text field, the canonical JSON of
/// an object, the text of a type or a date-time.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; the out-pointers are NULL (or `None`) or
/// valid for writes.
pub(crate) unsafe fn get_text<O: Opaque>(
    ptr: *const O,
    index: usize,
    out_is_set: IsSet,
    out_value: *mut *const c_char,
    out_value_len: *mut usize,
) -> ConnectSessionStatus {
    let read = |model: &Handle<O::Def>, value: FieldValue<'_>| {
        let text = match value {
            FieldValue::Text(text) => text,
            FieldValue::Object(metadata) => metadata.as_json(),
            FieldValue::Type(kind) => kind.as_str(),
            FieldValue::DateTime(when) => when.as_str(),
            other => return Err(wrong_kind(other)),
        };
        Ok(model.borrowed(text))
    };
    let write = |_: &Handle<O::Def>, view: Option<(*const c_char, usize)>| {
        // SAFETY: the caller passes NULL or pointers valid for writes.
        let (out_value, out_value_len) = unsafe {
            (
                Out::new(out_value, "out_value")?,
                Out::new(out_value_len, "out_value_len")?,
            )
        };
        let (ptr, len) = view.unwrap_or((std::ptr::null(), 0));
        out_value.write(ptr);
        out_value_len.write(len);
        Ok(())
    };
    // SAFETY: the same contract.
    unsafe { getter(ptr, index, out_is_set, read, write) }
}

/// A scalar of the field (a boolean, seconds, an integer, a type's
/// enumerator), as `scalar` makes it of the value, `T::default()` when unset.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; the out-pointers are NULL (or `None`) or
/// valid for writes.
pub(crate) unsafe fn get_scalar<O: Opaque, T: Default>(
    ptr: *const O,
    index: usize,
    out_is_set: IsSet,
    out_value: *mut T,
    out_name: &str,
    scalar: impl FnOnce(FieldValue<'_>) -> Option<T>,
) -> ConnectSessionStatus {
    let read = |_: &Handle<O::Def>, value: FieldValue<'_>| {
        let debug = format!("{value:?}");
        scalar(value).ok_or_else(|| Failure::internal(format!("a field holds {debug}")))
    };
    let write = |_: &Handle<O::Def>, value: Option<T>| {
        // SAFETY: the caller passes NULL or a pointer valid for writes.
        let out = unsafe { Out::new(out_value, out_name)? };
        out.write(value.unwrap_or_default());
        Ok(())
    };
    // SAFETY: the same contract.
    unsafe { getter(ptr, index, out_is_set, read, write) }
}

/// The field's value, or `default` (the server's, from the table) when unset.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `out_value` is NULL or valid for writes.
pub(crate) unsafe fn get_effective<O: Opaque, T>(
    ptr: *const O,
    index: usize,
    out_value: *mut T,
    out_name: &str,
    scalar: impl Fn(FieldValue<'_>) -> Option<T>,
    default: impl FnOnce() -> Option<T>,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, out) = unsafe { (get(ptr, O::name())?, Out::new(out_value, out_name)?) };
        let field = field::<O>(index)?;
        let value = match model.get(field) {
            Some(value) => scalar(value),
            None => default(),
        };
        out.write(
            value.ok_or_else(|| {
                Failure::internal(format!("no effective value of {}", field.name()))
            })?,
        );
        Ok(())
    })
}

/// Sets the field to `value` by its rule; a refused value changes nothing.
///
/// # Safety
///
/// `ptr` is NULL or a live handle.
pub(crate) unsafe fn set_value<O: Opaque>(
    ptr: *mut O,
    index: usize,
    value: impl FnOnce() -> Result<Value<'static>, Failure>,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let model = unsafe { get_mut(ptr, O::name())? };
        let field = field::<O>(index)?;
        let value = value()?;
        model.try_change(|model| model.set(field, value))?;
        Ok(())
    })
}

/// Sets a field that takes text (a text field, a type, a date-time):
/// UTF-8 checked here, every rule the core's.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `value` is NULL or points to `value_len`
/// readable bytes.
pub(crate) unsafe fn set_text<O: Opaque>(
    ptr: *mut O,
    index: usize,
    value: *const u8,
    value_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, text) = unsafe {
            (
                get_mut(ptr, O::name())?,
                text_in(value, value_len, "value")?,
            )
        };
        let field = field::<O>(index)?;
        model.try_change(|model| model.set(field, text))?;
        Ok(())
    })
}

/// Sets an object field from JSON text, which must be an object (`null`
/// does not unset it: that is the clear function's).
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `json` is NULL or points to `json_len`
/// readable bytes.
pub(crate) unsafe fn set_object<O: Opaque>(
    ptr: *mut O,
    index: usize,
    json: *const u8,
    json_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, json) =
            unsafe { (get_mut(ptr, O::name())?, bytes_in(json, json_len, "json")?) };
        let field = field::<O>(index)?;
        let metadata = object_under(json, field.name())?;
        model.try_change(|model| model.set(field, metadata))?;
        Ok(())
    })
}

/// Unsets an optional field (the core refuses a required one).
///
/// # Safety
///
/// `ptr` is NULL or a live handle.
pub(crate) unsafe fn clear<O: Opaque>(ptr: *mut O, index: usize) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { set_value(ptr, index, || Ok(Value::Null)) }
}

/// A date-time's instant: Unix seconds, nanoseconds and the offset in minutes.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; the out-pointers are NULL (or `None`) or
/// valid for writes.
pub(crate) unsafe fn get_time<O: Opaque>(
    ptr: *const O,
    index: usize,
    out_is_set: IsSet,
    out_unix_seconds: *mut i64,
    out_nanoseconds: *mut u32,
    out_offset_minutes: *mut i32,
) -> ConnectSessionStatus {
    let read = |_: &Handle<O::Def>, value: FieldValue<'_>| match value {
        FieldValue::DateTime(when) => Ok(when.value()),
        other => Err(wrong_kind(other)),
    };
    let write = |_: &Handle<O::Def>, when: Option<OffsetDateTime>| {
        // SAFETY: the caller passes NULL or pointers valid for writes.
        let (seconds, nanos, offset) = unsafe {
            (
                Out::new(out_unix_seconds, "out_unix_seconds")?,
                Out::new(out_nanoseconds, "out_nanoseconds")?,
                Out::new(out_offset_minutes, "out_offset_minutes")?,
            )
        };
        seconds.write(when.map_or(0, OffsetDateTime::unix_timestamp));
        nanos.write(when.map_or(0, OffsetDateTime::nanosecond));
        offset.write(when.map_or(0, |when| i32::from(when.offset().whole_minutes())));
        Ok(())
    };
    // SAFETY: the same contract.
    unsafe { getter(ptr, index, out_is_set, read, write) }
}

/// A date-time from its instant (Unix seconds and nanoseconds) and offset in
/// minutes, written in the one form of a typed value.
pub(crate) fn time_value(
    unix_seconds: i64,
    nanoseconds: u32,
    offset_minutes: i32,
) -> Result<Value<'static>, Failure> {
    let bad = |what: &str| Failure::invalid_argument(format!("{what} is out of range"));
    if nanoseconds >= 1_000_000_000 {
        return Err(bad("nanoseconds (0 to 999999999)"));
    }
    // RFC 3339 writes an offset as hh:mm with hh from 00 to 23.
    if offset_minutes.unsigned_abs() >= 24 * 60 {
        return Err(bad("offset_minutes (-1439 to 1439)"));
    }
    let offset = UtcOffset::from_whole_seconds(offset_minutes * 60)
        .map_err(|_| bad("offset_minutes (-1439 to 1439)"))?;
    // Beyond the time crate's years (±9999) the instant is no date-time the
    // contract can write, as a year outside 0000-9999 (refused by the core).
    let when = OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|utc| utc.replace_nanosecond(nanoseconds).ok())
        .and_then(|utc| utc.checked_to_offset(offset))
        .ok_or_else(|| {
            Failure::api(
                ConnectSessionStatus::CONNECT_SESSION_INVALID_VALUE,
                format!("unix_seconds {unix_seconds} is outside the years 0000-9999"),
            )
        })?;
    Ok(Value::DateTime(when))
}

/// The values a model's constructor gets from C: a text parameter named after its field.
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable bytes that outlive the call.
pub(crate) unsafe fn text_value(
    ptr: *const u8,
    len: usize,
    param: &'static str,
) -> Result<Value<'static>, Failure> {
    // SAFETY: per the contract above; the text is copied before the call returns.
    let text = unsafe { text_in(ptr, len, param)? };
    Ok(Value::from(text.to_owned()))
}

// The scalar of each kind a getter writes, for the generated accessors.

/// A boolean field's value.
pub(crate) fn boolean(value: FieldValue<'_>) -> Option<bool> {
    match value {
        FieldValue::Boolean(flag) => Some(flag),
        _ => None,
    }
}

/// A seconds field's value.
pub(crate) fn seconds(value: FieldValue<'_>) -> Option<f64> {
    match value {
        FieldValue::Seconds(seconds) => Some(seconds),
        _ => None,
    }
}

/// An integer field's value.
pub(crate) fn integer(value: FieldValue<'_>) -> Option<i64> {
    match value {
        FieldValue::Integer(int) => Some(int),
        _ => None,
    }
}
