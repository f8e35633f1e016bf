//! A second pass over JSON text that serde_json has already checked for grammar
//! and UTF-8. It enforces what the grammar does not (duplicate keys, the depth
//! limit, lone surrogate escapes) and writes the canonical compact form.
//!
//! Hand-written because it is the design that makes metadata lossless and cheap:
//! number text is copied exactly (serde_json would round it through `f64`
//! unless the crate-wide `arbitrary_precision` feature, which changes
//! `serde_json::Value` for every user, were on), and nothing is built but the
//! output string.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::errors::{ErrorDetail, ErrorKind, PathItem};
use crate::json_text;
use crate::MAX_DEPTH;

/// A problem that stops the scan: nesting too deep or a lone surrogate.
pub(crate) type Stop = ErrorDetail;

/// One step of the path to the value being scanned.
#[derive(Clone, Debug)]
enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// A cursor over one grammatical JSON value, borrowed from a larger document.
pub(crate) struct Scan<'a> {
    doc: &'a [u8],
    pos: usize,
    end: usize,
    path: Vec<Seg<'a>>,
    /// Problems that do not stop the scan (duplicate keys, and whatever the
    /// caller interpreting the value records).
    pub(crate) errors: Vec<ErrorDetail>,
}

impl<'a> Scan<'a> {
    /// Scans `value`, which must be a sub-slice of `doc` (both as serde_json gave them).
    pub(crate) fn new(doc: &'a [u8], value: &'a str, path: &[PathItem]) -> Self {
        // Address arithmetic only: `value` points into `doc`.
        let start = (value.as_ptr() as usize).wrapping_sub(doc.as_ptr() as usize);
        let start = if start <= doc.len() { start } else { doc.len() };
        Scan {
            doc,
            pos: start,
            end: (start + value.len()).min(doc.len()),
            path: path
                .iter()
                .map(|item| match item {
                    PathItem::Key(key) => Seg::Key(Cow::Owned(key.clone())),
                    PathItem::Index(index) => Seg::Index(*index),
                })
                .collect(),
            errors: Vec::new(),
        }
    }

    /// The path to the value under the cursor.
    pub(crate) fn loc(&self) -> Vec<PathItem> {
        self.path
            .iter()
            .map(|seg| match seg {
                Seg::Key(key) => PathItem::Key(key.clone().into_owned()),
                Seg::Index(index) => PathItem::Index(*index),
            })
            .collect()
    }

    /// Records a problem at the value under the cursor.
    pub(crate) fn record(&mut self, kind: ErrorKind, msg: impl Into<String>) {
        let loc = self.loc();
        self.errors.push(ErrorDetail::new(kind, loc, msg));
    }

    fn byte(&self) -> u8 {
        self.doc.get(self.pos).copied().unwrap_or(0)
    }

    fn skip_ws(&mut self) {
        while matches!(self.byte(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// The first byte of the value under the cursor.
    pub(crate) fn peek(&mut self) -> u8 {
        self.skip_ws();
        self.byte()
    }

    /// What the value under the cursor is, for "found ..." messages.
    pub(crate) fn found(&mut self) -> &'static str {
        match self.peek() {
            b'"' => "a string",
            b'{' => "an object",
            b'[' => "an array",
            b't' | b'f' => "a boolean",
            b'n' => "null",
            _ => "a number",
        }
    }

    fn stop(&self, kind: ErrorKind, msg: &str) -> Stop {
        if kind == ErrorKind::Syntax {
            ErrorDetail::syntax_at(self.doc, self.pos, msg)
        } else {
            ErrorDetail::new(kind, self.loc(), msg)
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(self.stop(
                ErrorKind::TooDeep,
                &format!("nesting is deeper than the limit of {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    /// The text of a number, `true`, `false` or `null` under the cursor.
    pub(crate) fn literal(&mut self) -> &'a str {
        self.skip_ws();
        let start = self.pos;
        while matches!(self.byte(), b'0'..=b'9' | b'a'..=b'z' | b'+' | b'-' | b'.' | b'E') {
            self.pos += 1;
        }
        let doc = self.doc;
        doc.get(start..self.pos)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// Decodes the string under the cursor; borrowed when it holds no escape.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Stop> {
        self.skip_ws();
        self.pos += 1; // the opening quote
        let start = self.pos;
        while !matches!(self.byte(), b'"' | b'\\') && self.pos < self.end {
            self.pos += 1;
        }
        let doc = self.doc;
        let plain = doc
            .get(start..self.pos)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default();
        if self.byte() == b'"' {
            self.pos += 1;
            return Ok(Cow::Borrowed(plain));
        }
        let mut decoded = String::from(plain);
        loop {
            match self.byte() {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(decoded));
                }
                b'\\' => {
                    self.pos += 1;
                    let escape = self.byte();
                    self.pos += 1;
                    decoded.push(match escape {
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        other => char::from(other),
                    });
                }
                _ => {
                    let start = self.pos;
                    while !matches!(self.byte(), b'"' | b'\\') && self.pos < self.end {
                        self.pos += 1;
                    }
                    let run = doc.get(start..self.pos).unwrap_or_default();
                    decoded.push_str(std::str::from_utf8(run).unwrap_or_default());
                    if self.pos >= self.end {
                        return Err(self.stop(ErrorKind::Syntax, "unterminated string"));
                    }
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.doc.get(self.pos..self.pos + 4)?;
        let value = u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()?;
        self.pos += 4;
        Some(value)
    }

    /// After `\u`: one code point, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Result<char, Stop> {
        let escape_at = self.pos - 2;
        let lone = |scan: &mut Self| {
            scan.pos = escape_at;
            Err(scan.stop(ErrorKind::Syntax, "lone surrogate in \\u escape"))
        };
        let Some(first) = self.hex4() else {
            return lone(self);
        };
        let code = match first {
            0xD800..=0xDBFF => {
                if self.doc.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return lone(self);
                }
                self.pos += 2;
                match self.hex4() {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => return lone(self),
                }
            }
            0xDC00..=0xDFFF => return lone(self),
            other => other,
        };
        char::from_u32(code).map_or_else(|| lone(self), Ok)
    }

    /// Calls `each` with the cursor on every item of the array under it.
    pub(crate) fn items(
        &mut self,
        depth: usize,
        mut each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        self.check_depth(depth)?;
        self.skip_ws();
        self.pos += 1; // [
        for index in 0.. {
            if self.peek() == b']' {
                break;
            }
            self.path.push(Seg::Index(index));
            each(self, index)?;
            self.path.pop();
            if self.peek() == b',' {
                self.pos += 1;
            }
        }
        self.pos += 1; // ]
        Ok(())
    }

    /// Calls `each` with every key of the object under the cursor and the
    /// cursor on its value; a repeated key is recorded and its value skipped.
    pub(crate) fn members(
        &mut self,
        depth: usize,
        mut each: impl FnMut(&mut Self, &str) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        self.check_depth(depth)?;
        self.skip_ws();
        self.pos += 1; // {
        let mut seen = KeySet::default();
        while self.peek() != b'}' {
            let key = self.string()?;
            self.skip_ws();
            self.pos += 1; // :
            let fresh = seen.insert(key.clone());
            self.path.push(Seg::Key(key.clone()));
            if fresh {
                each(self, &key)?;
            } else {
                self.record(ErrorKind::DuplicateKey, format!("duplicate key {key:?}"));
                self.skip(depth + 1)?;
            }
            self.path.pop();
            if self.peek() == b',' {
                self.pos += 1;
            }
        }
        self.pos += 1; // }
        Ok(())
    }

    /// Appends the canonical compact form of the value under the cursor, whose
    /// containers would sit at `depth`.
    pub(crate) fn canonical(&mut self, depth: usize, out: &mut String) -> Result<(), Stop> {
        match self.peek() {
            b'{' => {
                out.push('{');
                let mut first = true;
                self.members(depth, |scan, key| {
                    if !std::mem::take(&mut first) {
                        out.push(',');
                    }
                    json_text::write_str(out, key);
                    out.push(':');
                    scan.canonical(depth + 1, out)
                })?;
                out.push('}');
            }
            b'[' => {
                out.push('[');
                self.items(depth, |scan, index| {
                    if index > 0 {
                        out.push(',');
                    }
                    scan.canonical(depth + 1, out)
                })?;
                out.push(']');
            }
            b'"' => {
                let s = self.string()?;
                json_text::write_str(out, &s);
            }
            _ => {
                let literal = self.literal();
                if literal.contains(['.', 'e', 'E'])
                    && literal.parse::<f64>().is_ok_and(f64::is_infinite)
                {
                    // Every binding reads such a number as a double; it would become infinity.
                    self.record(
                        ErrorKind::InvalidValue,
                        format!("the number {literal} is out of range for a double"),
                    );
                }
                out.push_str(literal);
            }
        }
        Ok(())
    }

    /// Checks the value under the cursor (duplicates, depth, escapes) and moves past it.
    pub(crate) fn skip(&mut self, depth: usize) -> Result<(), Stop> {
        self.canonical(depth, &mut String::new())
    }
}

/// The keys seen so far in one object. Most objects are small, where a scan
/// beats hashing; large ones switch to a set so that many keys stay linear.
#[derive(Default)]
pub(crate) struct KeySet<'a> {
    small: Vec<Cow<'a, str>>,
    large: HashSet<Cow<'a, str>>,
}

impl<'a> KeySet<'a> {
    const SMALL: usize = 16;

    /// Adds `key`; false if it was already there.
    pub(crate) fn insert(&mut self, key: Cow<'a, str>) -> bool {
        if self.small.len() < Self::SMALL {
            if self.small.contains(&key) {
                return false;
            }
            self.small.push(key);
            return true;
        }
        if self.large.is_empty() {
            self.large.extend(self.small.iter().cloned());
        }
        self.large.insert(key)
    }
}
