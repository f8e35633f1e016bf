//! A field's value: as the model keeps it ([`Data`]), as it is read
//! ([`FieldValue`]), and as a binding supplies it ([`Value`]).

use std::borrow::Cow;

use compact_str::CompactString;

use crate::category::Category;
use crate::errors::{PathItem, ValidationError};
use crate::json_text::{self, JsonOut};
use crate::metadata::Metadata;
use crate::session_type::ConnectSessionCreateType;

/// A set field's value as the model keeps it; the variant always matches the
/// field's [`FieldKind`](crate::FieldKind).
///
/// The tag takes a whole word so that a value moves as whole words: with a
/// byte, a move copied bytes 1-31 at odd offsets, and reading the copy back
/// across those stores stalled the CPU (the Python constructor: 1.05 -> 0.95
/// µs, `bindings/python/PERFORMANCE.md`).
#[derive(Clone, Debug, PartialEq)]
#[repr(u64)]
pub(crate) enum Data {
    // Compact strings keep the usual short values inline, without an allocation.
    Text(CompactString),
    Boolean(bool),
    Seconds(f64),
    Categories(Vec<Category>),
    Object(Metadata),
    Type(ConnectSessionCreateType),
}

impl Data {
    /// Appends the canonical JSON of the value.
    pub(crate) fn write_json(&self, out: &mut impl JsonOut) {
        match self {
            Data::Text(text) => json_text::write_str(out.small(), text),
            Data::Boolean(flag) => out.small().push_str(if *flag { "true" } else { "false" }),
            Data::Seconds(seconds) => json_text::write_number(out.small(), *seconds),
            Data::Categories(categories) => {
                let out = out.small();
                out.push('[');
                for (i, c) in categories.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_text::write_str(out, c.as_str());
                }
                out.push(']');
            }
            Data::Object(metadata) => out.verbatim(metadata.as_json()),
            Data::Type(kind) => json_text::write_str(out.small(), kind.as_str()),
        }
    }

    /// About the length of the canonical JSON (exact unless strings need escapes).
    pub(crate) fn json_len_hint(&self) -> usize {
        match self {
            Data::Text(text) => text.len() + 2,
            Data::Boolean(_) => 5,
            Data::Seconds(_) => 24,
            Data::Categories(categories) => 2 + categories.len() * 14,
            Data::Object(metadata) => metadata.as_json().len(),
            Data::Type(kind) => kind.as_str().len() + 2,
        }
    }

    pub(crate) fn view(&self) -> FieldValue<'_> {
        match self {
            Data::Text(text) => FieldValue::Text(text),
            Data::Boolean(flag) => FieldValue::Boolean(*flag),
            Data::Seconds(seconds) => FieldValue::Seconds(*seconds),
            Data::Categories(categories) => FieldValue::Categories(categories),
            Data::Object(metadata) => FieldValue::Object(metadata),
            Data::Type(kind) => FieldValue::Type(kind),
        }
    }
}

/// A set field's value, borrowed from the model
/// ([`ConnectSessionCreate::get`](crate::ConnectSessionCreate::get)); the
/// variant is the field's [`FieldKind`](crate::FieldKind).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldValue<'a> {
    /// A [`FieldKind::Text`](crate::FieldKind::Text) field.
    Text(&'a str),
    /// A [`FieldKind::Boolean`](crate::FieldKind::Boolean) field.
    Boolean(bool),
    /// A [`FieldKind::Seconds`](crate::FieldKind::Seconds) field.
    Seconds(f64),
    /// A [`FieldKind::Categories`](crate::FieldKind::Categories) field.
    Categories(&'a [Category]),
    /// A [`FieldKind::Object`](crate::FieldKind::Object) field.
    Object(&'a Metadata),
    /// A [`FieldKind::Type`](crate::FieldKind::Type) field.
    Type(&'a ConnectSessionCreateType),
}

/// One value as a language binding has it, handed to the core field by field
/// ([`ConnectSessionCreate::from_values`](crate::ConnectSessionCreate::from_values),
/// [`ConnectSessionCreate::set`](crate::ConnectSessionCreate::set)) so that the
/// core applies every rule, with the same errors as for JSON text.
#[derive(Clone, Debug)]
pub enum Value<'a> {
    /// `null` (`None` in Python): absent for an optional field.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits 64 bits.
    Int(i64),
    /// A float; non-finite values are refused wherever they stand.
    Float(f64),
    /// A string.
    Str(Cow<'a, str>),
    /// An array whose items are all strings (a list of `str`, the usual
    /// categories), taken item by item rather than as JSON text.
    Strings(Vec<Cow<'a, str>>),
    /// Categories a binding already has as such (members of its own enum of
    /// them): the categories field takes them as they are; anywhere else they
    /// are the array of their wire values.
    Categories(Vec<Category>),
    /// Any JSON value as text, read and checked as in a document.
    Json(Cow<'a, str>),
    /// What a binding wrote for lists, objects and integers beyond 64 bits
    /// ([`NativeWriter::into_value`](crate::binding::NativeWriter::into_value)):
    /// already checked by the writer, so it is read again only where a
    /// field's rule looks inside it.
    Written(Written),
    /// A value the binding could not express as JSON (a Python `set`, say),
    /// in whole or in part: see [`Refusal`].
    Refused(Refusal),
}

impl From<bool> for Value<'_> {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<f64> for Value<'_> {
    fn from(value: f64) -> Self {
        Value::Float(value)
    }
}

impl From<i64> for Value<'_> {
    fn from(value: i64) -> Self {
        Value::Int(value)
    }
}

impl From<i32> for Value<'_> {
    fn from(value: i32) -> Self {
        Value::Int(value.into())
    }
}

impl From<u32> for Value<'_> {
    fn from(value: u32) -> Self {
        Value::Int(value.into())
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(value: &'a str) -> Self {
        Value::Str(Cow::Borrowed(value))
    }
}

impl From<String> for Value<'_> {
    fn from(value: String) -> Self {
        Value::Str(Cow::Owned(value))
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// What a binding could not express as JSON of a value: the problems, with
/// paths that start at the field's key, and, when the value was written in
/// part, the rest as written, each refused value standing as `null`. The
/// field's rule reads the rest, so that a value's problems are reported
/// together whichever door it came in by (contract section 5).
#[derive(Clone, Debug)]
pub struct Refusal(Box<RefusalParts>);

#[derive(Clone, Debug)]
pub(crate) struct RefusalParts {
    pub(crate) problems: ValidationError,
    /// The text written, or none when nothing was.
    pub(crate) written: Option<String>,
    /// Where, among the places a field's rule reports at, a `null` of
    /// `written` stands for a refused value.
    pub(crate) nulls: Nulls,
}

/// The `null`s standing for refused values at the value itself or at an
/// item of its top array: the places a field's rule reports at (a category,
/// the value's type), whose reports about those `null`s say nothing true.
#[derive(Clone, Debug, Default)]
pub(crate) struct Nulls {
    pub(crate) whole: bool,
    /// Indexes, in increasing order.
    pub(crate) items: Vec<usize>,
}

impl Nulls {
    /// Whether the problem at `loc` (from the field's key) is about a `null`
    /// that stands for a refused value.
    pub(crate) fn cover(&self, loc: &[PathItem]) -> bool {
        match loc {
            [_] => self.whole,
            [_, PathItem::Index(at)] => self.items.binary_search(at).is_ok(),
            _ => false,
        }
    }
}

impl Refusal {
    pub(crate) fn new(problems: ValidationError, written: String, nulls: Nulls) -> Self {
        Refusal(Box::new(RefusalParts {
            problems,
            written: Some(written),
            nulls,
        }))
    }

    /// The problems, the text written (if any) and its stand-in `null`s.
    pub(crate) fn into_parts(self) -> RefusalParts {
        *self.0
    }
}

/// A value refused whole: nothing of it was written.
impl From<ValidationError> for Refusal {
    fn from(problems: ValidationError) -> Self {
        Refusal(Box::new(RefusalParts {
            problems,
            written: None,
            nulls: Nulls::default(),
        }))
    }
}

/// JSON text a [`NativeWriter`](crate::binding::NativeWriter) wrote: one value, in canonical form, within
/// the nesting limit, with unique keys and numbers every binding can read. A
/// field's rule takes it as it is unless it must look inside (categories, a
/// number of seconds), so a binding's containers are not read twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written(String);

impl Written {
    /// Text the writer checked as it wrote it.
    pub(crate) fn new(json: String) -> Self {
        Written(json)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first byte of the text, which tells the value's JSON type.
    pub(crate) fn first_byte(&self) -> u8 {
        self.0.as_bytes().first().copied().unwrap_or(0)
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}
