//! A field's value: as the model keeps it ([`Data`]), as it is read
//! ([`FieldValue`]), and as a Rust caller or the C ABI supplies it
//! ([`Value`], a [`Source`] of its own).

use std::borrow::Cow;

use compact_str::CompactString;
use time::OffsetDateTime;

use crate::category::Category;
use crate::datetime::DateTime;
use crate::errors::{PathItem, Problems, Stop};
use crate::json_text::{self, JsonOut};
use crate::metadata::Metadata;
use crate::session_type::ConnectSessionCreateType;
use crate::source::{not_finite, not_json, Number, Peek, Source};

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
    Integer(i64),
    DateTime(DateTime),
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
            Data::Integer(int) => out.small().push_str(itoa::Buffer::new().format(*int)),
            Data::DateTime(when) => json_text::write_str(out.small(), when.as_str()),
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
            Data::Integer(_) => 20,
            Data::DateTime(when) => when.as_str().len() + 2,
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
            Data::Integer(int) => FieldValue::Integer(*int),
            Data::DateTime(when) => FieldValue::DateTime(when),
        }
    }
}

/// A set field's value, borrowed from the model
/// ([`Model::get`](crate::Model::get)); the variant is the field's
/// [`FieldKind`](crate::FieldKind).
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
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
    /// A [`FieldKind::Integer`](crate::FieldKind::Integer) field.
    Integer(i64),
    /// A [`FieldKind::DateTime`](crate::FieldKind::DateTime) field.
    DateTime(&'a DateTime),
}

/// One value as Rust code or the C ABI has it, for
/// [`Model::set`](crate::Model::set): the field's rule reads it as it reads
/// a document's value, with the same problems.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// `null`: absent, for an optional field.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits 64 bits.
    Int(i64),
    /// A float; NaN and the infinities are refused wherever they stand.
    Float(f64),
    /// A string.
    Str(Cow<'a, str>),
    /// An array of categories.
    Categories(Vec<Category>),
    /// A date-time, written in the one form of a typed value (see [`DateTime`]).
    DateTime(OffsetDateTime),
    /// An object already read as metadata (checked and canonical).
    Metadata(Metadata),
    /// Any JSON value as text, read and checked as in a document.
    Json(Cow<'a, str>),
}

macro_rules! value_from {
    ($($t:ty => $make:expr),* $(,)?) => {
        $(impl From<$t> for Value<'_> {
            fn from(value: $t) -> Self {
                $make(value)
            }
        })*
    };
}

value_from! {
    bool => Value::Bool,
    i64 => Value::Int,
    i32 => |v: i32| Value::Int(v.into()),
    u32 => |v: u32| Value::Int(v.into()),
    f64 => Value::Float,
    String => |v: String| Value::Str(Cow::Owned(v)),
    Vec<Category> => Value::Categories,
    OffsetDateTime => Value::DateTime,
    Metadata => Value::Metadata,
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(value: &'a str) -> Self {
        Value::Str(Cow::Borrowed(value))
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// A [`Value`] as a [`Source`] (all but [`Value::Json`], which a
/// [`Reader`](crate::reader::Reader) reads).
pub(crate) struct ValueSource<'v, 'a> {
    value: &'v Value<'a>,
    /// The item under the cursor inside [`Value::Categories`].
    item: Option<Category>,
    pub(crate) problems: Problems,
}

impl<'v, 'a> ValueSource<'v, 'a> {
    pub(crate) fn new(value: &'v Value<'a>) -> Self {
        ValueSource {
            value,
            item: None,
            problems: Problems::default(),
        }
    }
}

impl Source for ValueSource<'_, '_> {
    fn problems_mut(&mut self) -> &mut Problems {
        &mut self.problems
    }

    fn peek(&mut self) -> Result<Peek, Stop> {
        if self.item.is_some() {
            return Ok(Peek::String);
        }
        Ok(match self.value {
            Value::Null => Peek::Null,
            Value::Bool(_) => Peek::Boolean,
            Value::Int(_) => Peek::Number,
            Value::Float(_) => Peek::Number,
            Value::Str(_) => Peek::String,
            Value::Categories(_) => Peek::Array,
            Value::Metadata(_) => Peek::Object,
            Value::DateTime(_) => Peek::Native,
            // Read by a `Reader` instead (see `kinds::from_value`).
            Value::Json(_) => Peek::Null,
        })
    }

    fn boolean(&mut self) -> Result<bool, Stop> {
        Ok(matches!(self.value, Value::Bool(true)))
    }

    fn number(&mut self) -> Result<Number<'_>, Stop> {
        Ok(match self.value {
            Value::Int(int) => Number::Int(*int),
            Value::Float(float) => Number::Float(*float),
            _ => Number::Int(0),
        })
    }

    fn string(&mut self) -> Result<Cow<'_, str>, Stop> {
        Ok(match (self.item, self.value) {
            (Some(category), _) => Cow::Borrowed(category.as_str()),
            (None, Value::Str(text)) => Cow::Borrowed(text),
            _ => Cow::Borrowed(""),
        })
    }

    fn items(
        &mut self,
        _depth: usize,
        mut each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        let Value::Categories(list) = self.value else {
            return Ok(());
        };
        for (index, category) in list.iter().enumerate() {
            self.item = Some(*category);
            let mark = self.problems.enter(PathItem::INDEX_WEIGHT);
            let mut result = each(self, index);
            self.problems.leave(
                mark,
                || PathItem::Index(index),
                result.as_mut().err().map(|stop| &mut **stop),
            );
            self.item = None;
            result?;
        }
        Ok(())
    }

    fn skip(&mut self, _depth: usize) -> Result<(), Stop> {
        // A number JSON cannot hold is refused where it stands, as a
        // document's number beyond a double is; nothing else has an inside.
        if let (None, Value::Float(float)) = (self.item, self.value) {
            if !float.is_finite() {
                let float = *float;
                self.problems
                    .record(crate::ErrorKind::InvalidValue, || not_finite(float));
            }
        }
        Ok(())
    }

    fn capture(&mut self, _depth: usize) -> Result<Option<String>, Stop> {
        let mut out = String::new();
        match (self.item, self.value) {
            (Some(category), _) => json_text::write_str(&mut out, category.as_str()),
            (None, Value::Null) => out.push_str("null"),
            (None, Value::Bool(flag)) => out.push_str(if *flag { "true" } else { "false" }),
            (None, Value::Int(int)) => out.push_str(itoa::Buffer::new().format(*int)),
            (None, Value::Float(float)) if !float.is_finite() => {
                let float = *float;
                self.problems
                    .record(crate::ErrorKind::InvalidValue, || not_finite(float));
                return Ok(None);
            }
            (None, Value::Float(float)) => json_text::write_float(&mut out, *float),
            (None, Value::Str(text)) => json_text::write_str(&mut out, text),
            (None, Value::Categories(list)) => {
                out.push('[');
                for (i, category) in list.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_text::write_str(&mut out, category.as_str());
                }
                out.push(']');
            }
            (None, Value::Metadata(metadata)) => out.push_str(metadata.as_json()),
            (None, Value::DateTime(_) | Value::Json(_)) => {
                let found = self.describe();
                self.problems
                    .record(crate::ErrorKind::InvalidType, || not_json(&found));
                return Ok(None);
            }
        }
        Ok(Some(out))
    }

    fn describe(&self) -> Cow<'static, str> {
        Cow::Borrowed("a date-time")
    }

    fn date_time(&mut self) -> Option<Result<OffsetDateTime, String>> {
        match self.value {
            Value::DateTime(when) if self.item.is_none() => Some(Ok(*when)),
            _ => None,
        }
    }

    fn category(&mut self) -> Option<Category> {
        self.item
    }
}
