//! `Model(**fields)` through CPython's vectorcall protocol, for every model's class.
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

use connect_session::Def;
use pyo3::exceptions::{PySystemError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::model::{Keywords, PyModel};

/// Makes calls of `C`'s class use [`vectorcall`].
pub(crate) fn install<C: PyModel>(py: Python<'_>) {
    let class = C::type_object_raw(py);
    // SAFETY: the class object is alive for the interpreter's lifetime and no
    // instance exists yet; CPython reads `tp_vectorcall` of a class when it is
    // called (the `type` type advertises vectorcall at that slot).
    unsafe {
        (*class).tp_vectorcall = Some(vectorcall::<C>);
    }
}

/// The `vectorcallfunc` of `C`'s class.
unsafe extern "C" fn vectorcall<C: PyModel>(
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
            construct::<C>(py, args, ffi::PyVectorcall_NARGS(nargsf), names)
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
unsafe fn construct<'py, C: PyModel>(
    py: Python<'py>,
    args: *const *mut ffi::PyObject,
    positional: ffi::Py_ssize_t,
    names: Option<Borrowed<'_, 'py, PyAny>>,
) -> PyResult<Bound<'py, C>> {
    if positional != 0 {
        return Err(PyTypeError::new_err(format!(
            "{}() takes no positional arguments ({positional} given)",
            C::Def::MODEL.name
        )));
    }
    let mut keywords = Keywords::<C>::new();
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
