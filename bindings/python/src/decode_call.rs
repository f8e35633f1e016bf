//! `Model.from_json(data)` for a small `bytes` document, ahead of PyO3's
//! argument machinery, for every model's class.
//!
//! PyO3's `from_json` parses its arguments by a general description (a
//! positional-only `data`, a keyword-only `strict`) and enters the extension
//! through its trampoline: taking that way in for the common call saved 350
//! of the 3,900 instructions of a minimal decode (callgrind), more than the
//! margin to msgspec's (`make bench`). Calls with one
//! `bytes` argument under the size from which the GIL is released, and no
//! keyword, are decoded here; any other call, and any document the core
//! refuses, goes to PyO3's method with the same arguments, which decides and
//! reports everything exactly as before (a refused document is read twice:
//! the errors are made once, by the full path).

use std::panic::{self, AssertUnwindSafe};

use pyo3::exceptions::PySystemError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCFunction, PyType};

use crate::model::{self, PyModel};

/// Stores `from_json` and `from_dict` on the class already bound to it: what
/// `Model.from_json` gives is then the very object a
/// classmethod lookup makes (a built-in method whose `__self__` is the class),
/// made once instead of on every call. The class cannot be subclassed, so the
/// binding never differs; it saves 87 of the 335 ns of a minimal decode.
/// `from_json`'s body is [`from_json`] here, which hands PyO3's method what
/// it does not decode itself.
pub(crate) fn install<C: PyModel>(class: &Bound<'_, PyType>) -> PyResult<()> {
    class.setattr("from_dict", class.getattr("from_dict")?)?;
    let from_json = bound_method::<C>(class, class.getattr("from_json")?)?;
    class.setattr("from_json", from_json)
}

/// The bound method stored on the class as `from_json`: PyO3's own method's
/// name and documentation (hence its signature), with [`from_json`] as its
/// body.
fn bound_method<'py, C: PyModel>(
    class: &Bound<'py, PyType>,
    full: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = class.py();
    let function = full.cast::<PyCFunction>()?;
    // SAFETY: a `PyCFunction` is a `PyCFunctionObject`; its method
    // definition is PyO3's, static for the interpreter's lifetime.
    let pyo3_def = unsafe { &*(*function.as_ptr().cast::<ffi::PyCFunctionObject>()).m_ml };
    // Made once per interpreter and never freed: CPython keeps a pointer to
    // it in the method object for as long as the class lives.
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: pyo3_def.ml_name,
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunctionFastWithKeywords: from_json::<C>,
        },
        ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: pyo3_def.ml_doc,
    }));
    C::statics()
        .full_from_json
        .set(py, full.clone().unbind())
        .map_err(|_| PySystemError::new_err("from_json bound twice"))?;
    // SAFETY: `def` is static; `self` (the class) is borrowed by the new
    // function, which takes its own reference.
    unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyCFunction_NewEx(def, class.as_ptr(), std::ptr::null_mut()),
        )
    }
}

/// The `PyCFunctionFastWithKeywords` body of `from_json`.
unsafe extern "C" fn from_json<C: PyModel>(
    _class: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython calls a method while attached. The fast path makes no
    // Python exception and releases no reference (a refused document, or a
    // failure, falls through to the full path), so it needs none of what
    // `Python::attach` sets up.
    let py = unsafe { Python::assume_attached() };
    if nargs == 1 && kwnames.is_null() {
        // SAFETY: `args` holds `nargs` borrowed arguments.
        let data = unsafe { Borrowed::from_ptr(py, *args) };
        if let Ok(bytes) = data.cast_exact::<PyBytes>() {
            let made = panic::catch_unwind(AssertUnwindSafe(|| {
                model::decode_small::<C>(py, bytes.as_bytes())
            }));
            if let Ok(Some(object)) = made {
                return object.into_ptr();
            }
        }
    }
    match C::statics().full_from_json.get(py) {
        // SAFETY: the same arguments, for the method this one stands for
        // (bound too: the class is already its `self`).
        Some(full) => unsafe {
            let nargs = usize::try_from(nargs).unwrap_or_default();
            ffi::PyObject_Vectorcall(full.as_ptr(), args, nargs, kwnames)
        },
        None => {
            // Unreachable: set before this function is reachable.
            // SAFETY: attached; a static message.
            unsafe {
                ffi::PyErr_SetString(ffi::PyExc_SystemError, c"from_json is not bound".as_ptr())
            };
            std::ptr::null_mut()
        }
    }
}
