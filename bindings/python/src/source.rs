//! A Python value as the core's [`Source`]: what the constructor,
//! `from_dict`, `replace` and every assignment hand to the core's rules,
//! member by member. The rules read it as they read a document's values, so
//! a value's problems are the same, in the same order, as its JSON's.
//!
//! `None`, `bool` (before `int`: a `bool` is an `int` in Python, not in
//! JSON), `int` of any size, finite `float` and finite `decimal.Decimal`
//! (as their exact text), `str` and subclasses (enum members), `dict` with
//! `str` keys, `list` and `tuple` are JSON's values; a NaN or an infinity is
//! refused where it stands; anything else is a value JSON has no type for,
//! which the field's rule names (a `datetime.datetime` is the date-time
//! kind's own). Values are read through the C API, never through methods a
//! subclass could override; Python code runs only for a `Decimal` (its own
//! `is_finite` and `__str__`), an int beyond 64 bits (`int.__repr__`), a
//! `datetime`'s offset (its `tzinfo`), and to describe a refused value.

use std::borrow::Cow;

use connect_session::binding::{stop, NativeWriter, Number, Peek, Problems, Source, Stop};
use connect_session::time::{Date, Month, OffsetDateTime, Time, UtcOffset};
use connect_session::{Category, ErrorKind};
use pyo3::exceptions::PyUnicodeEncodeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::types::{PyDateAccess, PyDeltaAccess, PyTimeAccess, PyTzInfoAccess};

use crate::convert::{self, kept_date_time_class, kept_number_classes};
use crate::enums;

/// What a `str` holding a lone surrogate is, for messages.
const LONE_SURROGATE: &str = "a str holding a lone surrogate, which is not valid Unicode";

/// What the value under the cursor is, found once by [`PySource::peek`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Int,
    Float,
    /// A number that keeps its JSON text (`JsonFloat`, `JsonInt`), a `Decimal`
    /// or an int beyond 64 bits.
    NumberText,
    Str,
    /// A date-time read from a model whose text its value does not give back.
    DateTimeText,
    Dict,
    List,
    Tuple,
    DateTime,
    Other,
    Refused,
}

/// A Python value under a cursor.
pub(crate) struct PySource<'py> {
    value: Bound<'py, PyAny>,
    kind: Option<Kind>,
    /// The text of a number or a date-time that keeps it.
    text: Option<String>,
    /// The value of a float (or of a `Decimal` NaN or infinity).
    float: f64,
    problems: Problems,
    /// Python's own failure (out of memory, a dict changed while read),
    /// which stops the reading; the caller raises it.
    failure: Option<PyErr>,
}

impl<'py> PySource<'py> {
    pub(crate) fn new(value: &Bound<'py, PyAny>) -> Self {
        PySource {
            value: value.clone(),
            kind: None,
            text: None,
            float: 0.0,
            problems: Problems::default(),
            failure: None,
        }
    }

    /// Python's own failure while the value was read, if there was one.
    pub(crate) fn take_failure(&mut self) -> Option<PyErr> {
        self.failure.take()
    }

    /// Stops the reading for a Python failure (kept for the caller).
    fn fail(&mut self, err: PyErr) -> Stop {
        self.failure = Some(err);
        stop(ErrorKind::Syntax, "a Python exception stopped the reading")
    }

    fn python<T>(&mut self, result: PyResult<T>) -> Result<T, Stop> {
        result.map_err(|err| self.fail(err))
    }

    /// Moves the cursor to `value`.
    fn at(&mut self, value: Bound<'py, PyAny>) {
        self.value = value;
        self.kind = None;
        self.text = None;
    }

    fn classify(&mut self) -> Result<Kind, Stop> {
        let value = self.value.clone();
        let value = &value;
        let py = value.py();
        // The exact types first: the common case.
        if let Ok(string) = value.cast_exact::<PyString>() {
            return Ok(str_kind(string));
        }
        if let Ok(int) = value.cast_exact::<PyInt>() {
            let int = int.clone();
            return self.int_kind(&int);
        }
        if value.is_exact_instance_of::<PyDict>() {
            return Ok(Kind::Dict);
        }
        if value.is_exact_instance_of::<PyList>() {
            return Ok(Kind::List);
        }
        if let Ok(float) = value.cast_exact::<PyFloat>() {
            self.float = float.value();
            return Ok(Kind::Float);
        }
        if value.is_none() {
            return Ok(Kind::Null);
        }
        if value.is_instance_of::<PyBool>() {
            return Ok(Kind::Bool);
        }
        let (kept_float, kept_int) = self.python(kept_number_classes(py))?;
        if value.is_instance(kept_float).unwrap_or(false)
            || value.is_instance(kept_int).unwrap_or(false)
        {
            let text = self.python(value.getattr(pyo3::intern!(py, "json")))?;
            let text: String = self.python(text.extract())?;
            self.text = Some(text);
            return Ok(Kind::NumberText);
        }
        if let Ok(int) = value.cast::<PyInt>() {
            let int = int.clone();
            return self.int_kind(&int);
        }
        if let Ok(float) = value.cast::<PyFloat>() {
            self.float = float.value();
            return Ok(Kind::Float);
        }
        if let Ok(string) = value.cast::<PyString>() {
            return Ok(str_kind(string));
        }
        if value.is_instance_of::<PyDict>() {
            return Ok(Kind::Dict);
        }
        if value.is_instance_of::<PyList>() {
            return Ok(Kind::List);
        }
        if value.is_instance_of::<PyTuple>() {
            return Ok(Kind::Tuple);
        }
        if value.is_instance_of::<PyDateTime>() {
            let kept = self.python(kept_date_time_class(py))?;
            if value.is_instance(kept).unwrap_or(false) {
                let text = self.python(value.getattr(pyo3::intern!(py, "json")))?;
                self.text = Some(self.python(text.extract())?);
                return Ok(Kind::DateTimeText);
            }
            return Ok(Kind::DateTime);
        }
        match self.python(convert::decimal_text(value))? {
            Some(text) => {
                let unsigned = text.trim_start_matches(['-', '+']);
                if unsigned.starts_with(['N', 'n', 's', 'S', 'I', 'i']) {
                    // NaN and the infinities: the floats they stand for.
                    self.float = if unsigned.starts_with(['I', 'i']) {
                        if text.starts_with('-') {
                            f64::NEG_INFINITY
                        } else {
                            f64::INFINITY
                        }
                    } else {
                        f64::NAN
                    };
                    return Ok(Kind::Float);
                }
                self.text = Some(text);
                Ok(Kind::NumberText)
            }
            None => Ok(Kind::Other),
        }
    }

    /// An int: a number that fits 64 bits, else its decimal digits (refused
    /// when even those cannot be had).
    fn int_kind(&mut self, int: &Bound<'py, PyInt>) -> Result<Kind, Stop> {
        if self.python(convert::small_int(int))?.is_some() {
            return Ok(Kind::Int);
        }
        match self.python(convert::int_digits(int))? {
            Ok(digits) => {
                self.text = Some(digits);
                Ok(Kind::NumberText)
            }
            Err(found) => {
                self.problems.record(ErrorKind::InvalidType, || {
                    connect_session::binding::not_json(&found)
                });
                Ok(Kind::Refused)
            }
        }
    }

    fn kind(&mut self) -> Result<Kind, Stop> {
        if let Some(kind) = self.kind {
            return Ok(kind);
        }
        let kind = self.classify()?;
        self.kind = Some(kind);
        Ok(kind)
    }
}

fn str_kind(string: &Bound<'_, PyString>) -> Kind {
    match convert::utf8(string) {
        Ok(_) => Kind::Str,
        Err(_) => Kind::Other,
    }
}

impl Source for PySource<'_> {
    fn problems_mut(&mut self) -> &mut Problems {
        &mut self.problems
    }

    #[inline]
    fn peek(&mut self) -> Result<Peek, Stop> {
        Ok(match self.kind()? {
            Kind::Null => Peek::Null,
            Kind::Bool => Peek::Boolean,
            Kind::Int | Kind::Float | Kind::NumberText => Peek::Number,
            Kind::Str | Kind::DateTimeText => Peek::String,
            Kind::Dict => Peek::Object,
            Kind::List | Kind::Tuple => Peek::Array,
            Kind::DateTime | Kind::Other => Peek::Native,
            Kind::Refused => Peek::Refused,
        })
    }

    fn boolean(&mut self) -> Result<bool, Stop> {
        Ok(self.value.is_truthy().unwrap_or(false))
    }

    fn number(&mut self) -> Result<Number<'_>, Stop> {
        match self.kind()? {
            Kind::Float => Ok(Number::Float(self.float)),
            Kind::NumberText => Ok(Number::Text(Cow::Borrowed(
                self.text.as_deref().unwrap_or("0"),
            ))),
            _ => {
                let int = self.value.cast::<PyInt>().cloned().map_err(PyErr::from);
                let int = self.python(int)?;
                let small = self.python(convert::small_int(&int))?;
                Ok(Number::Int(small.unwrap_or_default()))
            }
        }
    }

    #[inline]
    fn string(&mut self) -> Result<Cow<'_, str>, Stop> {
        if self.text.is_none() {
            let readable = match self.value.cast::<PyString>() {
                Ok(string) => convert::utf8(string).map(drop),
                Err(err) => Err(err.into()),
            };
            if let Err(err) = readable {
                return Err(self.fail(err));
            }
        }
        Ok(match (&self.text, self.value.cast::<PyString>()) {
            (Some(text), _) => Cow::Borrowed(text.as_str()),
            (None, Ok(string)) => Cow::Borrowed(convert::utf8(string).unwrap_or_default()),
            (None, Err(_)) => Cow::Borrowed(""),
        })
    }

    fn items(
        &mut self,
        _depth: usize,
        mut each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        let container = self.value.clone();
        let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = container.cast::<PyList>() {
            list.iter().collect()
        } else if let Ok(tuple) = container.cast::<PyTuple>() {
            tuple.iter().collect()
        } else {
            Vec::new()
        };
        for (index, item) in items.into_iter().enumerate() {
            self.at(item);
            let mark = self
                .problems
                .enter(connect_session::PathItem::Index(0).weight());
            let mut result = each(self, index);
            self.problems.leave(
                mark,
                || connect_session::PathItem::Index(index),
                result.as_mut().err().map(|stop| &mut **stop),
            );
            result?;
        }
        self.at(container);
        Ok(())
    }

    fn skip(&mut self, depth: usize) -> Result<(), Stop> {
        // Checked as a document's value is: its refused parts, and a number
        // JSON cannot hold (as a document's number beyond a double is).
        match self.kind()? {
            Kind::Dict
            | Kind::List
            | Kind::Tuple
            | Kind::Float
            | Kind::NumberText
            | Kind::DateTime
            | Kind::Other => self.capture(depth).map(drop),
            _ => Ok(()),
        }
    }

    fn capture(&mut self, depth: usize) -> Result<Option<String>, Stop> {
        if let Kind::DateTime | Kind::Other = self.kind()? {
            let found = self.describe();
            self.problems.record(ErrorKind::InvalidType, || {
                connect_session::binding::not_json(&found)
            });
            return Ok(None);
        }
        if self.kind()? == Kind::Refused {
            return Ok(None);
        }
        let value = self.value.clone();
        match capture(&value, depth) {
            Ok(writer) => Ok(writer.finish_into(&mut self.problems)),
            Err(WalkStop::Stop(stop)) => Err(stop),
            Err(WalkStop::Python(err)) => Err(self.fail(err)),
        }
    }

    fn describe(&self) -> Cow<'static, str> {
        if let Ok(string) = self.value.cast::<PyString>() {
            if convert::utf8(string).is_err() {
                return Cow::Borrowed(LONE_SURROGATE);
            }
        }
        Cow::Owned(convert::describe(&self.value))
    }

    fn date_time(&mut self) -> Option<Result<OffsetDateTime, String>> {
        let when = self.value.cast::<PyDateTime>().ok()?.clone();
        Some(match date_time(&when) {
            Ok(made) => made,
            Err(err) => {
                self.failure = Some(err);
                Err("a Python exception stopped the reading".to_owned())
            }
        })
    }

    fn category(&mut self) -> Option<Category> {
        let members = enums::categories(self.value.py()).ok()?;
        let first = members.get_item(0).ok()?;
        if self.value.get_type_ptr() != first.get_type_ptr() {
            return None;
        }
        let at = members.iter().position(|member| member.is(&self.value))?;
        Category::ALL.get(at).copied()
    }
}

/// A Python `datetime` as an instant with its offset; `Err` says why it has
/// none (a naive datetime) or why RFC 3339 cannot write it.
fn date_time(when: &Bound<'_, PyDateTime>) -> PyResult<Result<OffsetDateTime, String>> {
    let offset = match when.get_tzinfo() {
        None => None,
        Some(tz) => {
            let delta = tz.call_method1(pyo3::intern!(when.py(), "utcoffset"), (when,))?;
            if delta.is_none() {
                None
            } else {
                let delta = delta.cast_into::<pyo3::types::PyDelta>()?;
                if delta.get_microseconds() != 0 {
                    return Ok(Err("its offset is not a whole number of minutes".to_owned()));
                }
                Some(i64::from(delta.get_days()) * 86_400 + i64::from(delta.get_seconds()))
            }
        }
    };
    let Some(offset) = offset else {
        return Ok(Err(
            "a naive datetime has no offset, which an instant needs: give it a tzinfo \
             (datetime.timezone.utc, say)"
                .to_owned(),
        ));
    };
    let made = (|| {
        let offset = i32::try_from(offset).ok()?;
        if offset % 60 != 0 {
            return None;
        }
        let offset = UtcOffset::from_whole_seconds(offset).ok()?;
        let date = Date::from_calendar_date(
            when.get_year(),
            Month::try_from(when.get_month()).ok()?,
            when.get_day(),
        )
        .ok()?;
        let time = Time::from_hms_micro(
            when.get_hour(),
            when.get_minute(),
            when.get_second(),
            when.get_microsecond(),
        )
        .ok()?;
        Some(date.with_time(time).assume_offset(offset))
    })();
    Ok(made.ok_or_else(|| "its offset is not a whole number of minutes".to_owned()))
}

/// Why a walk of a value stopped.
enum WalkStop {
    /// Nesting beyond the limit, or an int no digits can be had of.
    Stop(Stop),
    /// Python's own failure.
    Python(PyErr),
}

impl From<Stop> for WalkStop {
    fn from(stop: Stop) -> Self {
        WalkStop::Stop(stop)
    }
}

impl From<PyErr> for WalkStop {
    fn from(err: PyErr) -> Self {
        WalkStop::Python(err)
    }
}

/// `value` written as canonical JSON text, its containers at `depth`.
fn capture(value: &Bound<'_, PyAny>, depth: usize) -> Result<NativeWriter, WalkStop> {
    // The keys of one dict are distinct, so the writer need not look each up
    // (-560 instructions for the reference metadata, callgrind), as long as
    // they are exact `str` (a subclass may make equal text two keys) and
    // nothing changes the dict while it is walked: on a free-threaded build
    // another thread may at any time; on others only Python code can, which
    // the walk runs only where it says so. When either may have happened,
    // what was written is dropped and the value walked again, every key
    // looked up.
    let mut walk = Walk {
        trust_keys: cfg!(not(Py_GIL_DISABLED)),
        doubt: false,
    };
    loop {
        // Room for a typical value, so that writing one allocates once.
        let mut writer = NativeWriter::with_capacity(depth, 256);
        let written = write(&mut writer, value, &mut walk);
        if walk.trust_keys && walk.doubt {
            walk.trust_keys = false;
            continue;
        }
        written?;
        return Ok(writer);
    }
}

/// How a walk of a value takes the keys of its dicts.
struct Walk {
    /// Keys go to the writer as distinct from the other keys of their dict,
    /// not looked up, until there is a doubt.
    trust_keys: bool,
    /// Set at a key that is not an exact `str`, and before Python code may
    /// run (any of which may also set off a garbage collection, whose
    /// finalizers run any code at all).
    doubt: bool,
}

/// Feeds one value to the writer, which records what JSON cannot hold where
/// it stands and goes on, so that every such problem is reported together,
/// as the core reports a document's; the walk stops at the nesting limit.
fn write(w: &mut NativeWriter, value: &Bound<'_, PyAny>, walk: &mut Walk) -> Result<(), WalkStop> {
    // The exact types first: the common case, and none of them is a subclass
    // of another, so the order below (`bool` before `int`) still decides the rest.
    if let Ok(string) = value.cast_exact::<PyString>() {
        write_str(w, string);
        return Ok(());
    } else if let Ok(int) = value.cast_exact::<PyInt>() {
        return write_int(w, int, walk);
    } else if let Ok(dict) = value.cast_exact::<PyDict>() {
        return write_dict(w, dict, walk);
    } else if let Ok(list) = value.cast_exact::<PyList>() {
        return write_items(w, list.iter(), walk);
    } else if let Ok(float) = value.cast_exact::<PyFloat>() {
        w.float(float.value());
        return Ok(());
    }
    if value.is_none() {
        w.null();
        return Ok(());
    }
    if let Ok(flag) = value.cast::<PyBool>() {
        // Before `int`: `bool` is a subclass of it, but JSON has booleans.
        w.bool(flag.is_true());
        return Ok(());
    }
    let py = value.py();
    let (kept_float, kept_int) = kept_number_classes(py)?;
    if value.is_instance(kept_float)? || value.is_instance(kept_int)? {
        // A number read from a model: written back as the text it was read from.
        walk.doubt = true;
        let text: String = value.getattr(pyo3::intern!(py, "json"))?.extract()?;
        w.json_text(&text)?;
    } else if let Ok(int) = value.cast::<PyInt>() {
        write_int(w, int, walk)?;
    } else if let Ok(float) = value.cast::<PyFloat>() {
        w.float(float.value());
    } else if let Ok(string) = value.cast::<PyString>() {
        write_str(w, string);
    } else if let Ok(dict) = value.cast::<PyDict>() {
        write_dict(w, dict, walk)?;
    } else if let Ok(list) = value.cast::<PyList>() {
        write_items(w, list.iter(), walk)?;
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        write_items(w, tuple.iter(), walk)?;
    } else {
        walk.doubt = true;
        match convert::decimal_text(value)? {
            Some(text) => write_number_text(w, &text)?,
            None => w.unsupported(&convert::describe(value)),
        }
    }
    Ok(())
}

fn write_items<'py>(
    w: &mut NativeWriter,
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    walk: &mut Walk,
) -> Result<(), WalkStop> {
    w.begin_array()?;
    for item in items {
        write(w, &item, walk)?;
    }
    w.end_array();
    Ok(())
}

fn write_dict(
    w: &mut NativeWriter,
    dict: &Bound<'_, PyDict>,
    walk: &mut Walk,
) -> Result<(), WalkStop> {
    w.begin_object()?;
    convert::for_each_item(dict, |key, item| -> Result<(), WalkStop> {
        let Some(text) = key_text(w, &key) else {
            // Refused (recorded): the walk goes on past its value.
            return Ok(());
        };
        walk.doubt |= !key.is_exact_instance_of::<PyString>();
        if walk.trust_keys && !walk.doubt {
            w.distinct_key(text);
        } else {
            w.key(text);
        }
        write(w, &item, walk)
    })?;
    w.end_object();
    Ok(())
}

fn write_str(w: &mut NativeWriter, string: &Bound<'_, PyString>) {
    match convert::utf8(string) {
        Ok(text) => w.str(text),
        Err(_) => w.unsupported(LONE_SURROGATE),
    }
}

/// A small int as a number; a bigger one through its decimal digits.
fn write_int(
    w: &mut NativeWriter,
    int: &Bound<'_, PyInt>,
    walk: &mut Walk,
) -> Result<(), WalkStop> {
    match convert::small_int(int)? {
        Some(small) => w.int(i128::from(small)),
        None => {
            walk.doubt = true;
            match convert::int_digits(int)? {
                Ok(digits) => w.int_text(&digits),
                Err(found) => w.unsupported(&found),
            }
        }
    }
    Ok(())
}

/// A number given as decimal text (a `Decimal`'s): NaN and the infinities
/// are refused like the floats they stand for; anything else is read by the
/// core as JSON text (which refuses a number beyond a double's range).
fn write_number_text(w: &mut NativeWriter, text: &str) -> Result<(), WalkStop> {
    let unsigned = text.trim_start_matches(['-', '+']);
    if unsigned.starts_with(['N', 'n', 's', 'S']) {
        w.float(f64::NAN);
    } else if unsigned.starts_with(['I', 'i']) {
        w.float(if text.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    } else {
        w.json_text(text)?;
    }
    Ok(())
}

/// The text of an object key, which must be a `str` holding valid Unicode;
/// `None` (the problem recorded by the writer) for any other key.
pub(crate) fn key_text<'a>(w: &mut NativeWriter, key: &'a Bound<'_, PyAny>) -> Option<&'a str> {
    let Ok(string) = key.cast::<PyString>() else {
        w.non_string_key(&convert::describe(key));
        return None;
    };
    match convert::utf8(string) {
        Ok(text) => Some(text),
        Err(err) if err.is_instance_of::<PyUnicodeEncodeError>(key.py()) => {
            w.non_string_key(LONE_SURROGATE);
            None
        }
        Err(_) => {
            w.non_string_key(LONE_SURROGATE);
            None
        }
    }
}

/// A top-level key of `from_dict`, which must be a `str` holding valid
/// Unicode: any other key makes the dict no JSON object at all, and stops
/// (as a syntax error stops a document).
pub(crate) fn member_key<'a>(key: &'a Bound<'_, PyAny>) -> Result<&'a str, Stop> {
    let found = match key.cast::<PyString>() {
        Ok(string) => match convert::utf8(string) {
            Ok(text) => return Ok(text),
            Err(_) => Cow::Borrowed(LONE_SURROGATE),
        },
        Err(_) => Cow::Owned(convert::describe(key)),
    };
    Err(stop(
        ErrorKind::InvalidType,
        format!("object keys must be strings, found {found}"),
    ))
}
