//! The opaque handles and their life, for every model at once: create,
//! parse, write, copy, compare, free. The exported functions that call these
//! are generated per model (`generated.rs`); each C handle type is an
//! [`Opaque`] over a [`Handle`] of its model.

use std::collections::HashMap;
use std::ffi::c_char;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::ops::Deref;

use connect_session_core::{Def, Model, ParseMode, Value};
use parking_lot::Mutex;

use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::{guard, status, LastError};
use crate::strings::{bytes_in, owned_with, utf8, Out};

/// A value of the model `D` as a C handle holds it.
///
/// Every handle holds a valid value: setters validate before they change
/// anything, and a failed call leaves the handle as it was.
///
/// Threads (as the header's preamble says): a handle is not tied to a thread.
/// Calls that only read it (those taking a `const` pointer) may run on
/// several threads at once; a call that changes or frees it must not overlap
/// any other call on it.
#[derive(Debug)]
pub struct Handle<D: Def> {
    inner: Model<D>,
    /// NUL-terminated copies of the texts handed out as borrowed views, keyed
    /// by the address and length of the text in `inner`. The core keeps plain
    /// strings, with no NUL after them, and a view typed `const char *` is
    /// read as a C string (`printf("%s")`) whatever its docs say; the copies
    /// make that safe. Made on first read (hence the lock: readers may share
    /// a handle across threads), dropped on any change, so they live exactly
    /// as long as the views the header promises.
    views: Mutex<Views>,
}

/// NUL-terminated copies by (address, length) of the text they copy.
/// Keyed by addresses, which no caller chooses: a fixed hasher (making a
/// handle reads no per-thread random keys).
type Views = HashMap<(usize, usize), Box<[u8]>, BuildHasherDefault<DefaultHasher>>;

/// A C handle type: an opaque struct over the [`Handle`] of one model.
pub trait Opaque: Sized + 'static {
    /// The model.
    type Def: Def;
    /// Wraps a value for the caller.
    fn wrap(handle: Handle<Self::Def>) -> Self;
    /// The value.
    fn handle(&self) -> &Handle<Self::Def>;
    /// The value, to change it.
    fn handle_mut(&mut self) -> &mut Handle<Self::Def>;
    /// The name of a handle in parameters and messages (`request`).
    fn name() -> &'static str {
        Self::Def::MODEL.value_name
    }
}

impl<D: Def> Deref for Handle<D> {
    type Target = Model<D>;

    fn deref(&self) -> &Model<D> {
        &self.inner
    }
}

impl<D: Def> Handle<D> {
    pub(crate) fn new(inner: Model<D>) -> Self {
        Handle {
            inner,
            views: Mutex::default(),
        }
    }

    /// A view of `text`, which lives in this handle's value (or is static):
    /// its bytes, NUL-terminated, valid until the handle is next changed or
    /// freed, and its length without the NUL.
    pub(crate) fn borrowed(&self, text: &str) -> (*const c_char, usize) {
        let mut views = self.views.lock();
        // Same address and length in an unchanged value: the same bytes.
        let copy = views
            .entry((text.as_ptr() as usize, text.len()))
            .or_insert_with(|| {
                let mut bytes = Vec::with_capacity(text.len() + 1);
                bytes.extend_from_slice(text.as_bytes());
                bytes.push(0);
                bytes.into_boxed_slice()
            });
        // The box's heap block does not move when the map grows, nor until
        // the map is cleared by a change to the handle.
        (copy.as_ptr().cast::<c_char>(), text.len())
    }

    /// Changes the value; every view borrowed from the handle ends.
    pub(crate) fn change<T>(&mut self, change: impl FnOnce(&mut Model<D>) -> T) -> T {
        self.views.get_mut().clear();
        change(&mut self.inner)
    }

    /// Changes the value if `change` succeeds, and only then ends the views
    /// borrowed from the handle: a change that fails leaves the value, and so
    /// the texts the views copy, as it was (the core checks before it
    /// changes anything).
    pub(crate) fn try_change<T, E>(
        &mut self,
        change: impl FnOnce(&mut Model<D>) -> Result<T, E>,
    ) -> Result<T, E> {
        let done = change(&mut self.inner)?;
        self.views.get_mut().clear();
        Ok(done)
    }
}

/// Moves `model` to the heap for the caller.
fn into_raw<O: Opaque>(model: Model<O::Def>) -> *mut O {
    Box::into_raw(Box::new(O::wrap(Handle::new(model))))
}

/// Borrows a handle (which derefs to its value), naming `param` if it is NULL.
///
/// # Safety
///
/// `ptr` is NULL or a live handle not being changed elsewhere for `'a`.
#[inline]
pub(crate) unsafe fn get<'a, O: Opaque>(
    ptr: *const O,
    param: &str,
) -> Result<&'a Handle<O::Def>, Failure> {
    if !ptr.is_aligned() {
        return Err(Failure::misaligned(param, std::mem::align_of::<O>()));
    }
    // SAFETY: a non-NULL `ptr` is a live handle made by `into_raw`.
    match unsafe { ptr.as_ref() } {
        Some(h) => Ok(h.handle()),
        None => Err(Failure::null(param)),
    }
}

/// Borrows a handle for changing its value, which takes
/// [`Handle::change`] or [`Handle::try_change`].
///
/// # Safety
///
/// `ptr` is NULL or a live handle not used elsewhere for `'a`.
#[inline]
pub(crate) unsafe fn get_mut<'a, O: Opaque>(
    ptr: *mut O,
    param: &str,
) -> Result<&'a mut Handle<O::Def>, Failure> {
    if !ptr.is_aligned() {
        return Err(Failure::misaligned(param, std::mem::align_of::<O>()));
    }
    // SAFETY: a non-NULL `ptr` is a live handle made by `into_raw`, and
    // the caller does not use it elsewhere during the call.
    unsafe { ptr.as_mut() }
        .map(O::handle_mut)
        .ok_or_else(|| Failure::null(param))
}

/// A text parameter: UTF-8, (NULL, 0) the empty string.
///
/// # Safety
///
/// `ptr` is NULL or points to `len` readable bytes that outlive `'a`.
pub(crate) unsafe fn text_in<'a>(
    ptr: *const u8,
    len: usize,
    param: &str,
) -> Result<&'a str, Failure> {
    // SAFETY: per the contract above.
    let bytes = unsafe { bytes_in(ptr, len, param)? };
    utf8(bytes, param)
}

/// A new value from the required fields, checked by the core as a document's
/// members would be (every problem reported together).
///
/// # Safety
///
/// `out` is NULL or valid for writes.
pub(crate) unsafe fn new<O: Opaque>(
    values: impl FnOnce() -> Result<Vec<(&'static str, Value<'static>)>, Failure>,
    out: *mut *mut O,
) -> ConnectSessionStatus {
    status(|| {
        let out_name = format!("out_{}", O::name());
        // SAFETY: per the contract above.
        let out = unsafe { Out::new(out, &out_name)? };
        let model = Model::<O::Def>::from_values(values()?, ParseMode::KeepExtra)?;
        out.write(into_raw(model));
        Ok(())
    })
}

/// Parses a JSON document.
///
/// # Safety
///
/// `json` is NULL or points to `json_len` readable bytes; `out` is NULL or
/// valid for writes.
pub(crate) unsafe fn from_json<O: Opaque>(
    json: *const u8,
    json_len: usize,
    out: *mut *mut O,
    mode: ParseMode,
) -> ConnectSessionStatus {
    status(|| {
        let out_name = format!("out_{}", O::name());
        // SAFETY: the caller passes NULL or `json_len` readable bytes, and
        // NULL or a pointer valid for writes.
        let (json, out) = unsafe { (bytes_in(json, json_len, "json")?, Out::new(out, &out_name)?) };
        let model = Model::<O::Def>::from_json_with(json, mode)?;
        out.write(into_raw(model));
        Ok(())
    })
}

/// Frees a handle; NULL does nothing.
///
/// # Safety
///
/// `ptr` is NULL or a live handle from this library, not used again.
pub(crate) unsafe fn free<O: Opaque>(ptr: *mut O) {
    guard(LastError::Keep, || {
        if !ptr.is_null() {
            // SAFETY: a live handle made by `into_raw`, freed once.
            drop(unsafe { Box::from_raw(ptr) });
        }
        Ok(())
    });
}

/// Writes the value's JSON with `write`, as new text for the caller.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; the out-pointers are NULL or valid for writes.
pub(crate) unsafe fn to_json<O: Opaque>(
    ptr: *const O,
    out_json: *mut *mut c_char,
    out_json_len: *mut usize,
    pretty: bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: the caller passes NULL or a live handle, and NULL or
        // pointers valid for writes.
        let (model, out_json, out_json_len) = unsafe {
            (
                get(ptr, O::name())?,
                Out::new(out_json, "out_json")?,
                Out::new(out_json_len, "out_json_len")?,
            )
        };
        let (ptr, len) = owned_with(model.json_len_hint(), |out| {
            if pretty {
                out.push_str(&model.to_json_pretty());
            } else {
                model.write_json(out);
            }
        });
        out_json.write(ptr);
        out_json_len.write(len);
        Ok(())
    })
}

/// A deep copy.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `out_copy` is NULL or valid for writes.
pub(crate) unsafe fn clone<O: Opaque>(
    ptr: *const O,
    out_copy: *mut *mut O,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, out_copy) = unsafe { (get(ptr, O::name())?, Out::new(out_copy, "out_copy")?) };
        out_copy.write(into_raw(Model::clone(model)));
        Ok(())
    })
}

/// Whether two handles hold the same value.
///
/// # Safety
///
/// `a` and `b` are NULL or live handles; `out_equal` is NULL or valid for writes.
pub(crate) unsafe fn equals<O: Opaque>(
    a: *const O,
    b: *const O,
    out_equal: *mut bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above; both borrows are shared.
        let (a, b, out_equal) = unsafe {
            (
                get(a, "a")?,
                get(b, "b")?,
                Out::new(out_equal, "out_equal")?,
            )
        };
        out_equal.write(**a == **b);
        Ok(())
    })
}

/// The model's JSON Schema, as new text for the caller.
///
/// # Safety
///
/// The out-pointers are NULL or valid for writes.
pub(crate) unsafe fn json_schema<O: Opaque>(
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
        let schema = Model::<O::Def>::json_schema();
        let (ptr, len) = owned_with(schema.len(), |out| out.push_str(&schema));
        out_json.write(ptr);
        out_json_len.write(len);
        Ok(())
    })
}

/// Sets the field named `field` from JSON text, by a document's rules.
///
/// # Safety
///
/// `ptr` is NULL or a live handle; `field` and `json` are NULL or point to
/// their lengths in readable bytes.
pub(crate) unsafe fn set_field_json<O: Opaque>(
    ptr: *mut O,
    field: *const u8,
    field_len: usize,
    json: *const u8,
    json_len: usize,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (model, name, json) = unsafe {
            (
                get_mut(ptr, O::name())?,
                text_in(field, field_len, "field")?,
                bytes_in(json, json_len, "json")?,
            )
        };
        let field = Model::<O::Def>::field(name).ok_or_else(|| {
            Failure::invalid_argument(format!("field {name:?} is not a field of the model"))
        })?;
        model.try_change(|model| model.set_json(field, json))?;
        Ok(())
    })
}
