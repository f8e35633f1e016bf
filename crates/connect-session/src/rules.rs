//! The rule of each kind of field, applied once, whether the value comes from
//! JSON text (under a [`Reader`]'s cursor) or from a binding ([`Value`]):
//! the same checks, the same kinds, paths and messages.

use std::borrow::Cow;

use compact_str::CompactString;

use crate::binding::NativeWriter;
use crate::category::Category;
use crate::errors::{ErrorDetail, ErrorKind, Errors, NumberText, PathItem, ValidationError};
use crate::field::{Field, FieldKind};
use crate::json_text;
use crate::metadata::Metadata;
use crate::reader::{self, JsonType, Reader, Stop};
use crate::session_type::ConnectSessionCreateType;
use crate::value::{Data, Refusal, RefusalParts, Value};

/// Depth of a top-level value's containers: the document object is depth 1.
pub(crate) const FIELD_DEPTH: usize = 2;

/// A problem with a field's value as a whole: its kind and message.
type Problem = (ErrorKind, String);

/// The JSON type a kind of field takes, and how messages name it.
fn expected(kind: FieldKind) -> (JsonType, &'static str) {
    match kind {
        FieldKind::Text | FieldKind::Type => (JsonType::String, "a string"),
        FieldKind::Boolean => (JsonType::Boolean, "a boolean"),
        FieldKind::Seconds => (JsonType::Number, "a number of seconds"),
        FieldKind::Categories => (JsonType::Array, "an array of categories"),
        FieldKind::Object => (JsonType::Object, "an object"),
    }
}

fn wrong_type(kind: FieldKind, found: JsonType) -> Problem {
    let expected = expected(kind).1;
    (
        ErrorKind::InvalidType,
        format!("expected {expected}, found {}", found.found()),
    )
}

/// `null`: the field is absent, which a required field may not be.
fn null(field: Field) -> Result<Option<Data>, Problem> {
    if field.is_required() {
        return Err((ErrorKind::MissingField, "field required".to_owned()));
    }
    Ok(None)
}

/// A number of seconds: finite and greater than 0. `text` (the value as the
/// input wrote it) is asked for only when there is a problem to describe.
fn seconds(value: f64, text: impl FnOnce() -> String) -> Result<Option<Data>, Problem> {
    if !value.is_finite() {
        return Err((
            ErrorKind::InvalidValue,
            format!(
                "expires_in must be a finite number of seconds that fits a double, found {}",
                NumberText(&text())
            ),
        ));
    }
    if value <= 0.0 {
        return Err((
            ErrorKind::InvalidValue,
            format!(
                "expires_in must be greater than 0 seconds, found {}",
                NumberText(&text())
            ),
        ));
    }
    Ok(Some(Data::Seconds(value)))
}

/// Records `outcome`'s problem, if any, at the value under the cursor.
fn record(p: &mut Reader<'_>, outcome: Result<Option<Data>, Problem>) -> Option<Data> {
    outcome.unwrap_or_else(|(kind, msg)| {
        p.record(kind, msg);
        None
    })
}

/// [`read`], handing the value to `put`. A text field's string, most values
/// of most documents, takes a shorter way, inlined into the document's loop:
/// a value returned from `read` went through memory, and the CPU stalled
/// reading it back (about 10% of a minimal `from_json`, `benches/NOTES.md`).
#[inline]
pub(crate) fn read_into(
    field: Field,
    p: &mut Reader<'_>,
    put: impl FnOnce(Option<Data>),
) -> Result<(), Stop> {
    if field.kind() == FieldKind::Text && p.peek() == b'"' {
        put(Some(Data::Text(compact(p.string()?))));
    } else {
        put(read(field, p)?);
    }
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

/// Reads the value under the cursor as `field`'s. Problems are recorded in
/// the reader; `None` when the value is `null` or has problems.
pub(crate) fn read(field: Field, p: &mut Reader<'_>) -> Result<Option<Data>, Stop> {
    let kind = field.kind();
    let Some(found) = p.json_type() else {
        // Not JSON: reading it gives the syntax error.
        return p.skip(FIELD_DEPTH).map(|()| None);
    };
    if found == JsonType::Null {
        p.skip(FIELD_DEPTH)?;
        return Ok(record(p, null(field)));
    }
    if found != expected(kind).0 {
        let (kind, msg) = wrong_type(kind, found);
        p.record(kind, msg);
        // Still checked inside: grammar, duplicate keys, depth.
        return p.skip(FIELD_DEPTH).map(|()| None);
    }
    Ok(match kind {
        FieldKind::Text => Some(Data::Text(compact(p.string()?))),
        FieldKind::Type => Some(Data::Type(session_type(p.string()?))),
        FieldKind::Boolean => Some(Data::Boolean(p.boolean()?)),
        FieldKind::Seconds => {
            let text = p.number()?;
            let value = text.parse::<f64>().unwrap_or(f64::NAN);
            record(p, seconds(value, || text.to_owned()))
        }
        FieldKind::Categories => categories(p)?.map(Data::Categories),
        FieldKind::Object => p
            .capture(FIELD_DEPTH)?
            .map(|json| Data::Object(Metadata::from_canonical(json))),
    })
}

fn session_type(text: Cow<'_, str>) -> ConnectSessionCreateType {
    ConnectSessionCreateType::from(text.into_owned())
}

/// The array under the cursor as categories; `None` if any item is refused.
fn categories(p: &mut Reader<'_>) -> Result<Option<Vec<Category>>, Stop> {
    let mut list = Vec::new();
    let before = p.problems();
    p.items(FIELD_DEPTH, |p, _| {
        if p.json_type() != Some(JsonType::String) {
            let found = p.found();
            p.record(
                ErrorKind::InvalidType,
                format!("expected a category string, found {found}"),
            );
            return p.skip(FIELD_DEPTH + 1);
        }
        match p.string()?.parse::<Category>() {
            // Once a problem is found the list is not kept: no need to grow it.
            Ok(category) if p.problems() == before => list.push(category),
            Ok(_) => {}
            Err(unknown) => p.record_with(ErrorKind::InvalidValue, || unknown.to_string()),
        }
        Ok(())
    })?;
    Ok((p.problems() == before).then_some(list))
}

/// Strings given as categories: each parsed as an item of a JSON array is,
/// with the same problems at the same paths.
fn categories_of(field: Field, items: &[Cow<'_, str>], errors: &mut Errors) -> Option<Data> {
    let mut list = Vec::with_capacity(items.len());
    let mut clean = true;
    for (index, item) in items.iter().enumerate() {
        match item.parse::<Category>() {
            Ok(category) => list.push(category),
            Err(unknown) => {
                clean = false;
                errors.push_with(|| {
                    let path = vec![PathItem::from(field.name()), PathItem::Index(index)];
                    ErrorDetail::new(ErrorKind::InvalidValue, path, unknown.to_string())
                });
            }
        }
    }
    clean.then_some(Data::Categories(list))
}

/// [`from_value`], handing the value to `put`; a text field's string takes
/// a shorter way, inlined into the caller, as in [`read_into`].
#[inline]
pub(crate) fn from_value_into(
    field: Field,
    value: Value<'_>,
    errors: &mut Errors,
    put: impl FnOnce(Option<Data>),
) -> Result<(), Stop> {
    match value {
        Value::Str(text) if field.kind() == FieldKind::Text => put(Some(Data::Text(compact(text)))),
        value => put(from_value(field, value, errors)?),
    }
    Ok(())
}

/// `field`'s value from a binding. Problems are added to `errors` with paths
/// from the field's key; a syntax error or nesting too deep stops.
pub(crate) fn from_value(
    field: Field,
    value: Value<'_>,
    errors: &mut Errors,
) -> Result<Option<Data>, Stop> {
    let kind = field.kind();
    // What the branches give is one `Option<Data>`, its problem added at once:
    // gathered with the problem, a `Result` of both was copied at odd offsets
    // and stalled on reading back (see `Data`).
    let kept = |outcome: Result<Option<Data>, Problem>, errors: &mut Errors| {
        outcome.unwrap_or_else(|(kind, msg)| {
            errors.push_with(|| ErrorDetail::new(kind, vec![PathItem::from(field.name())], msg));
            None
        })
    };
    Ok(match value {
        Value::Json(text) => return json_value(field.name(), &text, errors, |p| read(field, p)),
        // The writer checked the object: kept as written.
        Value::Written(json) if kind == FieldKind::Object && json.first_byte() == b'{' => {
            Some(Data::Object(Metadata::from_canonical(json.into_string())))
        }
        Value::Written(json) => {
            return json_value(field.name(), json.as_str(), errors, |p| read(field, p))
        }
        Value::Refused(refusal) => return refused_in(field, refusal, errors),
        Value::Null => kept(null(field), errors),
        Value::Bool(flag) if kind == FieldKind::Boolean => Some(Data::Boolean(flag)),
        Value::Bool(_) => kept(Err(wrong_type(kind, JsonType::Boolean)), errors),
        Value::Int(int) if kind == FieldKind::Seconds => {
            kept(seconds(int as f64, || int.to_string()), errors)
        }
        Value::Float(float) if kind == FieldKind::Seconds => {
            kept(seconds(float, || float_text(float)), errors)
        }
        Value::Int(_) | Value::Float(_) => kept(Err(wrong_type(kind, JsonType::Number)), errors),
        Value::Str(text) => match kind {
            FieldKind::Text => Some(Data::Text(compact(text))),
            FieldKind::Type => Some(Data::Type(session_type(text))),
            _ => kept(Err(wrong_type(kind, JsonType::String)), errors),
        },
        Value::Strings(items) if kind == FieldKind::Categories => {
            categories_of(field, &items, errors)
        }
        Value::Categories(list) if kind == FieldKind::Categories => Some(Data::Categories(list)),
        Value::Strings(_) | Value::Categories(_) => {
            kept(Err(wrong_type(kind, JsonType::Array)), errors)
        }
    })
}

/// A double as the canonical JSON would write it, for messages.
fn float_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let mut text = String::new();
    json_text::write_number(&mut text, value);
    text
}

/// The canonical JSON text of an extra key's value from a binding; `None`
/// (with problems added to `errors`) if it cannot be one.
pub(crate) fn extra_from_value(
    key: &str,
    value: Value<'_>,
    errors: &mut Errors,
) -> Result<Option<Box<str>>, Stop> {
    let mut w = NativeWriter::for_member(key, 0);
    match value {
        Value::Json(text) => {
            let json = json_value(key, &text, errors, |p| p.capture(FIELD_DEPTH))?;
            return Ok(json.map(String::into_boxed_str));
        }
        // Checked by the writer, and already canonical.
        Value::Written(json) => return Ok(Some(json.into_string().into_boxed_str())),
        // No rule looks inside an extra value: its refused parts are all.
        Value::Refused(refusal) => return refused(refusal.into_parts().problems, errors),
        Value::Null => w.null(),
        Value::Bool(flag) => w.bool(flag),
        Value::Int(int) => w.int(int.into()),
        Value::Float(float) => {
            if let Err(refusal) = w.float(float) {
                return refused(refusal, errors);
            }
        }
        Value::Str(text) => w.str(&text),
        Value::Strings(items) => {
            if let Err(refusal) = write_strings(&mut w, items.iter().map(|item| &**item)) {
                return refused(refusal, errors);
            }
        }
        Value::Categories(list) => {
            if let Err(refusal) = write_strings(&mut w, list.iter().map(|c| c.as_str())) {
                return refused(refusal, errors);
            }
        }
    }
    Ok(Some(w.finish().into_boxed_str()))
}

/// An array of strings; refused only beyond the nesting limit.
fn write_strings<'s>(
    w: &mut NativeWriter,
    items: impl Iterator<Item = &'s str>,
) -> Result<(), ValidationError> {
    w.begin_array()?;
    for item in items {
        w.str(item);
    }
    w.end_array();
    Ok(())
}

/// Reads a value given as JSON text with `read`, its problems placed under
/// `key` and added to `errors`.
fn json_value<T>(
    key: &str,
    text: &str,
    errors: &mut Errors,
    read: impl FnOnce(&mut Reader<'_>) -> Result<Option<T>, Stop>,
) -> Result<Option<T>, Stop> {
    let mut p = Reader::new(text);
    let value = p
        .within(
            || PathItem::from(key),
            PathItem::key_weight(key.len()),
            read,
        )
        .and_then(|value| p.end().map(|()| value))?;
    let clean = p.errors.is_empty();
    errors.append(p.errors);
    Ok(value.filter(|_| clean))
}

/// A binding's refusal: its problems join the others, unless one of them
/// stops reading (as a syntax error or nesting too deep does in a document).
fn refused<T>(refusal: ValidationError, errors: &mut Errors) -> Result<Option<T>, Stop> {
    let (problems, omitted) = unless_stopped(refusal)?;
    errors.extend(problems, omitted);
    Ok(None)
}

/// A refusal's problems (kept, and the count of those only counted), or the
/// one among them that stops reading.
fn unless_stopped(refusal: ValidationError) -> Result<(Vec<ErrorDetail>, usize), Stop> {
    let (mut problems, omitted) = refusal.into_parts();
    match problems.iter().position(ErrorDetail::stops) {
        Some(stop) => Err(Box::new(problems.swap_remove(stop))),
        None => Ok((problems, omitted)),
    }
}

/// A value `field` takes that a binding refused in part: the problems of the
/// refused parts, and those the field's rule finds in the rest (a category
/// in a list, say), but none about the `null`s standing for refused values.
/// They come in the order a document gives its problems, as far as the
/// rule's paths tell it: by array index, a container before its contents.
#[cold]
fn refused_in(field: Field, refusal: Refusal, errors: &mut Errors) -> Result<Option<Data>, Stop> {
    let RefusalParts {
        problems,
        written,
        nulls,
    } = refusal.into_parts();
    let (problems, cut) = unless_stopped(problems)?;
    let mut found = Errors::default();
    if let Some(text) = written {
        json_value(field.name(), &text, &mut found, |p| read(field, p))?;
    }
    let (found, mut omitted) = found
        .into_error()
        .map_or((Vec::new(), 0), ValidationError::into_parts);
    let mut problems = problems.into_iter().peekable();
    for detail in found {
        if nulls.cover(detail.loc()) {
            continue;
        }
        while let Some(problem) = problems.next_if(|problem| precedes(problem.loc(), detail.loc()))
        {
            errors.push(problem);
        }
        // Past the last problem kept of the refused parts, all were only
        // counted: so is what the rule found there (which may count what it
        // said of the `null`s of refused items whose problems were not kept).
        if cut > 0 && problems.peek().is_none() {
            omitted += 1;
        } else {
            errors.push(detail);
        }
    }
    errors.extend(problems.collect(), omitted + cut);
    Ok(None)
}

/// Whether `a` comes before `b` in a document: at their first difference,
/// both are array indexes and `a`'s is lower. (Where they differ by keys,
/// the rules' paths do not tell; where one holds the other, the container
/// is reported first.)
fn precedes(a: &[PathItem], b: &[PathItem]) -> bool {
    match a.iter().zip(b).find(|(x, y)| x != y) {
        Some((PathItem::Index(x), PathItem::Index(y))) => x < y,
        _ => false,
    }
}

// Here rather than in metadata.rs, which the rules use: reading metadata on
// its own is the metadata field's rule, so it lives with the rules.
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
        let field = Field::Metadata;
        match reader::standalone(json.as_ref(), field.name(), |p| read(field, p))? {
            Some(Data::Object(metadata)) => Ok(metadata),
            _ => {
                let (kind, msg) = wrong_type(field.kind(), JsonType::Null);
                Err(ValidationError::single(ErrorDetail::new(
                    kind,
                    vec![PathItem::from(field.name())],
                    msg,
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `field` reports of a value written by `write`, as (kind, path).
    fn found(field: Field, write: impl FnOnce(&mut NativeWriter)) -> Vec<(ErrorKind, String)> {
        let mut w = NativeWriter::for_member(field.name(), 0);
        write(&mut w);
        let mut errors = Errors::default();
        let kept = from_value(field, w.into_value(), &mut errors).unwrap();
        assert!(kept.is_none());
        let err = errors.into_error().expect("problems");
        err.errors()
            .iter()
            .map(|e| (e.kind(), e.loc_string()))
            .collect()
    }

    fn refuse_nan(w: &mut NativeWriter) {
        let nan = w.float(f64::NAN).unwrap_err();
        w.refuse(nan).unwrap();
    }

    #[test]
    fn the_rule_reads_what_was_not_refused_in_document_order() {
        let got = found(Field::Categories, |w| {
            w.begin_array().unwrap();
            w.int(2);
            refuse_nan(w);
            w.str("hris");
            w.str("nope");
            let set = w.unsupported("a set");
            w.refuse(set).unwrap();
            w.end_array();
        });
        use ErrorKind::{InvalidType, InvalidValue};
        assert_eq!(
            got,
            [
                (InvalidType, "categories[0]".to_owned()),
                (InvalidValue, "categories[1]".to_owned()),
                (InvalidValue, "categories[3]".to_owned()),
                (InvalidType, "categories[4]".to_owned()),
            ]
        );
    }

    #[test]
    fn a_container_is_reported_before_what_was_refused_in_it() {
        let got = found(Field::OriginOwnerId, |w| {
            w.begin_array().unwrap();
            refuse_nan(w);
            w.end_array();
        });
        assert_eq!(
            got,
            [
                (ErrorKind::InvalidType, "origin_owner_id".to_owned()),
                (ErrorKind::InvalidValue, "origin_owner_id[0]".to_owned()),
            ]
        );
    }

    #[test]
    fn nothing_is_said_of_the_null_standing_for_a_refused_value() {
        // A required field refused whole: not also missing.
        let got = found(Field::OriginOwnerId, refuse_nan);
        assert_eq!(
            got,
            [(ErrorKind::InvalidValue, "origin_owner_id".to_owned())]
        );
        // A key refused inside a category: the item is still no category.
        let got = found(Field::Categories, |w| {
            w.begin_array().unwrap();
            w.begin_object().unwrap();
            let key = w.non_string_key("an int");
            w.refuse_key(key).unwrap();
            w.end_object();
            w.end_array();
        });
        assert_eq!(
            got,
            [
                (ErrorKind::InvalidType, "categories[0]".to_owned()),
                (ErrorKind::InvalidType, "categories[0]".to_owned()),
            ]
        );
    }

    #[test]
    fn past_the_refused_problems_kept_the_rule_s_are_only_counted() {
        let mut w = NativeWriter::for_member("categories", 0);
        w.begin_array().unwrap();
        for _ in 0..crate::MAX_ERRORS + 5 {
            refuse_nan(&mut w);
            w.str("nope");
        }
        w.end_array();
        let mut errors = Errors::default();
        from_value(Field::Categories, w.into_value(), &mut errors).unwrap();
        let err = errors.into_error().unwrap();
        let locs: Vec<_> = err.errors().iter().map(ErrorDetail::loc_string).collect();
        // Every problem is kept or counted (the count may include what the
        // rule said of refused items' `null`s beyond those kept).
        assert!(err.errors().len() + err.omitted() >= 2 * (crate::MAX_ERRORS + 5));
        // Kept in document order: each refused item, then the unknown one after it.
        assert_eq!(
            locs[..3],
            ["categories[0]", "categories[1]", "categories[2]"]
        );
        assert!(locs.windows(2).all(|pair| pair[0] != pair[1]));
    }
}
