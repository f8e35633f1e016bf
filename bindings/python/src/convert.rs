//! Translating values, in both directions, without judging them.
//!
//! Python to JSON: a walk over `None`, `bool`, `int`, `float`, `str`, `dict`,
//! `list` and `tuple` (and their subclasses) feeding the core's
//! [`NativeWriter`], which refuses what JSON cannot hold and nesting beyond
//! the limit. The resulting text is then read by the core like any document.
//!
//! JSON to Python: the core's canonical text is read with the core's own
//! reader ([`visit_json`]) into `dict`, `list`, `str`, `int` (of any size),
//! `float`, `bool` and `None`, as `json.loads` would read it.
//!
//! Copies: [`copy_containers`] gives a value whose dicts and lists are all
//! new, sharing only the immutable leaves; that is how a cached value is
//! handed out as "a new object on every access".

use std::borrow::Cow;
use std::ffi::{c_char, c_int, CString};
use std::sync::atomic::{AtomicBool, Ordering};

use connect_session::binding::{visit_json, JsonVisitor, NativeWriter};
use connect_session::{PathItem, ValidationError};
use pyo3::exceptions::{PyRuntimeError, PyUnicodeEncodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{ffi, intern};

use crate::errors;

/// Why a Python value could not be turned into JSON text.
pub(crate) enum Failure {
    /// The core refused the value (JSON cannot hold it, or it nests too deep).
    Invalid(ValidationError),
    /// Python itself failed while the value was read (out of memory, say).
    Python(PyErr),
}

impl From<ValidationError> for Failure {
    fn from(err: ValidationError) -> Self {
        Failure::Invalid(err)
    }
}

impl From<PyErr> for Failure {
    fn from(err: PyErr) -> Self {
        Failure::Python(err)
    }
}

impl Failure {
    /// The exception to raise: `ValidationError` for a refused value.
    pub(crate) fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Invalid(err) => errors::to_py_err(py, err.errors()),
            Failure::Python(err) => err,
        }
    }
}

// ---------------------------------------------------------------------------
// The UTF-8 text of a `str`
// ---------------------------------------------------------------------------

extern "C" {
    /// Exported by every CPython 3, part of the stable ABI from 3.10 on; only
    /// called when the running interpreter is 3.10 or later (see [`init`]).
    #[link_name = "PyUnicode_AsUTF8AndSize"]
    fn unicode_as_utf8_and_size(
        unicode: *mut ffi::PyObject,
        size: *mut ffi::Py_ssize_t,
    ) -> *const c_char;
}

/// Whether `PyUnicode_AsUTF8AndSize` may be called: the running Python is 3.10+.
static BORROW_UTF8: AtomicBool = AtomicBool::new(false);

/// Chooses how `str` text is read, from the version of the running interpreter.
pub(crate) fn init(py: Python<'_>) {
    BORROW_UTF8.store(py.version_info() >= (3, 10), Ordering::Relaxed);
}

/// The text of a `str` (or subclass) as UTF-8: borrowed from the object where
/// the running Python allows it (3.10+; no copy at all for ASCII text), copied
/// on 3.9. A `str` holding a lone surrogate is a `UnicodeEncodeError`.
pub(crate) fn str_text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if !BORROW_UTF8.load(Ordering::Relaxed) {
        return s.to_cow();
    }
    let mut size: ffi::Py_ssize_t = 0;
    // SAFETY: `s` is a live `str` (or subclass) and we are attached to the
    // interpreter; on success the result points at `size` bytes of UTF-8 owned
    // by `s` (its cached UTF-8 form), which live as long as `s` does, i.e. at
    // least for `'a`. On failure it is NULL with an exception set.
    unsafe {
        let data = unicode_as_utf8_and_size(s.as_ptr(), &mut size);
        if data.is_null() {
            return Err(PyErr::fetch(s.py()));
        }
        let len = usize::try_from(size).unwrap_or(0);
        let bytes = std::slice::from_raw_parts(data.cast::<u8>(), len);
        Ok(Cow::Borrowed(std::str::from_utf8_unchecked(bytes)))
    }
}

// ---------------------------------------------------------------------------
// Python to JSON text
// ---------------------------------------------------------------------------

/// The JSON text of `value`, which sits at `root` in a document (`["metadata"]`
/// for the metadata field); errors are located from there.
pub(crate) fn to_json_text(value: &Bound<'_, PyAny>, root: &[PathItem]) -> Result<String, Failure> {
    let mut writer = NativeWriter::new(root);
    write(&mut writer, value)?;
    Ok(writer.finish())
}

/// Room for the text of a typical document, so that writing one allocates once.
pub(crate) const DOCUMENT_CAPACITY: usize = 512;

/// The JSON text of a whole document given as a dict.
pub(crate) fn document_text(dict: &Bound<'_, PyDict>) -> Result<String, Failure> {
    let mut writer = NativeWriter::with_capacity(&[], DOCUMENT_CAPACITY);
    write(&mut writer, dict)?;
    Ok(writer.finish())
}

/// A string as JSON text, escaped the canonical way.
pub(crate) fn json_string(value: &str) -> String {
    let mut writer = NativeWriter::new(&[]);
    writer.str(value);
    writer.finish()
}

/// Feeds one value to the writer. Recursion stops at the nesting limit,
/// which the writer enforces when a container opens.
///
/// No Python code runs during the walk (values are read through the C API,
/// never through methods a subclass could override), except to describe a
/// refused value, after which the walk stops.
pub(crate) fn write(w: &mut NativeWriter, value: &Bound<'_, PyAny>) -> Result<(), Failure> {
    // The exact types first: the common case, and none of them is a subclass
    // of another, so the order below (`bool` before `int`) still decides the rest.
    if let Ok(string) = value.cast_exact::<PyString>() {
        return write_str(w, string);
    } else if let Ok(int) = value.cast_exact::<PyInt>() {
        return write_int(w, int);
    } else if let Ok(dict) = value.cast_exact::<PyDict>() {
        return write_dict(w, dict);
    } else if let Ok(list) = value.cast_exact::<PyList>() {
        return write_list(w, list);
    }
    if value.is_none() {
        w.null();
    } else if let Ok(flag) = value.cast::<PyBool>() {
        // Before `int`: `bool` is a subclass of it, but JSON has booleans.
        w.bool(flag.is_true());
    } else if let Ok(int) = value.cast::<PyInt>() {
        write_int(w, int)?;
    } else if let Ok(float) = value.cast::<PyFloat>() {
        w.float(float.value())?;
    } else if let Ok(string) = value.cast::<PyString>() {
        write_str(w, string)?;
    } else if let Ok(dict) = value.cast::<PyDict>() {
        write_dict(w, dict)?;
    } else if let Ok(list) = value.cast::<PyList>() {
        write_list(w, list)?;
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        w.begin_array()?;
        for item in tuple.iter() {
            write(w, &item)?;
        }
        w.end_array();
    } else {
        return Err(w.unsupported(&describe(value)).into());
    }
    Ok(())
}

fn write_dict(w: &mut NativeWriter, dict: &Bound<'_, PyDict>) -> Result<(), Failure> {
    w.begin_object()?;
    for_each_item(dict, |key, item| {
        let key = key_text(w, &key)?;
        w.key(&key);
        write(w, &item)
    })?;
    w.end_object();
    Ok(())
}

fn write_list(w: &mut NativeWriter, list: &Bound<'_, PyList>) -> Result<(), Failure> {
    w.begin_array()?;
    for item in list.iter() {
        write(w, &item)?;
    }
    w.end_array();
    Ok(())
}

fn write_str(w: &mut NativeWriter, string: &Bound<'_, PyString>) -> Result<(), Failure> {
    match str_text(string) {
        Ok(text) => {
            w.str(&text);
            Ok(())
        }
        Err(err) => Err(not_unicode(w, string.py(), err, false)),
    }
}

fn write_int(w: &mut NativeWriter, int: &Bound<'_, PyInt>) -> Result<(), Failure> {
    let mut overflow: c_int = 0;
    // SAFETY: `int` is a live `int` (or subclass), whose value is read
    // directly (no `__index__` call); we are attached to the interpreter.
    let small = unsafe { ffi::PyLong_AsLongLongAndOverflow(int.as_ptr(), &mut overflow) };
    if overflow == 0 {
        if small == -1 {
            if let Some(err) = PyErr::take(int.py()) {
                return Err(err.into());
            }
        }
        w.int(i128::from(small));
        Ok(())
    } else {
        w.int_text(&int_digits(w, int)?).map_err(Failure::from)
    }
}

/// Calls `each` with every member of a dict, in order, without building the
/// list `dict.items()` would; the key and value are held while `each` runs.
fn for_each_item<'py>(
    dict: &Bound<'py, PyDict>,
    mut each: impl FnMut(Bound<'py, PyAny>, Bound<'py, PyAny>) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let py = dict.py();
    let len = dict.len();
    let mut pos: ffi::Py_ssize_t = 0;
    loop {
        let mut key: *mut ffi::PyObject = std::ptr::null_mut();
        let mut value: *mut ffi::PyObject = std::ptr::null_mut();
        // SAFETY: `dict` is a live dict; `PyDict_Next` hands out borrowed
        // references, which are made owned at once so that they outlive
        // anything `each` does.
        let (key, value) = unsafe {
            if ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut key, &mut value) == 0 {
                return Ok(());
            }
            (
                Bound::from_borrowed_ptr(py, key),
                Bound::from_borrowed_ptr(py, value),
            )
        };
        each(key, value)?;
        if dict.len() != len {
            return Err(PyRuntimeError::new_err("dictionary changed size during iteration").into());
        }
    }
}

/// The text of an object key, which must be a `str` holding valid Unicode.
pub(crate) fn key_text<'a>(
    w: &NativeWriter,
    key: &'a Bound<'_, PyAny>,
) -> Result<Cow<'a, str>, Failure> {
    let Ok(key) = key.cast::<PyString>() else {
        return Err(w.non_string_key(&describe(key)).into());
    };
    str_text(key).map_err(|err| not_unicode(w, key.py(), err, true))
}

/// A `str` that UTF-8 cannot encode (it holds a lone surrogate) is not a
/// JSON string; any other failure is Python's own.
fn not_unicode(w: &NativeWriter, py: Python<'_>, err: PyErr, is_key: bool) -> Failure {
    if !err.is_instance_of::<PyUnicodeEncodeError>(py) {
        return Failure::Python(err);
    }
    let found = "a str holding a lone surrogate, which is not valid Unicode";
    Failure::Invalid(if is_key {
        w.non_string_key(found)
    } else {
        w.unsupported(found)
    })
}

/// The decimal digits of an `int` too big for 64 bits. `int.__repr__` reads
/// the value itself, whatever a subclass does to `__str__`.
fn int_digits(w: &NativeWriter, int: &Bound<'_, PyInt>) -> Result<String, Failure> {
    let py = int.py();
    let digits = py
        .get_type::<PyInt>()
        .getattr(intern!(py, "__repr__"))?
        .call1((int,));
    match digits {
        Ok(digits) => Ok(digits
            .cast_into::<PyString>()
            .map_err(PyErr::from)?
            .to_cow()?
            .into_owned()),
        // Python refuses to write ints beyond `sys.get_int_max_str_digits()`.
        Err(err) => {
            let found = format!("an int Python cannot write in decimal ({err})");
            Err(w.unsupported(&found).into())
        }
    }
}

/// "a Python set", "a Python Decimal": what a refused value is, for messages.
fn describe(value: &Bound<'_, PyAny>) -> String {
    let name = value
        .get_type()
        .qualname()
        .and_then(|name| name.to_cow().map(Cow::into_owned))
        .unwrap_or_else(|_| "object".to_owned());
    format!("a Python {name}")
}

// ---------------------------------------------------------------------------
// JSON text to Python
// ---------------------------------------------------------------------------

/// Reads JSON text written by the core (canonical, so never refused) as
/// Python values, as `json.loads` would: integers of any size as `int`,
/// numbers with a fraction or an exponent as `float`.
pub(crate) fn from_json_text<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    build(py, text, false)
}

/// [`from_json_text`], with object keys interned when `intern_keys` is set
/// (for values kept for long: objects of one shape then share their keys).
fn build<'py>(py: Python<'py>, text: &str, intern_keys: bool) -> PyResult<Bound<'py, PyAny>> {
    let mut builder = Builder {
        py,
        intern_keys,
        open: Vec::new(),
        key: None,
        root: None,
        error: None,
    };
    let read = visit_json(text, &mut builder);
    if let Some(err) = builder.error {
        return Err(err);
    }
    read.map_err(|err| errors::to_py_err(py, err.errors()))?;
    builder
        .root
        .ok_or_else(|| PyValueError::new_err("no JSON value"))
}

/// Builds Python values from the core's events. Each container is placed in
/// its parent when it opens, so closing one only leaves it.
struct Builder<'py> {
    py: Python<'py>,
    /// Whether keys are interned.
    intern_keys: bool,
    /// The open containers, innermost last.
    open: Vec<Bound<'py, PyAny>>,
    /// The key of the next member of the innermost open dict.
    key: Option<Bound<'py, PyString>>,
    /// The value read.
    root: Option<Bound<'py, PyAny>>,
    /// The first failure; once set, events are ignored.
    error: Option<PyErr>,
}

impl<'py> Builder<'py> {
    /// Places a value in the innermost open container (or at the root).
    fn add(&mut self, value: PyResult<Bound<'py, PyAny>>) -> Option<Bound<'py, PyAny>> {
        if self.error.is_some() {
            return None;
        }
        let placed = value.and_then(|value| {
            match self.open.last() {
                None => self.root = Some(value.clone()),
                Some(parent) => {
                    if let Ok(list) = parent.cast::<PyList>() {
                        list.append(&value)?;
                    } else if let (Ok(dict), Some(key)) = (parent.cast::<PyDict>(), self.key.take())
                    {
                        dict.set_item(key, &value)?;
                    }
                }
            }
            Ok(value)
        });
        match placed {
            Ok(value) => Some(value),
            Err(err) => {
                self.error = Some(err);
                None
            }
        }
    }

    fn open(&mut self, container: Bound<'py, PyAny>) {
        if let Some(container) = self.add(Ok(container)) {
            self.open.push(container);
        }
    }

    fn close(&mut self) {
        if self.error.is_none() {
            self.open.pop();
        }
    }
}

impl JsonVisitor for Builder<'_> {
    fn null(&mut self) {
        let none = self.py.None().into_bound(self.py);
        self.add(Ok(none));
    }

    fn bool(&mut self, value: bool) {
        let flag = PyBool::new(self.py, value).to_owned().into_any();
        self.add(Ok(flag));
    }

    fn number(&mut self, text: &str) {
        let value = number(self.py, text);
        self.add(value);
    }

    fn string(&mut self, value: &str) {
        let string = PyString::new(self.py, value).into_any();
        self.add(Ok(string));
    }

    fn begin_array(&mut self) {
        let list = PyList::empty(self.py).into_any();
        self.open(list);
    }

    fn end_array(&mut self) {
        self.close();
    }

    fn begin_object(&mut self) {
        let dict = PyDict::new(self.py).into_any();
        self.open(dict);
    }

    fn key(&mut self, key: &str) {
        if self.error.is_some() {
            return;
        }
        let key = if self.intern_keys {
            interned(self.py, key)
        } else {
            Ok(PyString::new(self.py, key))
        };
        match key {
            Ok(key) => self.key = Some(key),
            Err(err) => self.error = Some(err),
        }
    }

    fn end_object(&mut self) {
        self.close();
    }
}

/// The interned `str` with this text.
fn interned<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyString>> {
    let len = ffi::Py_ssize_t::try_from(text.len())?;
    // SAFETY: `text` is `len` bytes of UTF-8. `PyUnicode_FromStringAndSize`
    // returns a new reference or NULL with an exception set;
    // `PyUnicode_InternInPlace` replaces that reference with one to the
    // interned string (possibly the same object), never failing.
    unsafe {
        let mut string = ffi::PyUnicode_FromStringAndSize(text.as_ptr().cast(), len);
        if string.is_null() {
            return Err(PyErr::fetch(py));
        }
        ffi::PyUnicode_InternInPlace(&mut string);
        Ok(Bound::from_owned_ptr(py, string).cast_into_unchecked())
    }
}

/// A JSON number as `json.loads` reads it: `int` (any size) unless it has a
/// fraction or an exponent, then `float`.
fn number<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        let value = text
            .parse::<f64>()
            .map_err(|_| PyValueError::new_err(format!("not a JSON number: {text}")))?;
        return Ok(PyFloat::new(py, value).into_any());
    }
    if let Ok(small) = text.parse::<i64>() {
        return Ok(small.into_pyobject(py)?.into_any());
    }
    let digits =
        CString::new(text).map_err(|_| PyValueError::new_err("not a JSON number".to_owned()))?;
    // SAFETY: `digits` is NUL-terminated; the result is a new reference or
    // NULL with an exception set (Python limits the digits it reads, as
    // `json.loads` does).
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyLong_FromString(digits.as_ptr(), std::ptr::null_mut(), 10),
        )
    }
}

// ---------------------------------------------------------------------------
// Copies of cached values
// ---------------------------------------------------------------------------

/// A value built by [`from_json_text`], kept privately (never handed out and
/// never changed) so that copies of it can be handed out: the containers
/// of a copy are new, its immutable leaves (`str`, `int`, `float`, `bool`,
/// `None`) shared.
pub(crate) struct Master {
    value: Py<PyAny>,
    nested: Nested,
}

/// The containers held directly by a container of a [`Master`], each with
/// its place and its own nested containers; empty when it holds only leaves,
/// so copying never looks at a leaf.
struct Nested(Vec<(Place, Py<PyAny>, Nested)>);

/// Where a container sits in its parent.
enum Place {
    Key(Py<PyAny>),
    Index(ffi::Py_ssize_t),
}

impl Master {
    /// Reads JSON text written by the core into a master; its keys are
    /// interned, so that masters of one shape share them.
    pub(crate) fn from_json_text(py: Python<'_>, text: &str) -> PyResult<Master> {
        Master::of(build(py, text, true)?)
    }

    /// Keeps `value`, which must be a value built here that nothing else holds.
    pub(crate) fn of(value: Bound<'_, PyAny>) -> PyResult<Master> {
        let nested = Nested::of(&value)?;
        Ok(Master {
            value: value.unbind(),
            nested,
        })
    }

    /// A copy whose dicts and lists are all new.
    pub(crate) fn copy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        copy(self.value.bind(py), &self.nested)
    }
}

impl Nested {
    fn of(value: &Bound<'_, PyAny>) -> PyResult<Nested> {
        let mut nested = Vec::new();
        if let Ok(dict) = value.cast_exact::<PyDict>() {
            for (key, item) in dict.iter() {
                if is_container(&item) {
                    let inner = Nested::of(&item)?;
                    nested.push((Place::Key(key.unbind()), item.unbind(), inner));
                }
            }
        } else if let Ok(list) = value.cast_exact::<PyList>() {
            for (index, item) in list.iter().enumerate() {
                if is_container(&item) {
                    let inner = Nested::of(&item)?;
                    let index = ffi::Py_ssize_t::try_from(index)?;
                    nested.push((Place::Index(index), item.unbind(), inner));
                }
            }
        }
        Ok(Nested(nested))
    }
}

/// True for the containers [`from_json_text`] builds (exact dicts and lists).
fn is_container(value: &Bound<'_, PyAny>) -> bool {
    value.is_exact_instance_of::<PyDict>() || value.is_exact_instance_of::<PyList>()
}

/// A new container with the items of `value` (a dict or a list of a
/// [`Master`]), its own nested containers copied in turn.
fn copy<'py>(value: &Bound<'py, PyAny>, nested: &Nested) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let ptr = value.as_ptr();
    // SAFETY: `ptr` is a live object and we are attached to the interpreter. `PyDict_Copy` and
    // `PyList_GetSlice` return new references, or NULL with an exception set;
    // `PyDict_SetItem` takes its own references; `PyList_SetItem` steals the
    // new item and releases the shared one it replaces.
    unsafe {
        if ffi::PyDict_CheckExact(ptr) != 0 {
            let copied = Bound::from_owned_ptr_or_err(py, ffi::PyDict_Copy(ptr))?;
            for (place, item, inner) in &nested.0 {
                if let Place::Key(key) = place {
                    let item = copy(item.bind(py), inner)?;
                    if ffi::PyDict_SetItem(copied.as_ptr(), key.as_ptr(), item.as_ptr()) < 0 {
                        return Err(PyErr::fetch(py));
                    }
                }
            }
            Ok(copied)
        } else if ffi::PyList_CheckExact(ptr) != 0 {
            let copied = Bound::from_owned_ptr_or_err(
                py,
                ffi::PyList_GetSlice(ptr, 0, ffi::Py_ssize_t::MAX),
            )?;
            for (place, item, inner) in &nested.0 {
                if let Place::Index(index) = place {
                    let item = copy(item.bind(py), inner)?;
                    if ffi::PyList_SetItem(copied.as_ptr(), *index, item.into_ptr()) < 0 {
                        return Err(PyErr::fetch(py));
                    }
                }
            }
            Ok(copied)
        } else {
            Ok(value.clone())
        }
    }
}
