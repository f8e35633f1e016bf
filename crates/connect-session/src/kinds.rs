//! The rule of each kind of field, written once over a [`Source`]: JSON
//! text, a Rust value and a binding's native values are read by the same
//! code, with the same problems, kinds, paths, messages and order. Each kind
//! words its own messages, and no message names the field: its path does.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::category::Category;
use crate::datetime::{DateTime, DateTimeError};
use crate::def::{FieldDef, FieldKind};
use crate::errors::ValidationError;
use crate::errors::{ErrorDetail, ErrorKind, NumberText, PathItem, Problems, Stop};
use crate::json_text;
use crate::metadata::Metadata;
use crate::reader::{self, beyond_double, Reader};
use crate::session_type::ConnectSessionCreateType;
use crate::source::{not_finite, Number, Peek, Source};
use crate::value::{Data, Value, ValueSource};

/// Depth of a top-level value's containers: the document object is depth 1.
pub(crate) const FIELD_DEPTH: usize = 2;

/// What a kind takes, and how messages name it.
fn expected(kind: FieldKind) -> (Peek, &'static str) {
    match kind {
        FieldKind::Text | FieldKind::Type => (Peek::String, "a string"),
        FieldKind::Boolean => (Peek::Boolean, "a boolean"),
        FieldKind::Seconds => (Peek::Number, "a number of seconds"),
        FieldKind::Categories => (Peek::Array, "an array of categories"),
        FieldKind::Object => (Peek::Object, "an object"),
        FieldKind::Integer => (Peek::Number, "an integer"),
        FieldKind::DateTime => (Peek::String, "an RFC 3339 date-time string"),
    }
}

/// What a value is, as "found ..." in messages.
fn found<S: Source>(peek: Peek, s: &S) -> Cow<'static, str> {
    Cow::Borrowed(match peek {
        Peek::Null => "null",
        Peek::Boolean => "a boolean",
        Peek::Number => "a number",
        Peek::String => "a string",
        Peek::Array => "an array",
        Peek::Object => "an object",
        Peek::Native | Peek::Refused => return s.describe(),
    })
}

/// Reads the value under the cursor as `field`'s, handing what it keeps to
/// `put` (`None` when the value is `null` or has problems, which are
/// recorded). A text field's string, most values of most documents, takes
/// the shortest way, inlined into the caller's loop: a value returned from a
/// call went through memory, and the CPU stalled reading it back (about 10%
/// of a minimal `from_json`, `benches/NOTES.md`).
#[inline]
pub(crate) fn read_into<S: Source>(
    field: &FieldDef,
    s: &mut S,
    put: impl FnOnce(Option<Data>),
) -> Result<(), Stop> {
    if field.kind == FieldKind::Text {
        if let Peek::String = s.peek()? {
            put(Some(Data::Text(compact(s.string()?))));
            return Ok(());
        }
    }
    put(read(field, s)?);
    Ok(())
}

/// A text as the model keeps it. `CompactString::new` can be inlined here;
/// its `From<Cow<str>>` cannot (a call and one more copy per text).
#[inline]
fn compact(text: Cow<'_, str>) -> CompactString {
    match text {
        Cow::Borrowed(text) => CompactString::new(text),
        Cow::Owned(text) => CompactString::from(text),
    }
}

/// Reads the value under the cursor as `field`'s; `None` when it is `null`
/// or has problems (recorded).
pub(crate) fn read<S: Source>(field: &FieldDef, s: &mut S) -> Result<Option<Data>, Stop> {
    let kind = field.kind;
    let peek = s.peek()?;
    match peek {
        // Its problem is the source's, already recorded.
        Peek::Refused => return Ok(None),
        Peek::Null => {
            s.skip(FIELD_DEPTH)?;
            if field.required {
                s.record(ErrorKind::MissingField, || "field required".to_owned());
            }
            return Ok(None);
        }
        Peek::Native if kind == FieldKind::DateTime => {
            if let Some(when) = s.date_time() {
                let made = when
                    .and_then(|when| DateTime::try_from(when).map_err(DateTimeError::into_message));
                return Ok(kept(s, made.map(Data::DateTime)));
            }
        }
        _ => {}
    }
    let (takes, expected) = expected(kind);
    if peek != takes {
        let found = found(peek, s);
        s.record(ErrorKind::InvalidType, || {
            format!("expected {expected}, found {found}")
        });
        // Still checked inside: grammar, repeated keys, depth (a binding's
        // own value has no inside, and was named just now).
        if peek != Peek::Native {
            s.skip(FIELD_DEPTH)?;
        }
        return Ok(None);
    }
    Ok(match kind {
        FieldKind::Text => Some(Data::Text(compact(s.string()?))),
        FieldKind::Type => Some(Data::Type(ConnectSessionCreateType::from(
            s.string()?.into_owned(),
        ))),
        FieldKind::Boolean => Some(Data::Boolean(s.boolean()?)),
        FieldKind::Seconds => seconds(s)?,
        FieldKind::Integer => integer(s)?,
        FieldKind::DateTime => {
            let made = DateTime::parse(&s.string()?).map_err(DateTimeError::into_message);
            kept(s, made.map(Data::DateTime))
        }
        FieldKind::Categories => categories(s)?,
        FieldKind::Object => s
            .capture(FIELD_DEPTH)?
            .map(|json| Data::Object(Metadata::from_canonical(json))),
    })
}

/// `made`, or its problem recorded as an `invalid_value`.
fn kept<S: Source>(s: &mut S, made: Result<Data, String>) -> Option<Data> {
    match made {
        Ok(data) => Some(data),
        Err(msg) => {
            s.record(ErrorKind::InvalidValue, || msg);
            None
        }
    }
}

/// A number as its text, for messages.
fn number_text(number: &Number<'_>) -> String {
    match number {
        Number::Text(text) => NumberText(text).to_string(),
        Number::Int(int) => int.to_string(),
        Number::Float(float) if !float.is_finite() => float.to_string(),
        Number::Float(float) => {
            let mut text = String::new();
            json_text::write_float(&mut text, *float);
            text
        }
    }
}

/// A number of seconds: finite and greater than 0.
fn seconds<S: Source>(s: &mut S) -> Result<Option<Data>, Stop> {
    let number = s.number()?;
    let value = match &number {
        Number::Text(text) => text.parse::<f64>().unwrap_or(f64::NAN),
        Number::Int(int) => *int as f64,
        Number::Float(float) => *float,
    };
    let problem = if !value.is_finite() {
        "must be a finite number of seconds that fits a double"
    } else if value <= 0.0 {
        "must be greater than 0 seconds"
    } else {
        return Ok(Some(Data::Seconds(value)));
    };
    let text = number_text(&number);
    s.record(ErrorKind::InvalidValue, || {
        format!("{problem}, found {text}")
    });
    Ok(None)
}

/// A JSON integer literal that fits 64 bits. A number with a fraction or an
/// exponent is no integer, whatever its value (`7.0`, `7e0`).
fn integer<S: Source>(s: &mut S) -> Result<Option<Data>, Stop> {
    let number = s.number()?;
    let (kind, msg) = match &number {
        Number::Int(int) => return Ok(Some(Data::Integer(*int))),
        Number::Text(text) if !text.contains(['.', 'e', 'E']) => match text.parse::<i64>() {
            Ok(int) => return Ok(Some(Data::Integer(int))),
            Err(_) => (
                ErrorKind::InvalidValue,
                format!(
                    "{} is outside the range of a signed 64-bit integer ({} to {})",
                    NumberText(text),
                    i64::MIN,
                    i64::MAX
                ),
            ),
        },
        other => (
            ErrorKind::InvalidType,
            format!(
                "expected an integer, found {}, which has a fraction or an exponent",
                number_text(other)
            ),
        ),
    };
    // As where any number stands: one beyond a double is out of range too.
    let beyond = match &number {
        Number::Text(text) if kind == ErrorKind::InvalidType => beyond_double(text),
        Number::Float(float) if !float.is_finite() => Some(not_finite(*float)),
        _ => None,
    };
    s.record(kind, || msg);
    if let Some(beyond) = beyond {
        s.record(ErrorKind::InvalidValue, || beyond);
    }
    Ok(None)
}

/// The array under the cursor as categories; `None` if any item is refused.
fn categories<S: Source>(s: &mut S) -> Result<Option<Data>, Stop> {
    let mut list = Vec::new();
    let before = s.found();
    s.items(FIELD_DEPTH, |s, _| {
        // Once a problem is found the list is not kept: no need to grow it.
        let clean = |s: &mut S| s.found() == before;
        if let Some(category) = s.category() {
            if clean(s) {
                list.push(category);
            }
            return Ok(());
        }
        match s.peek()? {
            Peek::String => match s.string()?.parse::<Category>() {
                Ok(category) if clean(s) => list.push(category),
                Ok(_) => {}
                Err(unknown) => s.record(ErrorKind::InvalidValue, || unknown.to_string()),
            },
            Peek::Refused => {}
            peek => {
                let found = found(peek, s);
                s.record(ErrorKind::InvalidType, || {
                    format!("expected a category string, found {found}")
                });
                if peek != Peek::Native {
                    s.skip(FIELD_DEPTH + 1)?;
                }
            }
        }
        Ok(())
    })?;
    Ok((s.found() == before).then_some(Data::Categories(list)))
}

/// Reads `value` as `field`'s (JSON text by a [`Reader`], the others as
/// they are), its problems added to `problems` with paths from the field's
/// value.
pub(crate) fn from_value(
    field: &FieldDef,
    value: &Value<'_>,
    problems: &mut Problems,
) -> Result<Option<Data>, Stop> {
    match value {
        Value::Json(text) => {
            let mut p = Reader::new(text);
            let data = read(field, &mut p).and_then(|data| p.end().map(|()| data))?;
            let clean = p.problems.found() == 0;
            problems.record_all(p.problems.errors);
            Ok(data.filter(|_| clean))
        }
        value => {
            let mut s = ValueSource::new(value);
            let data = read(field, &mut s)?;
            problems.record_all(s.problems.errors);
            Ok(data)
        }
    }
}

/// A metadata field, for [`Metadata::from_json`], which reads a value on its
/// own as the metadata field's rule does.
static METADATA: FieldDef = FieldDef::optional("metadata", FieldKind::Object, "");

impl Metadata {
    /// Reads metadata from JSON text, which must be an object. Errors are
    /// located under `metadata`, as they would be inside a whole document.
    ///
    /// ```
    /// use connect_session::Metadata;
    ///
    /// let m = Metadata::from_json(r#"{ "limit": 1.50 }"#)?;
    /// assert_eq!(m.as_json(), r#"{"limit":1.50}"#);
    /// assert!(Metadata::from_json("[]").is_err());
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Metadata, ValidationError> {
        object_under(json.as_ref(), METADATA.key)
    }
}

/// Reads an object field's value from JSON text on its own (`null` refused),
/// its problems placed under `key`.
pub fn object_under(json: &[u8], key: &str) -> Result<Metadata, ValidationError> {
    match reader::standalone(json, key, |p| read(&METADATA, p))? {
        Some(Data::Object(metadata)) => Ok(metadata),
        _ => Err(ValidationError::single(ErrorDetail::new(
            ErrorKind::InvalidType,
            vec![PathItem::from(key)],
            "expected an object, found null",
        ))),
    }
}
