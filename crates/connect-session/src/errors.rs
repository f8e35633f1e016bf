//! The one error type: every problem of a document, each with a kind, a path and a message.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

/// What went wrong, as a stable snake_case slug (docs/contract.md section 5).
///
/// The slugs are part of the API: C and Python report the same ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not JSON, not UTF-8, a lone surrogate escape, or not an object at the top.
    Syntax,
    /// A required key is absent or `null`.
    MissingField,
    /// A value of the wrong JSON type.
    InvalidType,
    /// The right type, but a value the rules refuse.
    InvalidValue,
    /// An extra key, refused in strict mode.
    UnknownField,
    /// A key repeated in one object.
    DuplicateKey,
    /// Nesting beyond [`MAX_DEPTH`](crate::MAX_DEPTH).
    TooDeep,
}

impl ErrorKind {
    /// Every kind, in the order of docs/contract.md section 5.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Syntax,
        ErrorKind::MissingField,
        ErrorKind::InvalidType,
        ErrorKind::InvalidValue,
        ErrorKind::UnknownField,
        ErrorKind::DuplicateKey,
        ErrorKind::TooDeep,
    ];

    /// The slug, e.g. `"missing_field"`.
    ///
    /// ```
    /// assert_eq!(connect_session::ErrorKind::TooDeep.as_str(), "too_deep");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::InvalidType => "invalid_type",
            ErrorKind::InvalidValue => "invalid_value",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::DuplicateKey => "duplicate_key",
            ErrorKind::TooDeep => "too_deep",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a path into the document: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathItem {
    /// A key of an object.
    Key(PathKey),
    /// An index into an array.
    Index(usize),
}

/// What a problem counts for itself in [`ErrorDetail::weight`].
pub(crate) const ERROR_WEIGHT: usize = 32;

impl PathItem {
    /// What the item counts in [`ErrorDetail::weight`]: a key's bytes and 3,
    /// or 8 for an index.
    pub fn weight(&self) -> usize {
        match self {
            PathItem::Key(key) => PathItem::key_weight(key.len()),
            PathItem::Index(_) => PathItem::INDEX_WEIGHT,
        }
    }

    /// The weight of a key of `len` bytes, without building the item.
    pub(crate) const fn key_weight(len: usize) -> usize {
        len + 3
    }

    /// The weight of an index.
    pub(crate) const INDEX_WEIGHT: usize = 8;
}

/// An object key in a path: shared, so that the many problems found below
/// one key hold one copy of it between them, not one each. Reads as a `str`.
///
/// ```
/// use connect_session::{PathItem, PathKey};
///
/// let key = PathKey::from("tenant");
/// assert_eq!(key.as_str(), "tenant");
/// assert_eq!(PathItem::from("tenant"), PathItem::Key(key));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PathKey(Arc<str>);

impl PathKey {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for PathKey {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PathKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for PathKey {
    fn from(key: &str) -> Self {
        PathKey(Arc::from(key))
    }
}

impl From<String> for PathKey {
    fn from(key: String) -> Self {
        PathKey(Arc::from(key))
    }
}

impl fmt::Debug for PathKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for PathKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for PathItem {
    fn from(key: &str) -> Self {
        PathItem::Key(PathKey::from(key))
    }
}

impl From<String> for PathItem {
    fn from(key: String) -> Self {
        PathItem::Key(PathKey::from(key))
    }
}

impl From<usize> for PathItem {
    fn from(index: usize) -> Self {
        PathItem::Index(index)
    }
}

/// One problem: its kind, where it is, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDetail {
    kind: ErrorKind,
    loc: Vec<PathItem>,
    msg: String,
    position: Option<(usize, usize)>,
}

impl ErrorDetail {
    pub(crate) fn new(kind: ErrorKind, loc: Vec<PathItem>, msg: impl Into<String>) -> Self {
        ErrorDetail {
            kind,
            loc,
            msg: msg.into(),
            position: None,
        }
    }

    pub(crate) fn syntax(msg: impl Into<String>, line: usize, column: usize) -> Self {
        ErrorDetail {
            position: Some((line, column)),
            ..ErrorDetail::new(ErrorKind::Syntax, Vec::new(), msg)
        }
    }

    /// A syntax error at byte `offset` of `doc`, its position appended to `msg`.
    pub(crate) fn syntax_at(doc: &[u8], offset: usize, msg: &str) -> Self {
        let before = doc.get(..offset).unwrap_or(doc);
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let column = 1 + before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
        ErrorDetail::syntax(
            format!("{msg} at line {line} column {column}"),
            line,
            column,
        )
    }

    /// Places this problem inside `item` of an enclosing container. Syntax
    /// errors have no path: their position is in the message.
    pub(crate) fn put_under(&mut self, item: PathItem) {
        if self.kind != ErrorKind::Syntax {
            self.loc.insert(0, item);
        }
    }

    /// What this problem counts against [`MAX_ERROR_BYTES`]: the bytes of
    /// its message and of the keys of its path, plus a few for each item of
    /// the path and for the problem itself.
    pub fn weight(&self) -> usize {
        let path: usize = self.loc.iter().map(PathItem::weight).sum();
        ERROR_WEIGHT + self.msg.len() + path
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where the offending value is; empty for the document itself.
    pub fn loc(&self) -> &[PathItem] {
        &self.loc
    }

    /// A message for a person, naming what was expected.
    pub fn msg(&self) -> &str {
        &self.msg
    }

    /// Line and column (both from 1) of a syntax error; `None` for other kinds.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.position
    }

    /// The path written for people: `categories[2]`, `metadata.tenant.id`.
    ///
    /// ```
    /// let err = connect_session::ConnectSessionCreate::from_json(
    ///     br#"{"origin_owner_id":"o","origin_owner_name":"n","categories":["ats","x"]}"#,
    /// )
    /// .unwrap_err();
    /// assert_eq!(err.errors()[0].loc_string(), "categories[1]");
    /// ```
    pub fn loc_string(&self) -> String {
        let mut out = String::new();
        for item in &self.loc {
            match item {
                PathItem::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                PathItem::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for ErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.loc.is_empty() {
            write!(f, "{}: ", self.loc_string())?;
        }
        write!(f, "{} [type={}]", self.msg, self.kind)
    }
}

impl Serialize for PathItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PathItem::Key(key) => serializer.serialize_str(key),
            PathItem::Index(index) => serializer.serialize_u64(*index as u64),
        }
    }
}

impl Serialize for ErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorDetail", 3)?;
        s.serialize_field("type", self.kind.as_str())?;
        s.serialize_field("loc", &self.loc)?;
        s.serialize_field("msg", &self.msg)?;
        s.end()
    }
}

/// A string as messages quote it: in full (as Rust's `{:?}` writes it) up to
/// 100 characters; a longer one by its first 100 and its length, so that a
/// message costs little whatever the input (the path holds the whole key).
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

/// A number's text as messages show it: as written, cut like [`Quoted`].
pub(crate) struct NumberText<'a>(pub(crate) &'a str);

/// The first 100 characters of `text`, and whether that is all of it.
fn head(text: &str) -> (&str, bool) {
    const SHOWN: usize = 100;
    match text.char_indices().nth(SHOWN) {
        None => (text, true),
        Some((cut, _)) => (text.get(..cut).unwrap_or_default(), false),
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match head(self.0) {
            (all, true) => write!(f, "{all:?}"),
            (head, false) => write!(f, "{head:?}... ({} bytes)", self.0.len()),
        }
    }
}

impl fmt::Display for NumberText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match head(self.0) {
            (all, true) => f.write_str(all),
            (head, false) => write!(f, "{head}... ({} bytes)", self.0.len()),
        }
    }
}

/// The message of a `duplicate_key` problem, wherever the key repeats (a
/// document, a binding's values, the native writer).
pub(crate) fn duplicate_key(key: &str) -> String {
    format!("duplicate key {}", Quoted(key))
}

/// The most problems one error keeps: a document with more yields the
/// first `MAX_ERRORS` found (in the order they are found; missing fields
/// come last), reported in the usual order, and only the count of the
/// others ([`ValidationError::omitted`]), so that the cost of reporting
/// stays small whatever the input. Real documents have a few. (Problems
/// whose paths and messages add up to more than [`MAX_ERROR_BYTES`] are
/// cut short the same way.)
pub const MAX_ERRORS: usize = 1000;

/// The most bytes of paths and messages the kept problems hold between them
/// (as [`ErrorDetail::weight`] counts them), past the first problem: a
/// bound on what listing them costs (`Display`, `to_json`), which would
/// otherwise grow with the number of errors x the length of the keys above
/// them. Real documents come nowhere near it.
pub const MAX_ERROR_BYTES: usize = 1 << 20;

/// The `type` of the entry that [`ValidationError::to_json`] adds after the
/// kept problems when some were left out (see [`MAX_ERRORS`]). It is not an
/// [`ErrorKind`]: no problem has it.
pub const TOO_MANY_ERRORS: &str = "too_many_errors";

/// Every problem found in a document or value, in a stable order, up to
/// [`MAX_ERRORS`] (and [`MAX_ERROR_BYTES`]); the others are counted
/// ([`omitted`](Self::omitted)).
///
/// Field-level problems are all reported together; a syntax error, a lone
/// surrogate or nesting beyond the limit stops at the first.
#[derive(Clone, PartialEq, Eq)]
pub struct ValidationError(
    // Boxed: a `Result` of a small value and this error is then returned in
    // registers. Returned through memory, reading it back stalled the CPU
    // (bindings/python/PERFORMANCE.md).
    Box<List>,
);

#[derive(Clone, PartialEq, Eq)]
struct List {
    errors: Vec<ErrorDetail>,
    omitted: usize,
}

impl fmt::Debug for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ValidationError")
            .field("errors", &self.0.errors)
            .field("omitted", &self.0.omitted)
            .finish()
    }
}

impl ValidationError {
    pub(crate) fn new(errors: Errors) -> Self {
        debug_assert!(!errors.kept.is_empty());
        ValidationError(Box::new(List {
            errors: errors.kept,
            omitted: errors.omitted,
        }))
    }

    pub(crate) fn single(detail: ErrorDetail) -> Self {
        ValidationError(Box::new(List {
            errors: vec![detail],
            omitted: 0,
        }))
    }

    /// The problems kept (at most [`MAX_ERRORS`]), never empty.
    pub fn errors(&self) -> &[ErrorDetail] {
        &self.0.errors
    }

    /// How many more problems were found than [`errors`](Self::errors)
    /// holds: 0 unless the document had more than [`MAX_ERRORS`].
    pub fn omitted(&self) -> usize {
        self.0.omitted
    }

    /// Consumes the error, giving the problems kept.
    pub fn into_errors(self) -> Vec<ErrorDetail> {
        self.0.errors
    }

    /// The same problems, placed under the key `key` of an enclosing object.
    pub(crate) fn under(mut self, key: &str) -> Self {
        let item = PathItem::from(key);
        for detail in &mut self.0.errors {
            detail.put_under(item.clone());
        }
        self
    }

    /// The message of the note on the problems left out, `None` when there
    /// are none: what [`to_json`](Self::to_json) gives as the `msg` of its
    /// final [`TOO_MANY_ERRORS`] entry and `Display` as its last line, for
    /// bindings that list the problems themselves.
    pub fn omitted_note(&self) -> Option<String> {
        (self.0.omitted > 0).then(|| {
            format!(
                "{} more problems were found and not listed: a list holds at most {MAX_ERRORS} \
                 problems or about {} KiB of paths and messages",
                self.0.omitted,
                MAX_ERROR_BYTES >> 10
            )
        })
    }

    /// The problems as compact JSON: `[{"type":..,"loc":[..],"msg":..}]`, the
    /// same shape Python's `errors()` returns and the C ABI's error JSON holds.
    /// When problems were left out, a final entry of type
    /// [`TOO_MANY_ERRORS`] with an empty `loc` says how many.
    ///
    /// ```
    /// let err = connect_session::ConnectSessionCreate::from_json(br#"{"origin_owner_id":"o"}"#)
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_json(),
    ///     r#"[{"type":"missing_field","loc":["origin_owner_name"],"msg":"field required"}]"#
    /// );
    /// ```
    pub fn to_json(&self) -> String {
        // Cannot fail: the content is only strings and integers.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The final entry of the error JSON when problems were left out.
struct OmittedNote(String);

impl Serialize for OmittedNote {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorDetail", 3)?;
        s.serialize_field("type", TOO_MANY_ERRORS)?;
        s.serialize_field("loc", &[(); 0])?;
        s.serialize_field("msg", &self.0)?;
        s.end()
    }
}

impl Serialize for ValidationError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let note = self.omitted_note();
        let len = self.0.errors.len() + usize::from(note.is_some());
        let mut seq = serializer.serialize_seq(Some(len))?;
        for e in &self.0.errors {
            seq.serialize_element(e)?;
        }
        if let Some(note) = note {
            seq.serialize_element(&OmittedNote(note))?;
        }
        seq.end()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        if let Some(note) = self.omitted_note() {
            write!(f, "\n{note} [type={TOO_MANY_ERRORS}]")?;
        }
        Ok(())
    }
}

/// The problems found so far: a first run of them kept, the others
/// counted. Problems are kept in the order found while there are fewer than
/// [`MAX_ERRORS`] and their size (paths and messages, see
/// [`ErrorDetail::weight`]) stays within [`MAX_ERROR_BYTES`]; the first is
/// always kept. Once one is left out, so are all that follow, so the kept
/// ones are the same however the document arrives.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    kept: Vec<ErrorDetail>,
    omitted: usize,
    weight: usize,
}

impl Errors {
    /// True once problems are only counted: a caller may skip building one.
    pub(crate) fn is_full(&self) -> bool {
        self.omitted > 0 || self.kept.len() >= MAX_ERRORS
    }

    /// Adds a problem whose size is `weight`.
    pub(crate) fn push_weighed(&mut self, detail: ErrorDetail, weight: usize) {
        let fits = self.kept.is_empty() || self.weight.saturating_add(weight) <= MAX_ERROR_BYTES;
        if self.is_full() || !fits {
            self.omitted += 1;
        } else {
            self.weight += weight;
            self.kept.push(detail);
        }
    }

    /// Adds a problem whose path is complete.
    pub(crate) fn push(&mut self, detail: ErrorDetail) {
        let weight = detail.weight();
        self.push_weighed(detail, weight);
    }

    /// Adds a problem, built only if it can be kept.
    pub(crate) fn push_with(&mut self, detail: impl FnOnce() -> ErrorDetail) {
        if self.is_full() {
            self.omitted += 1;
        } else {
            self.push(detail());
        }
    }

    /// Counts a problem without building it (the list is full).
    pub(crate) fn omit(&mut self) {
        self.omitted += 1;
    }

    /// How many problems were found, kept or not.
    pub(crate) fn found(&self) -> usize {
        self.kept.len() + self.omitted
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.found() == 0
    }

    /// How many are kept.
    pub(crate) fn kept(&self) -> usize {
        self.kept.len()
    }

    /// The kept problems from position `from` on.
    pub(crate) fn kept_from(&mut self, from: usize) -> &mut [ErrorDetail] {
        self.kept.get_mut(from..).unwrap_or_default()
    }

    /// Adds another list's problems after these, by the same rule.
    pub(crate) fn append(&mut self, other: Errors) {
        self.extend(other.kept, other.omitted);
    }

    /// Adds `kept` problems (their paths complete), then `omitted` more that
    /// were only counted.
    pub(crate) fn extend(&mut self, kept: Vec<ErrorDetail>, omitted: usize) {
        for detail in kept {
            self.push(detail);
        }
        self.omitted += omitted;
    }

    /// Takes the kept problems out, leaving none kept (the count of the
    /// omitted ones stays).
    pub(crate) fn take_kept(&mut self) -> Vec<ErrorDetail> {
        self.weight = 0;
        std::mem::take(&mut self.kept)
    }

    /// Puts back problems taken by [`take_kept`](Self::take_kept), in a new
    /// order (their weights were counted once, so they fit again).
    pub(crate) fn put_back(&mut self, kept: Vec<ErrorDetail>) {
        self.weight = kept.iter().map(ErrorDetail::weight).sum();
        self.kept = kept;
    }

    /// The error, `None` if nothing was found.
    pub(crate) fn into_error(self) -> Option<ValidationError> {
        (!self.kept.is_empty()).then(|| ValidationError::new(self))
    }
}

impl std::error::Error for ValidationError {}

/// A problem that stops reading: bad grammar, nesting too deep, or a value
/// that cannot stand for a document at all. Boxed, so that the results passed
/// around on the happy path stay small.
pub type Stop = Box<ErrorDetail>;

/// The problems a [`Source`](crate::binding::Source) found, kept and counted
/// as [`MAX_ERRORS`] says, each with its path below the value under the
/// cursor. A path is completed as the source leaves each container
/// ([`enter`](Self::enter) and [`leave`](Self::leave)), so reading valid
/// input spends nothing on paths, and the keys in them are shared.
#[derive(Debug, Default)]
pub struct Problems {
    pub(crate) errors: Errors,
    /// What the path to the value under the cursor weighs
    /// ([`ErrorDetail::weight`]), known before the path itself is built.
    path_weight: usize,
}

/// Where a container's problems start: what [`Problems::enter`] hands to
/// [`Problems::leave`].
#[derive(Debug)]
#[must_use]
pub struct Mark {
    kept: usize,
    weight: usize,
}

impl Problems {
    /// Records a problem with the value under the cursor, its message built
    /// only if it can be kept.
    pub fn record(&mut self, kind: ErrorKind, msg: impl FnOnce() -> String) {
        if self.errors.is_full() {
            self.errors.omit();
            return;
        }
        let detail = ErrorDetail::new(kind, Vec::new(), msg());
        let weight = detail.weight() + self.path_weight;
        self.errors.push_weighed(detail, weight);
    }

    /// Moves the problems a source found below the value under the cursor
    /// into these, their paths given from it.
    #[inline]
    pub(crate) fn take_all(&mut self, found: &mut Errors) {
        // Nothing found, as for almost every value: nothing to move or drop.
        if found.is_empty() {
            return;
        }
        self.record_all(std::mem::take(found));
    }

    /// Records problems found below the value under the cursor, their paths
    /// given from it.
    pub(crate) fn record_all(&mut self, found: Errors) {
        for detail in found.kept {
            let weight = detail.weight() + self.path_weight;
            self.errors.push_weighed(detail, weight);
        }
        for _ in 0..found.omitted {
            self.errors.omit();
        }
    }

    /// How many problems were found so far, kept or not.
    pub fn found(&self) -> usize {
        self.errors.found()
    }

    /// The cursor moves into an item of a container, whose path item will
    /// weigh `weight` ([`PathItem::weight`]).
    pub fn enter(&mut self, weight: usize) -> Mark {
        self.path_weight += weight;
        Mark {
            kept: self.errors.kept(),
            weight,
        }
    }

    /// The cursor comes back from the item `enter` went into: `item` goes in
    /// front of the paths of the problems found there (one `item`, shared by
    /// them all) and of `stop`, the problem that ended the reading, if any.
    pub fn leave(
        &mut self,
        mark: Mark,
        item: impl FnOnce() -> PathItem,
        stop: Option<&mut ErrorDetail>,
    ) {
        self.path_weight -= mark.weight;
        let added = self.errors.kept_from(mark.kept);
        if added.is_empty() && stop.is_none() {
            return;
        }
        let item = item();
        for e in added {
            e.put_under(item.clone());
        }
        if let Some(stop) = stop {
            stop.put_under(item);
        }
    }

    /// The error, `None` if nothing was found.
    pub fn into_error(self) -> Option<ValidationError> {
        self.errors.into_error()
    }
}

impl From<Stop> for ValidationError {
    /// The one problem that stopped reading.
    fn from(stop: Stop) -> Self {
        ValidationError::single(*stop)
    }
}

/// A problem that stops reading, at the value under the cursor: nesting
/// beyond [`MAX_DEPTH`](crate::MAX_DEPTH), or a value that is no document.
pub fn stop(kind: ErrorKind, msg: impl Into<String>) -> Stop {
    Box::new(ErrorDetail::new(kind, Vec::new(), msg))
}

/// The problem of nesting beyond [`MAX_DEPTH`](crate::MAX_DEPTH).
pub fn too_deep() -> Stop {
    stop(
        ErrorKind::TooDeep,
        format!(
            "nesting is deeper than the limit of {} levels",
            crate::MAX_DEPTH
        ),
    )
}
