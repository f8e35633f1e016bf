//! The opaque handle and its life: create, parse, write, copy, compare, free.

use std::collections::HashMap;
use std::ffi::c_char;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::ops::Deref;

use connect_session_core::{ConnectSessionCreate as Model, ParseMode};
use parking_lot::Mutex;

use crate::error::{ConnectSessionStatus, Failure};
use crate::guard::{guard, status, LastError};
use crate::strings::{bytes_in, owned_with, utf8, Out};

/// A Create Connect Session request: opaque, created by
/// `connect_session_create_new`, `_from_json`, `_from_json_strict` or
/// `_clone`, and released only by `connect_session_create_free`.
///
/// Every handle holds a valid request: setters validate before they change
/// anything, and a failed call leaves the handle as it was.
///
/// Threads (as the header's preamble says): a handle is not tied to a thread.
/// Calls that only read it (those taking a `const ConnectSessionCreate *`)
/// may run on several threads at once; a call that changes or frees it must
/// not overlap any other call on it.
#[derive(Debug)]
pub struct ConnectSessionCreate {
    inner: Model,
    /// NUL-terminated copies of the texts handed out as borrowed views, keyed
    /// by the address and length of the text in `inner`. The core keeps plain
    /// `String`s, with no NUL after them, and a view typed `const char *` is
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

impl Deref for ConnectSessionCreate {
    type Target = Model;

    fn deref(&self) -> &Model {
        &self.inner
    }
}

impl ConnectSessionCreate {
    /// A view of `text`, which lives in this handle's request (or is static):
    /// its bytes, NUL-terminated, valid until the handle is next changed or
    /// freed, and its length without the NUL.
    pub(crate) fn borrowed(&self, text: &str) -> (*const c_char, usize) {
        let mut views = self.views.lock();
        // Same address and length in an unchanged request: the same bytes.
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
}

impl ConnectSessionCreate {
    /// Changes the request; every view borrowed from the handle ends.
    pub(crate) fn change<T>(&mut self, change: impl FnOnce(&mut Model) -> T) -> T {
        self.views.get_mut().clear();
        change(&mut self.inner)
    }

    /// Changes the request if `change` succeeds, and only then ends the views
    /// borrowed from the handle: a change that fails leaves the request, and
    /// so the texts the views copy, as it was (the core checks before it
    /// changes anything).
    pub(crate) fn try_change<T, E>(
        &mut self,
        change: impl FnOnce(&mut Model) -> Result<T, E>,
    ) -> Result<T, E> {
        let done = change(&mut self.inner)?;
        self.views.get_mut().clear();
        Ok(done)
    }
}

/// Moves `model` to the heap for the caller.
fn into_handle(model: Model) -> *mut ConnectSessionCreate {
    Box::into_raw(Box::new(ConnectSessionCreate {
        inner: model,
        views: Mutex::default(),
    }))
}

/// Borrows a handle (which derefs to its request), naming `param` if it is NULL.
///
/// # Safety
///
/// `ptr` is NULL or a live handle not being changed elsewhere for `'a`.
#[inline]
pub(crate) unsafe fn handle<'a>(
    ptr: *const ConnectSessionCreate,
    param: &str,
) -> Result<&'a ConnectSessionCreate, Failure> {
    if !ptr.is_aligned() {
        return Err(Failure::misaligned(
            param,
            std::mem::align_of::<ConnectSessionCreate>(),
        ));
    }
    // SAFETY: a non-NULL `ptr` is a live handle made by `into_handle`.
    match unsafe { ptr.as_ref() } {
        Some(h) => Ok(h),
        None => Err(Failure::null(param)),
    }
}

/// Borrows a handle for changing its request, which takes
/// [`ConnectSessionCreate::change`] or [`ConnectSessionCreate::try_change`].
///
/// # Safety
///
/// `ptr` is NULL or a live handle not used elsewhere for `'a`.
#[inline]
pub(crate) unsafe fn handle_mut<'a>(
    ptr: *mut ConnectSessionCreate,
    param: &str,
) -> Result<&'a mut ConnectSessionCreate, Failure> {
    if !ptr.is_aligned() {
        return Err(Failure::misaligned(
            param,
            std::mem::align_of::<ConnectSessionCreate>(),
        ));
    }
    // SAFETY: a non-NULL `ptr` is a live handle made by `into_handle`, and
    // the caller does not use it elsewhere during the call.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(param))
}

/// A new request with the two required fields and nothing else.
///
/// - `origin_owner_id`, `origin_owner_id_len`: UTF-8 text, borrowed for the
///   call and copied; not NUL-terminated (interior NULs are kept). (NULL, 0)
///   is the empty string.
/// - `origin_owner_name`, `origin_owner_name_len`: the same.
/// - `out_request`: on success receives a new handle; the caller owns it and
///   frees it with `connect_session_create_free`.
///
/// # Safety
///
/// Each text pointer is NULL or points to its length in readable bytes;
/// `out_request` is NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_new(
    origin_owner_id: *const u8,
    origin_owner_id_len: usize,
    origin_owner_name: *const u8,
    origin_owner_name_len: usize,
    out_request: *mut *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (id, name, out_request) = unsafe {
            (
                bytes_in(origin_owner_id, origin_owner_id_len, "origin_owner_id")?,
                bytes_in(
                    origin_owner_name,
                    origin_owner_name_len,
                    "origin_owner_name",
                )?,
                Out::new(out_request, "out_request")?,
            )
        };
        let model = Model::new(
            utf8(id, "origin_owner_id")?,
            utf8(name, "origin_owner_name")?,
        );
        out_request.write(into_handle(model));
        Ok(())
    })
}

/// Parses a JSON document, keeping keys outside the model ("extra" keys).
///
/// - `json`, `json_len`: the document's bytes, borrowed for the call; any
///   bytes are accepted (invalid UTF-8 is a `CONNECT_SESSION_SYNTAX` error).
/// - `out_request`: on success receives a new handle; the caller owns it and
///   frees it with `connect_session_create_free`. On failure it is not
///   written.
///
/// A document with several problems returns the status of the first; the
/// last error lists them all (`connect_session_last_error_json`).
///
/// # Safety
///
/// `json` is NULL or points to `json_len` readable bytes; `out_request` is
/// NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_from_json(
    json: *const u8,
    json_len: usize,
    out_request: *mut *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { from_json(json, json_len, out_request, ParseMode::KeepExtra) }
}

/// Parses a JSON document in strict mode: a key outside the model is a
/// `CONNECT_SESSION_UNKNOWN_FIELD` error. Otherwise as
/// `connect_session_create_from_json`.
///
/// - `json`, `json_len`: the document's bytes, borrowed for the call.
/// - `out_request`: on success receives a new handle; the caller owns it and
///   frees it with `connect_session_create_free`.
///
/// # Safety
///
/// As for `connect_session_create_from_json`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_from_json_strict(
    json: *const u8,
    json_len: usize,
    out_request: *mut *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { from_json(json, json_len, out_request, ParseMode::Strict) }
}

/// # Safety
///
/// As for `connect_session_create_from_json`.
unsafe fn from_json(
    json: *const u8,
    json_len: usize,
    out_request: *mut *mut ConnectSessionCreate,
    mode: ParseMode,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: the caller passes NULL or `json_len` readable bytes, and
        // NULL or a pointer valid for writes.
        let (json, out_request) = unsafe {
            (
                bytes_in(json, json_len, "json")?,
                Out::new(out_request, "out_request")?,
            )
        };
        let model = Model::from_json_with(json, mode)?;
        out_request.write(into_handle(model));
        Ok(())
    })
}

/// Frees a handle. NULL does nothing. Freeing a handle twice, or using it
/// after, is undefined behaviour. Views borrowed from it end here.
/// The last error is left as it is.
///
/// - `request`: the handle; ownership passes back to the library.
///
/// # Safety
///
/// `request` is NULL or a live handle from this library, not used again.
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_free(request: *mut ConnectSessionCreate) {
    guard(LastError::Keep, || {
        if !request.is_null() {
            // SAFETY: a live handle made by `into_handle`, freed once.
            drop(unsafe { Box::from_raw(request) });
        }
        Ok(())
    });
}

/// The canonical compact JSON (docs/contract.md, section 3).
///
/// - `request`: borrowed for the call.
/// - `out_json`: on success receives new text, NUL-terminated; the caller
///   owns it and frees it with `connect_session_string_free`.
/// - `out_json_len`: on success receives its length in bytes, without the NUL.
///
/// # Safety
///
/// `request` is NULL or a live handle; the out-pointers are NULL or valid
/// for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_to_json(
    request: *const ConnectSessionCreate,
    out_json: *mut *mut c_char,
    out_json_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe { write_json(request, out_json, out_json_len, Model::write_json) }
}

/// The canonical JSON indented with two spaces; only white space differs
/// from `connect_session_create_to_json`.
///
/// - `request`: borrowed for the call.
/// - `out_json`: on success receives new text, NUL-terminated; the caller
///   owns it and frees it with `connect_session_string_free`.
/// - `out_json_len`: on success receives its length in bytes, without the NUL.
///
/// # Safety
///
/// As for `connect_session_create_to_json`.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_to_json_pretty(
    request: *const ConnectSessionCreate,
    out_json: *mut *mut c_char,
    out_json_len: *mut usize,
) -> ConnectSessionStatus {
    // SAFETY: the same contract.
    unsafe {
        write_json(request, out_json, out_json_len, |model, out| {
            out.push_str(&model.to_json_pretty());
        })
    }
}

/// # Safety
///
/// As for `connect_session_create_to_json`.
unsafe fn write_json(
    request: *const ConnectSessionCreate,
    out_json: *mut *mut c_char,
    out_json_len: *mut usize,
    write: fn(&Model, &mut String),
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: the caller passes NULL or a live handle, and NULL or
        // pointers valid for writes.
        let (request, out_json, out_json_len) = unsafe {
            (
                handle(request, "request")?,
                Out::new(out_json, "out_json")?,
                Out::new(out_json_len, "out_json_len")?,
            )
        };
        let (ptr, len) = owned_with(request.json_len_hint(), |out| write(request, out));
        out_json.write(ptr);
        out_json_len.write(len);
        Ok(())
    })
}

/// A deep copy of a request.
///
/// - `request`: borrowed for the call.
/// - `out_copy`: on success receives a new handle; the caller owns it and
///   frees it with `connect_session_create_free`.
///
/// # Safety
///
/// `request` is NULL or a live handle; `out_copy` is NULL or valid for writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_clone(
    request: *const ConnectSessionCreate,
    out_copy: *mut *mut ConnectSessionCreate,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above.
        let (request, out_copy) =
            unsafe { (handle(request, "request")?, Out::new(out_copy, "out_copy")?) };
        out_copy.write(into_handle(request.inner.clone()));
        Ok(())
    })
}

/// Whether two requests hold the same value (every field and every extra
/// key, in order). A handle equals itself.
///
/// - `a`, `b`: borrowed for the call; they may be the same handle.
/// - `out_equal`: on success receives the answer.
///
/// # Safety
///
/// `a` and `b` are NULL or live handles; `out_equal` is NULL or valid for
/// writes.
#[must_use]
#[no_mangle]
pub unsafe extern "C" fn connect_session_create_equals(
    a: *const ConnectSessionCreate,
    b: *const ConnectSessionCreate,
    out_equal: *mut bool,
) -> ConnectSessionStatus {
    status(|| {
        // SAFETY: per the contract above; both borrows are shared.
        let (a, b, out_equal) = unsafe {
            (
                handle(a, "a")?,
                handle(b, "b")?,
                Out::new(out_equal, "out_equal")?,
            )
        };
        out_equal.write(a.inner == b.inner);
        Ok(())
    })
}
