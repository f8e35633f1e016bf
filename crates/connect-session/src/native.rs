//! Building JSON text from a language's own values (a Python dict, a
//! `serde_json::Value`), so that bindings translate values without deciding
//! what is valid: the writer refuses what JSON cannot hold, repeated keys and
//! nesting beyond the limit, so the text it produces needs reading again only
//! where a field's rule looks inside it ([`Written`]).

use std::ops::Range;

use compact_str::CompactString;
use serde_json::{Map, Value as JsonValue};
use smallvec::SmallVec;

use crate::errors::{duplicate_key, ErrorDetail, ErrorKind, Errors, PathItem, ValidationError};
use crate::json_text;
use crate::metadata::Metadata;
use crate::reader::{KeySet, Reader};
use crate::value::{Nulls, Refusal, Value, Written};
use crate::MAX_DEPTH;

/// Writes JSON text event by event, tracking the path for error messages.
///
/// Numbers follow docs/contract.md section 3 for native values: integers as integers,
/// floats in the shortest form that reads back as the same float and still
/// reads as a float (`1.0`, `1e+300`).
///
/// ```
/// use connect_session::{binding::NativeWriter, PathItem};
///
/// let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
/// w.begin_object()?;
/// w.key("ratio")?;
/// w.float(1.0)?;
/// w.key("big")?;
/// w.int_text("12345678901234567890123")?;
/// w.end_object();
/// assert_eq!(w.finish(), r#"{"ratio":1.0,"big":12345678901234567890123}"#);
///
/// let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
/// w.begin_object()?;
/// w.key("x")?;
/// let err = w.float(f64::NAN).unwrap_err();
/// assert_eq!(err.errors()[0].loc_string(), "metadata.x");
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
#[derive(Debug)]
pub struct NativeWriter {
    out: String,
    /// Where the value written sits in its document.
    root: Root,
    /// Depth of the document at which the first container written sits.
    base_depth: usize,
    /// The open containers, innermost last. Paths below the root are built
    /// from these only when an error needs one, so writing allocates nothing
    /// for them (common depths fit inline).
    open: SmallVec<[Open; 2]>,
    /// The keys checked in each open object, by its position in `open`: made
    /// on the first key checked at that depth, emptied when the object
    /// closes and reused by the next object there. Kept out of `open`, whose
    /// frames it would make a few hundred bytes each, copied on every
    /// `begin` (and every move of the writer) even when no key is checked.
    keys: Vec<KeySet>,
    /// Values written outside any container: one, once the writer is done.
    roots: usize,
    /// The problems of the values and keys the binding refused and went past
    /// ([`refuse`](Self::refuse)), and where the `null`s standing for the
    /// values are; boxed, so that a writer that refuses nothing (nearly all)
    /// stays small to move and to drop.
    refused: Option<Box<(Errors, Nulls)>>,
}

/// Where the value a [`NativeWriter`] writes sits in its document.
#[derive(Debug)]
enum Root {
    /// A path given whole (none for the document itself).
    Path(Vec<PathItem>),
    /// The value of one member of the document: its key, made a path item
    /// only for an error, so that a writer per member (the metadata, each
    /// extra value) allocates nothing for it (two allocations with their
    /// frees were 250 of a Python constructor's 14k instructions, callgrind).
    Member(CompactString),
}

/// An open container of a [`NativeWriter`].
#[derive(Debug)]
struct Open {
    object: bool,
    /// Members (or items) written so far.
    count: usize,
    /// In an object: where the last key written sits in the text, escaped
    /// and without its quotes (empty before the first key).
    key: Range<usize>,
}

impl NativeWriter {
    /// A writer for the value found at `root` in a document (`[]` for the
    /// document itself, `["metadata"]` for the metadata field).
    pub fn new(root: &[PathItem]) -> Self {
        NativeWriter::with_capacity(root, 0)
    }

    /// Like [`new`](Self::new), with room for `capacity` bytes of text, so
    /// that writing a document of about that size allocates once.
    pub fn with_capacity(root: &[PathItem], capacity: usize) -> Self {
        NativeWriter::rooted(Root::Path(root.to_vec()), capacity)
    }

    /// A writer for the value of the document's member `key` (the metadata
    /// field, an extra key), with room for `capacity` bytes of text.
    pub fn for_member(key: &str, capacity: usize) -> Self {
        NativeWriter::rooted(Root::Member(CompactString::from(key)), capacity)
    }

    fn rooted(root: Root, capacity: usize) -> Self {
        let root_len = match &root {
            Root::Path(items) => items.len(),
            Root::Member(_) => 1,
        };
        NativeWriter {
            out: String::with_capacity(capacity),
            root,
            base_depth: root_len + 1,
            open: SmallVec::new(),
            keys: Vec::new(),
            roots: 0,
            refused: None,
        }
    }

    /// Adds a separator before an array item and counts it.
    fn item(&mut self) {
        match self.open.last_mut() {
            Some(Open {
                object: false,
                count,
                ..
            }) => {
                if *count > 0 {
                    self.out.push(',');
                }
                *count += 1;
            }
            Some(_) => {}
            None => self.roots += 1,
        }
    }

    /// The path of the innermost open container's current member: the last
    /// key written in an object, the last item written in an array.
    fn path(&self) -> Vec<PathItem> {
        let mut path = match &self.root {
            Root::Path(items) => items.clone(),
            Root::Member(key) => vec![PathItem::from(key.as_str())],
        };
        path.extend(self.open.iter().map(|open| {
            if open.object {
                let escaped = self.out.get(open.key.clone()).unwrap_or_default();
                PathItem::from(unescape(escaped))
            } else {
                PathItem::Index(open.count.saturating_sub(1))
            }
        }));
        path
    }

    /// An error about the value that is about to be written (or about the
    /// container just opened by [`begin`](Self::begin)).
    fn error(&self, kind: ErrorKind, msg: String) -> ValidationError {
        ValidationError::single(ErrorDetail::new(kind, self.next_value_path(), msg))
    }

    /// The path of the value about to be written. Inside an array the path
    /// holds the index of the last item written, so the next one is one further.
    fn next_value_path(&self) -> Vec<PathItem> {
        let mut path = self.path();
        if let (
            Some(Open {
                object: false,
                count,
                ..
            }),
            Some(PathItem::Index(index)),
        ) = (self.open.last(), path.last_mut())
        {
            *index = *count;
        }
        path
    }

    /// A value the binding cannot express in JSON (a set, an arbitrary
    /// object): an `invalid_type` error at the path of the value that would
    /// have been written next (the current key, or the next array index).
    pub fn unsupported(&self, found: &str) -> ValidationError {
        self.error(
            ErrorKind::InvalidType,
            format!("expected a JSON value (object, array, string, number, boolean or null), found {found}"),
        )
    }

    /// An object key that is not a string: an `invalid_type` error at the
    /// innermost open object (at the root when no object is open).
    pub fn non_string_key(&self, found: &str) -> ValidationError {
        let mut path = self.path();
        if let Some(Open { object: true, .. }) = self.open.last() {
            path.pop();
        }
        ValidationError::single(ErrorDetail::new(
            ErrorKind::InvalidType,
            path,
            format!("object keys must be strings, found {found}"),
        ))
    }

    /// `null`.
    pub fn null(&mut self) {
        self.item();
        self.out.push_str("null");
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.item();
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// An integer that fits 64 bits.
    pub fn int(&mut self, value: i128) {
        self.item();
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// An integer of any size, as decimal digits with an optional `-`.
    pub fn int_text(&mut self, digits: &str) -> Result<(), ValidationError> {
        let unsigned = digits.strip_prefix('-').unwrap_or(digits);
        let canonical = unsigned == "0" || (!unsigned.starts_with('0') && !unsigned.is_empty());
        if !canonical || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                ErrorKind::InvalidValue,
                format!("{digits:?} is not a decimal integer"),
            ));
        }
        self.item();
        self.out.push_str(digits);
        Ok(())
    }

    /// A float; NaN and the infinities are refused, since JSON cannot hold them.
    pub fn float(&mut self, value: f64) -> Result<(), ValidationError> {
        if !value.is_finite() {
            return Err(self.error(
                ErrorKind::InvalidValue,
                format!("{value} cannot be written as JSON; only finite numbers can"),
            ));
        }
        self.item();
        json_text::write_float(&mut self.out, value);
        Ok(())
    }

    /// Any JSON value given as text (a number's exact text, a raw value),
    /// checked by this crate's reader at the depth where it lands and
    /// written in canonical form.
    pub fn json_text(&mut self, json: &str) -> Result<(), ValidationError> {
        let mut p = Reader::new(json);
        let captured = p
            .capture(self.base_depth + self.open.len())
            .and_then(|text| p.end().map(|()| text));
        let mut problems = match captured {
            Ok(Some(text)) if p.errors.is_empty() => {
                self.item();
                self.out.push_str(&text);
                return Ok(());
            }
            Ok(_) => p.errors,
            Err(stop) => {
                let mut one = Errors::default();
                one.push(*stop);
                one
            }
        };
        let path = self.next_value_path();
        for problem in problems.kept_from(0) {
            for item in path.iter().rev() {
                problem.put_under(item.clone());
            }
        }
        match problems.into_error() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// A string.
    pub fn str(&mut self, value: &str) {
        self.item();
        json_text::write_str(&mut self.out, value);
    }

    fn begin(&mut self, object: bool) -> Result<(), ValidationError> {
        if self.base_depth + self.open.len() > MAX_DEPTH {
            return Err(self.error(
                ErrorKind::TooDeep,
                format!("nesting is deeper than the limit of {MAX_DEPTH} levels"),
            ));
        }
        self.item();
        self.out.push(if object { '{' } else { '[' });
        self.open.push(Open {
            object,
            count: 0,
            key: 0..0,
        });
        Ok(())
    }

    fn end(&mut self) {
        if let Some(open) = self.open.pop() {
            if let Some(keys) = self.keys.get_mut(self.open.len()) {
                keys.clear();
            }
            self.out.push(if open.object { '}' } else { ']' });
        }
    }

    /// Opens an array; refused beyond the nesting limit.
    pub fn begin_array(&mut self) -> Result<(), ValidationError> {
        self.begin(false)
    }

    /// Closes the innermost array.
    pub fn end_array(&mut self) {
        self.end();
    }

    /// Opens an object; refused beyond the nesting limit.
    pub fn begin_object(&mut self) -> Result<(), ValidationError> {
        self.begin(true)
    }

    /// Writes the key of the next member of the innermost object; a key the
    /// object already has is refused, as in a document.
    pub fn key(&mut self, key: &str) -> Result<(), ValidationError> {
        let Some(quoted) = self.write_key(key) else {
            return Ok(());
        };
        // An object is open (write_key found one): its depth's key set.
        let depth = self.open.len() - 1;
        if self.keys.len() <= depth {
            self.keys.resize_with(depth + 1, KeySet::default);
        }
        let fresh = self
            .keys
            .get_mut(depth)
            .is_none_or(|keys| keys.insert(&self.out, quoted, key));
        if !fresh {
            return Err(self.error(ErrorKind::DuplicateKey, duplicate_key(key)));
        }
        Ok(())
    }

    /// Writes the key of the next member of the innermost object, one the
    /// caller knows differs from every key written in that object so far (as
    /// the keys of one `str`-keyed Python dict do, read while no code could
    /// change it): not looked up, which is most of a key's cost.
    pub fn distinct_key(&mut self, key: &str) {
        self.write_key(key);
    }

    /// Writes `"key":` (after a comma if needed); in an object, counts the
    /// member and says where its opening quote is.
    fn write_key(&mut self, key: &str) -> Option<usize> {
        if let Some(Open {
            object: true,
            count,
            ..
        }) = self.open.last()
        {
            if *count > 0 {
                self.out.push(',');
            }
        }
        let quoted = self.out.len();
        json_text::write_str(&mut self.out, key);
        let end = self.out.len();
        self.out.push(':');
        match self.open.last_mut() {
            Some(Open {
                object: true,
                count,
                key: last,
                ..
            }) => {
                *count += 1;
                // Between the quotes write_str put around the key.
                *last = (quoted + 1)..(end - 1);
                Some(quoted)
            }
            _ => None,
        }
    }

    /// Closes the innermost object.
    pub fn end_object(&mut self) {
        self.end();
    }

    /// Records the problem of a value the binding refused (what
    /// [`unsupported`](Self::unsupported), [`float`](Self::float) and the
    /// others returned for it) and goes on, so that every problem of the
    /// value is reported together, as in a document: the refused value
    /// counts as written, as `null`, so that later problems keep their paths.
    /// [`into_value`](Self::into_value) then gives them all, with the text
    /// and where its `null`s stand for refused values, for the field's rule
    /// to read the rest (and say nothing of those `null`s). A problem that
    /// stops a document (nesting beyond the limit) is handed back instead, to
    /// stop the walk there.
    pub fn refuse(&mut self, err: ValidationError) -> Result<(), ValidationError> {
        // The value itself, or an item of its top array: a field's rule
        // reports nowhere else.
        let spot = match self.open.as_slice() {
            [] => Some(None),
            [Open {
                object: false,
                count,
                ..
            }] => Some(Some(*count)),
            _ => None,
        };
        let kept = self.refused.as_ref().map_or(0, |refused| refused.0.kept());
        self.refuse_key(err)?;
        if let (Some(spot), Some(refused)) = (spot, &mut self.refused) {
            let (problems, nulls) = &mut **refused;
            // Only for a problem kept, so that the spots are no more than the
            // problems kept (past those, every problem is only counted).
            if problems.kept() > kept {
                match spot {
                    None => nulls.whole = true,
                    Some(at) => nulls.items.push(at),
                }
            }
        }
        self.item();
        self.out.push_str("null");
        Ok(())
    }

    /// Like [`refuse`](Self::refuse), for an object key the binding refused
    /// ([`non_string_key`](Self::non_string_key)): nothing is written, and
    /// the binding goes on past the key's value.
    pub fn refuse_key(&mut self, err: ValidationError) -> Result<(), ValidationError> {
        if err.errors().iter().any(ErrorDetail::stops) {
            return Err(err);
        }
        let (kept, omitted) = err.into_parts();
        self.refused
            .get_or_insert_with(Box::default)
            .0
            .extend(kept, omitted);
        Ok(())
    }

    /// The JSON text written, for a writer that refused nothing (a refused
    /// value is written as `null`).
    pub fn finish(self) -> String {
        self.out
    }

    /// The value written, for the core's rules: [`Value::Refused`] with every
    /// problem and the rest of the text when the binding refused a part of it, else
    /// [`Value::Written`] when it is one whole value, else the text as
    /// [`Value::Json`], whose reading reports what is wrong with it.
    // Inlined: called once per value a binding writes, where a call and the
    // move of the writer into it cost about 50 of the Python constructor's
    // instructions (callgrind).
    #[inline]
    pub fn into_value(self) -> Value<'static> {
        if let Some(refused) = self.refused {
            let (problems, nulls) = *refused;
            if let Some(problems) = problems.into_error() {
                return Value::Refused(Refusal::new(problems, self.out, nulls));
            }
        }
        if self.open.is_empty() && self.roots == 1 {
            Value::Written(Written::new(self.out))
        } else {
            Value::Json(self.out.into())
        }
    }
}

/// A key as it was written (escaped, without its quotes), read back.
fn unescape(escaped: &str) -> String {
    let quoted = format!("\"{escaped}\"");
    let mut p = Reader::new(&quoted);
    // Cannot fail: the text is a JSON string this writer wrote.
    p.string().map(|key| key.into_owned()).unwrap_or_default()
}

impl TryFrom<Map<String, JsonValue>> for Metadata {
    type Error = ValidationError;

    /// Native numbers are written in the canonical form of docs/contract.md section 3:
    /// integers as integers, floats in the shortest form that reads back as
    /// the same float (`1.0`, `1e+300`).
    ///
    /// ```
    /// use connect_session::Metadata;
    ///
    /// let map = serde_json::json!({"ratio": 1.0, "n": 7, "big": 1e300});
    /// let m = Metadata::try_from(map.as_object().unwrap().clone()).unwrap();
    /// // In the map's own key order.
    /// assert_eq!(m.as_json(), r#"{"big":1e+300,"n":7,"ratio":1.0}"#);
    /// ```
    fn try_from(map: Map<String, JsonValue>) -> Result<Self, Self::Error> {
        let mut writer = NativeWriter::for_member("metadata", 0);
        write_value(&mut writer, &JsonValue::Object(map))?;
        Metadata::from_json(writer.finish())
    }
}

/// Feeds a serde_json value to the writer, which stops the recursion at the
/// nesting limit.
fn write_value(w: &mut NativeWriter, value: &JsonValue) -> Result<(), ValidationError> {
    match value {
        JsonValue::Null => w.null(),
        JsonValue::Bool(b) => w.bool(*b),
        JsonValue::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => w.int(i.into()),
            (_, Some(u), _) => w.int(u.into()),
            (_, _, Some(f)) => w.float(f)?,
            _ => return Err(w.unsupported("a number serde_json cannot read")),
        },
        JsonValue::String(s) => w.str(s),
        JsonValue::Array(items) => {
            w.begin_array()?;
            for item in items {
                write_value(w, item)?;
            }
            w.end_array();
        }
        JsonValue::Object(map) => {
            w.begin_object()?;
            for (key, item) in map {
                w.key(key)?;
                write_value(w, item)?;
            }
            w.end_object();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(err: &ValidationError) -> String {
        err.errors()[0].loc_string()
    }

    #[test]
    fn errors_in_arrays_name_the_offending_item() {
        let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
        w.begin_object().unwrap();
        w.key("xs").unwrap();
        w.begin_array().unwrap();
        assert_eq!(loc(&w.unsupported("a set")), "metadata.xs[0]");
        w.int(1);
        w.int(2);
        assert_eq!(loc(&w.unsupported("a set")), "metadata.xs[2]");
        assert_eq!(loc(&w.float(f64::NAN).unwrap_err()), "metadata.xs[2]");
        assert_eq!(loc(&w.int_text("01").unwrap_err()), "metadata.xs[2]");
        w.end_array();
        w.end_object();
        assert_eq!(w.finish(), r#"{"xs":[1,2]}"#);
    }

    #[test]
    fn refused_values_and_keys_are_all_reported_at_their_paths() {
        let mut w = NativeWriter::for_member("metadata", 0);
        w.begin_object().unwrap();
        w.distinct_key("a");
        let nan = w.float(f64::NAN).unwrap_err();
        w.refuse(nan).unwrap();
        w.distinct_key("b");
        w.begin_array().unwrap();
        let set = w.unsupported("a set");
        w.refuse(set).unwrap();
        let digits = w.int_text("01").unwrap_err();
        w.refuse(digits).unwrap();
        w.end_array();
        let key = w.non_string_key("an int");
        w.refuse_key(key).unwrap();
        w.distinct_key("c");
        w.int(1);
        w.end_object();
        let Value::Refused(refusal) = w.into_value() else {
            panic!("not refused");
        };
        let parts = refusal.into_parts();
        assert_eq!(
            parts.written.as_deref(),
            Some(r#"{"a":null,"b":[null,null],"c":1}"#)
        );
        // Inside an object: no place a field's rule reports at.
        assert!(!parts.nulls.whole && parts.nulls.items.is_empty());
        let found: Vec<_> = parts
            .problems
            .errors()
            .iter()
            .map(|e| (e.kind(), e.loc_string()))
            .collect();
        assert_eq!(
            found,
            [
                (ErrorKind::InvalidValue, "metadata.a".to_owned()),
                (ErrorKind::InvalidType, "metadata.b[0]".to_owned()),
                (ErrorKind::InvalidValue, "metadata.b[1]".to_owned()),
                (ErrorKind::InvalidType, "metadata".to_owned()),
            ]
        );
    }

    #[test]
    fn a_refusal_that_stops_a_document_is_handed_back() {
        let mut w = NativeWriter::new(&[]);
        let too_deep =
            ValidationError::single(ErrorDetail::new(ErrorKind::TooDeep, Vec::new(), "too deep"));
        let err = w.refuse(too_deep).unwrap_err();
        assert_eq!(err.errors()[0].kind(), ErrorKind::TooDeep);
        assert!(matches!(w.into_value(), Value::Json(text) if text.is_empty()));
    }

    #[test]
    fn errors_in_objects_name_the_key() {
        let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
        w.begin_object().unwrap();
        w.key("a").unwrap();
        assert_eq!(loc(&w.unsupported("a set")), "metadata.a");
        w.null();
        assert_eq!(loc(&w.non_string_key("an int")), "metadata");
        w.key("b").unwrap();
        w.begin_array().unwrap();
        w.begin_object().unwrap();
        assert_eq!(loc(&w.non_string_key("an int")), "metadata.b[0]");
    }

    #[test]
    fn keys_in_paths_are_the_keys_as_given() {
        let mut w = NativeWriter::with_capacity(&[PathItem::from("metadata")], 64);
        w.begin_object().unwrap();
        assert_eq!(
            w.unsupported("a set").errors()[0].loc(),
            [PathItem::from("metadata"), PathItem::from("")]
        );
        let key = "quote \" backslash \\ nul \u{0} é 😀";
        w.key(key).unwrap();
        w.begin_object().unwrap();
        w.key("inner").unwrap();
        let err = w.unsupported("a set");
        assert_eq!(
            err.errors()[0].loc(),
            [
                PathItem::from("metadata"),
                PathItem::from(key),
                PathItem::from("inner")
            ]
        );
        assert_eq!(
            w.non_string_key("an int").errors()[0].loc(),
            [PathItem::from("metadata"), PathItem::from(key)]
        );
    }

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
        w.begin_object().unwrap();
        w.key("a").unwrap();
        w.begin_object().unwrap();
        w.key("é").unwrap();
        w.null();
        let err = w.key("é").unwrap_err();
        assert_eq!(err.errors()[0].kind(), ErrorKind::DuplicateKey);
        assert_eq!(loc(&err), "metadata.a.é");
        assert_eq!(err.errors()[0].msg(), "duplicate key \"é\"");
        // Beyond the small set's size, through the hash table.
        let mut w = NativeWriter::new(&[]);
        w.begin_object().unwrap();
        for i in 0..100 {
            w.key(&format!("k{i}")).unwrap();
            w.int(i);
        }
        assert_eq!(loc(&w.key("k42").unwrap_err()), "k42");
    }

    #[test]
    fn each_object_has_its_own_keys() {
        // Objects one after the other at one depth, and an object inside
        // another, repeat each other's keys freely.
        let mut w = NativeWriter::new(&[]);
        w.begin_array().unwrap();
        for _ in 0..2 {
            w.begin_object().unwrap();
            w.key("a").unwrap();
            w.begin_object().unwrap();
            w.key("a").unwrap();
            w.null();
            w.end_object();
            w.key("b").unwrap();
            w.null();
            w.end_object();
        }
        w.end_array();
        assert_eq!(
            w.finish(),
            r#"[{"a":{"a":null},"b":null},{"a":{"a":null},"b":null}]"#
        );
    }

    #[test]
    fn distinct_keys_are_written_as_keys_are() {
        let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
        w.begin_object().unwrap();
        w.distinct_key("a\"");
        w.int(1);
        w.distinct_key("b");
        assert_eq!(loc(&w.unsupported("a set")), "metadata.b");
        w.begin_array().unwrap();
        w.end_array();
        w.key("c").unwrap();
        w.null();
        w.end_object();
        assert_eq!(w.finish(), r#"{"a\"":1,"b":[],"c":null}"#);
    }

    #[test]
    fn only_one_whole_value_is_written() {
        let mut w = NativeWriter::new(&[]);
        w.begin_array().unwrap();
        w.str("x");
        w.end_array();
        assert!(matches!(w.into_value(), Value::Written(json) if json.as_str() == r#"["x"]"#));
        let mut open = NativeWriter::new(&[]);
        open.begin_object().unwrap();
        assert!(matches!(open.into_value(), Value::Json(text) if text == "{"));
        let mut two = NativeWriter::new(&[]);
        two.int(1);
        two.int(2);
        assert!(matches!(two.into_value(), Value::Json(text) if text == "12"));
        assert!(
            matches!(NativeWriter::new(&[]).into_value(), Value::Json(text) if text.is_empty())
        );
    }

    #[test]
    fn errors_at_the_root_use_the_root() {
        let w = NativeWriter::new(&[PathItem::from("provider")]);
        assert_eq!(loc(&w.unsupported("a set")), "provider");
        assert_eq!(loc(&w.non_string_key("an int")), "provider");
        assert_eq!(
            NativeWriter::new(&[]).non_string_key("an int").errors()[0].loc(),
            []
        );
    }

    #[test]
    fn nesting_beyond_the_limit_names_the_container() {
        let mut w = NativeWriter::new(&[PathItem::from("metadata")]);
        w.begin_object().unwrap();
        w.key("xs").unwrap();
        w.begin_array().unwrap();
        w.null();
        let mut depth = 3;
        let err = loop {
            match w.begin_array() {
                Ok(()) => depth += 1,
                Err(err) => break err,
            }
        };
        assert_eq!(depth, MAX_DEPTH);
        assert_eq!(err.errors()[0].kind(), ErrorKind::TooDeep);
        let expected = format!("metadata.xs[1]{}", "[0]".repeat(MAX_DEPTH - 3));
        assert_eq!(loc(&err), expected);
    }

    #[test]
    fn a_member_writer_is_rooted_at_its_key() {
        // The same errors, at the same depths, as a writer given the key as a path.
        let writers = || {
            [
                NativeWriter::for_member("metadata", 0),
                NativeWriter::new(&[PathItem::from("metadata")]),
            ]
        };
        let deepest = writers().map(|mut w| loop {
            if let Err(err) = w.begin_array() {
                return (err, w.open.len());
            }
        });
        assert_eq!(deepest[0].1, MAX_DEPTH - 1);
        assert_eq!(deepest[0].1, deepest[1].1);
        assert_eq!(deepest[0].0, deepest[1].0);
        let refused = writers().map(|mut w| {
            w.begin_object().unwrap();
            w.key("ratio").unwrap();
            w.float(f64::INFINITY).unwrap_err()
        });
        assert_eq!(loc(&refused[0]), "metadata.ratio");
        assert_eq!(refused[0], refused[1]);
        assert_eq!(loc(&writers()[0].unsupported("a set")), "metadata");
    }
}
