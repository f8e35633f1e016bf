//! `ConnectSessionCreate` for Python: a handle on the core value.
//!
//! Every way in (constructor, `from_dict`, `from_json`, attribute
//! assignment) becomes JSON text that the core reads with its own rules;
//! every way out is the core's canonical JSON read back as Python values.
//!
//! Thread safety: the class is `frozen` and keeps the core value behind a
//! `Mutex` that is held only while Rust code runs (never across a call into
//! Python), so objects may be shared between threads: each call sees and
//! leaves a whole, valid value, and no access can fail with "already borrowed".

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use connect_session::{
    ConnectSessionCreate as Core, ErrorDetail, ErrorKind, Field, NativeWriter, ParseMode, PathItem,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyString, PyType};

use crate::convert::{self, Failure};
use crate::errors;

/// The largest `indent` that `to_json` accepts.
const MAX_INDENT: usize = 16;

/// The body of StackOne's "Create Connect Session" request, validated by the
/// connect-session core. See the package documentation for the full API.
#[pyclass(name = "ConnectSessionCreate", module = "connect_session", frozen)]
pub(crate) struct ConnectSessionCreate {
    inner: Mutex<Core>,
}

impl ConnectSessionCreate {
    fn wrap(core: Core) -> Self {
        ConnectSessionCreate {
            inner: Mutex::new(core),
        }
    }

    /// The core value. The lock is only ever held by Rust code that cannot
    /// panic halfway through a change, so a poisoned lock still guards a
    /// whole value and is used as is.
    fn lock(&self) -> MutexGuard<'_, Core> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A copy of the core value, taken under the lock.
    fn snapshot(&self) -> Core {
        self.lock().clone()
    }

    /// Sets one field from a Python value, through the core's `set_json`.
    fn set_field(&self, py: Python<'_>, field: Field, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let text = convert::to_json_text(value, &[PathItem::from(field.name())])
            .map_err(|failure| failure.into_py_err(py))?;
        // The guard lives for this statement only: no Python runs under the lock.
        let result = self.lock().set_json(field, text);
        result.map_err(|err| errors::to_py_err(py, err.errors()))
    }
}

/// Where a problem sorts: the field's slot (extras after the fields, as the
/// core orders them), then the member's position in the input.
type Slot = (usize, usize);

fn slot_of(key: &str) -> usize {
    Field::ALL
        .iter()
        .position(|field| field.name() == key)
        .unwrap_or(Field::ALL.len())
}

/// Reads a document given as Python members (the keyword arguments of the
/// constructor, or the items of a dict).
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
    let mut problems: Vec<(Slot, ErrorDetail)> = Vec::new();
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut unwritten: Vec<String> = Vec::new();
    for (position, (key, value)) in members.iter().enumerate() {
        let key = match convert::key_text(&root, key) {
            Ok(key) => key,
            Err(failure) => {
                refused((Field::ALL.len(), position), failure, &mut problems)?;
                continue;
            }
        };
        let slot = (slot_of(&key), position);
        positions.insert(key.clone(), position);
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
                refused(slot, failure, &mut problems)?;
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
        let slot = key.map_or((0, 0), |key| {
            let position = positions.get(key).copied().unwrap_or(usize::MAX);
            (slot_of(key), position)
        });
        problems.push((slot, detail));
    }
    problems.sort_by_key(|(slot, _)| *slot);
    let details: Vec<ErrorDetail> = problems.into_iter().map(|(_, detail)| detail).collect();
    Err(errors::to_py_err(py, &details))
}

/// Records the problems of a refused member; Python's own failures propagate.
fn refused(slot: Slot, failure: Failure, problems: &mut Vec<(Slot, ErrorDetail)>) -> PyResult<()> {
    match failure {
        Failure::Invalid(err) => {
            problems.extend(err.into_errors().into_iter().map(|detail| (slot, detail)));
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
        let none = || py.None().into_bound(py);
        let values = [
            (Field::Categories, categories.unwrap_or_else(none)),
            (Field::ExpiresIn, expires_in.unwrap_or_else(none)),
            (Field::Metadata, metadata.unwrap_or_else(none)),
            (Field::OriginOwnerId, origin_owner_id),
            (Field::OriginOwnerName, origin_owner_name),
            (Field::OriginUsername, origin_username.unwrap_or_else(none)),
            (Field::Provider, provider.unwrap_or_else(none)),
        ];
        let members: Vec<_> = values
            .into_iter()
            .map(|(field, value)| (PyString::new(py, field.name()).into_any(), value))
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
        if let Ok(text) = data.cast::<PyString>() {
            match text.to_cow() {
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
        let members = dict
            .items()
            .iter()
            .map(|item| item.extract())
            .collect::<PyResult<Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)>>>()?;
        read_members(py, &members, mode(strict)).map(Self::wrap)
    }

    /// The canonical JSON: compact by default; `indent=2` is the core's
    /// pretty form, and `indent=n` (0 to 16) the same with n spaces a level.
    #[pyo3(signature = (*, indent = None))]
    fn to_json(&self, indent: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let Some(indent) = indent else {
            return Ok(self.lock().to_json());
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
        let pretty = self.lock().to_json_pretty();
        Ok(if indent == 2 {
            pretty
        } else {
            reindent(&pretty, indent)
        })
    }

    /// The content of `to_json()` as Python data: `json.loads(self.to_json())`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = self.lock().to_json();
        convert::from_json_text(py, &json)
    }

    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let categories = self.lock().categories().map(<[_]>::to_vec);
        categories
            .map(|list| convert::category_members(py, &list).map(Bound::into_any))
            .transpose()
    }

    #[setter]
    fn set_categories(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::Categories, value)
    }

    #[getter]
    fn expires_in(&self) -> Option<f64> {
        self.lock().expires_in()
    }

    #[setter]
    fn set_expires_in(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::ExpiresIn, value)
    }

    /// `expires_in`, or the server's default (1800) when it is not set.
    #[getter]
    fn effective_expires_in(&self) -> f64 {
        self.lock().effective_expires_in()
    }

    /// A new dict on every access (changing it changes nothing here).
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let json = self.lock().metadata().map(|m| m.as_json().to_owned());
        json.map(|json| convert::from_json_text(py, &json))
            .transpose()
    }

    #[setter]
    fn set_metadata(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::Metadata, value)
    }

    #[getter]
    fn origin_owner_id(&self) -> String {
        self.lock().origin_owner_id().to_owned()
    }

    #[setter]
    fn set_origin_owner_id(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::OriginOwnerId, value)
    }

    #[getter]
    fn origin_owner_name(&self) -> String {
        self.lock().origin_owner_name().to_owned()
    }

    #[setter]
    fn set_origin_owner_name(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::OriginOwnerName, value)
    }

    #[getter]
    fn origin_username(&self) -> Option<String> {
        self.lock().origin_username().map(str::to_owned)
    }

    #[setter]
    fn set_origin_username(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::OriginUsername, value)
    }

    #[getter]
    fn provider(&self) -> Option<String> {
        self.lock().provider().map(str::to_owned)
    }

    #[setter]
    fn set_provider(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_field(py, Field::Provider, value)
    }

    /// The kept keys outside the model, in input order: a new dict on every access.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let extra: Vec<(String, String)> = self
            .lock()
            .extra()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        let dict = PyDict::new(py);
        for (key, value) in extra {
            dict.set_item(key, convert::from_json_text(py, &value)?)?;
        }
        Ok(dict)
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let Ok(other) = other.cast::<Self>() else {
            return Ok(py.NotImplemented());
        };
        // One lock at a time: comparing an object with itself must not deadlock.
        let equal = slf.is(other) || other.get().snapshot() == *slf.get().lock();
        Ok(PyBool::new(py, equal).to_owned().into_any().unbind())
    }

    /// Objects are mutable, so they are not hashable.
    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let json = self.lock().to_json();
        let values = convert::from_json_text(py, &json)?.cast_into::<PyDict>()?;
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

    fn __copy__(&self) -> Self {
        Self::wrap(self.snapshot())
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        Self::wrap(self.snapshot())
    }

    /// Pickles as `(ConnectSessionCreate.from_json, (self.to_json(),))`: a
    /// pickle stays valid as long as its JSON does, and keeps metadata's
    /// number text exactly.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<Self>().getattr("from_json")?;
        Ok((from_json, (self.lock().to_json(),)))
    }
}
