//! Translating values, in both directions, without judging them.
//!
//! Python to JSON text: a walk over `None`, `bool`, `int`, `float`, `str`,
//! `dict`, `list` and `tuple` (and their subclasses), plus finite
//! `decimal.Decimal` (written as its exact text, so that the huge integers
//! [`Builder`] hands out as `Decimal` go back in), feeding the core's
//! [`NativeWriter`], which refuses what JSON cannot hold and nesting beyond
//! the limit. The core then reads that text with its own rules.
//!
//! JSON text to Python: the core's canonical text is read with the core's own
//! reader ([`visit_json`]) into `dict`, `list`, `str`, `int`, `float`, `bool`
//! and `None`, as `json.loads` would read it, with two differences: an integer
//! longer than Python's int/str conversion limit (`sys.get_int_max_str_digits()`,
//! 4,300 digits by default) becomes a `decimal.Decimal` holding its exact
//! value (where `json.loads` raises, so that a valid object always stays
//! readable and printable), and, for the values an object keeps and hands out
//! ([`Containers::ReadOnly`]), dicts and lists are the package's read-only
//! subclasses (`connect_session._views`).
//!
//! No key is ever interned: keys come from callers, and interned strings are
//! never freed on CPython 3.12.

use std::borrow::Cow;
use std::ffi::{c_int, CString};
use std::ops::Deref;
use std::ptr::NonNull;

use connect_session::binding::{visit_json, JsonVisitor, NativeWriter};
use connect_session::{ValidationError, Value};
use pyo3::exceptions::{PyRuntimeError, PyUnicodeEncodeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::{critical_section, PyOnceLock};
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

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

// ---------------------------------------------------------------------------
// The UTF-8 text of a `str`
// ---------------------------------------------------------------------------

/// The text of a `str` as UTF-8, held with the string (as PyO3's
/// `PyBackedStr`, read through [`utf8`]): without a copy. The extension is
/// built for one Python version, not the stable ABI, whose 3.9 version lacks
/// the call that gives a `str`'s UTF-8.
/// A `Bound`, not a `Py`: dropping a `Py` first asks whether the thread is
/// attached (a thread-local lookup, about 15 instructions a string).
pub(crate) struct Text<'py> {
    text: NonNull<str>,
    _string: Bound<'py, PyString>,
}

impl<'py> Text<'py> {
    /// The text of `s` (a `str` or subclass); a `UnicodeEncodeError` if it
    /// holds a lone surrogate.
    pub(crate) fn of(s: &Bound<'py, PyString>) -> PyResult<Text<'py>> {
        Ok(Text {
            text: NonNull::from(utf8(s)?),
            _string: s.clone(),
        })
    }
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: the text lives in the `str` held beside it (or in the UTF-8
        // copy CPython keeps with it), which lives as long as `self` and
        // never changes.
        unsafe { self.text.as_ref() }
    }
}

/// The text of a `str` (or subclass) as UTF-8, borrowed from it. A compact
/// ASCII `str` (nearly every key and value) is its own UTF-8 and is read in
/// place, inline (calling `PyUnicode_AsUTF8AndSize` for it was about 30
/// instructions a string, 18 strings in the reference constructor's call,
/// callgrind); any other through that call, which keeps the UTF-8 with the
/// string. A `str` holding a lone surrogate is a `UnicodeEncodeError`.
pub(crate) fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<&'a str> {
    // Where CPython's string layout is not known to this build (3.14 made
    // these reads calls), `to_str` alone.
    #[cfg(not(any(Py_LIMITED_API, PyPy, GraalPy, Py_3_14)))]
    // SAFETY: `s` is a live `str`, borrowed for `'a`. A compact ASCII `str`
    // keeps its `length` code points as that many ASCII bytes (so UTF-8) in
    // its own allocation, and a `str` never changes.
    unsafe {
        let ptr = s.as_ptr();
        if ffi::PyUnicode_IS_COMPACT_ASCII(ptr) != 0 {
            let data = ffi::PyUnicode_DATA(ptr).cast::<u8>();
            let len = ffi::PyUnicode_GET_LENGTH(ptr).unsigned_abs();
            return Ok(std::str::from_utf8_unchecked(std::slice::from_raw_parts(
                data, len,
            )));
        }
    }
    s.to_str()
}

/// A new `str` of the text `pieces` hands to its callback in consecutive
/// pieces, `len` bytes in all, copied with the GIL released (for a large
/// document the copy is most of `to_json`'s time, and `PyString::new` would
/// make it holding the GIL); `None` unless the pieces are ASCII and `len`
/// bytes long.
pub(crate) fn ascii_str_of_pieces<'py>(
    py: Python<'py>,
    len: usize,
    pieces: impl FnOnce(&mut dyn FnMut(&str)) + Send,
) -> PyResult<Option<Bound<'py, PyString>>> {
    let size = ffi::Py_ssize_t::try_from(len)
        .map_err(|_| pyo3::exceptions::PyMemoryError::new_err("text too long for a str"))?;
    // SAFETY: attached to the interpreter; `PyUnicode_New` returns a new
    // compact ASCII `str` of `size` code points (its terminating NUL already
    // written) or NULL with an exception set.
    let string = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_New(size, 127))? };
    // SAFETY: the data of a compact ASCII `str` is `len` bytes, one per code
    // point. Nothing else holds the new object until it is returned, so
    // filling it while the GIL is released races with nobody, as CPython's
    // own constructors fill a string after `PyUnicode_New`.
    let data = unsafe {
        std::slice::from_raw_parts_mut(ffi::PyUnicode_DATA(string.as_ptr()).cast::<u8>(), len)
    };
    let filled = py.detach(|| {
        let (mut at, mut fits) = (0, true);
        pieces(&mut |piece| {
            let end = at + piece.len();
            match data.get_mut(at..end) {
                Some(room) if fits => fits = copy_ascii(room, piece.as_bytes()),
                _ => fits = false,
            }
            at = end;
        });
        fits && at == len
    });
    // Not filled: the object, never handed out, is dropped.
    Ok(filled.then(|| string.cast_into::<PyString>()).transpose()?)
}

/// Copies `from` (as long as `to`) if it is ASCII; false if not. Block by
/// block, so that each block is checked and copied while in the cache: two
/// passes over a large text cost half as much again as the copy alone.
fn copy_ascii(to: &mut [u8], from: &[u8]) -> bool {
    const BLOCK: usize = 16 * 1024;
    for (to, from) in to.chunks_mut(BLOCK).zip(from.chunks(BLOCK)) {
        if !from.is_ascii() {
            return false;
        }
        to.copy_from_slice(from);
    }
    true
}

// ---------------------------------------------------------------------------
// Python to JSON text
// ---------------------------------------------------------------------------

/// `value` as JSON the core's writer wrote, the value of the document's member `key`
/// (`metadata` for the metadata field); errors are located from there.
pub(crate) fn to_json_value(
    value: &Bound<'_, PyAny>,
    key: &str,
) -> Result<Value<'static>, Failure> {
    // The keys of one dict are distinct, so the writer need not look each up
    // (-560 instructions for the reference metadata, callgrind), as long as
    // they are exact `str` (a subclass may make equal text two keys) and
    // nothing changes the dict while it is walked: on a free-threaded build
    // another thread may at any time; on others only Python code can, which
    // the walk runs only where it says so. When either may have happened,
    // what was written is dropped and the value walked again, every key
    // looked up.
    let mut walk = Walk {
        trust_keys: cfg!(not(Py_GIL_DISABLED)),
        doubt: false,
    };
    loop {
        // Room for a typical value, so that writing one allocates once.
        let mut writer = NativeWriter::for_member(key, 256);
        let written = write(&mut writer, value, &mut walk);
        if walk.trust_keys && walk.doubt {
            walk.trust_keys = false;
            continue;
        }
        written?;
        return Ok(writer.into_value());
    }
}

/// How a walk of a value takes the keys of its dicts.
struct Walk {
    /// Keys go to the writer as distinct from the other keys of their dict,
    /// not looked up, until there is a doubt.
    trust_keys: bool,
    /// Set at a key that is not an exact `str`, and before Python code may
    /// run: a `Decimal`'s methods, a big int's `__repr__`, a refused value's
    /// description (any of which may also set off a garbage collection, whose
    /// finalizers run any code at all).
    doubt: bool,
}

/// Feeds one value to the writer. A value JSON cannot hold is refused where
/// it stands and the walk goes on, so that every such problem is reported
/// together, as the core reports a document's; it stops at the nesting
/// limit, which the writer enforces when a container opens.
///
/// Values are read through the C API, never through methods a subclass
/// could override; Python code runs only for a `Decimal` (its own
/// `is_finite` and `__str__`), for an int beyond 64 bits (`int.__repr__`)
/// and to describe a refused value.
fn write(w: &mut NativeWriter, value: &Bound<'_, PyAny>, walk: &mut Walk) -> Result<(), Failure> {
    // The exact types first: the common case, and none of them is a subclass
    // of another, so the order below (`bool` before `int`) still decides the rest.
    if let Ok(string) = value.cast_exact::<PyString>() {
        return write_str(w, string);
    } else if let Ok(int) = value.cast_exact::<PyInt>() {
        return write_int(w, int, walk);
    } else if let Ok(dict) = value.cast_exact::<PyDict>() {
        return write_dict(w, dict, walk);
    } else if let Ok(list) = value.cast_exact::<PyList>() {
        return write_list(w, list, walk);
    }
    if value.is_none() {
        w.null();
    } else if let Ok(flag) = value.cast::<PyBool>() {
        // Before `int`: `bool` is a subclass of it, but JSON has booleans.
        w.bool(flag.is_true());
    } else if let Ok(int) = value.cast::<PyInt>() {
        write_int(w, int, walk)?;
    } else if let Ok(float) = value.cast::<PyFloat>() {
        if let Err(err) = w.float(float.value()) {
            w.refuse(err)?;
        }
    } else if let Ok(string) = value.cast::<PyString>() {
        write_str(w, string)?;
    } else if let Ok(dict) = value.cast::<PyDict>() {
        write_dict(w, dict, walk)?;
    } else if let Ok(list) = value.cast::<PyList>() {
        write_list(w, list, walk)?;
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        w.begin_array()?;
        for item in tuple.iter() {
            write(w, &item, walk)?;
        }
        w.end_array();
    } else {
        walk.doubt = true;
        let written = match decimal_text(value)? {
            Some(text) => write_number_text(w, &text),
            None => Err(w.unsupported(&describe(value)).into()),
        };
        written.or_else(|failure| refused(w, failure))?;
    }
    Ok(())
}

fn write_dict(
    w: &mut NativeWriter,
    dict: &Bound<'_, PyDict>,
    walk: &mut Walk,
) -> Result<(), Failure> {
    w.begin_object()?;
    for_each_item(dict, |key, item| {
        let text = match key_text(w, &key) {
            Ok(text) => text,
            Err(failure) => return refused_key(w, failure),
        };
        walk.doubt |= !key.is_exact_instance_of::<PyString>();
        if walk.trust_keys && !walk.doubt {
            w.distinct_key(text);
        } else {
            w.key(text)?;
        }
        write(w, &item, walk)
    })?;
    w.end_object();
    Ok(())
}

fn write_list(
    w: &mut NativeWriter,
    list: &Bound<'_, PyList>,
    walk: &mut Walk,
) -> Result<(), Failure> {
    w.begin_array()?;
    for item in list.iter() {
        write(w, &item, walk)?;
    }
    w.end_array();
    Ok(())
}

fn write_str(w: &mut NativeWriter, string: &Bound<'_, PyString>) -> Result<(), Failure> {
    match utf8(string) {
        Ok(text) => {
            w.str(text);
            Ok(())
        }
        Err(err) => refused_str(w, string, err),
    }
}

/// A `str` UTF-8 cannot hold, refused (see [`write`]).
#[cold]
fn refused_str(
    w: &mut NativeWriter,
    string: &Bound<'_, PyString>,
    err: PyErr,
) -> Result<(), Failure> {
    let failure = not_unicode(w, string.py(), err, false);
    refused(w, failure)
}

/// A refused key, recorded by the writer; the walk goes on past its value.
#[cold]
fn refused_key(w: &mut NativeWriter, failure: Failure) -> Result<(), Failure> {
    match failure {
        Failure::Invalid(err) => Ok(w.refuse_key(err)?),
        python => Err(python),
    }
}

/// A small int as a number; a bigger one through its decimal digits.
fn write_int(w: &mut NativeWriter, int: &Bound<'_, PyInt>, walk: &mut Walk) -> Result<(), Failure> {
    match small_int(int)? {
        Some(small) => {
            w.int(i128::from(small));
            Ok(())
        }
        None => {
            walk.doubt = true;
            let written =
                int_digits(w, int).and_then(|digits| w.int_text(&digits).map_err(Failure::from));
            written.or_else(|failure| refused(w, failure))
        }
    }
}

/// A value JSON cannot hold, recorded by the writer, which goes on (see
/// [`write`]); Python's own failures, and nesting beyond the limit, stop the walk.
// Cold, like every refusal: the paths that write stay small enough to inline.
#[cold]
fn refused(w: &mut NativeWriter, failure: Failure) -> Result<(), Failure> {
    match failure {
        Failure::Invalid(err) => Ok(w.refuse(err)?),
        python => Err(python),
    }
}

/// The value of an `int` (or subclass) when it fits 64 bits, read directly
/// (no `__index__` call).
pub(crate) fn small_int(int: &Bound<'_, PyInt>) -> PyResult<Option<i64>> {
    let mut overflow: c_int = 0;
    // SAFETY: `int` is a live `int` (or subclass) and we are attached to the
    // interpreter; the call reads its value and reports overflow in `overflow`.
    let small = unsafe { ffi::PyLong_AsLongLongAndOverflow(int.as_ptr(), &mut overflow) };
    if overflow != 0 {
        return Ok(None);
    }
    if small == -1 {
        if let Some(err) = PyErr::take(int.py()) {
            return Err(err);
        }
    }
    Ok(Some(small))
}

/// Calls `each` with every member of a dict, in order, without building the
/// list `dict.items()` would; the key and value are held while `each` runs.
pub(crate) fn for_each_item<'py, E: From<PyErr>>(
    dict: &Bound<'py, PyDict>,
    mut each: impl FnMut(Bound<'py, PyAny>, Bound<'py, PyAny>) -> Result<(), E>,
) -> Result<(), E> {
    let py = dict.py();
    let len = dict.len();
    let mut pos: ffi::Py_ssize_t = 0;
    loop {
        let mut key: *mut ffi::PyObject = std::ptr::null_mut();
        let mut value: *mut ffi::PyObject = std::ptr::null_mut();
        // SAFETY: `dict` is a live dict; `PyDict_Next` hands out borrowed
        // references, which are made owned at once so that they outlive
        // anything `each` does. On a free-threaded build another thread may
        // change the dict meanwhile: the step is taken holding the dict's
        // lock, as CPython asks (on other builds the lock is nothing at all).
        let next = critical_section::with_critical_section(dict, || unsafe {
            (ffi::PyDict_Next(dict.as_ptr(), &mut pos, &mut key, &mut value) != 0).then(|| {
                (
                    Bound::from_borrowed_ptr(py, key),
                    Bound::from_borrowed_ptr(py, value),
                )
            })
        });
        let Some((key, value)) = next else {
            return Ok(());
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
) -> Result<&'a str, Failure> {
    let Ok(key) = key.cast::<PyString>() else {
        return Err(w.non_string_key(&describe(key)).into());
    };
    utf8(key).map_err(|err| not_unicode(w, key.py(), err, true))
}

/// A `str` that UTF-8 cannot encode (it holds a lone surrogate) is not a
/// JSON string; any other failure is Python's own.
pub(crate) fn not_unicode(w: &NativeWriter, py: Python<'_>, err: PyErr, is_key: bool) -> Failure {
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
/// the value itself, whatever a subclass does to `__str__`; beyond Python's
/// int/str conversion limit (`sys.get_int_max_str_digits()`), which
/// `__repr__` enforces, the digits are worked out here from the int's bytes.
pub(crate) fn int_digits(w: &NativeWriter, int: &Bound<'_, PyInt>) -> Result<String, Failure> {
    let py = int.py();
    let int_type = py.get_type::<PyInt>();
    match int_type
        .getattr(pyo3::intern!(py, "__repr__"))?
        .call1((int,))
    {
        Ok(digits) => Ok(digits
            .cast_into::<PyString>()
            .map_err(PyErr::from)?
            .to_cow()?
            .into_owned()),
        Err(err) if err.is_instance_of::<PyValueError>(py) => big_int_digits(int).map_err(|err| {
            let found = format!("an int Python cannot write in decimal ({err})");
            Failure::Invalid(w.unsupported(&found))
        }),
        Err(err) => Err(err.into()),
    }
}

/// The decimal digits of any `int`, from its bytes (`int.to_bytes`, which no
/// digit limit applies to), converted in base 10^9.
fn big_int_digits(int: &Bound<'_, PyInt>) -> PyResult<String> {
    let py = int.py();
    let int_type = py.get_type::<PyInt>();
    let negative = int.lt(0)?;
    let magnitude = int_type
        .getattr(pyo3::intern!(py, "__abs__"))?
        .call1((int,))?;
    let bits: usize = int_type
        .getattr(pyo3::intern!(py, "bit_length"))?
        .call1((&magnitude,))?
        .extract()?;
    let bytes = int_type.getattr(pyo3::intern!(py, "to_bytes"))?.call1((
        &magnitude,
        bits.div_ceil(8),
        "big",
    ))?;
    let bytes: &[u8] = bytes.cast::<PyBytes>()?.as_bytes();
    Ok(decimal_digits(bytes, negative))
}

/// The decimal text of a big-endian unsigned magnitude, with a `-` if `negative`.
fn decimal_digits(big_endian: &[u8], negative: bool) -> String {
    const BASE: u64 = 1_000_000_000;
    // Little-endian limbs of 9 decimal digits each.
    let mut limbs: Vec<u32> = Vec::with_capacity(big_endian.len() * 5 / 18 + 1);
    for byte in big_endian {
        let mut carry = u64::from(*byte);
        for limb in &mut limbs {
            let value = u64::from(*limb) * 256 + carry;
            *limb = (value % BASE) as u32;
            carry = value / BASE;
        }
        while carry > 0 {
            limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
    }
    let mut text = String::with_capacity(limbs.len() * 9 + 1);
    if negative {
        text.push('-');
    }
    match limbs.split_last() {
        None => text.push('0'),
        Some((top, rest)) => {
            text.push_str(&top.to_string());
            for limb in rest.iter().rev() {
                text.push_str(&format!("{limb:09}"));
            }
        }
    }
    text
}

/// The `decimal.Decimal` class.
fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "decimal", "Decimal")
}

/// The exact text of a `decimal.Decimal` (or subclass), read with
/// `Decimal`'s own `__str__` (`"1.50"`, `"1E+2"`, `"NaN"`); `None` for any
/// other value.
pub(crate) fn decimal_text(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    let class = decimal_class(value.py())?;
    if !value.is_instance(class)? {
        return Ok(None);
    }
    let text = class
        .getattr(pyo3::intern!(value.py(), "__str__"))?
        .call1((value,))?;
    Ok(Some(text.extract()?))
}

/// A number given as decimal text (a `Decimal`'s): NaN and the infinities
/// are refused like the floats they stand for; anything else is read by the
/// core as JSON text (which refuses a number beyond a double's range).
pub(crate) fn write_number_text(w: &mut NativeWriter, text: &str) -> Result<(), Failure> {
    let unsigned = text.trim_start_matches(['-', '+']);
    if unsigned.starts_with(['N', 'n', 's', 'S']) {
        return Err(w.float(f64::NAN).err().map_or_else(
            || Failure::Python(PyValueError::new_err("NaN was accepted")),
            Failure::Invalid,
        ));
    }
    if unsigned.starts_with(['I', 'i']) {
        let infinity = if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
        return Err(w.float(infinity).err().map_or_else(
            || Failure::Python(PyValueError::new_err("infinity was accepted")),
            Failure::Invalid,
        ));
    }
    w.json_text(text).map_err(Failure::from)
}

/// "a Python set", "a Python Decimal": what a refused value is, for messages.
pub(crate) fn describe(value: &Bound<'_, PyAny>) -> String {
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

/// What dicts and lists are built as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Containers {
    /// Plain `dict` and `list`, the caller's own (`to_dict`, `repr`).
    Plain,
    /// The package's read-only subclasses, for values an object keeps and
    /// hands out (`metadata`, `extra`).
    ReadOnly,
}

/// The read-only `dict` and `list` subclasses of `connect_session._views`.
pub(crate) fn read_only_classes(
    py: Python<'_>,
) -> PyResult<(&Bound<'_, PyType>, &Bound<'_, PyType>)> {
    static DICT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static LIST: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    Ok((
        DICT.import(py, "connect_session._views", "ReadOnlyDict")?,
        LIST.import(py, "connect_session._views", "ReadOnlyList")?,
    ))
}

/// Reads JSON text written by the core (canonical, so never refused) as
/// Python values (see the module documentation for the two differences
/// from `json.loads`).
pub(crate) fn from_json_text<'py>(
    py: Python<'py>,
    text: &str,
    containers: Containers,
) -> PyResult<Bound<'py, PyAny>> {
    let classes = match containers {
        Containers::Plain => None,
        Containers::ReadOnly => {
            let (dict, list) = read_only_classes(py)?;
            Some((dict.clone(), list.clone()))
        }
    };
    let mut builder = Builder {
        py,
        classes,
        open: Vec::new(),
        key: None,
        root: None,
        error: None,
    };
    let read = visit_json(text, &mut builder);
    if let Some(err) = builder.error {
        return Err(err);
    }
    read.map_err(|err| errors::to_py_err(py, &err))?;
    builder
        .root
        .ok_or_else(|| PyValueError::new_err("no JSON value"))
}

/// Builds Python values from the core's events. Each container is placed in
/// its parent when it opens, so closing one only leaves it.
struct Builder<'py> {
    py: Python<'py>,
    /// The read-only dict and list classes, or `None` for plain ones.
    classes: Option<(Bound<'py, PyType>, Bound<'py, PyType>)>,
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

    fn open(&mut self, container: PyResult<Bound<'py, PyAny>>) {
        if let Some(container) = self.add(container) {
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
        let list = match &self.classes {
            None => Ok(PyList::empty(self.py).into_any()),
            Some((_, list)) => list.call0(),
        };
        self.open(list);
    }

    fn end_array(&mut self) {
        self.close();
    }

    fn begin_object(&mut self) {
        let dict = match &self.classes {
            None => Ok(PyDict::new(self.py).into_any()),
            Some((dict, _)) => dict.call0(),
        };
        self.open(dict);
    }

    fn key(&mut self, key: &str) {
        if self.error.is_none() {
            self.key = Some(PyString::new(self.py, key));
        }
    }

    fn end_object(&mut self) {
        self.close();
    }
}

/// A JSON number as `json.loads` reads it: `int` (any size) unless it has a
/// fraction or an exponent, then `float`; an integer longer than Python
/// converts from decimal text becomes a `decimal.Decimal` of the same value.
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
    // NULL with an exception set.
    let int = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyLong_FromString(digits.as_ptr(), std::ptr::null_mut(), 10),
        )
    };
    match int {
        Ok(int) => Ok(int),
        // Beyond `sys.get_int_max_str_digits()`: Python refuses to read the
        // digits as an int; a Decimal holds the same value and prints.
        Err(err) if err.is_instance_of::<PyValueError>(py) => decimal_class(py)?.call1((text,)),
        Err(err) => Err(err),
    }
}
