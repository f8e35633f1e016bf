//! `connect_session._native`: the Python face of the `connect-session` core.
//!
//! This crate only translates. Python values are read by the core's rules
//! member by member, through a [`source::PySource`]; the core applies every
//! rule once, and results come back as Python values. No value is judged
//! here; every rule, and the order of every error, lives in the core.
//! Nothing here names a field or a model either: the classes are declared
//! from the core's table (`models.rs`, generated), and their attributes, the
//! constructors' keywords and `MODELS` come from its rows.
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
mod models;
mod source;

use connect_session::ConnectSessionCreateCategories as Category;
use connect_session::ConnectSessionCreateType as SessionType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use connect_session::Def;

use crate::model::PyModel;

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

/// Adds the class of `C` to the module, with its attributes and fast ways in,
/// and its rows to `MODELS`.
pub(crate) fn add_model<C: PyModel>(
    m: &Bound<'_, PyModule>,
    rows: &Bound<'_, PyDict>,
) -> PyResult<()> {
    let py = m.py();
    m.add_class::<C>()?;
    construct::install::<C>(py);
    field::install::<C>(py)?;
    decode_call::install::<C>(&py.get_type::<C>())?;
    rows.set_item(C::Def::MODEL.name, model::rows::<C::Def>(py)?)
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
    m.add("MAX_DEPTH", connect_session::MAX_DEPTH)?;
    m.add("DETACH_BYTES", model::DETACH_BYTES)?;
    // (name, kind, required, doc, default) per row, by model name.
    let rows = PyDict::new(py);
    models::add(m, &rows)?;
    m.add("MODELS", &rows)?;
    m.add_function(wrap_pyfunction!(category_value, m)?)?;
    Ok(())
}
