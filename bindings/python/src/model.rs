//! `ConnectSessionCreate` for Python: a handle on the core value.
//!
//! Every way in (constructor, `from_dict`, `from_json`, attribute
//! assignment) becomes JSON text that the core reads with its own rules;
//! every way out is the core's value, or its canonical JSON read back as
//! Python values.
//!
//! Reading an attribute twice does not build its Python value twice: each
//! object keeps, once read, the Python objects of its fields (the strings
//! and the float as they are handed out; for `categories`, `metadata` and
//! `extra` a private master that is copied on every access, its dicts and
//! lists new, its immutable leaves shared). Assigning a field drops what
//! was kept for it. An object never read keeps nothing.
//!
//! Thread safety: the class is `frozen`; its state (the core value and the
//! kept Python objects) is reached only inside a critical section on the
//! object (see [`Guarded`]): with the GIL, that is the GIL itself, which
//! costs nothing more; on a free-threaded build, the object's own mutex.
//! Inside, only Rust code runs: no Python object is created, released, or
//! called (taking a new reference to a kept object is all that happens), so
//! the GIL is never given up there and nothing can re-enter. Objects may be
//! shared between threads: each call sees and leaves a whole, valid value,
//! and no access can fail with "already borrowed". Values built from the
//! state are built outside and kept only if no assignment happened in between.

use std::cell::RefCell;
use std::sync::Arc;

use connect_session::binding::NativeWriter;
use connect_session::{
    ConnectSessionCreate as Core, ConnectSessionCreateCategories as Category, ErrorDetail,
    ErrorKind, Field, ParseMode, PathItem,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::critical_section::with_critical_section;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple, PyType,
};

use crate::convert::{self, Failure, Master};
use crate::errors;

/// The largest `indent` that `to_json` accepts.
const MAX_INDENT: usize = 16;

/// The body of StackOne's "Create Connect Session" request, validated by the
/// connect-session core. See the package documentation for the full API.
#[pyclass(name = "ConnectSessionCreate", module = "connect_session", frozen)]
pub(crate) struct ConnectSessionCreate {
    state: Guarded,
}

/// The state of one object, reached only through [`ConnectSessionCreate::with`]:
/// inside a critical section on the object, which is the GIL itself where
/// there is one (so no other thread runs) and the object's own mutex on a
/// free-threaded build. The `RefCell` turns a second access from the same
/// thread, which the rule "no Python code runs inside" rules out, into a
/// panic rather than undefined behaviour.
struct Guarded(RefCell<State>);

// SAFETY: the cell is only borrowed inside `ConnectSessionCreate::with`,
// i.e. by a thread attached to the interpreter and inside a critical
// section on the object that owns it, during which no Python code runs (so
// the GIL, or the object's mutex, is never given up). No two threads can be
// there at once, and the GIL's (or the mutex's) hand-over orders their
// accesses; `State` itself is `Send`.
unsafe impl Sync for Guarded {}

/// What the lock guards.
struct State {
    core: Core,
    /// Counts assignments, so that a value built outside the lock from an
    /// older state is not kept.
    version: u64,
    /// The Python objects kept for the fields read so far; allocated on the
    /// first read, so an object never read stays small.
    kept: Option<Box<Kept>>,
}

/// Python objects kept for the fields, each built on its first read.
#[derive(Default)]
struct Kept {
    /// A private list of enum members; every read gets a copy.
    categories: Option<Py<PyList>>,
    expires_in: Option<Py<PyFloat>>,
    /// A private master; every read gets a copy of its containers.
    metadata: Option<Arc<Master>>,
    origin_owner_id: Option<Py<PyString>>,
    origin_owner_name: Option<Py<PyString>>,
    origin_username: Option<Py<PyString>>,
    provider: Option<Py<PyString>>,
    /// A private master dict of the extra keys; every read gets a copy.
    extra: Option<Arc<Master>>,
}

/// A kept object, which a read takes a new reference to under the lock
/// (an incref, which runs no Python code).
trait Share {
    fn share(&self, py: Python<'_>) -> Self;
}

impl<T> Share for Py<T> {
    fn share(&self, py: Python<'_>) -> Self {
        self.clone_ref(py)
    }
}

impl Share for Arc<Master> {
    fn share(&self, _py: Python<'_>) -> Self {
        Arc::clone(self)
    }
}

/// What [`Kept::take`] releases (outside the lock).
#[allow(dead_code)] // held only to be dropped
enum Released {
    Object(Py<PyAny>),
    Master(Arc<Master>),
}

impl Kept {
    /// A second set of references to the same objects (all immutable, or
    /// private masters that are never changed), for a copy of the request.
    fn share(&self, py: Python<'_>) -> Kept {
        fn share<T: Share>(py: Python<'_>, slot: &Option<T>) -> Option<T> {
            slot.as_ref().map(|value| value.share(py))
        }
        Kept {
            categories: share(py, &self.categories),
            expires_in: share(py, &self.expires_in),
            metadata: share(py, &self.metadata),
            origin_owner_id: share(py, &self.origin_owner_id),
            origin_owner_name: share(py, &self.origin_owner_name),
            origin_username: share(py, &self.origin_username),
            provider: share(py, &self.provider),
            extra: share(py, &self.extra),
        }
    }

    /// Takes out what is kept for `field` (to be released outside the lock).
    fn take(&mut self, field: Field) -> Option<Released> {
        let object = match field {
            Field::Categories => self.categories.take().map(Py::into_any),
            Field::ExpiresIn => self.expires_in.take().map(Py::into_any),
            Field::Metadata => return self.metadata.take().map(Released::Master),
            Field::OriginOwnerId => self.origin_owner_id.take().map(Py::into_any),
            Field::OriginOwnerName => self.origin_owner_name.take().map(Py::into_any),
            Field::OriginUsername => self.origin_username.take().map(Py::into_any),
            Field::Provider => self.provider.take().map(Py::into_any),
            _ => None,
        };
        object.map(Released::Object)
    }
}

/// Which kept object a read uses.
type Slot<K> = fn(&mut Kept) -> &mut Option<K>;

impl ConnectSessionCreate {
    fn wrap(core: Core) -> Self {
        Self::of(State {
            core,
            version: 0,
            kept: None,
        })
    }

    fn of(state: State) -> Self {
        ConnectSessionCreate {
            state: Guarded(RefCell::new(state)),
        }
    }

    /// Runs `f` on the state of `slf`, which no other thread can reach
    /// meanwhile (see [`Guarded`]). `f` must not run Python code: it may take
    /// new references to kept objects (an incref) and nothing else of
    /// Python's; objects are made and released outside.
    fn with<R>(slf: &Bound<'_, Self>, f: impl FnOnce(&mut State) -> R) -> R {
        with_critical_section(slf.as_any(), || f(&mut slf.get().state.0.borrow_mut()))
    }

    /// A copy of the core value.
    fn core(slf: &Bound<'_, Self>) -> Core {
        Self::with(slf, |state| state.core.clone())
    }

    /// Sets one field from a Python value, through the core's `set_json`.
    fn set_field(slf: &Bound<'_, Self>, field: Field, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let text = convert::to_json_text(value, &[PathItem::from(field.name())])
            .map_err(|failure| failure.into_py_err(py))?;
        let set = Self::with(slf, |state| {
            state.core.set_json(field, text).map(|()| {
                state.version = state.version.wrapping_add(1);
                state.kept.as_mut().and_then(|kept| kept.take(field))
            })
        });
        // The exception is made, and what was kept released, outside.
        match set {
            Ok(released) => {
                drop(released);
                Ok(())
            }
            Err(err) => Err(errors::to_py_err(py, err.errors())),
        }
    }

    /// The kept Python object of a field, built by `build` from what
    /// `snapshot` copies out of the core on the first read; `None` when the
    /// field is not set. `build` runs outside [`with`](Self::with), and what
    /// it built is kept only if no assignment happened meanwhile.
    fn read<S, K: Share>(
        slf: &Bound<'_, Self>,
        slot: Slot<K>,
        snapshot: impl FnOnce(&Core) -> Option<S>,
        build: impl FnOnce(S) -> PyResult<K>,
    ) -> PyResult<Option<K>> {
        let py = slf.py();
        let found = Self::with(slf, |state| {
            if let Some(kept) = state.kept.as_mut().and_then(|kept| slot(kept).as_ref()) {
                return Ok(kept.share(py));
            }
            Err(snapshot(&state.core).map(|copied| (state.version, copied)))
        });
        let (version, copied) = match found {
            Ok(kept) => return Ok(Some(kept)),
            Err(None) => return Ok(None),
            Err(Some(snapshot)) => snapshot,
        };
        let value = build(copied)?;
        let kept = value.share(py);
        let unused = Self::with(slf, |state| {
            let slot = (state.version == version)
                .then(|| slot(state.kept.get_or_insert_with(Box::default)))
                .filter(|slot| slot.is_none());
            match slot {
                Some(slot) => {
                    *slot = Some(kept);
                    None
                }
                None => Some(kept),
            }
        });
        // Released here, outside.
        drop(unused);
        Ok(Some(value))
    }

    /// A string field as a kept `str`.
    fn read_str<'py>(
        slf: &Bound<'py, Self>,
        slot: Slot<Py<PyString>>,
        value: fn(&Core) -> Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyString>>> {
        let py = slf.py();
        let kept = Self::read(
            slf,
            slot,
            |core| value(core).map(str::to_owned),
            |text| Ok(PyString::new(py, &text).unbind()),
        )?;
        Ok(kept.map(|kept| kept.into_bound(py)))
    }
}

/// The members of the Python enum `ConnectSessionCreateCategories`, in the
/// order of `Category::ALL`.
fn category_members(py: Python<'_>) -> PyResult<&Bound<'_, PyTuple>> {
    static MEMBERS: PyOnceLock<Py<PyTuple>> = PyOnceLock::new();
    let members = MEMBERS.get_or_try_init(py, || -> PyResult<Py<PyTuple>> {
        let enum_class = py
            .import("connect_session._categories")?
            .getattr("ConnectSessionCreateCategories")?;
        let members = Category::ALL
            .iter()
            .map(|c| enum_class.call1((c.as_str(),)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, members)?.unbind())
    })?;
    Ok(members.bind(py))
}

/// The categories as a list of members of the Python enum.
fn category_list<'py>(py: Python<'py>, categories: &[Category]) -> PyResult<Bound<'py, PyList>> {
    let members = category_members(py)?;
    let items = categories
        .iter()
        .map(|c| {
            let index = Category::ALL
                .iter()
                .position(|known| known == c)
                .unwrap_or_default();
            members.get_item(index)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A new list with the items of `list` (a shallow copy: `list[:]`).
fn copy_list<'py>(list: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
    let py = list.py();
    // SAFETY: `list` is a live list; `PyList_GetSlice` returns a new
    // reference, or NULL with an exception set.
    unsafe {
        let copy = pyo3::ffi::PyList_GetSlice(list.as_ptr(), 0, isize::MAX);
        Ok(Bound::from_owned_ptr_or_err(py, copy)?.cast_into_unchecked())
    }
}

/// Where a problem sorts: the field's slot (extras after the fields, as the
/// core orders them), then the member's position in the input.
type Order = (usize, usize);

fn slot_of(key: &str) -> usize {
    Field::ALL
        .iter()
        .position(|field| field.name() == key)
        .unwrap_or(Field::ALL.len())
}

/// The fast way in for the constructor: the given fields written into one
/// document that the core reads once. `Ok(None)` when a value cannot be
/// written or the core refuses the document; [`read_members`] then finds and
/// reports every problem. Python's own failures propagate.
fn read_fields<'a, 'py: 'a>(
    fields: impl IntoIterator<Item = (Field, &'a Bound<'py, PyAny>)>,
) -> PyResult<Option<Core>> {
    let mut w = NativeWriter::with_capacity(&[], convert::DOCUMENT_CAPACITY);
    let written = (|| -> Result<(), Failure> {
        w.begin_object()?;
        for (field, value) in fields {
            w.key(field.name());
            convert::write(&mut w, value)?;
        }
        w.end_object();
        Ok(())
    })();
    read_written(written.map(|()| w.finish()), ParseMode::KeepExtra)
}

/// The core's reading of a document written in one go, or `Ok(None)` (see [`read_fields`]).
fn read_written(written: Result<String, Failure>, mode: ParseMode) -> PyResult<Option<Core>> {
    match written {
        Ok(document) => Ok(Core::from_json_with(document, mode).ok()),
        Err(Failure::Invalid(_)) => Ok(None),
        Err(Failure::Python(err)) => Err(err),
    }
}

/// Reads a document given as Python members (the keyword arguments of the
/// constructor, or the items of a dict), reporting every problem.
///
/// Each member's value is written as JSON on its own, so a value that JSON
/// cannot hold is reported without hiding the problems of the others; the
/// members that could be written form one document that the core reads.
/// All problems are raised together, in the core's order.
fn read_members(
    py: Python<'_>,
    members: &[(Bound<'_, PyAny>, Bound<'_, PyAny>)],
    mode: ParseMode,
) -> PyResult<Core> {
    let root = NativeWriter::new(&[]);
    let mut document = String::from("{");
    let mut problems: Vec<(Order, ErrorDetail)> = Vec::new();
    let mut keys: Vec<(String, usize)> = Vec::new();
    let mut unwritten: Vec<String> = Vec::new();
    for (position, (key, value)) in members.iter().enumerate() {
        let key = match convert::key_text(&root, key) {
            Ok(key) => key.into_owned(),
            Err(failure) => {
                refused((Field::ALL.len(), position), failure, &mut problems)?;
                continue;
            }
        };
        let order = (slot_of(&key), position);
        keys.push((key.clone(), position));
        match convert::to_json_text(value, &[PathItem::from(key.as_str())]) {
            Ok(text) => {
                if document.len() > 1 {
                    document.push(',');
                }
                document.push_str(&convert::json_string(&key));
                document.push(':');
                document.push_str(&text);
            }
            Err(failure) => {
                refused(order, failure, &mut problems)?;
                unwritten.push(key);
            }
        }
    }
    document.push('}');
    let read = Core::from_json_with(&document, mode);
    let core_errors = match read {
        Ok(core) if problems.is_empty() => return Ok(core),
        Ok(_) => Vec::new(),
        Err(err) => err.into_errors(),
    };
    for detail in core_errors {
        let key = match detail.loc().first() {
            Some(PathItem::Key(key)) => Some(key.as_str()),
            _ => None,
        };
        // A member left out because its value was refused is not missing.
        let left_out = key.is_some_and(|key| unwritten.iter().any(|k| k == key));
        if left_out && detail.kind() == ErrorKind::MissingField {
            continue;
        }
        let order = key.map_or((0, 0), |key| {
            // The last member with this key is the one the document holds.
            let position = keys
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map_or(usize::MAX, |(_, position)| *position);
            (slot_of(key), position)
        });
        problems.push((order, detail));
    }
    problems.sort_by_key(|(order, _)| *order);
    let details: Vec<ErrorDetail> = problems.into_iter().map(|(_, detail)| detail).collect();
    Err(errors::to_py_err(py, &details))
}

/// Records the problems of a refused member; Python's own failures propagate.
fn refused(
    order: Order,
    failure: Failure,
    problems: &mut Vec<(Order, ErrorDetail)>,
) -> PyResult<()> {
    match failure {
        Failure::Invalid(err) => {
            problems.extend(err.into_errors().into_iter().map(|detail| (order, detail)));
            Ok(())
        }
        Failure::Python(err) => Err(err),
    }
}

fn mode(strict: bool) -> ParseMode {
    if strict {
        ParseMode::Strict
    } else {
        ParseMode::KeepExtra
    }
}

/// Re-indents the core's pretty form (two spaces a level) with `indent`
/// spaces a level. Only leading white space changes: strings in canonical
/// JSON never hold a raw newline, so every line starts with indentation.
fn reindent(pretty: &str, indent: usize) -> String {
    let lines: Vec<String> = pretty
        .split('\n')
        .map(|line| {
            let content = line.trim_start_matches(' ');
            let level = (line.len() - content.len()) / 2;
            format!("{}{content}", " ".repeat(level * indent))
        })
        .collect();
    lines.join("\n")
}

/// The fields in the order `repr` shows them: the required ones first (as
/// the constructor takes them), then the others in canonical order.
fn repr_order() -> impl Iterator<Item = Field> {
    let required = Field::ALL.into_iter().filter(|field| field.is_required());
    required.chain(Field::ALL.into_iter().filter(|field| !field.is_required()))
}

#[pymethods]
impl ConnectSessionCreate {
    #[new]
    #[pyo3(signature = (
        *,
        origin_owner_id,
        origin_owner_name,
        categories = None,
        expires_in = None,
        metadata = None,
        origin_username = None,
        provider = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        origin_owner_id: Bound<'_, PyAny>,
        origin_owner_name: Bound<'_, PyAny>,
        categories: Option<Bound<'_, PyAny>>,
        expires_in: Option<Bound<'_, PyAny>>,
        metadata: Option<Bound<'_, PyAny>>,
        origin_username: Option<Bound<'_, PyAny>>,
        provider: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let values = [
            (Field::Categories, categories),
            (Field::ExpiresIn, expires_in),
            (Field::Metadata, metadata),
            (Field::OriginOwnerId, Some(origin_owner_id)),
            (Field::OriginOwnerName, Some(origin_owner_name)),
            (Field::OriginUsername, origin_username),
            (Field::Provider, provider),
        ];
        // `None` is the same as leaving an argument out (an absent optional
        // field; for a required one, an error the slow way reports).
        let given = values.iter().filter_map(|(field, value)| {
            let value = value.as_ref().filter(|value| !value.is_none())?;
            Some((*field, value))
        });
        if let Some(core) = read_fields(given)? {
            return Ok(Self::wrap(core));
        }
        let none = || py.None().into_bound(py);
        let members: Vec<_> = values
            .into_iter()
            .map(|(field, value)| {
                let key = PyString::new(py, field.name()).into_any();
                (key, value.unwrap_or_else(none))
            })
            .collect();
        read_members(py, &members, ParseMode::KeepExtra).map(Self::wrap)
    }

    /// Reads a JSON document (`str` or UTF-8 `bytes`). Extra keys are kept,
    /// or refused with `strict=True`.
    #[classmethod]
    #[pyo3(signature = (data, /, *, strict = false))]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        data: &Bound<'_, PyAny>,
        strict: bool,
    ) -> PyResult<Self> {
        let py = data.py();
        let read = |bytes: &[u8]| {
            Core::from_json_with(bytes, mode(strict))
                .map(Self::wrap)
                .map_err(|err| errors::to_py_err(py, err.errors()))
        };
        if let Ok(bytes) = data.cast_exact::<PyBytes>() {
            read(bytes.as_bytes())
        } else if let Ok(text) = data.cast::<PyString>() {
            match convert::str_text(text) {
                Ok(text) => read(text.as_bytes()),
                // A lone surrogate: hand the core the bytes it stands for,
                // which it refuses as it refuses them in any document.
                Err(_) => {
                    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
                    read(encoded.cast::<PyBytes>()?.as_bytes())
                }
            }
        } else if let Ok(bytes) = data.cast::<PyBytes>() {
            read(bytes.as_bytes())
        } else if let Ok(bytes) = data.cast::<PyByteArray>() {
            read(&bytes.to_vec())
        } else {
            Err(PyTypeError::new_err(format!(
                "from_json() takes str, bytes or bytearray, not {}",
                data.get_type().qualname()?
            )))
        }
    }

    /// Reads a document given as a dict, with exactly the rules (and the
    /// errors) of `from_json`.
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
        // The fast way: the dict written as one document (its members in
        // order, exactly the text the slow way puts together member by member).
        if let Some(core) = read_written(convert::document_text(dict), mode(strict))? {
            return Ok(Self::wrap(core));
        }
        let members: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = dict.iter().collect();
        read_members(py, &members, mode(strict)).map(Self::wrap)
    }

    /// The canonical JSON: compact by default; `indent=2` is the core's
    /// pretty form, and `indent=n` (0 to 16) the same with n spaces a level.
    #[pyo3(signature = (*, indent = None))]
    fn to_json(slf: &Bound<'_, Self>, indent: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let Some(indent) = indent else {
            return Ok(Self::with(slf, |state| state.core.to_json()));
        };
        if indent.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err(
                "indent must be an int or None, not bool",
            ));
        }
        let indent: i64 = indent.extract()?;
        let indent = usize::try_from(indent)
            .ok()
            .filter(|n| *n <= MAX_INDENT)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "indent must be between 0 and {MAX_INDENT}, found {indent}"
                ))
            })?;
        let pretty = Self::with(slf, |state| state.core.to_json_pretty());
        Ok(if indent == 2 {
            pretty
        } else {
            reindent(&pretty, indent)
        })
    }

    /// The content of `to_json()` as Python data: `json.loads(self.to_json())`.
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let json = Self::with(slf, |state| state.core.to_json());
        convert::from_json_text(slf.py(), &json)
    }

    /// A new list on every access.
    #[getter]
    fn categories<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyList>>> {
        let py = slf.py();
        let master = Self::read(
            slf,
            |kept| &mut kept.categories,
            |core| core.categories().map(<[_]>::to_vec),
            |list| Ok(category_list(py, &list)?.unbind()),
        )?;
        master.map(|master| copy_list(master.bind(py))).transpose()
    }

    #[setter]
    fn set_categories(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::Categories, value)
    }

    #[getter]
    fn expires_in<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyFloat>>> {
        let py = slf.py();
        let kept = Self::read(
            slf,
            |kept| &mut kept.expires_in,
            Core::expires_in,
            |seconds| Ok(PyFloat::new(py, seconds).unbind()),
        )?;
        Ok(kept.map(|kept| kept.into_bound(py)))
    }

    #[setter]
    fn set_expires_in(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::ExpiresIn, value)
    }

    /// `expires_in`, or the server's default (1800) when it is not set.
    #[getter]
    fn effective_expires_in(slf: &Bound<'_, Self>) -> f64 {
        Self::with(slf, |state| state.core.effective_expires_in())
    }

    /// A new dict on every access (changing it changes nothing here).
    #[getter]
    fn metadata<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = slf.py();
        let master = Self::read(
            slf,
            |kept| &mut kept.metadata,
            |core| core.metadata().map(|m| m.as_json().to_owned()),
            |json| Master::from_json_text(py, &json).map(Arc::new),
        )?;
        master.map(|master| master.copy(py)).transpose()
    }

    #[setter]
    fn set_metadata(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::Metadata, value)
    }

    #[getter]
    fn origin_owner_id<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyString>>> {
        Self::read_str(
            slf,
            |kept| &mut kept.origin_owner_id,
            |core| Some(core.origin_owner_id()),
        )
    }

    #[setter]
    fn set_origin_owner_id(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::OriginOwnerId, value)
    }

    #[getter]
    fn origin_owner_name<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyString>>> {
        Self::read_str(
            slf,
            |kept| &mut kept.origin_owner_name,
            |core| Some(core.origin_owner_name()),
        )
    }

    #[setter]
    fn set_origin_owner_name(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::OriginOwnerName, value)
    }

    #[getter]
    fn origin_username<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyString>>> {
        Self::read_str(slf, |kept| &mut kept.origin_username, Core::origin_username)
    }

    #[setter]
    fn set_origin_username(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::OriginUsername, value)
    }

    #[getter]
    fn provider<'py>(slf: &Bound<'py, Self>) -> PyResult<Option<Bound<'py, PyString>>> {
        Self::read_str(slf, |kept| &mut kept.provider, Core::provider)
    }

    #[setter]
    fn set_provider(slf: &Bound<'_, Self>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        Self::set_field(slf, Field::Provider, value)
    }

    /// The kept keys outside the model, in input order: a new dict on every access.
    #[getter]
    fn extra<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let master = Self::read(
            slf,
            |kept| &mut kept.extra,
            |core| {
                // The extra keys as the text of one object, read like metadata.
                let mut extra = core.extra().peekable();
                extra.peek()?;
                let mut text = String::from("{");
                for (key, value) in extra {
                    if text.len() > 1 {
                        text.push(',');
                    }
                    text.push_str(&convert::json_string(key));
                    text.push(':');
                    text.push_str(value);
                }
                text.push('}');
                Some(text)
            },
            |text| Master::from_json_text(py, &text).map(Arc::new),
        )?;
        match master {
            Some(master) => master.copy(py),
            None => Ok(PyDict::new(py).into_any()),
        }
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let Ok(other) = other.cast::<Self>() else {
            return Ok(py.NotImplemented());
        };
        // One object at a time (an object compared with itself included).
        let equal = slf.is(other) || {
            let theirs = Self::core(other);
            Self::with(slf, |state| state.core == theirs)
        };
        Ok(PyBool::new(py, equal).to_owned().into_any().unbind())
    }

    /// Objects are mutable, so they are not hashable.
    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let json = Self::with(slf, |state| state.core.to_json());
        let values = convert::from_json_text(slf.py(), &json)?.cast_into::<PyDict>()?;
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
        // What is kept is immutable or never changed, so the copy shares it.
        Self::of(Self::with(slf, |state| State {
            core: state.core.clone(),
            version: 0,
            kept: state.kept.as_ref().map(|kept| Box::new(kept.share(py))),
        }))
    }

    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Self {
        Self::__copy__(slf)
    }

    /// Pickles as `(ConnectSessionCreate.from_json, (self.to_json(),))`: a
    /// pickle stays valid as long as its JSON does, and keeps metadata's
    /// number text exactly.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.py().get_type::<Self>().getattr("from_json")?;
        Ok((from_json, (Self::with(slf, |state| state.core.to_json()),)))
    }
}
