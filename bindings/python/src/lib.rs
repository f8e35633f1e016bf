//! `connect_session._native`: the Python face of the `connect-session` core.
//!
//! This crate only translates. Python values are handed to the core field by
//! field (the core's `Value`), the core applies every rule once, and results
//! come back as Python values. No value is judged here; every rule, and the
//! order of every error, lives in the core. Nothing here names a field either:
//! the attributes, the constructor's keywords and `FIELDS` come from the
//! core's `Field::ALL`.
//!
//! The Python package (`python/connect_session/`) re-exports what users need;
//! this module is private to it.

mod construct;
mod convert;
mod decode_call;
mod enums;
mod errors;
mod field;
mod model;
mod value;

use connect_session::ConnectSessionCreateCategories as Category;
use connect_session::ConnectSessionCreateType as SessionType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// The canonical wire value of a category given as a wire value or an alias
/// (`"stackOne"` gives `"stackone"`); any other string is a `ValueError`
/// carrying the core's message, which suggests a close value.
#[pyfunction]
fn category_value(value: String) -> PyResult<&'static str> {
    value
        .parse::<Category>()
        .map(Category::as_str)
        .map_err(|unknown| PyValueError::new_err(unknown.to_string()))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", connect_session::VERSION)?;
    m.add(
        "CATEGORY_VALUES",
        PyTuple::new(py, Category::ALL.iter().map(|c| c.as_str()))?,
    )?;
    m.add(
        "TYPE_VALUES",
        PyTuple::new(py, SessionType::KNOWN.iter().map(SessionType::as_str))?,
    )?;
    m.add("FIELDS", field::table(py)?)?;
    m.add(
        "FIELD_NAMES",
        PyTuple::new(py, connect_session::Field::ALL.iter().map(|f| f.name()))?,
    )?;
    m.add("MAX_DEPTH", connect_session::MAX_DEPTH)?;
    m.add("DEFAULT_EXPIRES_IN", connect_session::DEFAULT_EXPIRES_IN)?;
    m.add("DETACH_BYTES", model::DETACH_BYTES)?;
    m.add_class::<model::ConnectSessionCreate>()?;
    construct::install(py);
    let class = py.get_type::<model::ConnectSessionCreate>();
    field::install(&class)?;
    decode_call::install(&class)?;
    m.add_function(wrap_pyfunction!(category_value, m)?)?;
    Ok(())
}
