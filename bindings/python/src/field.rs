//! The fields' attributes, made from the core's one table (`Field::ALL`):
//! one [`FieldProperty`] descriptor per field, installed on the
//! `ConnectSessionCreate` type object under the field's name when the module
//! is first imported. Nothing here names a field: a field added to the core's
//! table appears in Python, with its documentation, with no edit here.

use connect_session::{Field, FieldKind};
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};

use crate::model::{self, ConnectSessionCreate};

// (No doc comment: the type's own `__doc__` would hide the per-field one.)
#[pyclass(module = "connect_session", name = "FieldProperty", frozen)]
pub(crate) struct FieldProperty {
    /// The position of the field in `Field::ALL`.
    index: usize,
    field: Field,
}

impl FieldProperty {
    fn instance<'a, 'py>(
        &self,
        obj: &'a Bound<'py, PyAny>,
    ) -> PyResult<&'a Bound<'py, ConnectSessionCreate>> {
        obj.cast_exact::<ConnectSessionCreate>().map_err(|_| {
            PyTypeError::new_err(format!(
                "the {:?} attribute belongs to ConnectSessionCreate objects",
                self.field.name()
            ))
        })
    }
}

#[pymethods]
impl FieldProperty {
    fn __get__(
        slf: &Bound<'_, Self>,
        obj: &Bound<'_, PyAny>,
        owner: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let _ = owner;
        if obj.is_none() {
            // Looked up on the class itself: the descriptor (for help(), say).
            return Ok(slf.clone().into_any().unbind());
        }
        let this = slf.get();
        model::get(this.instance(obj)?, this.index, this.field)
    }

    fn __set__(&self, obj: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        model::set(self.instance(obj)?, self.index, self.field, value)
    }

    fn __delete__(&self, _obj: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(PyAttributeError::new_err(format!(
            "cannot delete the {:?} attribute; assign None to unset an optional field",
            self.field.name()
        )))
    }

    /// The field's documentation, from the core's table.
    #[getter(__doc__)]
    fn doc(&self) -> &'static str {
        self.field.doc()
    }

    #[getter(__name__)]
    fn name(&self) -> &'static str {
        self.field.name()
    }

    fn __repr__(&self) -> String {
        format!(
            "<field {:?} of connect_session.ConnectSessionCreate>",
            self.field.name()
        )
    }
}

/// How `_native.FIELDS` names a kind (what the stubs and tests read).
fn kind_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Boolean => "boolean",
        FieldKind::Seconds => "seconds",
        FieldKind::Categories => "categories",
        FieldKind::Object => "object",
        FieldKind::Type => "type",
    }
}

/// Installs one descriptor per field on the class.
pub(crate) fn install(class: &Bound<'_, PyType>) -> PyResult<()> {
    let py = class.py();
    for (index, field) in Field::ALL.into_iter().enumerate() {
        let property = Bound::new(py, FieldProperty { index, field })?;
        class.setattr(PyString::new(py, field.name()), property)?;
    }
    Ok(())
}

/// `_native.FIELDS`: `(name, kind, required, doc)` for every field, in the
/// core's canonical order.
pub(crate) fn table(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let rows = Field::ALL.into_iter().map(|field| {
        (
            field.name(),
            kind_name(field.kind()),
            field.is_required(),
            field.doc(),
        )
    });
    PyTuple::new(py, rows)
}
