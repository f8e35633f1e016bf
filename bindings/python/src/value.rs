//! A Python value as the core's [`Value`]: what the constructor, `from_dict`,
//! `replace` and every assignment hand to the core, field by field.
//!
//! `None` → `Null`; `bool` → `Bool` (before `int`: a `bool` is an `int` in
//! Python, not in JSON); `int` → `Int`, or `Written` (its digits) beyond 64
//! bits; `float` → `Float`; `str` and its subclasses (enum members) → `Str`;
//! a `list` or `tuple` of `ConnectSessionCreateCategories` members →
//! `Categories`, of other `str` → `Strings`; other lists and tuples, `dict`
//! (and a finite `Decimal`) → `Written`, the text
//! written by the core's [`NativeWriter`] rooted at the member's key, so that
//! errors inside carry their full path; anything else → `Refused`, with the
//! writer's message. No value is judged here.

use std::borrow::Cow;

use connect_session::binding::NativeWriter;
use connect_session::{Category, ValidationError, Value};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::convert::{self, Failure, Text};
use crate::enums;

/// A Python value, read: what [`Held::value`] lends to the core as a
/// [`Value`]. A string's text stays where Python keeps it.
pub(crate) enum Held<'py> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text<'py>),
    /// A list or tuple of `str` (categories, most often).
    Strings(Vec<Text<'py>>),
    /// A list or tuple of `ConnectSessionCreateCategories` members.
    Categories(Vec<Category>),
    /// What the core's writer wrote, handed over once.
    Written(Option<Value<'static>>),
    Refused(Option<ValidationError>),
}

impl<'py> Held<'py> {
    /// Reads `value`, the member `key` of a document, and lends it to `take`
    /// as the core's [`Value`]. A `str`'s text (most values) is lent where
    /// Python keeps it, with nothing held (the reference constructor call,
    /// four strings among its keywords: 11.83k instructions instead of
    /// 11.31k through [`read`](Self::read), callgrind).
    pub(crate) fn lend<R>(
        key: &str,
        value: &Bound<'py, PyAny>,
        take: impl FnOnce(Value<'_>) -> R,
    ) -> PyResult<R> {
        if let Ok(string) = value.cast_exact::<PyString>() {
            if let Ok(text) = convert::utf8(string) {
                return Ok(take(Value::Str(Cow::Borrowed(text))));
            }
        }
        let mut held = Held::read(key, value)?;
        Ok(take(held.value()))
    }

    /// Reads `value`, the member `key` of a document. Python's own failures
    /// (out of memory, a dict changed while read) propagate.
    pub(crate) fn read(key: &str, value: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
        if let Ok(string) = value.cast_exact::<PyString>() {
            return Held::string(key, string);
        }
        if value.is_none() {
            return Ok(Held::Null);
        }
        if let Ok(flag) = value.cast::<PyBool>() {
            return Ok(Held::Bool(flag.is_true()));
        }
        if let Ok(int) = value.cast::<PyInt>() {
            if let Some(small) = convert::small_int(int)? {
                return Ok(Held::Int(small));
            }
        } else if let Ok(float) = value.cast::<PyFloat>() {
            return Ok(Held::Float(float.value()));
        } else if let Ok(string) = value.cast::<PyString>() {
            return Held::string(key, string);
        } else if !(value.is_instance_of::<PyList>()
            || value.is_instance_of::<PyTuple>()
            || value.is_instance_of::<PyDict>()
            || convert::decimal_text(value)?.is_some())
        {
            let w = NativeWriter::for_member(key, 0);
            return Ok(Held::Refused(Some(
                w.unsupported(&convert::describe(value)),
            )));
        }
        if let Some(categories) = Held::categories(value)? {
            return Ok(Held::Categories(categories));
        }
        if let Some(strings) = Held::strings(value) {
            return Ok(Held::Strings(strings));
        }
        // Containers, ints beyond 64 bits and decimals: JSON text.
        match convert::to_json_value(value, key) {
            Ok(written) => Ok(Held::Written(Some(written))),
            Err(Failure::Invalid(err)) => Ok(Held::Refused(Some(err))),
            Err(Failure::Python(err)) => Err(err),
        }
    }

    /// The items of a non-empty list or tuple when all are members of
    /// `ConnectSessionCreateCategories`, told apart by identity: their text is
    /// not read, nor parsed again by the core (four members: 2,000 of the
    /// constructor's instructions as strings, callgrind).
    fn categories(value: &Bound<'_, PyAny>) -> PyResult<Option<Vec<Category>>> {
        let members = enums::categories(value.py())?.as_slice();
        let class = members.first().map(|member| member.get_type_ptr());
        let category = |item: Bound<'_, PyAny>| {
            // A `str` (say) is turned away by its type, before the scan.
            if Some(item.get_type_ptr()) != class {
                return None;
            }
            let at = members.iter().position(|member| member.is(&item))?;
            Category::ALL.get(at).copied()
        };
        Ok(all_items(value, category).filter(|list| !list.is_empty()))
    }

    /// The items of a list or tuple when all are `str` holding valid
    /// Unicode; anything else goes through the writer, which says what is wrong.
    fn strings(value: &Bound<'py, PyAny>) -> Option<Vec<Text<'py>>> {
        all_items(value, |item| Text::of(item.cast::<PyString>().ok()?).ok())
    }

    fn string(key: &str, string: &Bound<'py, PyString>) -> PyResult<Held<'py>> {
        match Text::of(string) {
            Ok(text) => Ok(Held::Str(text)),
            Err(err) => {
                let w = NativeWriter::for_member(key, 0);
                match convert::not_unicode(&w, string.py(), err, false) {
                    Failure::Invalid(err) => Ok(Held::Refused(Some(err))),
                    Failure::Python(err) => Err(err),
                }
            }
        }
    }

    /// The value as the core takes it, borrowing text from `self`; a refusal
    /// is handed over (once).
    // Always inlined: the constructor calls it for each keyword, and as a
    // call it cost 40 more instructions per constructor call (callgrind).
    #[inline(always)]
    pub(crate) fn value(&mut self) -> Value<'_> {
        match self {
            Held::Null => Value::Null,
            Held::Bool(flag) => Value::Bool(*flag),
            Held::Int(int) => Value::Int(*int),
            Held::Float(float) => Value::Float(*float),
            Held::Str(text) => Value::Str(Cow::Borrowed(text)),
            Held::Strings(items) => {
                Value::Strings(items.iter().map(|text| Cow::Borrowed(&**text)).collect())
            }
            Held::Categories(list) => Value::Categories(std::mem::take(list)),
            // Not `unwrap_or(Value::Null)`, which drops the unused `Null`
            // through `Value`'s drop glue (12 more instructions a call).
            Held::Written(written) => match written.take() {
                Some(value) => value,
                None => Value::Null,
            },
            Held::Refused(refusal) => refused(refusal.take()),
        }
    }
}

/// A refused value, handed to the core once; cold, out of the way of the
/// values that are not.
#[cold]
fn refused(refusal: Option<ValidationError>) -> Value<'static> {
    refusal.map_or(Value::Null, |err| Value::Refused(err.into()))
}

/// Every item of a list or tuple through `each`; `None` if `value` is neither,
/// or if `each` turns an item away.
fn all_items<'py, T>(
    value: &Bound<'py, PyAny>,
    each: impl FnMut(Bound<'py, PyAny>) -> Option<T>,
) -> Option<Vec<T>> {
    if let Ok(list) = value.cast::<PyList>() {
        list.iter().map(each).collect()
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        tuple.iter().map(each).collect()
    } else {
        None
    }
}
