//! The core's errors as the Python exception `connect_session.ValidationError`.
//!
//! The exception class itself is written in Python (`connect_session/_errors.py`),
//! a plain `ValueError` subclass. This module hands it the core's errors: the
//! message, which is the core's `Display` of each error (one line each), and
//! the list of `{"type", "loc", "msg"}` dicts.

use connect_session::{PathItem, ValidationError, TOO_MANY_ERRORS};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

/// The `ValidationError` to raise for the core's error.
pub(crate) fn to_py_err(py: Python<'_>, err: &ValidationError) -> PyErr {
    match build(py, err) {
        Ok(err) | Err(err) => err,
    }
}

fn build(py: Python<'_>, err: &ValidationError) -> PyResult<PyErr> {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let class = CLASS.import(py, "connect_session._errors", "ValidationError")?;
    let errors = PyList::empty(py);
    let entry = |kind: &str, path: &[PathItem], msg: &str| -> PyResult<Bound<'_, PyDict>> {
        let entry = PyDict::new(py);
        entry.set_item("type", kind)?;
        entry.set_item("loc", loc(py, path)?)?;
        entry.set_item("msg", msg)?;
        Ok(entry)
    };
    for detail in err.errors() {
        errors.append(entry(detail.kind().as_str(), detail.loc(), detail.msg())?)?;
    }
    // Past the core's cap, the same final entry as its error JSON.
    if let Some(note) = err.omitted_note() {
        errors.append(entry(TOO_MANY_ERRORS, &[], &note)?)?;
    }
    let exception = class.call1((err.to_string(), errors))?;
    Ok(PyErr::from_value(exception))
}

/// A path as a tuple of keys (`str`) and indexes (`int`).
fn loc<'py>(py: Python<'py>, path: &[PathItem]) -> PyResult<Bound<'py, PyTuple>> {
    let items = path.iter().map(|item| -> PyResult<Bound<'py, PyAny>> {
        Ok(match item {
            PathItem::Key(key) => PyString::new(py, key).into_any(),
            PathItem::Index(index) => index.into_pyobject(py)?.into_any(),
        })
    });
    PyTuple::new(py, items.collect::<PyResult<Vec<_>>>()?)
}
