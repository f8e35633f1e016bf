//! The models as Python classes: one generic object ([`Object`]) over the
//! core value of any model, and [`py_model!`], which declares a model's
//! class over it. The classes themselves are declared in `models.rs`,
//! generated from the core's table (`make generate`).
//!
//! Every way in (the constructor, `from_dict`, `replace`, an assignment,
//! `__init__` on an object) hands the core Python values member by member,
//! each a [`PySource`] the core's rules read as they read a document's
//! values; `from_json` hands it the text. Nothing here checks a value,
//! orders errors or drops any. The fields' attributes are descriptors made
//! from the core's table (`field.rs`), which call [`get`] and [`set`].
//!
//! Reading an attribute twice does not build its Python value twice: each
//! object keeps, once read, the Python object of each field it hands out (a
//! `str`, a `float`, an enum member, and for `categories`, `metadata` and
//! `extra` a read-only `list`/`dict` subclass, read-only at every depth, so
//! that a change to what a read returned raises instead of silently
//! vanishing). Assigning a field drops what was kept for it. An object never
//! read keeps nothing.
//!
//! Thread safety: the core value sits in a [`Mutex`], locked only around
//! Rust code that runs no Python code, so the lock never waits on the GIL
//! and nothing can re-enter. Python objects are made and released outside
//! it. The kept objects are in slots of their own: on a build with the GIL
//! they are read without the lock (every change to them is made holding the
//! GIL, as every read is), on a free-threaded build under it. Objects may be
//! shared between threads: each call sees and leaves a whole, valid value. A
//! value built outside the lock from an older state is not kept. The core
//! value itself is shared (an `Arc`) with copies of the object and with a
//! `to_json` that runs without the GIL, and copied by the assignment that
//! changes it while it is shared.

use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use connect_session::binding::{self, Builder};
use connect_session::{
    Category, ConnectSessionCreateType as SessionType, Def, Field, FieldKind, FieldValue, Model,
    ParseMode, ValidationError, MAX_INDENT,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyString, PyTuple, PyType,
};
use pyo3::PyClass;

use crate::convert::{self, Containers};
use crate::enums;
use crate::errors;
use crate::source::{self, PySource};

/// From this many bytes of JSON on, `from_json` and `to_json` run with the
/// GIL released (other Python threads run meanwhile).
pub(crate) const DETACH_BYTES: usize = 64 * 1024;

/// A model's class: a `#[pyclass]` over an [`Object`] of its model, made
/// by [`py_model!`].
pub(crate) trait PyModel:
    PyClass<Frozen = pyo3::pyclass::boolean_struct::True>
    + Into<pyo3::PyClassInitializer<Self>>
    + Sync
    + Sized
{
    /// The model.
    type Def: Def;
    /// The value.
    fn object(&self) -> &Object<Self::Def>;
    /// A new instance of the class.
    fn of(object: Object<Self::Def>) -> Self;
    /// What the class keeps for the whole interpreter.
    fn statics() -> &'static Statics;
}

/// What a model's class keeps for the whole interpreter.
pub(crate) struct Statics {
    /// PyO3's own `from_json`, bound to the class (`decode_call.rs`).
    pub(crate) full_from_json: PyOnceLock<Py<PyAny>>,
    /// The fields' names, interned, by position in the table.
    keyword_names: PyOnceLock<Vec<Py<PyString>>>,
}

impl Default for Statics {
    fn default() -> Self {
        Statics {
            full_from_json: PyOnceLock::new(),
            keyword_names: PyOnceLock::new(),
        }
    }
}

/// The value of an object of any model.
pub(crate) struct Object<D: Def> {
    state: Mutex<State<D>>,
    /// The Python objects handed out, one slot per field, then one for
    /// `extra`: an owned reference, or null; made on the first read.
    kept: OnceLock<Box<[Kept]>>,
}

/// What the lock guards.
struct State<D: Def> {
    /// Shared with copies of the object and with a `to_json` running without
    /// the GIL; an assignment copies it first if it is shared (copy on write).
    core: Arc<Model<D>>,
    /// Counts assignments, so that a value built outside the lock from an
    /// older state is not kept.
    version: u64,
}

/// One kept Python object: an owned reference, or null.
struct Kept(AtomicPtr<ffi::PyObject>);

impl Kept {
    /// The object, as a new reference.
    fn get(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        let ptr = self.0.load(Ordering::Acquire);
        // SAFETY: a non-null pointer is an owned reference this slot holds,
        // which is released only by `take` under the lock (and with the GIL
        // on a build that has one, which the reader holds too).
        (!ptr.is_null()).then(|| unsafe { Bound::from_borrowed_ptr(py, ptr).unbind() })
    }

    /// Takes the object out of the slot (to release it outside the lock).
    fn take(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        let ptr = self.0.swap(std::ptr::null_mut(), Ordering::AcqRel);
        // SAFETY: the slot's owned reference, now the caller's.
        (!ptr.is_null()).then(|| unsafe { Bound::from_owned_ptr(py, ptr).unbind() })
    }

    /// Keeps `object` if the slot is empty.
    fn put(&self, object: &Py<PyAny>, py: Python<'_>) {
        let ptr = object.clone_ref(py).into_ptr();
        if self
            .0
            .compare_exchange(
                std::ptr::null_mut(),
                ptr,
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_err()
        {
            // SAFETY: the reference just made, not kept.
            drop(unsafe { Bound::<PyAny>::from_owned_ptr(py, ptr) });
        }
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        let ptr = *self.0.get_mut();
        if !ptr.is_null() {
            // SAFETY: objects are dropped by their class's deallocation (or as
            // temporaries of a call), attached to the interpreter; the slot's
            // reference is released once.
            unsafe { ffi::Py_DECREF(ptr) };
        }
    }
}

fn slots(len: usize) -> Box<[Kept]> {
    (0..len).map(|_| Kept(AtomicPtr::default())).collect()
}

impl<D: Def> Object<D> {
    pub(crate) fn new(core: Model<D>) -> Self {
        Object {
            state: Mutex::new(State {
                core: Arc::new(core),
                version: 0,
            }),
            kept: OnceLock::new(),
        }
    }

    /// The state, locked. No Python code may run while the guard lives (see
    /// the module documentation); a poisoned lock (a panic inside, which
    /// would be a bug) still holds a whole value, since every change is one
    /// assignment made after the core accepted it.
    fn lock(&self) -> MutexGuard<'_, State<D>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The core value (shared, not copied).
    pub(crate) fn core(&self) -> Arc<Model<D>> {
        Arc::clone(&self.lock().core)
    }

    /// The kept object of slot `index`, if it was read before. Runs no
    /// Python code and releases no reference: the field descriptor's fast
    /// path calls it ahead of PyO3's entry into the extension.
    #[inline]
    pub(crate) fn kept(&self, py: Python<'_>, index: usize) -> Option<Py<PyAny>> {
        let slot = self.kept.get()?.get(index)?;
        #[cfg(Py_GIL_DISABLED)]
        let _state = self.lock();
        slot.get(py)
    }

    /// The extra keys' slot, after the fields'.
    fn extra_slot() -> usize {
        D::MODEL.fields.len()
    }

    /// The kept Python object of slot `index`, built by `build` from what
    /// `snapshot` copies out of the core on the first read; `None` when the
    /// value is not set. `build` runs outside the lock, and what it built is
    /// kept only if no assignment happened meanwhile.
    fn read<S>(
        &self,
        py: Python<'_>,
        index: usize,
        snapshot: impl FnOnce(&Model<D>) -> Option<S>,
        build: impl FnOnce(S) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        if let Some(kept) = self.kept(py, index) {
            return Ok(Some(kept));
        }
        let (version, copied) = {
            let state = self.lock();
            match snapshot(&state.core) {
                Some(copied) => (state.version, copied),
                None => return Ok(None),
            }
        };
        let value = build(copied)?;
        {
            let state = self.lock();
            if state.version == version {
                let slots = self.kept.get_or_init(|| slots(D::MODEL.fields.len() + 1));
                if let Some(slot) = slots.get(index) {
                    slot.put(&value, py);
                }
            }
        }
        Ok(Some(value))
    }

    /// Changes the core value with `change` (copied first if shared); on
    /// success every kept object of `dropped` (all when `None`) is let go.
    /// The error, and the release, happen outside the lock.
    fn change(
        &self,
        py: Python<'_>,
        dropped: Option<usize>,
        change: impl FnOnce(&mut Model<D>) -> Result<(), ValidationError>,
    ) -> PyResult<()> {
        let released: Result<Vec<Py<PyAny>>, ValidationError> = {
            let mut state = self.lock();
            change(Arc::make_mut(&mut state.core)).map(|()| {
                state.version = state.version.wrapping_add(1);
                let slots = self.kept.get().map_or(&[][..], |slots| &slots[..]);
                match dropped {
                    Some(index) => slots
                        .get(index)
                        .and_then(|slot| slot.take(py))
                        .into_iter()
                        .collect(),
                    None => slots.iter().filter_map(|slot| slot.take(py)).collect(),
                }
            })
        };
        match released {
            Ok(released) => {
                drop(released);
                Ok(())
            }
            Err(err) => Err(raise(py, &err)),
        }
    }

    /// Another object over the same value; `share` keeps the kept objects
    /// too (they are immutable), else the copy builds its own.
    fn copy(&self, py: Python<'_>, share: bool) -> Self {
        let core = self.core();
        let copy = Object {
            state: Mutex::new(State { core, version: 0 }),
            kept: OnceLock::new(),
        };
        if let (true, Some(slots)) = (share, self.kept.get()) {
            let mine = copy.kept.get_or_init(|| slots_like(slots));
            for (from, to) in slots.iter().zip(mine.iter()) {
                if let Some(object) = from.get(py) {
                    to.put(&object, py);
                }
            }
        }
        copy
    }
}

fn slots_like(slots: &[Kept]) -> Box<[Kept]> {
    self::slots(slots.len())
}

fn raise(py: Python<'_>, err: &ValidationError) -> PyErr {
    errors::to_py_err(py, err)
}

fn mode(strict: bool) -> ParseMode {
    if strict {
        ParseMode::Strict
    } else {
        ParseMode::KeepExtra
    }
}

/// A field's value copied out of the core under the lock, to be made a
/// Python object outside it. One variant per kind: the match in
/// [`Snapshot::of`] fails to compile when the core adds a kind.
enum Snapshot {
    Text(String),
    Boolean(bool),
    Seconds(f64),
    Categories(Vec<Category>),
    Object(String),
    Type(SessionType),
    Integer(i64),
    DateTime(connect_session::DateTime),
}

impl Snapshot {
    fn of(value: FieldValue<'_>) -> Snapshot {
        match value {
            FieldValue::Text(text) => Snapshot::Text(text.to_owned()),
            FieldValue::Boolean(flag) => Snapshot::Boolean(flag),
            FieldValue::Seconds(seconds) => Snapshot::Seconds(seconds),
            FieldValue::Categories(list) => Snapshot::Categories(list.to_vec()),
            FieldValue::Object(metadata) => Snapshot::Object(metadata.as_json().to_owned()),
            FieldValue::Type(kind) => Snapshot::Type(kind.clone()),
            FieldValue::Integer(int) => Snapshot::Integer(int),
            FieldValue::DateTime(when) => Snapshot::DateTime(when.clone()),
            // A kind without a Python value yet (the match above names them all).
            _ => Snapshot::Text(String::new()),
        }
    }

    /// The Python value handed out: `str`; `bool`; `float`; a read-only list
    /// of `ConnectSessionCreateCategories` members; a read-only dict; a
    /// `ConnectSessionCreateType` member when the type is known, else `str`;
    /// `int`; an aware `datetime.datetime`.
    fn build(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(match self {
            Snapshot::Text(text) => PyString::new(py, &text).into_any().unbind(),
            Snapshot::Boolean(flag) => PyBool::new(py, flag).to_owned().into_any().unbind(),
            Snapshot::Seconds(seconds) => PyFloat::new(py, seconds).into_any().unbind(),
            Snapshot::Categories(list) => {
                let members = enums::categories(py)?;
                let (_, list_class) = convert::read_only_classes(py)?;
                let out = list_class.call0()?.cast_into::<pyo3::types::PyList>()?;
                for category in list {
                    let index = Category::ALL.iter().position(|c| *c == category);
                    out.append(members.get_item(index.unwrap_or(usize::MAX))?)?;
                }
                out.into_any().unbind()
            }
            Snapshot::Object(json) => {
                convert::from_json_text(py, &json, Containers::ReadOnly)?.unbind()
            }
            Snapshot::Type(kind) => {
                match SessionType::KNOWN.iter().position(|known| *known == kind) {
                    Some(index) => enums::types(py)?.get_item(index)?.unbind(),
                    None => PyString::new(py, kind.as_str()).into_any().unbind(),
                }
            }
            Snapshot::Integer(int) => int.into_pyobject(py)?.into_any().unbind(),
            Snapshot::DateTime(when) => convert::date_time(py, &when)?.unbind(),
        })
    }
}

/// The field a keyword names; an unknown keyword is a wrong call shape.
fn keyword_field<C: PyModel>(function: &str, key: &Bound<'_, PyAny>) -> PyResult<usize> {
    let py = key.py();
    let names = C::statics().keyword_names.get_or_init(py, || {
        C::Def::MODEL
            .fields
            .iter()
            .map(|field| PyString::intern(py, field.key).unbind())
            .collect()
    });
    // Keywords written in a call are interned, so they are the same objects.
    if let Some(index) = names.iter().position(|name| key.is(name)) {
        return Ok(index);
    }
    for (index, name) in names.iter().enumerate() {
        if key.eq(name)? {
            return Ok(index);
        }
    }
    Err(PyTypeError::new_err(format!(
        "{function}() got an unexpected keyword argument {}",
        key.repr()?
    )))
}

/// The constructor's keyword arguments, each handed to the core as soon as
/// it is read: no list of them is made first.
pub(crate) struct Keywords<C: PyModel> {
    builder: Builder<C::Def>,
}

impl<C: PyModel> Keywords<C> {
    pub(crate) fn new() -> Self {
        Keywords {
            builder: Builder::new(ParseMode::KeepExtra),
        }
    }

    /// Adds the keyword argument `key=value`.
    pub(crate) fn add(&mut self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let index = keyword_field::<C>(C::Def::MODEL.name, key)?;
        let mut source = PySource::new(value);
        let added = self.builder.field(index, &mut source);
        if let Some(err) = source.take_failure() {
            return Err(err);
        }
        added.map_err(|err| raise(key.py(), &err))
    }

    /// The object, every keyword checked by the core.
    pub(crate) fn finish(self, py: Python<'_>) -> PyResult<C> {
        self.builder
            .finish()
            .map(|core| C::of(Object::new(core)))
            .map_err(|err| raise(py, &err))
    }
}

/// The fields in the order `repr` shows them: the required ones first (as
/// the constructor takes them), then the others in canonical order.
fn repr_order<D: Def>() -> impl Iterator<Item = Field<D>> {
    let required = Model::<D>::fields().filter(|field| field.is_required());
    required.chain(Model::<D>::fields().filter(|field| !field.is_required()))
}

/// A document under [`DETACH_BYTES`] the core accepts, as a new object;
/// `None` for any other (`decode_call` then takes PyO3's `from_json`, which
/// reports it). Makes no Python exception.
pub(crate) fn decode_small<'py, C: PyModel>(
    py: Python<'py>,
    bytes: &[u8],
) -> Option<Bound<'py, C>> {
    if bytes.len() >= DETACH_BYTES {
        return None;
    }
    let core = Model::<C::Def>::from_json_with(bytes, ParseMode::KeepExtra).ok()?;
    Bound::new(py, C::of(Object::new(core))).ok()
}

/// The value of the field at `index` (`None` when unset), read through the
/// object's kept objects; called by the field's descriptor.
pub(crate) fn get<C: PyModel>(slf: &Bound<'_, C>, index: usize) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let field = Field::<C::Def>::at(index).ok_or_else(|| PyValueError::new_err("no such field"))?;
    let value = slf.get().object().read(
        py,
        index,
        |core| core.get(field).map(Snapshot::of),
        |snapshot| snapshot.build(py),
    )?;
    Ok(value.unwrap_or_else(|| py.None()))
}

/// `effective_<key>`: the field's value, or the server's default (the
/// table's) when it is unset.
pub(crate) fn effective<C: PyModel>(slf: &Bound<'_, C>, index: usize) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let value = get(slf, index)?;
    if !value.is_none(py) {
        return Ok(value);
    }
    let row = C::Def::MODEL
        .fields
        .get(index)
        .ok_or_else(|| PyValueError::new_err("no such field"))?;
    let default = row.default.unwrap_or("null");
    let plain = convert::from_json_text(py, default, Containers::Plain)?;
    Ok(match row.kind {
        FieldKind::Seconds => PyFloat::new(py, plain.extract::<f64>()?)
            .into_any()
            .unbind(),
        FieldKind::Type => {
            let text: String = plain.extract()?;
            Snapshot::Type(SessionType::from(text)).build(py)?
        }
        _ => plain.unbind(),
    })
}

/// Assigns the field at `index` through the core's rule: a refused value
/// raises `ValidationError` (located at the field) and changes nothing.
pub(crate) fn set<C: PyModel>(
    slf: &Bound<'_, C>,
    index: usize,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let py = slf.py();
    let field = Field::<C::Def>::at(index).ok_or_else(|| PyValueError::new_err("no such field"))?;
    // Read (running any Python code the value needs) before the lock is taken.
    let mut source = PySource::new(value);
    let checked = Model::<C::Def>::check_from(field, &mut source);
    if let Some(err) = source.take_failure() {
        return Err(err);
    }
    let checked = checked.map_err(|err| raise(py, &err))?;
    slf.get().object().change(py, Some(index), |core| {
        core.put_checked(checked);
        Ok(())
    })
}

/// `Class(**fields)` through `__new__` (calls of the class take the
/// vectorcall way in, `construct.rs`).
pub(crate) fn new<C: PyModel>(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<C> {
    let mut keywords = Keywords::<C>::new();
    if let Some(kwargs) = kwargs {
        convert::for_each_item(kwargs, |key, value| keywords.add(&key, &value))?;
    }
    keywords.finish(py)
}

/// `obj.__init__(**fields)`: makes the object anew from the keywords, as
/// the constructor would, or raises as it would and changes nothing.
pub(crate) fn init<C: PyModel>(
    slf: &Bound<'_, C>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<()> {
    let py = slf.py();
    let made = new::<C>(py, kwargs)?;
    let core = made.object().core();
    slf.get().object().change(py, None, move |now| {
        *now = Model::clone(&core);
        Ok(())
    })
}

/// Reads a document given as `str`, UTF-8 `bytes` or `bytearray`.
pub(crate) fn from_json<C: PyModel>(data: &Bound<'_, PyAny>, strict: bool) -> PyResult<C> {
    let py = data.py();
    let read = |bytes: &[u8]| {
        let mode = mode(strict);
        let read = if bytes.len() >= DETACH_BYTES {
            py.detach(|| Model::<C::Def>::from_json_with(bytes, mode))
        } else {
            Model::<C::Def>::from_json_with(bytes, mode)
        };
        read.map(|core| C::of(Object::new(core)))
            .map_err(|err| raise(py, &err))
    };
    if let Ok(bytes) = data.cast::<PyBytes>() {
        // Immutable, and held by the caller while it is read.
        read(bytes.as_bytes())
    } else if let Ok(text) = data.cast::<PyString>() {
        // The str's own UTF-8, read in place (immutable, held by the caller).
        match convert::utf8(text) {
            Ok(utf8) => read(utf8.as_bytes()),
            // A lone surrogate cannot be UTF-8: hand the core the bytes it
            // stands for, which it refuses as it refuses them in any document.
            Err(_) => read(
                text.call_method1(pyo3::intern!(py, "encode"), ("utf-8", "surrogatepass"))?
                    .cast_into::<PyBytes>()?
                    .as_bytes(),
            ),
        }
    } else if let Ok(bytes) = data.cast::<PyByteArray>() {
        // Copied: another thread may change a bytearray while it is read.
        read(&bytes.to_vec())
    } else {
        Err(PyTypeError::new_err(format!(
            "from_json() takes str, bytes or bytearray, not {}",
            data.get_type().qualname()?
        )))
    }
}

/// Reads a document given as a dict, by exactly the rules (and with the
/// errors) of `from_json`: its members are handed to the core in order. A
/// key that is not a `str` makes the dict no JSON object at all: that one
/// error is raised, as a syntax error stops a document.
pub(crate) fn from_dict<C: PyModel>(data: &Bound<'_, PyAny>, strict: bool) -> PyResult<C> {
    let py = data.py();
    let Ok(dict) = data.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "from_dict() takes a dict, not {}",
            data.get_type().qualname()?
        )));
    };
    let mut builder = Builder::<C::Def>::new(mode(strict));
    // Each member handed to the core as it is read, its key borrowed.
    let read = convert::for_each_item(dict, |key, value| -> PyResult<()> {
        let key = source::member_key(&key).map_err(|stop| raise(py, &stop.into()))?;
        let mut source = PySource::new(&value);
        let added = builder.member(key, &mut source);
        if let Some(err) = source.take_failure() {
            return Err(err);
        }
        added.map_err(|err| raise(py, &err))
    });
    read?;
    builder
        .finish()
        .map(|core| C::of(Object::new(core)))
        .map_err(|err| raise(py, &err))
}

/// A new object with the given fields changed (keywords as the
/// constructor's; `None` unsets an optional field), every other field and
/// extra key kept. The core checks the changes together and reports every
/// problem; this object is never changed.
pub(crate) fn replace<C: PyModel>(
    slf: &Bound<'_, C>,
    changes: Option<&Bound<'_, PyDict>>,
) -> PyResult<C> {
    let py = slf.py();
    let core = slf.get().object().core();
    let Some(changes) = changes.filter(|changes| !changes.is_empty()) else {
        return Ok(C::of(Object::new(Model::clone(&core))));
    };
    let mut builder = Builder::from_model(&core, ParseMode::KeepExtra);
    convert::for_each_item(changes, |key, value| -> PyResult<()> {
        let index = keyword_field::<C>("replace", &key)?;
        let mut source = PySource::new(&value);
        let added = builder.field(index, &mut source);
        if let Some(err) = source.take_failure() {
            return Err(err);
        }
        added.map_err(|err| raise(py, &err))
    })?;
    builder
        .finish()
        .map(|core| C::of(Object::new(core)))
        .map_err(|err| raise(py, &err))
}

/// The canonical JSON: compact by default; `indent=2` is the core's pretty
/// form, and `indent=n` (0 to 10) the same with n spaces a level. Large
/// objects (64 KiB of JSON or more) are written with the GIL released.
pub(crate) fn to_json<'py, C: PyModel>(
    slf: &Bound<'py, C>,
    indent: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyString>> {
    let py = slf.py();
    let indent = match indent {
        None => None,
        Some(indent) => {
            if indent.is_instance_of::<PyBool>() {
                return Err(PyTypeError::new_err(
                    "indent must be an int or None, not bool",
                ));
            }
            // An int of any size: one beyond 64 bits is out of range too.
            let int = indent.cast::<PyInt>().map_err(PyErr::from)?;
            let in_range = int
                .extract::<usize>()
                .ok()
                .filter(|n| *n <= MAX_INDENT)
                .ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "indent must be between 0 and {MAX_INDENT}, found {int}"
                    ))
                })?;
            Some(in_range)
        }
    };
    let write = move |core: &Model<C::Def>| match indent {
        None => core.to_json(),
        // Within the core's bound, checked above.
        Some(indent) => core.to_json_indented(indent).unwrap_or_default(),
    };
    let large = {
        let object = slf.get().object();
        let state = object.lock();
        if state.core.json_len_hint() < DETACH_BYTES {
            return Ok(PyString::new(py, &write(&state.core)));
        }
        Arc::clone(&state.core)
    };
    if indent.is_none() {
        // Written straight into a `str` made to measure, without a `String`
        // first: the texts the model keeps are most of a large document, and
        // are copied once instead of twice. A first pass totals the pieces'
        // length, also without the GIL.
        let mut len = 0;
        py.detach(|| binding::json_pieces(&large, |piece| len += piece.len()));
        let pieces = |each: &mut dyn FnMut(&str)| binding::json_pieces(&large, each);
        if let Some(written) = convert::ascii_str_of_pieces(py, len, pieces)? {
            return Ok(written);
        }
    }
    let text = py.detach(|| write(&large));
    if indent.is_some() {
        if let Some(written) = convert::ascii_str_of_pieces(py, text.len(), |each| each(&text))? {
            return Ok(written);
        }
    }
    // Not ASCII: Python decodes the UTF-8 (holding the GIL).
    Ok(PyString::new(py, &text))
}

/// The content of `to_json()` as Python data, the caller's own.
pub(crate) fn to_dict<'py, C: PyModel>(slf: &Bound<'py, C>) -> PyResult<Bound<'py, PyAny>> {
    let json = slf.get().object().lock().core.to_json();
    convert::from_json_text(slf.py(), &json, Containers::Plain)
}

/// The model's JSON Schema as a dict.
pub(crate) fn json_schema<'py, C: PyModel>(
    cls: &Bound<'py, PyType>,
) -> PyResult<Bound<'py, PyAny>> {
    convert::from_json_text(cls.py(), &Model::<C::Def>::json_schema(), Containers::Plain)
}

/// The kept keys outside the model, in input order, as a read-only dict.
pub(crate) fn extra<C: PyModel>(slf: &Bound<'_, C>) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let extra = slf.get().object().read(
        py,
        Object::<C::Def>::extra_slot(),
        |core| {
            Some(
                core.extra()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            )
        },
        |members: Vec<(String, String)>| {
            let (dict_class, _) = convert::read_only_classes(py)?;
            let dict = dict_class.call0()?.cast_into::<PyDict>()?;
            for (key, json) in members {
                let value = convert::from_json_text(py, &json, Containers::ReadOnly)?;
                dict.set_item(PyString::new(py, &key), value)?;
            }
            Ok(dict.into_any().unbind())
        },
    )?;
    Ok(extra.unwrap_or_else(|| py.None()))
}

pub(crate) fn eq<C: PyModel>(slf: &Bound<'_, C>, other: &Bound<'_, PyAny>) -> Py<PyAny> {
    let py = slf.py();
    let Ok(other) = other.cast::<C>() else {
        return py.NotImplemented();
    };
    // One lock at a time (an object compared with itself included).
    let equal = slf.as_any().is(other) || {
        let theirs = other.get().object().core();
        *slf.get().object().lock().core == *theirs
    };
    PyBool::new(py, equal).to_owned().into_any().unbind()
}

pub(crate) fn repr<C: PyModel>(slf: &Bound<'_, C>) -> PyResult<String> {
    let json = slf.get().object().lock().core.to_json();
    let values =
        convert::from_json_text(slf.py(), &json, Containers::Plain)?.cast_into::<PyDict>()?;
    let mut parts = Vec::new();
    for field in repr_order::<C::Def>() {
        if let Some(value) = values.get_item(field.name())? {
            parts.push(format!("{}={}", field.name(), value.repr()?.to_cow()?));
            values.del_item(field.name())?;
        }
    }
    if !values.is_empty() {
        parts.push(format!("extra={}", values.repr()?.to_cow()?));
    }
    Ok(format!("{}({})", C::Def::MODEL.name, parts.join(", ")))
}

/// `copy.copy`: shares the kept objects, which are immutable.
pub(crate) fn copy<C: PyModel>(slf: &Bound<'_, C>) -> C {
    C::of(slf.get().object().copy(slf.py(), true))
}

/// `copy.deepcopy`: shares no Python object with this one (the read-only
/// values can still be changed by C code that skips their methods, `heapq`
/// on a list say; a deep copy must not see such a change).
pub(crate) fn deepcopy<C: PyModel>(slf: &Bound<'_, C>) -> C {
    C::of(slf.get().object().copy(slf.py(), false))
}

/// Pickles as `(Class.from_json, (self.to_json(),))`: a pickle stays valid
/// as long as its JSON does, and keeps metadata's number text exactly.
pub(crate) fn reduce<'py, C: PyModel>(
    slf: &Bound<'py, C>,
) -> PyResult<(Bound<'py, PyAny>, (String,))> {
    let from_json = slf.as_any().get_type().getattr("from_json")?;
    let json = slf.get().object().lock().core.to_json();
    Ok((from_json, (json,)))
}

/// pydantic's hooks (used only when pydantic calls them):
/// `connect_session._pydantic`'s, imported on first use.
pub(crate) fn pydantic_hook<'py>(
    cls: &Bound<'py, PyType>,
    hook: &str,
    first: &Bound<'py, PyAny>,
    handler: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    cls.py()
        .import("connect_session._pydantic")?
        .call_method1(hook, (cls, first, handler))
}

/// `_native.MODELS`' entry of a model: `(name, kind, required, doc, default)`
/// per field, in canonical order.
pub(crate) fn rows<'py, D: Def>(py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
    let rows = D::MODEL.fields.iter().map(|field| {
        (
            field.key,
            field.kind.name(),
            field.required,
            field.doc,
            field.default,
        )
    });
    PyTuple::new(py, rows)
}

/// Declares the Python class of one model: a frozen `#[pyclass]` over an
/// [`Object`] of it, whose methods are the generic functions of this module.
/// `models.rs` (generated) invokes it once per model of the table.
macro_rules! py_model {
    ($class:ident, $name:literal, $def:ty, $doc:literal) => {
        #[doc = $doc]
        ///
        /// Keyword-only; every field of the model is a keyword (see the
        /// attributes), `None` meaning "not set". The core checks every value and
        /// reports every problem of the call in one `ValidationError`, a missing
        /// required keyword included; an unknown keyword is a `TypeError`.
        /// Attributes validate on assignment. See the package documentation for
        /// the whole API.
        #[pyo3::pyclass(name = $name, module = "connect_session", frozen)]
        pub(crate) struct $class($crate::model::Object<$def>);

        impl $crate::model::PyModel for $class {
            type Def = $def;

            fn object(&self) -> &$crate::model::Object<$def> {
                &self.0
            }

            fn of(object: $crate::model::Object<$def>) -> Self {
                $class(object)
            }

            fn statics() -> &'static $crate::model::Statics {
                static STATICS: std::sync::OnceLock<$crate::model::Statics> =
                    std::sync::OnceLock::new();
                STATICS.get_or_init(Default::default)
            }
        }

        #[pyo3::pymethods]
        impl $class {
            /// Calls of the class itself take the vectorcall way in
            /// (`construct.rs`); this one serves `Class.__new__(Class, ...)`.
            #[new]
            #[pyo3(signature = (**kwargs))]
            fn new(
                py: pyo3::Python<'_>,
                kwargs: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<Self> {
                $crate::model::new::<Self>(py, kwargs)
            }

            /// Makes the object anew from the keywords, as the constructor would
            /// (every field not given unset, no extra key kept), or raises as it
            /// would and changes nothing.
            #[pyo3(signature = (**kwargs))]
            fn __init__(
                slf: &pyo3::Bound<'_, Self>,
                kwargs: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<()> {
                $crate::model::init(slf, kwargs)
            }

            /// Reads a JSON document (`str`, or UTF-8 `bytes` or `bytearray`).
            /// Extra keys are kept, or refused with `strict=True`. Documents of
            /// 64 KiB or more are read with the GIL released.
            #[classmethod]
            #[pyo3(signature = (data, /, *, strict = false))]
            fn from_json(
                _cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                data: &pyo3::Bound<'_, pyo3::PyAny>,
                strict: bool,
            ) -> pyo3::PyResult<Self> {
                $crate::model::from_json::<Self>(data, strict)
            }

            /// Reads a document given as a dict, by exactly the rules (and with
            /// the errors) of `from_json`.
            #[classmethod]
            #[pyo3(signature = (data, /, *, strict = false))]
            fn from_dict(
                _cls: &pyo3::Bound<'_, pyo3::types::PyType>,
                data: &pyo3::Bound<'_, pyo3::PyAny>,
                strict: bool,
            ) -> pyo3::PyResult<Self> {
                $crate::model::from_dict::<Self>(data, strict)
            }

            /// A new object with the given fields changed (keywords as the
            /// constructor's; `None` unsets an optional field), every other
            /// field and extra key kept. This object is never changed.
            #[pyo3(signature = (**changes))]
            fn replace(
                slf: &pyo3::Bound<'_, Self>,
                changes: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<Self> {
                $crate::model::replace(slf, changes)
            }

            /// `copy.replace(obj, **changes)` (Python 3.13): the same as `replace`.
            #[pyo3(signature = (**changes))]
            fn __replace__(
                slf: &pyo3::Bound<'_, Self>,
                changes: Option<&pyo3::Bound<'_, pyo3::types::PyDict>>,
            ) -> pyo3::PyResult<Self> {
                $crate::model::replace(slf, changes)
            }

            /// The canonical JSON: compact by default; `indent=2` is the core's
            /// pretty form, and `indent=n` (0 to 10) the same with n spaces a
            /// level. Large objects (64 KiB of JSON or more) are written with the
            /// GIL released.
            #[pyo3(signature = (*, indent = None))]
            fn to_json<'py>(
                slf: &pyo3::Bound<'py, Self>,
                indent: Option<&pyo3::Bound<'_, pyo3::PyAny>>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyString>> {
                $crate::model::to_json(slf, indent)
            }

            /// The content of `to_json()` as Python data, the caller's own (plain
            /// dicts and lists, categories and the type as plain strings):
            /// `json.loads(self.to_json())`, except that an integer too long for
            /// Python's int/str conversion limit is a `decimal.Decimal`, and a
            /// number whose value would be written as other text keeps it.
            fn to_dict<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::model::to_dict(slf)
            }

            /// The JSON Schema (draft 2020-12) of the wire format, as a dict: the
            /// core's, generated from the same definition as the rules.
            #[classmethod]
            fn json_schema<'py>(
                cls: &pyo3::Bound<'py, pyo3::types::PyType>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::model::json_schema::<Self>(cls)
            }

            /// The kept keys outside the model, in input order, as a read-only
            /// dict (empty when there are none).
            #[getter]
            fn extra(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<pyo3::Py<pyo3::PyAny>> {
                $crate::model::extra(slf)
            }

            fn __eq__(
                slf: &pyo3::Bound<'_, Self>,
                other: &pyo3::Bound<'_, pyo3::PyAny>,
            ) -> pyo3::Py<pyo3::PyAny> {
                $crate::model::eq(slf, other)
            }

            /// Objects are mutable, so they are not hashable.
            #[classattr]
            const __hash__: Option<pyo3::Py<pyo3::PyAny>> = None;

            fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                $crate::model::repr(slf)
            }

            fn __copy__(slf: &pyo3::Bound<'_, Self>) -> Self {
                $crate::model::copy(slf)
            }

            /// A copy that shares no Python object with this one.
            fn __deepcopy__(
                slf: &pyo3::Bound<'_, Self>,
                _memo: &pyo3::Bound<'_, pyo3::PyAny>,
            ) -> Self {
                $crate::model::deepcopy(slf)
            }

            /// Pickles as `(Class.from_json, (self.to_json(),))`.
            fn __reduce__<'py>(
                slf: &pyo3::Bound<'py, Self>,
            ) -> pyo3::PyResult<(pyo3::Bound<'py, pyo3::PyAny>, (String,))> {
                $crate::model::reduce(slf)
            }

            /// pydantic's hook (used only when pydantic calls it): the schema
            /// comes from `connect_session._pydantic.core_schema`.
            #[classmethod]
            fn __get_pydantic_core_schema__<'py>(
                cls: &pyo3::Bound<'py, pyo3::types::PyType>,
                source_type: &pyo3::Bound<'py, pyo3::PyAny>,
                handler: &pyo3::Bound<'py, pyo3::PyAny>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::model::pydantic_hook(cls, "core_schema", source_type, handler)
            }

            /// pydantic's JSON Schema hook: `connect_session._pydantic.json_schema`.
            #[classmethod]
            fn __get_pydantic_json_schema__<'py>(
                cls: &pyo3::Bound<'py, pyo3::types::PyType>,
                core_schema: &pyo3::Bound<'py, pyo3::PyAny>,
                handler: &pyo3::Bound<'py, pyo3::PyAny>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::model::pydantic_hook(cls, "json_schema", core_schema, handler)
            }
        }
    };
}

pub(crate) use py_model;
