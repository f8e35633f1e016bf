//! The members of the Python enums (`connect_session._enums`), looked up
//! once, in the order of the core's lists they are made from: a core value's
//! member is found by its position, and a member given back by identity.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;

/// The members of `ConnectSessionCreateCategories`, in `Category::ALL`'s order.
pub(crate) fn categories(py: Python<'_>) -> PyResult<&Bound<'_, PyTuple>> {
    static MEMBERS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    members(py, &MEMBERS, "ConnectSessionCreateCategories")
}

/// The members of `ConnectSessionCreateType`, in
/// `ConnectSessionCreateType::KNOWN`'s order.
pub(crate) fn types(py: Python<'_>) -> PyResult<&Bound<'_, PyTuple>> {
    static MEMBERS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    members(py, &MEMBERS, "ConnectSessionCreateType")
}

fn members<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyTuple>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyTuple>> {
    let members = cell.get_or_try_init(py, || -> PyResult<_> {
        let class = py.import("connect_session._enums")?.getattr(name)?;
        Ok(PyTuple::new(py, class.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.unbind())
    })?;
    Ok(members.bind(py))
}
