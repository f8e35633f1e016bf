//! Translating values, in both directions, without judging them.
//!
//! Python to JSON: a walk over `None`, `bool`, `int`, `float`, `str`, `dict`,
//! `list` and `tuple` (and their subclasses) feeding the core's
//! [`NativeWriter`], which refuses what JSON cannot hold and nesting beyond
//! the limit. The resulting text is then read by the core like any document.
//!
//! JSON to Python: the core's canonical text is read with the standard
//! library's `json.loads`, so integers of any size come back as `int`.

use std::borrow::Cow;

use connect_session::ValidationError;
use connect_session::{ConnectSessionCreateCategories as Category, NativeWriter, PathItem};
use pyo3::exceptions::PyUnicodeEncodeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

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

/// The JSON text of `value`, which sits at `root` in a document (`["metadata"]`
/// for the metadata field); errors are located from there.
pub(crate) fn to_json_text(value: &Bound<'_, PyAny>, root: &[PathItem]) -> Result<String, Failure> {
    let mut writer = NativeWriter::new(root);
    write(&mut writer, value)?;
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
fn write(w: &mut NativeWriter, value: &Bound<'_, PyAny>) -> Result<(), Failure> {
    if value.is_none() {
        w.null();
    } else if let Ok(flag) = value.cast::<PyBool>() {
        // Before `int`: `bool` is a subclass of it, but JSON has booleans.
        w.bool(flag.is_true());
    } else if let Ok(int) = value.cast::<PyInt>() {
        match int.extract::<i128>() {
            Ok(small) => w.int(small),
            Err(_) => w.int_text(&int_digits(w, int)?)?,
        }
    } else if let Ok(float) = value.cast::<PyFloat>() {
        w.float(float.value())?;
    } else if let Ok(string) = value.cast::<PyString>() {
        match string.to_cow() {
            Ok(text) => w.str(&text),
            Err(err) => return Err(not_unicode(w, string.py(), err, false)),
        }
    } else if let Ok(dict) = value.cast::<PyDict>() {
        w.begin_object()?;
        // `items()` is a snapshot: nothing can change the members under the walk.
        for member in dict.items() {
            let (key, item): (Bound<'_, PyAny>, Bound<'_, PyAny>) = member.extract()?;
            let key = key_text(w, &key)?;
            w.key(&key);
            write(w, &item)?;
        }
        w.end_object();
    } else if let Ok(list) = value.cast::<PyList>() {
        w.begin_array()?;
        for item in list.iter() {
            write(w, &item)?;
        }
        w.end_array();
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

/// The text of an object key, which must be a `str` holding valid Unicode.
pub(crate) fn key_text(w: &NativeWriter, key: &Bound<'_, PyAny>) -> Result<String, Failure> {
    let Ok(key) = key.cast::<PyString>() else {
        return Err(w.non_string_key(&describe(key)).into());
    };
    match key.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(err) => Err(not_unicode(w, key.py(), err, true)),
    }
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

/// The decimal digits of an `int` too big for 128 bits. `int.__repr__` reads
/// the value itself, whatever a subclass does to `__str__`.
fn int_digits(w: &NativeWriter, int: &Bound<'_, PyInt>) -> Result<String, Failure> {
    let py = int.py();
    let digits = py
        .get_type::<PyInt>()
        .getattr(pyo3::intern!(py, "__repr__"))?
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

/// Reads canonical JSON text (from the core) as Python values.
pub(crate) fn from_json_text<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// The categories as members of the Python enum `ConnectSessionCreateCategories`.
pub(crate) fn category_members<'py>(
    py: Python<'py>,
    categories: &[Category],
) -> PyResult<Bound<'py, PyList>> {
    static MEMBERS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    let members = MEMBERS
        .get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
            let enum_class = py
                .import("connect_session._categories")?
                .getattr("ConnectSessionCreateCategories")?;
            let members = Category::ALL
                .iter()
                .map(|c| enum_class.call1((c.as_str(),)))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyTuple::new(py, members)?.unbind())
        })?
        .bind(py);
    let items = categories
        .iter()
        .map(|c| {
            let index = Category::ALL
                .iter()
                .position(|known| known == c)
                .unwrap_or_default();
            members.get_item(index)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}
