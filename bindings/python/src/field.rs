//! The fields' attributes, made from the core's table: one [`FieldProperty`]
//! descriptor per row, installed on its model's class under the row's wire
//! key when the module is first imported, and a read-only `effective_<key>`
//! one for each row with a server default. Nothing here names a field or a
//! model: a row added to the table appears in Python, with its
//! documentation, with no edit here.

use std::sync::OnceLock;

use pyo3::exceptions::{PyAttributeError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};
use pyo3::PyTypeInfo;

use connect_session::Def;

use crate::model::{self, PyModel};

/// Reads a field of an object of the descriptor's class.
type Get = fn(&Bound<'_, PyAny>, usize) -> PyResult<Py<PyAny>>;
/// Assigns a field of an object of the descriptor's class.
type Set = fn(&Bound<'_, PyAny>, usize, &Bound<'_, PyAny>) -> PyResult<()>;
/// The object kept for a field of an object known to be of the class, as a
/// new reference, or null.
type Kept = unsafe fn(Python<'_>, *mut ffi::PyObject, usize) -> *mut ffi::PyObject;

// (No doc comment: the type's own `__doc__` would hide the per-field one.)
#[pyclass(module = "connect_session", name = "FieldProperty", frozen)]
pub(crate) struct FieldProperty {
    /// The row's position in its model's table.
    index: usize,
    key: String,
    doc: String,
    model: &'static str,
    /// The class the descriptor belongs to (its type object's address).
    class: usize,
    get: Get,
    /// `None` for a read-only attribute (`effective_<key>`).
    set: Option<Set>,
    kept: Option<Kept>,
}

fn wrong_object(property: &FieldProperty) -> PyErr {
    PyTypeError::new_err(format!(
        "the {:?} attribute belongs to {} objects",
        property.key, property.model
    ))
}

fn get_of<C: PyModel>(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Py<PyAny>> {
    model::get(obj.cast_exact::<C>()?, index)
}

fn effective_of<C: PyModel>(obj: &Bound<'_, PyAny>, index: usize) -> PyResult<Py<PyAny>> {
    model::effective(obj.cast_exact::<C>()?, index)
}

fn set_of<C: PyModel>(
    obj: &Bound<'_, PyAny>,
    index: usize,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    model::set(obj.cast_exact::<C>()?, index, value)
}

/// # Safety
///
/// `obj` is a live object of `C`'s class, borrowed for the call, and the
/// thread is attached.
unsafe fn kept_of<C: PyModel>(
    py: Python<'_>,
    obj: *mut ffi::PyObject,
    index: usize,
) -> *mut ffi::PyObject {
    // SAFETY: per the contract above.
    let obj = unsafe { Borrowed::from_ptr(py, obj).cast_unchecked::<C>() };
    obj.get()
        .object()
        .kept(py, index)
        .map_or(std::ptr::null_mut(), Py::into_ptr)
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
        if obj.get_type_ptr() as usize != this.class {
            return Err(wrong_object(this));
        }
        (this.get)(obj, this.index)
    }

    fn __set__(&self, obj: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        if obj.get_type_ptr() as usize != self.class {
            return Err(wrong_object(self));
        }
        match self.set {
            Some(set) => set(obj, self.index, value),
            None => Err(PyAttributeError::new_err(format!(
                "{:?} is read-only: it is worked out from the field it names",
                self.key
            ))),
        }
    }

    fn __delete__(&self, _obj: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(PyAttributeError::new_err(format!(
            "cannot delete the {:?} attribute; assign None to unset an optional field",
            self.key
        )))
    }

    /// The field's documentation, from the core's table.
    #[getter(__doc__)]
    fn doc(&self) -> &str {
        &self.doc
    }

    #[getter(__name__)]
    fn name(&self) -> &str {
        &self.key
    }

    fn __repr__(&self) -> String {
        format!("<field {:?} of connect_session.{}>", self.key, self.model)
    }
}

/// PyO3's `tp_descr_get` of [`FieldProperty`] (its `__get__`), which
/// [`get_kept`] hands every read it does not answer itself.
static PYO3_GET: OnceLock<ffi::descrgetfunc> = OnceLock::new();

/// The `tp_descr_get` of [`FieldProperty`]: a field read before is answered
/// with the object kept for it, without PyO3's entry into the extension (the
/// thread's attachment count, the panic guard and the pool of deferred
/// releases) and without the state's lock on a build with the GIL: a type
/// check, two loads and an incref; anything else (the first read, a lookup
/// on the class, a wrong object) goes to PyO3's `__get__`.
unsafe extern "C" fn get_kept(
    descr: *mut ffi::PyObject,
    obj: *mut ffi::PyObject,
    owner: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    if !obj.is_null() {
        // SAFETY: CPython calls a descriptor's `tp_descr_get` while attached.
        // The fast path runs no Python code and releases no reference, so it
        // needs none of what `Python::attach` sets up.
        let py = unsafe { Python::assume_attached() };
        // SAFETY: `descr` is an instance of this type (the only one with this
        // function), borrowed for the call.
        let this = unsafe { Borrowed::from_ptr(py, descr).cast_unchecked::<FieldProperty>() };
        let this = this.get();
        // SAFETY: `obj` is a live object, borrowed for the call.
        let class = unsafe { ffi::Py_TYPE(obj) } as usize;
        if let (true, Some(kept)) = (class == this.class, this.kept) {
            // SAFETY: `obj` is of the descriptor's class (checked above).
            let found = unsafe { kept(py, obj, this.index) };
            if !found.is_null() {
                return found;
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

/// Installs the descriptors of `C`'s rows on its class.
pub(crate) fn install<C: PyModel>(py: Python<'_>) -> PyResult<()> {
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
    let class: Bound<'_, PyType> = py.get_type::<C>();
    let address = class.as_type_ptr() as usize;
    let model = C::Def::MODEL;
    for (index, row) in model.fields.iter().enumerate() {
        let property = FieldProperty {
            index,
            key: row.key.to_owned(),
            doc: row.doc.to_owned(),
            model: model.name,
            class: address,
            get: get_of::<C>,
            set: Some(set_of::<C>),
            kept: Some(kept_of::<C>),
        };
        class.setattr(PyString::new(py, row.key), Bound::new(py, property)?)?;
        if row.default.is_some() {
            let name = format!("effective_{}", row.key);
            let doc = format!(
                "`{}`, or the value the server applies when it is unset ({}), which is never \
                 written.",
                row.key,
                row.default.unwrap_or_default()
            );
            let effective = FieldProperty {
                index,
                key: name.clone(),
                doc,
                model: model.name,
                class: address,
                get: effective_of::<C>,
                set: None,
                kept: None,
            };
            class.setattr(PyString::new(py, &name), Bound::new(py, effective)?)?;
        }
    }
    Ok(())
}
