//! Translating values between Python and the core, without judging them.
//!
//! Reading Python values (for the core's rules, `source.rs`): a `str`'s
//! UTF-8 in place, the value of an `int` of any size, a `Decimal`'s exact
//! text, what a value is (for messages).
//!
//! JSON text to Python: the core's canonical text is read with the core's own
//! reader ([`visit_json`]) into `dict`, `list`, `str`, `int`, `float`, `bool`
//! and `None`, as `json.loads` would read it, with three differences: an
//! integer longer than Python's int/str conversion limit
//! (`sys.get_int_max_str_digits()`, 4,300 digits by default) becomes a
//! `decimal.Decimal` holding its exact value (where `json.loads` raises, so
//! that a valid object always stays readable and printable); a number whose
//! Python value would be written back as other text (`1.50`, `1E2`, `-0`) is
//! a `float` (or `int`) subclass that keeps its text
//! (`connect_session._views.JsonFloat`, `JsonInt`), so that a value read and
//! assigned back changes nothing; and, for the values an object keeps and
//! hands out ([`Containers::ReadOnly`]), dicts and lists are the package's
//! read-only subclasses.
//!
//! No key is ever interned: keys come from callers, and interned strings are
//! never freed on CPython 3.12.

use std::borrow::Cow;
use std::ffi::{c_int, CString};

use connect_session::binding::{visit_json, JsonVisitor};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::{critical_section, PyOnceLock};
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyType};

use crate::errors;

// ---------------------------------------------------------------------------
// The UTF-8 text of a `str`
// ---------------------------------------------------------------------------

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
// Reading Python values
// ---------------------------------------------------------------------------

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

/// The decimal digits of an `int` too big for 64 bits. `int.__repr__` reads
/// the value itself, whatever a subclass does to `__str__`; beyond Python's
/// int/str conversion limit (`sys.get_int_max_str_digits()`), which
/// `__repr__` enforces, the digits are worked out here from the int's bytes.
/// `Err` holds what to call an int whose digits cannot be had, for its refusal.
pub(crate) fn int_digits(int: &Bound<'_, PyInt>) -> PyResult<Result<String, String>> {
    let py = int.py();
    let int_type = py.get_type::<PyInt>();
    match int_type
        .getattr(pyo3::intern!(py, "__repr__"))?
        .call1((int,))
    {
        Ok(digits) => Ok(Ok(digits.cast_into::<PyString>()?.to_cow()?.into_owned())),
        Err(err) if err.is_instance_of::<PyValueError>(py) => Ok(big_int_digits(int)
            .map_err(|err| format!("an int Python cannot write in decimal ({err})"))),
        Err(err) => Err(err),
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

/// The classes of numbers that keep their JSON text,
/// `connect_session._views.JsonFloat` and `JsonInt`.
pub(crate) fn kept_number_classes(
    py: Python<'_>,
) -> PyResult<(&Bound<'_, PyType>, &Bound<'_, PyType>)> {
    static FLOAT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static INT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    Ok((
        FLOAT.import(py, "connect_session._views", "JsonFloat")?,
        INT.import(py, "connect_session._views", "JsonInt")?,
    ))
}

/// `connect_session._views.JsonDateTime`: a date-time read from a model that
/// keeps its text.
pub(crate) fn kept_date_time_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    CLASS.import(py, "connect_session._views", "JsonDateTime")
}

/// How the core writes a float given natively (contract section 3): what a
/// Python `float` read from JSON text is written back as.
pub(crate) fn float_text(value: f64) -> String {
    let mut text = String::new();
    connect_session::binding::write_float(&mut text, value);
    text
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
        if float_text(value) != text {
            return kept_number_classes(py)?.0.call1((value, text));
        }
        return Ok(PyFloat::new(py, value).into_any());
    }
    if text == "-0" {
        return kept_number_classes(py)?.1.call1((0, text));
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

/// A date-time as Python's aware `datetime.datetime`, with the offset it was
/// given. A fraction finer than a microsecond is cut in the Python value; a
/// text the value would not be written back as (that cut, `t`/`z`, `-00:00`,
/// trailing zeros) is kept by `connect_session._views.JsonDateTime`, a
/// `datetime` subclass, so the value assigned back changes nothing. A year
/// before 1, which Python's `datetime` cannot hold, reads as its text.
pub(crate) fn date_time<'py>(
    py: Python<'py>,
    when: &connect_session::DateTime,
) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::types::{PyDateTime, PyDelta, PyTzInfo};
    let value = when.value();
    if value.year() < 1 {
        return Ok(PyString::new(py, when.as_str()).into_any());
    }
    let micro = value.microsecond();
    let offset = value.offset().whole_seconds();
    let tz = if offset == 0 {
        PyTzInfo::utc(py)?.to_owned()
    } else {
        PyTzInfo::fixed_offset(py, PyDelta::new(py, 0, offset, 0, true)?)?
    };
    let cut = value
        .replace_nanosecond(micro * 1000)
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    let written =
        connect_session::DateTime::try_from(cut).map(|made| made.as_str() == when.as_str());
    let (month, day) = (u8::from(value.month()), value.day());
    let (hour, minute, second) = (value.hour(), value.minute(), value.second());
    if written.unwrap_or(false) {
        let made = PyDateTime::new(
            py,
            value.year(),
            month,
            day,
            hour,
            minute,
            second,
            micro,
            Some(&tz),
        )?;
        return Ok(made.into_any());
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("json", when.as_str())?;
    kept_date_time_class(py)?.call(
        (value.year(), month, day, hour, minute, second, micro, tz),
        Some(&kwargs),
    )
}
