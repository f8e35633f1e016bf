//! The one error type: every problem of a document, each with a kind, a path and a message.

use std::fmt;

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
    Key(String),
    /// An index into an array.
    Index(usize),
}

impl From<&str> for PathItem {
    fn from(key: &str) -> Self {
        PathItem::Key(key.to_owned())
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

    /// True for the problems that stop reading (bad grammar, nesting too
    /// deep): the only one reported when met.
    pub(crate) fn stops(&self) -> bool {
        matches!(self.kind, ErrorKind::Syntax | ErrorKind::TooDeep)
    }

    /// Places this problem inside `item` of an enclosing container. Syntax
    /// errors have no path: their position is in the message.
    pub(crate) fn put_under(&mut self, item: PathItem) {
        if self.kind != ErrorKind::Syntax {
            self.loc.insert(0, item);
        }
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

/// Every problem found in a document or value, in a stable order.
///
/// Field-level problems are all reported together; a syntax error, a lone
/// surrogate or nesting beyond the limit stops at the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    errors: Vec<ErrorDetail>,
}

impl ValidationError {
    pub(crate) fn new(errors: Vec<ErrorDetail>) -> Self {
        debug_assert!(!errors.is_empty());
        ValidationError { errors }
    }

    pub(crate) fn single(detail: ErrorDetail) -> Self {
        ValidationError {
            errors: vec![detail],
        }
    }

    /// The problems, never empty.
    pub fn errors(&self) -> &[ErrorDetail] {
        &self.errors
    }

    /// Consumes the error, giving the problems.
    pub fn into_errors(self) -> Vec<ErrorDetail> {
        self.errors
    }

    /// The problems as compact JSON: `[{"type":..,"loc":[..],"msg":..}]`, the
    /// same shape Python's `errors()` returns and the C ABI's error JSON holds.
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

impl Serialize for ValidationError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.errors.len()))?;
        for e in &self.errors {
            seq.serialize_element(e)?;
        }
        seq.end()
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}
