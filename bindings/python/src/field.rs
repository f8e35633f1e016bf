//! The fields' attributes, made from the core's one table (`Field::ALL`):
//! one [`FieldProperty`] descriptor per field, installed on the
//! `ConnectSessionCreate` type object under the field's name when the module
//! is first imported. Nothing here names a field: a field added to the core's
//! table appears in Python, with its documentation, with no edit here.

use std::sync::OnceLock;

use connect_session::{Field, FieldKind};
use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};
use pyo3::PyTypeInfo;

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

/// PyO3's `tp_descr_get` of [`FieldProperty`] (its `__get__`), which
/// [`get_kept`] hands every read it does not answer itself.
static PYO3_GET: OnceLock<ffi::descrgetfunc> = OnceLock::new();

/// The `tp_descr_get` of [`FieldProperty`]: a field read before is answered
/// with the object kept for it, without PyO3's entry into the extension (the
/// thread's attachment count, the panic guard and the pool of deferred
/// releases: about 70 of the 525 instructions of a read, callgrind); anything
/// else (the first read, a lookup on the class, a wrong object) goes to
/// PyO3's `__get__`.
unsafe extern "C" fn get_kept(
    descr: *mut ffi::PyObject,
    obj: *mut ffi::PyObject,
    owner: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    if !obj.is_null() {
        // SAFETY: CPython calls a descriptor's `tp_descr_get` while attached.
        // The fast path runs no Python code and releases no reference
        // (`kept_field`), so it needs none of what `Python::attach` sets up.
        let py = unsafe { Python::assume_attached() };
        // SAFETY: `descr` (an instance of this type, the only one with this
        // function) and `obj` are borrowed for the call.
        let (descr_ref, obj_ref) = unsafe {
            (
                Borrowed::from_ptr(py, descr).cast_unchecked::<FieldProperty>(),
                Borrowed::from_ptr(py, obj),
            )
        };
        if let Ok(model) = obj_ref.cast_exact::<ConnectSessionCreate>() {
            if let Some(kept) = model.get().kept_field(py, descr_ref.get().index) {
                return kept.into_ptr();
            }
        }
    }
    match PYO3_GET.get() {
        // SAFETY: the same arguments, for the function CPython would have called.
        Some(pyo3_get) => unsafe { pyo3_get(descr, obj, owner) },
        None => {
            // Unreachable: `install` stores it before it sets this function.
            // SAFETY: attached; a static message.
            unsafe { ffi::PyErr_SetString(ffi::PyExc_SystemError, c"no field getter".as_ptr()) };
            std::ptr::null_mut()
        }
    }
}

/// Installs one descriptor per field on the class.
pub(crate) fn install(class: &Bound<'_, PyType>) -> PyResult<()> {
    let py = class.py();
    let property_type = FieldProperty::type_object_raw(py);
    // SAFETY: the type object lives as long as the interpreter and no
    // instance exists yet; CPython reads `tp_descr_get` on every lookup.
    unsafe {
        if let Some(pyo3_get) = (*property_type).tp_descr_get {
            if PYO3_GET.set(pyo3_get).is_ok() {
                (*property_type).tp_descr_get = Some(get_kept);
            }
        }
    }
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
