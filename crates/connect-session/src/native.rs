//! Writing a language's own values (a Python dict, a serde value) as the
//! canonical JSON text the model keeps: what a binding's
//! [`Source::capture`](crate::binding::Source::capture) does. The writer
//! refuses what JSON cannot hold, repeated keys and nesting beyond the limit,
//! with the problems a document holding them would have, and goes on past
//! each so that a value's problems are reported together.

use std::ops::Range;

use serde_json::{Map, Value as JsonValue};
use smallvec::SmallVec;

use crate::errors::Stop;
use crate::errors::{duplicate_key, too_deep, ErrorDetail, ErrorKind, Errors, PathItem, Problems};
use crate::json_text;
use crate::metadata::Metadata;
use crate::reader::{KeySet, Reader};
use crate::source::{not_finite, not_json};
use crate::MAX_DEPTH;

/// Writes JSON text event by event, tracking the path for error messages.
///
/// Numbers follow contract section 3 for native values: integers as
/// integers, floats in the shortest form that reads back as the same float
/// and still reads as a float (`1.0`, `1e+300`).
///
/// ```
/// use connect_session::binding::NativeWriter;
///
/// let mut w = NativeWriter::at_depth(2);
/// w.begin_object()?;
/// w.key("ratio");
/// w.float(1.0);
/// w.key("big");
/// w.int_text("12345678901234567890123");
/// w.key("bad");
/// w.float(f64::NAN);
/// w.end_object();
/// let (text, problems) = w.finish();
/// assert_eq!(text, r#"{"ratio":1.0,"big":12345678901234567890123,"bad":null}"#);
/// assert_eq!(problems.unwrap().errors()[0].loc_string(), "bad");
/// # Ok::<(), Box<connect_session::ErrorDetail>>(())
/// ```
#[derive(Debug)]
pub struct NativeWriter {
    out: String,
    /// Depth of the document at which the first container written sits.
    base_depth: usize,
    /// The open containers, innermost last. Paths are built from these only
    /// when a problem needs one, so writing allocates nothing for them
    /// (common depths fit inline).
    open: SmallVec<[Open; 2]>,
    /// The keys checked in each open object, by its position in `open`: made
    /// on the first key checked at that depth, emptied when the object
    /// closes and reused by the next object there. Kept out of `open`, whose
    /// frames it would make a few hundred bytes each.
    keys: Vec<KeySet>,
    /// The problems found, with paths from the value written; boxed, so that
    /// a writer that refuses nothing (nearly all) stays small to move.
    problems: Option<Box<Errors>>,
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
    /// A writer for a value whose containers sit at `depth` of a document
    /// (the document itself is depth 1, a field's value depth 2).
    pub fn at_depth(depth: usize) -> Self {
        NativeWriter::with_capacity(depth, 0)
    }

    /// Like [`at_depth`](Self::at_depth), with room for `capacity` bytes of
    /// text, so that writing a value of about that size allocates once.
    pub fn with_capacity(depth: usize, capacity: usize) -> Self {
        NativeWriter {
            out: String::with_capacity(capacity),
            base_depth: depth,
            open: SmallVec::new(),
            keys: Vec::new(),
            problems: None,
        }
    }

    /// Adds a separator before an array item and counts it.
    fn item(&mut self) {
        if let Some(Open {
            object: false,
            count,
            ..
        }) = self.open.last_mut()
        {
            if *count > 0 {
                self.out.push(',');
            }
            *count += 1;
        }
    }

    /// The path of the innermost open container's current member: the last
    /// key written in an object, the last item written in an array.
    fn path(&self) -> Vec<PathItem> {
        self.open
            .iter()
            .map(|open| {
                if open.object {
                    let escaped = self.out.get(open.key.clone()).unwrap_or_default();
                    PathItem::from(unescape(escaped))
                } else {
                    PathItem::Index(open.count.saturating_sub(1))
                }
            })
            .collect()
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

    fn problems(&mut self) -> &mut Errors {
        self.problems.get_or_insert_with(Box::default)
    }

    /// Records a problem of the value about to be written, and writes
    /// `null` in its place, so that later problems keep their paths.
    fn refuse(&mut self, kind: ErrorKind, msg: impl FnOnce() -> String) {
        let path = self.next_value_path();
        self.problems()
            .push_with(|| ErrorDetail::new(kind, path, msg()));
        self.null();
    }

    /// A value the binding cannot express in JSON (a set, an arbitrary
    /// object), described as `found`: an `invalid_type` problem at it.
    pub fn unsupported(&mut self, found: &str) {
        self.refuse(ErrorKind::InvalidType, || not_json(found));
    }

    /// An object key that is not a string, described as `found`: an
    /// `invalid_type` problem at the innermost open object. The binding
    /// goes on past the key's value, which is not written.
    pub fn non_string_key(&mut self, found: &str) {
        let mut path = self.path();
        if let Some(Open { object: true, .. }) = self.open.last() {
            path.pop();
        }
        self.problems().push_with(|| {
            ErrorDetail::new(
                ErrorKind::InvalidType,
                path,
                format!("object keys must be strings, found {found}"),
            )
        });
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

    /// An integer that fits 128 bits.
    pub fn int(&mut self, value: i128) {
        self.item();
        self.out.push_str(itoa::Buffer::new().format(value));
    }

    /// An integer of any size, as decimal digits with an optional `-`.
    pub fn int_text(&mut self, digits: &str) {
        let unsigned = digits.strip_prefix('-').unwrap_or(digits);
        let canonical = unsigned == "0" || (!unsigned.starts_with('0') && !unsigned.is_empty());
        if !canonical || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
            return self.refuse(ErrorKind::InvalidValue, || {
                format!("{digits:?} is not a decimal integer")
            });
        }
        self.item();
        self.out.push_str(digits);
    }

    /// A float; NaN and the infinities are refused, since JSON cannot hold them.
    pub fn float(&mut self, value: f64) {
        if !value.is_finite() {
            return self.refuse(ErrorKind::InvalidValue, || not_finite(value));
        }
        self.item();
        json_text::write_float(&mut self.out, value);
    }

    /// Any JSON value given as text (a number's exact text, a raw value),
    /// checked by this crate's reader at the depth where it lands and
    /// written in canonical form.
    pub fn json_text(&mut self, json: &str) -> Result<(), Stop> {
        let mut p = Reader::new(json);
        let captured = p
            .capture(self.base_depth + self.open.len())
            .and_then(|text| p.end().map(|()| text));
        let found = match captured {
            Ok(Some(text)) if p.problems() == 0 => {
                self.item();
                self.out.push_str(&text);
                return Ok(());
            }
            Ok(_) => p.problems.errors,
            Err(stop) if stop.kind() == ErrorKind::TooDeep => return Err(stop),
            Err(stop) => {
                let mut one = Errors::default();
                one.push(*stop);
                one
            }
        };
        let path = self.next_value_path();
        let mut found = found;
        for problem in found.kept_from(0) {
            for item in path.iter().rev() {
                problem.put_under(item.clone());
            }
        }
        self.problems().append(found);
        self.null();
        Ok(())
    }

    /// A string.
    pub fn str(&mut self, value: &str) {
        self.item();
        json_text::write_str(&mut self.out, value);
    }

    fn begin(&mut self, object: bool) -> Result<(), Stop> {
        if self.base_depth + self.open.len() > MAX_DEPTH {
            let mut stop = too_deep();
            for item in self.next_value_path().into_iter().rev() {
                stop.put_under(item);
            }
            return Err(stop);
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

    /// Opens an array; refused beyond the nesting limit, which stops the walk.
    pub fn begin_array(&mut self) -> Result<(), Stop> {
        self.begin(false)
    }

    /// Closes the innermost array.
    pub fn end_array(&mut self) {
        self.end();
    }

    /// Opens an object; refused beyond the nesting limit, which stops the walk.
    pub fn begin_object(&mut self) -> Result<(), Stop> {
        self.begin(true)
    }

    /// Closes the innermost object.
    pub fn end_object(&mut self) {
        self.end();
    }

    /// Writes the key of the next member of the innermost object; a key the
    /// object already has is a `duplicate_key` problem, as in a document,
    /// and false is returned: the caller goes on past its value, which is
    /// written but not kept.
    pub fn key(&mut self, key: &str) -> bool {
        let Some(quoted) = self.write_key(key) else {
            return true;
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
            let path = self.path();
            self.problems()
                .push_with(|| ErrorDetail::new(ErrorKind::DuplicateKey, path, duplicate_key(key)));
        }
        fresh
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

    /// True once a problem was found.
    pub fn refused(&self) -> bool {
        self.problems
            .as_ref()
            .is_some_and(|found| !found.is_empty())
    }

    /// The text written and the problems found (paths from the value
    /// written), if any: with problems, the text holds `null` where each
    /// refused value would be.
    pub fn finish(self) -> (String, Option<crate::ValidationError>) {
        (self.out, self.problems.and_then(|found| found.into_error()))
    }

    /// The text written, for a source's [`capture`](crate::binding::Source::capture):
    /// `None` when problems were found, which join `problems` at the value
    /// under the source's cursor.
    pub fn finish_into(self, problems: &mut Problems) -> Option<String> {
        match self.problems {
            Some(found) if !found.is_empty() => {
                problems.record_all(*found);
                None
            }
            _ => Some(self.out),
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
    type Error = crate::ValidationError;

    /// Native numbers are written in the canonical form of contract section 3:
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
        let mut writer = NativeWriter::at_depth(2);
        let root = || write_value(&mut writer, &JsonValue::Object(map));
        if let Err(stop) = root() {
            return Err(crate::ValidationError::single(*stop).under("metadata"));
        }
        match writer.finish() {
            (text, None) => Metadata::from_json(text),
            (_, Some(err)) => Err(err.under("metadata")),
        }
    }
}

/// Feeds a serde_json value to the writer, which stops the recursion at the
/// nesting limit.
fn write_value(w: &mut NativeWriter, value: &JsonValue) -> Result<(), Stop> {
    match value {
        JsonValue::Null => w.null(),
        JsonValue::Bool(b) => w.bool(*b),
        JsonValue::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => w.int(i.into()),
            (_, Some(u), _) => w.int(u.into()),
            (_, _, Some(f)) => w.float(f),
            _ => w.unsupported("a number serde_json cannot read"),
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
                w.key(key);
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

    fn problems(w: NativeWriter) -> Vec<(ErrorKind, String)> {
        let (_, err) = w.finish();
        err.map_or_else(Vec::new, |err| {
            err.errors()
                .iter()
                .map(|e| (e.kind(), e.loc_string()))
                .collect()
        })
    }

    #[test]
    fn every_refused_part_is_reported_at_its_path() {
        let mut w = NativeWriter::at_depth(2);
        w.begin_object().unwrap();
        w.key("a");
        w.float(f64::INFINITY);
        w.key("b");
        w.begin_array().unwrap();
        w.int(1);
        w.unsupported("a set");
        w.int_text("01");
        w.end_array();
        w.non_string_key("an int");
        w.null();
        w.key("a");
        w.null();
        w.key("c\"d");
        w.json_text("1e400").unwrap();
        w.end_object();
        use ErrorKind::*;
        assert_eq!(
            problems(w),
            [
                (InvalidValue, "a".to_owned()),
                (InvalidType, "b[1]".to_owned()),
                (InvalidValue, "b[2]".to_owned()),
                (InvalidType, "".to_owned()),
                (DuplicateKey, "a".to_owned()),
                (InvalidValue, "c\"d".to_owned()),
            ]
        );
    }

    #[test]
    fn nesting_beyond_the_limit_stops() {
        let mut w = NativeWriter::at_depth(MAX_DEPTH);
        w.begin_array().unwrap();
        let stop = w.begin_object().unwrap_err();
        assert_eq!(stop.kind(), ErrorKind::TooDeep);
        assert_eq!(stop.loc(), [PathItem::Index(0)]);
    }
}
