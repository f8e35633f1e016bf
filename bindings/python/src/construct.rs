//! `ConnectSessionCreate(**fields)` through CPython's vectorcall protocol.
//!
//! A call of the class normally goes through `type.__call__` to `__new__`,
//! where the keywords arrive as a dict that PyO3 then copies into a dict of its
//! own: two dicts per object made. Set as the type's `tp_vectorcall` (as
//! CPython's own `list` and `range` do, and msgspec's structs), this function
//! receives the keyword names as a tuple and the values as an array, and hands
//! them straight to the same translation as `__new__` (the class cannot be
//! subclassed, so it always makes this class). Measured: 4,300 of the 21,700
//! instructions of the reference construct were the argument parsing.

use std::panic::{self, AssertUnwindSafe};

use pyo3::exceptions::{PySystemError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::PyTypeInfo;

use crate::model::{ConnectSessionCreate, Keywords, CONSTRUCTOR};

/// Makes calls of the class use [`vectorcall`].
pub(crate) fn install(py: Python<'_>) {
    let class = ConnectSessionCreate::type_object_raw(py);
    // SAFETY: the class object is alive for the interpreter's lifetime and no
    // instance exists yet; CPython reads `tp_vectorcall` of a class when it is
    // called (the `type` type advertises vectorcall at that slot).
    unsafe {
        (*class).tp_vectorcall = Some(vectorcall);
    }
}

/// The `vectorcallfunc` of the class.
unsafe extern "C" fn vectorcall(
    _callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // `attach`, not `assume_attached`: PyO3 must know that the thread is
    // attached, or it defers every release of a reference made inside.
    Python::attach(|py| {
        // SAFETY: CPython calls this while attached, with `args` holding the
        // positional arguments followed by one value per name of `kwnames` (a
        // tuple, or NULL when there are no keywords); all are borrowed for the call.
        let made = panic::catch_unwind(AssertUnwindSafe(|| unsafe {
            let names = Borrowed::from_ptr_or_opt(py, kwnames);
            construct(py, args, ffi::PyVectorcall_NARGS(nargsf), names)
        }))
        .unwrap_or_else(|_| Err(PySystemError::new_err("connect_session: a bug (a panic)")));
        match made {
            Ok(object) => object.into_ptr(),
            Err(err) => {
                err.restore(py);
                std::ptr::null_mut()
            }
        }
    })
}

/// # Safety
/// As for [`vectorcall`]: `args` holds `positional` values, then one per
/// name in `names`.
unsafe fn construct<'py>(
    py: Python<'py>,
    args: *const *mut ffi::PyObject,
    positional: ffi::Py_ssize_t,
    names: Option<Borrowed<'_, 'py, PyAny>>,
) -> PyResult<Bound<'py, ConnectSessionCreate>> {
    if positional != 0 {
        return Err(PyTypeError::new_err(format!(
            "{CONSTRUCTOR}() takes no positional arguments ({positional} given)"
        )));
    }
    let mut keywords = Keywords::new();
    if let Some(names) = names {
        let names = names.cast::<PyTuple>()?;
        for (at, name) in names.iter().enumerate() {
            // SAFETY: one value per keyword name follows the (zero) positional ones.
            let value = unsafe { Borrowed::from_ptr(py, *args.add(at)) };
            keywords.add(&name, &value)?;
        }
    }
    Bound::new(py, keywords.finish(py)?)
}
