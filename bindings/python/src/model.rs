//! `ConnectSessionCreate` for Python: a handle on the core value.
//!
//! Every way in (the constructor, `from_dict`, `replace`, an assignment,
//! `__init__` on an object)
//! hands the core Python values field by field ([`Held`] → `Value`, a `str`
//! lent in place; the constructor and `from_dict` to the core's `Builder` as
//! they read them) and the core applies every rule, once, collecting every
//! problem in its own order;
//! `from_json` hands it the text. Nothing here checks a value, orders errors
//! or drops any. The fields' attributes are not written here one by one: they
//! are [`FieldProperty`](crate::field::FieldProperty) descriptors installed
//! from the core's `Field::ALL` (see `lib.rs`), which call [`get`] and [`set`].
//!
//! Reading an attribute twice does not build its Python value twice: each
//! object keeps, once read, the Python object of each field it hands out (a
//! `str`, a `float`, an enum member, and for `categories`, `metadata` and
//! `extra` a read-only `list`/`dict` subclass, read-only at every depth, so
//! that a change to what a read returned raises instead of silently
//! vanishing). Assigning a field drops what was kept for it. An object never
//! read keeps nothing.
//!
//! Thread safety: the state (the core value and the kept objects) sits in a
//! [`Mutex`], locked only around Rust code that runs no Python code (taking a
//! new reference to a kept object, an incref, is all that happens of
//! Python's), so the lock never waits on the GIL and nothing can re-enter.
//! Python objects are made and released outside it. Objects may be shared
//! between threads, on GIL and free-threaded builds alike: each call sees and
//! leaves a whole, valid value. A value built outside the lock from an older
//! state is not kept. The core value itself is shared (an `Arc`) with copies
//! of the object and with a `to_json` that runs without the GIL, and copied
//! by the assignment that changes it while it is shared.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use connect_session::binding::{self, Builder, NativeWriter};
use connect_session::{
    ConnectSessionCreate as Core, ConnectSessionCreateCategories as Category,
    ConnectSessionCreateType as SessionType, Field, FieldValue, ParseMode, ValidationError, Value,
    MAX_INDENT,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyString, PyType};

use crate::convert::{self, Containers};
use crate::enums;
use crate::errors;
use crate::value::Held;

/// From this many bytes of JSON on, `from_json` and `to_json` run with the
/// GIL released (other Python threads run meanwhile).
pub(crate) const DETACH_BYTES: usize = 64 * 1024;

/// The body of StackOne's "Create Connect Session" request, validated by the
/// connect-session core.
///
/// ConnectSessionCreate(*, origin_owner_id, origin_owner_name, **optional_fields)
///
/// Keyword-only; every field of the model is a keyword (see the attributes),
/// `None` meaning "not set". The core checks every value and reports every
/// problem of the call in one `ValidationError`, a missing required keyword
/// included; an unknown keyword is a `TypeError`. Attributes validate on
/// assignment. See the package documentation for the whole API.
#[pyclass(name = "ConnectSessionCreate", module = "connect_session", frozen)]
pub(crate) struct ConnectSessionCreate {
    state: Mutex<State>,
}

/// What the lock guards.
struct State {
    /// Shared with copies of the object and with a `to_json` running without
    /// the GIL; an assignment copies it first if it is shared (copy on write).
    core: Arc<Core>,
    /// Counts assignments, so that a value built outside the lock from an
    /// older state is not kept.
    version: u64,
    /// The Python objects kept for the fields read so far; allocated on the
    /// first read, so an object never read stays small.
    kept: Option<Box<Kept>>,
}

/// Python objects kept for the fields, each built on its first read. All are
/// immutable (or read-only), so they are handed out as they are.
struct Kept {
    /// By position in `Field::ALL`.
    fields: [Option<Py<PyAny>>; Field::COUNT],
    extra: Option<Py<PyAny>>,
}

impl Kept {
    fn new() -> Box<Kept> {
        Box::new(Kept {
            fields: std::array::from_fn(|_| None),
            extra: None,
        })
    }

    /// A second set of references to the same objects, for a copy.
    fn share(&self, py: Python<'_>) -> Box<Kept> {
        let share = |slot: &Option<Py<PyAny>>| slot.as_ref().map(|object| object.clone_ref(py));
        Box::new(Kept {
            fields: std::array::from_fn(|index| self.fields.get(index).and_then(share)),
            extra: share(&self.extra),
        })
    }
}

/// Which kept object a read uses: a field's (by position) or the extra keys'.
#[derive(Clone, Copy)]
enum Slot {
    Field(usize),
    Extra,
}

impl Slot {
    fn of(self, kept: &mut Kept) -> Option<&mut Option<Py<PyAny>>> {
        match self {
            Slot::Field(index) => kept.fields.get_mut(index),
            Slot::Extra => Some(&mut kept.extra),
        }
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
        }
    }

    /// The Python value handed out: `str`; `bool`; `float`; a read-only list
    /// of `ConnectSessionCreateCategories` members; a read-only dict; a
    /// `ConnectSessionCreateType` member when the type is known, else `str`.
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
        })
    }
}

/// The field a keyword names; an unknown keyword is a wrong call shape.
fn keyword_field(function: &str, key: &Bound<'_, PyAny>) -> PyResult<Field> {
    let py = key.py();
    static NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();
    let names = NAMES.get_or_init(py, || {
        Field::ALL
            .iter()
            .map(|field| PyString::intern(py, field.name()).unbind())
            .collect()
    });
    // Keywords written in a call are interned, so they are the same objects.
    for (field, name) in Field::ALL.iter().zip(names) {
        if key.is(name) {
            return Ok(*field);
        }
    }
    for (field, name) in Field::ALL.iter().zip(names) {
        if key.eq(name)? {
            return Ok(*field);
        }
    }
    Err(PyTypeError::new_err(format!(
        "{function}() got an unexpected keyword argument {}",
        key.repr()?
    )))
}

/// Reads keyword arguments as the values of the fields they name (for
/// `replace`, which must know every change before it hands any to the core).
fn keyword_values<'py>(
    function: &str,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Vec<(Field, Held<'py>)>> {
    let Some(kwargs) = kwargs else {
        return Ok(Vec::new());
    };
    let mut held = Vec::with_capacity(kwargs.len());
    convert::for_each_item(kwargs, |key, value| -> PyResult<()> {
        held.push(keyword_value(function, &key, &value)?);
        Ok(())
    })?;
    Ok(held)
}

/// One keyword argument as the value of the field it names.
fn keyword_value<'py>(
    function: &str,
    key: &Bound<'_, PyAny>,
    value: &Bound<'py, PyAny>,
) -> PyResult<(Field, Held<'py>)> {
    let field = keyword_field(function, key)?;
    Ok((field, Held::read(field.name(), value)?))
}

/// The constructor's keyword arguments, each handed to the core as soon as
/// it is read: no list of them is made first (through `from_values`, the
/// reference call took 12.37k instructions instead of 11.83k, callgrind).
pub(crate) struct Keywords {
    builder: Builder,
}

impl Keywords {
    pub(crate) fn new() -> Self {
        Keywords {
            builder: Builder::new(ParseMode::KeepExtra),
        }
    }

    /// Adds the keyword argument `key=value`.
    pub(crate) fn add(&mut self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let field = keyword_field(CONSTRUCTOR, key)?;
        Held::lend(field.name(), value, |value| {
            self.builder.field(field, value)
        })?
        .map_err(|err| raise(key.py(), &err))
    }

    /// The object, every keyword checked by the core.
    pub(crate) fn finish(self, py: Python<'_>) -> PyResult<ConnectSessionCreate> {
        self.builder
            .finish()
            .map(ConnectSessionCreate::wrap)
            .map_err(|err| raise(py, &err))
    }
}

fn mode(strict: bool) -> ParseMode {
    if strict {
        ParseMode::Strict
    } else {
        ParseMode::KeepExtra
    }
}

fn raise(py: Python<'_>, err: &ValidationError) -> PyErr {
    errors::to_py_err(py, err)
}

/// A set field's value handed back to the core as it would be given (for
/// `replace`, which validates the whole result). Exhaustive over the kinds.
fn current_value(value: FieldValue<'_>) -> Value<'_> {
    match value {
        FieldValue::Text(text) => Value::Str(Cow::Borrowed(text)),
        FieldValue::Boolean(flag) => Value::Bool(flag),
        FieldValue::Seconds(seconds) => Value::Float(seconds),
        FieldValue::Categories(list) => Value::Categories(list.to_vec()),
        FieldValue::Object(metadata) => Value::Json(Cow::Borrowed(metadata.as_json())),
        FieldValue::Type(kind) => Value::Str(Cow::Borrowed(kind.as_str())),
    }
}

/// The fields in the order `repr` shows them: the required ones first (as
/// the constructor takes them), then the others in canonical order.
fn repr_order() -> impl Iterator<Item = Field> {
    let required = Field::ALL.into_iter().filter(|field| field.is_required());
    required.chain(Field::ALL.into_iter().filter(|field| !field.is_required()))
}

/// A document under [`DETACH_BYTES`] the core accepts, as a new object;
/// `None` for any other (`decode_call` then takes PyO3's `from_json`, which
/// reports it). Makes no Python exception.
pub(crate) fn decode_small<'py>(
    py: Python<'py>,
    bytes: &[u8],
) -> Option<Bound<'py, ConnectSessionCreate>> {
    if bytes.len() >= DETACH_BYTES {
        return None;
    }
    let core = Core::from_json_with(bytes, ParseMode::KeepExtra).ok()?;
    Bound::new(py, ConnectSessionCreate::wrap(core)).ok()
}

/// The constructor's name in messages about its arguments.
pub(crate) const CONSTRUCTOR: &str = "ConnectSessionCreate";

impl ConnectSessionCreate {
    fn wrap(core: Core) -> Self {
        Self::of(State {
            core: Arc::new(core),
            version: 0,
            kept: None,
        })
    }

    fn of(state: State) -> Self {
        ConnectSessionCreate {
            state: Mutex::new(state),
        }
    }

    /// The state, locked. No Python code may run while the guard lives (see
    /// the module documentation); a poisoned lock (a panic inside, which
    /// would be a bug) still holds a whole value, since every change is one
    /// assignment made after the core accepted it.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The object kept for the field at `index` of `Field::ALL`, if it has
    /// been read before. Runs no Python code and drops no Python object: the
    /// field's descriptor calls it ahead of PyO3's entry into the extension
    /// (see `field::get_kept`).
    pub(crate) fn kept_field(&self, py: Python<'_>, index: usize) -> Option<Py<PyAny>> {
        let state = self.lock();
        let kept = state.kept.as_ref()?.fields.get(index)?.as_ref()?;
        Some(kept.clone_ref(py))
    }

    /// The core value (shared, not copied).
    fn core(&self) -> Arc<Core> {
        Arc::clone(&self.lock().core)
    }

    /// The kept Python object of `slot`, built by `build` from what
    /// `snapshot` copies out of the core on the first read; `None` when the
    /// value is not set. `build` runs outside the lock, and what it built is
    /// kept only if no assignment happened meanwhile.
    fn read<S>(
        &self,
        py: Python<'_>,
        slot: Slot,
        snapshot: impl FnOnce(&Core) -> Option<S>,
        build: impl FnOnce(S) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Option<Py<PyAny>>> {
        let found = {
            let mut state = self.lock();
            let kept = state.kept.as_mut().and_then(|kept| slot.of(kept)?.as_ref());
            match kept {
                Some(kept) => Ok(kept.clone_ref(py)),
                None => Err(snapshot(&state.core).map(|copied| (state.version, copied))),
            }
        };
        let (version, copied) = match found {
            Ok(kept) => return Ok(Some(kept)),
            Err(None) => return Ok(None),
            Err(Some(snapshot)) => snapshot,
        };
        let value = build(copied)?;
        {
            let mut state = self.lock();
            if state.version == version {
                let kept = state.kept.get_or_insert_with(Kept::new);
                if let Some(empty @ None) = slot.of(kept) {
                    *empty = Some(value.clone_ref(py));
                }
            }
        }
        Ok(Some(value))
    }
}

/// The value of a field (`None` when unset), read through the object's kept
/// objects; called by the field's descriptor.
pub(crate) fn get(
    slf: &Bound<'_, ConnectSessionCreate>,
    index: usize,
    field: Field,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let value = slf.get().read(
        py,
        Slot::Field(index),
        |core| core.get(field).map(Snapshot::of),
        |snapshot| snapshot.build(py),
    )?;
    Ok(value.unwrap_or_else(|| py.None()))
}

/// Assigns a field through the core's `set`: a refused value raises
/// `ValidationError` (located at the field) and changes nothing.
pub(crate) fn set(
    slf: &Bound<'_, ConnectSessionCreate>,
    index: usize,
    field: Field,
    value: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let py = slf.py();
    let set = Held::lend(field.name(), value, |value| {
        let mut state = slf.get().lock();
        Arc::make_mut(&mut state.core).set(field, value).map(|()| {
            state.version = state.version.wrapping_add(1);
            let kept = state.kept.as_mut();
            kept.and_then(|kept| kept.fields.get_mut(index).and_then(Option::take))
        })
    })?;
    // The exception is made, and what was kept released, outside the lock.
    match set {
        Ok(released) => {
            drop(released);
            Ok(())
        }
        Err(err) => Err(raise(py, &err)),
    }
}

#[pymethods]
impl ConnectSessionCreate {
    /// Calls of the class itself take the vectorcall way in (`construct.rs`);
    /// this one serves `ConnectSessionCreate.__new__(ConnectSessionCreate, ...)`.
    #[new]
    #[pyo3(signature = (**kwargs))]
    fn new(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut keywords = Keywords::new();
        if let Some(kwargs) = kwargs {
            convert::for_each_item(kwargs, |key, value| keywords.add(&key, &value))?;
        }
        keywords.finish(py)
    }

    /// Makes the object anew from the keywords, as the constructor would (every
    /// field not given unset, no extra key kept), or raises as it would and
    /// changes nothing. (Calls of the class do not come here.)
    #[pyo3(signature = (**kwargs))]
    fn __init__(
        slf: &Bound<'_, Self>,
        py: Python<'_>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<()> {
        let made = Self::new(py, kwargs)?;
        let core = Arc::clone(&made.lock().core);
        let released = {
            let mut state = slf.get().lock();
            state.core = core;
            state.version = state.version.wrapping_add(1);
            state.kept.take()
        };
        // Released outside the lock, like every kept object.
        drop(released);
        Ok(())
    }

    /// Reads a JSON document (`str`, or UTF-8 `bytes` or `bytearray`). Extra keys
    /// are kept, or refused with `strict=True`. Documents of 64 KiB or more are
    /// read with the GIL released.
    #[classmethod]
    #[pyo3(signature = (data, /, *, strict = false))]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        data: &Bound<'_, PyAny>,
        strict: bool,
    ) -> PyResult<Self> {
        let py = data.py();
        let read = |bytes: &[u8]| {
            let mode = mode(strict);
            let read = if bytes.len() >= DETACH_BYTES {
                py.detach(|| Core::from_json_with(bytes, mode))
            } else {
                Core::from_json_with(bytes, mode)
            };
            read.map(Self::wrap).map_err(|err| raise(py, &err))
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
    /// errors) of `from_json`: its members are handed to the core in order.
    /// A key that is not a `str` makes the dict no JSON object at all: that
    /// one error is raised, as a syntax error stops a document.
    #[classmethod]
    #[pyo3(signature = (data, /, *, strict = false))]
    fn from_dict(
        _cls: &Bound<'_, PyType>,
        data: &Bound<'_, PyAny>,
        strict: bool,
    ) -> PyResult<Self> {
        let py = data.py();
        let Ok(dict) = data.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "from_dict() takes a dict, not {}",
                data.get_type().qualname()?
            )));
        };
        let root = NativeWriter::new(&[]);
        let mut builder = Builder::new(mode(strict));
        // Each member handed to the core as it is read, its key borrowed.
        let read = convert::for_each_item(dict, |key, value| {
            let key = convert::key_text(&root, &key)?;
            Held::lend(key, &value, |value| builder.member(key, value))?
                .map_err(convert::Failure::Invalid)
        });
        match read {
            Ok(()) => {}
            Err(convert::Failure::Invalid(err)) => return Err(raise(py, &err)),
            Err(convert::Failure::Python(err)) => return Err(err),
        }
        builder
            .finish()
            .map(Self::wrap)
            .map_err(|err| raise(py, &err))
    }

    /// A new object with the given fields changed (keywords as the
    /// constructor's; `None` unsets an optional field), every other field and
    /// extra key kept. The core checks the result as a whole and reports
    /// every problem together; this object is never changed.
    #[pyo3(signature = (**changes))]
    fn replace(slf: &Bound<'_, Self>, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let py = slf.py();
        let mut changed = keyword_values("replace", changes)?;
        let core = slf.get().core();
        if changed.is_empty() {
            return Ok(Self::wrap(Core::clone(&core)));
        }
        let mut values: Vec<(&str, Value<'_>)> = Vec::new();
        for field in Field::ALL {
            if changed.iter().any(|(f, _)| *f == field) {
                continue;
            }
            if let Some(value) = core.get(field) {
                values.push((field.name(), current_value(value)));
            }
        }
        let given = changed
            .iter_mut()
            .map(|(field, held)| (field.name(), held.value()));
        let extra = core
            .extra()
            .map(|(key, json)| (key, Value::Json(Cow::Borrowed(json))));
        let all = values.into_iter().chain(given).chain(extra);
        Core::from_values(all, ParseMode::KeepExtra)
            .map(Self::wrap)
            .map_err(|err| raise(py, &err))
    }

    /// `copy.replace(obj, **changes)` (Python 3.13): the same as `replace`.
    #[pyo3(signature = (**changes))]
    fn __replace__(slf: &Bound<'_, Self>, changes: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Self::replace(slf, changes)
    }

    /// The canonical JSON: compact by default; `indent=2` is the core's
    /// pretty form, and `indent=n` (0 to 10) the same with n spaces a level.
    /// Large objects (64 KiB of JSON or more) are written with the GIL released.
    #[pyo3(signature = (*, indent = None))]
    fn to_json<'py>(
        slf: &Bound<'py, Self>,
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
        let write = move |core: &Core| match indent {
            None => core.to_json(),
            // Within the core's bound, checked above.
            Some(indent) => core.to_json_indented(indent).unwrap_or_default(),
        };
        let this = slf.get();
        let large = {
            let state = this.lock();
            if state.core.json_len_hint() < DETACH_BYTES {
                return Ok(PyString::new(py, &write(&state.core)));
            }
            Arc::clone(&state.core)
        };
        if indent.is_none() {
            // Written straight into a `str` made to measure, without a
            // `String` first: the texts the model keeps are most of a large
            // document, and are copied once instead of twice. A first pass
            // totals the pieces' length, also without the GIL: the stored
            // texts are only measured, but text fields are escaped as in the
            // second, and one of them may be most of the document.
            let mut len = 0;
            py.detach(|| binding::json_pieces(&large, |piece| len += piece.len()));
            let pieces = |each: &mut dyn FnMut(&str)| binding::json_pieces(&large, each);
            if let Some(written) = convert::ascii_str_of_pieces(py, len, pieces)? {
                return Ok(written);
            }
        }
        let text = py.detach(|| write(&large));
        if indent.is_some() {
            if let Some(written) = convert::ascii_str_of_pieces(py, text.len(), |each| each(&text))?
            {
                return Ok(written);
            }
        }
        // Not ASCII: Python decodes the UTF-8 (holding the GIL).
        Ok(PyString::new(py, &text))
    }

    /// The content of `to_json()` as Python data, the caller's own (plain
    /// dicts and lists, categories and the type as plain strings):
    /// `json.loads(self.to_json())`, except that an integer too long for
    /// Python's int/str conversion limit is a `decimal.Decimal`.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let json = slf.get().lock().core.to_json();
        convert::from_json_text(slf.py(), &json, Containers::Plain)
    }

    /// The JSON Schema (draft 2020-12) of the wire format, as a dict: the
    /// core's `json_schema()`, generated from the same definition as the rules.
    #[classmethod]
    fn json_schema<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
        convert::from_json_text(cls.py(), &Core::json_schema(), Containers::Plain)
    }

    /// `expires_in`, or the server's default (1800) when it is not set.
    #[getter]
    fn effective_expires_in(&self) -> f64 {
        self.lock().core.effective_expires_in()
    }

    /// The kept keys outside the model, in input order, as a read-only dict
    /// (empty when there are none).
    #[getter]
    fn extra(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let extra = slf.get().read(
            py,
            Slot::Extra,
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

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let Ok(other) = other.cast::<Self>() else {
            return Ok(py.NotImplemented());
        };
        // One lock at a time (an object compared with itself included).
        let equal = slf.is(other) || {
            let theirs = other.get().core();
            *slf.get().lock().core == *theirs
        };
        Ok(PyBool::new(py, equal).to_owned().into_any().unbind())
    }

    /// Objects are mutable, so they are not hashable.
    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let json = slf.get().lock().core.to_json();
        let values =
            convert::from_json_text(slf.py(), &json, Containers::Plain)?.cast_into::<PyDict>()?;
        let mut parts = Vec::new();
        for field in repr_order() {
            if let Some(value) = values.get_item(field.name())? {
                parts.push(format!("{}={}", field.name(), value.repr()?.to_cow()?));
                values.del_item(field.name())?;
            }
        }
        if !values.is_empty() {
            parts.push(format!("extra={}", values.repr()?.to_cow()?));
        }
        Ok(format!("ConnectSessionCreate({})", parts.join(", ")))
    }

    fn __copy__(slf: &Bound<'_, Self>) -> Self {
        let py = slf.py();
        let state = {
            let state = slf.get().lock();
            State {
                core: Arc::clone(&state.core),
                version: 0,
                // What is kept is immutable, so the copy shares it.
                kept: state.kept.as_ref().map(|kept| kept.share(py)),
            }
        };
        Self::of(state)
    }

    /// A copy that shares no Python object with this one: its values are
    /// built again on their first read. (The read-only values can still be
    /// changed by C code that skips their methods, `heapq` on a list say; a
    /// deep copy must not see such a change.)
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Self {
        let core = Arc::clone(&slf.get().lock().core);
        Self::of(State {
            core,
            version: 0,
            kept: None,
        })
    }

    /// Pickles as `(ConnectSessionCreate.from_json, (self.to_json(),))`: a
    /// pickle stays valid as long as its JSON does, and keeps metadata's
    /// number text exactly.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.py().get_type::<Self>().getattr("from_json")?;
        let json = slf.get().lock().core.to_json();
        Ok((from_json, (json,)))
    }

    /// pydantic's hook (used only when pydantic calls it): the schema comes
    /// from `connect_session._pydantic.core_schema`, imported on first use.
    #[classmethod]
    fn __get_pydantic_core_schema__<'py>(
        cls: &Bound<'py, PyType>,
        source_type: &Bound<'py, PyAny>,
        handler: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        cls.py()
            .import("connect_session._pydantic")?
            .call_method1("core_schema", (cls, source_type, handler))
    }

    /// pydantic's JSON Schema hook: `connect_session._pydantic.json_schema`.
    #[classmethod]
    fn __get_pydantic_json_schema__<'py>(
        cls: &Bound<'py, PyType>,
        core_schema: &Bound<'py, PyAny>,
        handler: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        cls.py()
            .import("connect_session._pydantic")?
            .call_method1("json_schema", (cls, core_schema, handler))
    }
}
