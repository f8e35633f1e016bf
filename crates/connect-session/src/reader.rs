//! The JSON reader behind every way into the model: a cursor over UTF-8 text
//! that the field rules (`rules.rs`) and metadata drive value by value.
//!
//! Hand-written, because no serde_json reader (typed, `Value` or `RawValue`
//! based) gives what the contract asks for in one pass:
//! - every problem of a document at once, each at its path, where serde
//!   stops at the first;
//! - duplicate keys and lone surrogate escapes refused at every depth
//!   (serde_json keeps the last duplicate and, inside `RawValue`, passes
//!   both through unchecked);
//! - metadata numbers kept as their exact text (`1.50`, 400-digit
//!   integers) without serde_json's crate-wide `arbitrary_precision`,
//!   which would change `serde_json::Value` for every user of the crate;
//! - one pass that checks the grammar and copies already-canonical text
//!   as is, which `make bench` measures against serde_json.

use std::borrow::Cow;
use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;
use smallvec::SmallVec;

pub(crate) use crate::errors::Stop;
use crate::errors::{
    duplicate_key, too_deep, ErrorDetail, ErrorKind, NumberText, PathItem, Problems,
    ValidationError,
};
use crate::json_text;
use crate::source::{Number, Peek, Source};
use crate::MAX_DEPTH;

/// The type of a JSON value, for the rules and their "found ..." messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    /// The type as a message names it: "a string", "null".
    pub(crate) fn found(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// Reads one value on its own (a field's value given as JSON text), with its
/// problems placed under `name` as they would be inside a document; `read`
/// gives `None` for a value it recorded problems for or found `null`.
pub(crate) fn standalone<T>(
    json: &[u8],
    name: &str,
    read: impl FnOnce(&mut Reader<'_>) -> Result<Option<T>, Stop>,
) -> Result<Option<T>, ValidationError> {
    let text = utf8(json).map_err(|stop| ValidationError::single(*stop))?;
    let mut p = Reader::new(text);
    let value = p
        .within(
            || PathItem::from(name),
            PathItem::key_weight(name.len()),
            read,
        )
        .and_then(|v| p.end().map(|()| v))
        .map_err(|stop| ValidationError::single(*stop))?;
    match p.into_error() {
        Some(err) => Err(err),
        None => Ok(value),
    }
}

/// Where canonical text goes: a string, or nowhere when only checking.
pub(crate) trait Sink {
    fn push_str(&mut self, s: &str);
    fn push(&mut self, c: char);
    fn push_json_str(&mut self, s: &str);
}

impl Sink for String {
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
    fn push_json_str(&mut self, s: &str) {
        json_text::write_str(self, s);
    }
}

/// Checks without writing.
pub(crate) struct Discard;

impl Sink for Discard {
    fn push_str(&mut self, _: &str) {}
    fn push(&mut self, _: char) {}
    fn push_json_str(&mut self, _: &str) {}
}

/// A cursor over a whole document (already checked to be UTF-8).
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Problems that do not stop reading, in document order (the first
    /// [`MAX_ERRORS`](crate::MAX_ERRORS) kept, the others counted).
    pub(crate) problems: Problems,
    /// Cleared when the text read differs from its canonical form.
    canonical: bool,
}

/// Checks that `json` is UTF-8, reporting the first bad byte as a syntax error.
pub(crate) fn utf8(json: &[u8]) -> Result<&str, Stop> {
    // simdutf8 checks 64 bytes at a time where the CPU can (a 1 MiB document's
    // decode: 4.40M -> 4.09M instructions, callgrind). A shorter text it hands
    // to std, whose check goes byte by byte up to an aligned word: checked as
    // ASCII a word at a time instead (the `ascii` crate: std's `is_ascii`,
    // then the unchecked view this crate may not write itself), a 56-byte
    // document's decode takes 1,601 instructions instead of 1,701. std's
    // check, which says where the first bad byte is, runs only for a text
    // that is not UTF-8.
    if json.len() < 64 {
        if let Ok(text) = ascii::AsAsciiStr::as_ascii_str(json) {
            return Ok(text.as_str());
        }
    }
    if let Ok(text) = simdutf8::basic::from_utf8(json) {
        return Ok(text);
    }
    std::str::from_utf8(json).map_err(|e| {
        Box::new(ErrorDetail::syntax_at(
            json,
            e.valid_up_to(),
            "invalid UTF-8",
        ))
    })
}

impl<'a> Reader<'a> {
    /// A parser at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            problems: Problems::default(),
            canonical: true,
        }
    }

    /// Records a problem with the value under the cursor.
    pub(crate) fn record(&mut self, kind: ErrorKind, msg: impl Into<String>) {
        self.problems.record(kind, || msg.into());
    }

    /// Records a problem whose message is built only if it can be kept.
    pub(crate) fn record_with(&mut self, kind: ErrorKind, msg: impl FnOnce() -> String) {
        self.problems.record(kind, msg);
    }

    /// How many problems have been found so far, kept or not.
    pub(crate) fn problems(&self) -> usize {
        self.problems.found()
    }

    /// Runs `read` for the value at `item` of the enclosing container, adding
    /// `item` to the front of the paths of the problems it finds (one `item`,
    /// shared by them all).
    /// `weight` is what `item` will weigh ([`PathItem::weight`]).
    pub(crate) fn within<T>(
        &mut self,
        item: impl FnOnce() -> PathItem,
        weight: usize,
        read: impl FnOnce(&mut Self) -> Result<T, Stop>,
    ) -> Result<T, Stop> {
        let mark = self.problems.enter(weight);
        let mut result = read(self);
        self.problems
            .leave(mark, item, result.as_mut().err().map(|stop| &mut **stop));
        result
    }

    /// The errors found, `None` if there are none.
    pub(crate) fn into_error(self) -> Option<ValidationError> {
        self.problems.into_error()
    }

    /// A syntax error at the cursor.
    pub(crate) fn syntax(&self, msg: &str) -> Stop {
        Box::new(ErrorDetail::syntax_at(self.text.as_bytes(), self.pos, msg))
    }

    fn byte(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn skip_ws(&mut self) {
        if self.byte() > b' ' {
            return; // compact input: nothing to skip
        }
        let start = self.pos;
        while matches!(self.byte(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
        if self.pos != start {
            self.canonical = false;
        }
    }

    /// The first byte of the next value (0 at the end of input).
    pub(crate) fn peek(&mut self) -> u8 {
        self.skip_ws();
        self.byte()
    }

    /// The JSON type of the next value; `None` when no value starts here.
    pub(crate) fn json_type(&mut self) -> Option<JsonType> {
        match self.peek() {
            b'"' => Some(JsonType::String),
            b'{' => Some(JsonType::Object),
            b'[' => Some(JsonType::Array),
            b't' | b'f' => Some(JsonType::Boolean),
            b'n' => Some(JsonType::Null),
            b'-' | b'0'..=b'9' => Some(JsonType::Number),
            _ => None,
        }
    }

    /// What the next value is, for "found ..." messages.
    pub(crate) fn found(&mut self) -> &'static str {
        self.json_type().map_or("invalid JSON", JsonType::found)
    }

    /// Consumes `byte` after optional white space, or stops with `msg`.
    fn expect(&mut self, byte: u8, msg: &str) -> Result<(), Stop> {
        if self.peek() != byte {
            return Err(self.syntax(if self.at_end() {
                "unexpected end of input"
            } else {
                msg
            }));
        }
        self.pos += 1;
        Ok(())
    }

    /// Checks that only white space is left.
    pub(crate) fn end(&mut self) -> Result<(), Stop> {
        self.skip_ws();
        if !self.at_end() {
            return Err(self.syntax("unexpected characters after the JSON value"));
        }
        Ok(())
    }

    fn check_depth(&self, depth: usize) -> Result<(), Stop> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        Ok(())
    }

    /// Reads `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Result<bool, Stop> {
        self.skip_ws();
        self.word().map(|word| word == "true")
    }

    /// Whether `true`, `false` or `null` starts at the cursor (which does not move).
    pub(crate) fn literal_ahead(&mut self) -> bool {
        self.skip_ws();
        let rest = self.text.get(self.pos..).unwrap_or_default();
        ["true", "false", "null"]
            .iter()
            .any(|w| rest.starts_with(w))
    }

    /// Reads `true`, `false` or `null`.
    fn word(&mut self) -> Result<&'a str, Stop> {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let word = ["true", "false", "null"]
            .into_iter()
            .find(|w| rest.starts_with(w));
        match word {
            Some(word) => {
                self.pos += word.len();
                Ok(word)
            }
            None => Err(self.syntax("expected a JSON value")),
        }
    }

    /// Reads a number, checking the JSON grammar; gives its exact text.
    pub(crate) fn number(&mut self) -> Result<&'a str, Stop> {
        self.skip_ws();
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while p.byte().is_ascii_digit() {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.byte() == b'-' {
            self.pos += 1;
        }
        match self.byte() {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                digits(self);
            }
            _ => return Err(self.syntax("invalid number")),
        }
        if self.byte() == b'.' {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.syntax("invalid number: expected a digit after `.`"));
            }
        }
        if matches!(self.byte(), b'e' | b'E') {
            self.pos += 1;
            if matches!(self.byte(), b'+' | b'-') {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.syntax("invalid number: expected a digit in the exponent"));
            }
        }
        if self.byte().is_ascii_digit() {
            return Err(self.syntax("invalid number: leading zeros are not allowed"));
        }
        Ok(self.text.get(start..self.pos).unwrap_or_default())
    }

    /// Reads a string; borrowed from the input when it holds no escape.
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Stop> {
        if self.peek() != b'"' {
            return Err(self.syntax("expected a string"));
        }
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        let plain = self.text.get(start..self.pos).unwrap_or_default();
        if self.byte() == b'"' {
            self.pos += 1;
            return Ok(Cow::Borrowed(plain));
        }
        self.escaped_string(plain).map(Cow::Owned)
    }

    /// The rest of a string after its first escape or stray byte, `plain`
    /// the text before it. Kept out of [`string`](Self::string), whose plain
    /// case is most strings.
    #[inline(never)]
    fn escaped_string(&mut self, plain: &str) -> Result<String, Stop> {
        let mut decoded = String::from(plain);
        loop {
            let run_start = self.pos;
            self.skip_plain();
            decoded.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.byte() {
                b'"' => {
                    self.pos += 1;
                    return Ok(decoded);
                }
                b'\\' => decoded.push(self.escape()?),
                _ if self.at_end() => {
                    return Err(self.syntax("unexpected end of input in a string"))
                }
                _ => return Err(self.syntax("control character in a string; escape it as \\u00XX")),
            }
        }
    }

    /// Moves past string content that needs no decoding: up to a quote, a
    /// backslash or a control character.
    fn skip_plain(&mut self) {
        let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
        self.pos += json_text::plain_run(rest);
    }

    /// Reads one escape sequence, noting whether it is written canonically.
    fn escape(&mut self) -> Result<char, Stop> {
        let at = self.pos;
        self.pos += 1;
        let letter = self.byte();
        self.pos += 1;
        let c = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(at),
            _ => {
                self.pos = at;
                return Err(self.syntax("invalid escape"));
            }
        };
        if letter == b'/' {
            self.canonical = false;
        }
        Ok(c)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// After `\u` (which starts at `at`): one code point, joining a surrogate pair.
    fn unicode_escape(&mut self, at: usize) -> Result<char, Stop> {
        let fail = |p: &mut Self, msg: &str| {
            p.pos = at;
            Err(p.syntax(msg))
        };
        let Some(first) = self.hex4() else {
            return fail(self, "invalid \\u escape: expected four hex digits");
        };
        let code = match first {
            0xD800..=0xDBFF => {
                if self.text.get(self.pos..self.pos + 2) != Some("\\u") {
                    return fail(self, "lone surrogate in \\u escape");
                }
                self.pos += 2;
                match self.hex4() {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => return fail(self, "lone surrogate in \\u escape"),
                }
            }
            0xDC00..=0xDFFF => return fail(self, "lone surrogate in \\u escape"),
            other => other,
        };
        let Some(c) = char::from_u32(code) else {
            return fail(self, "invalid \\u escape");
        };
        // Canonical text escapes only control characters without a short form, in lower case.
        let written = self.text.get(at..self.pos).unwrap_or_default();
        let short_form = matches!(c, '\u{8}' | '\u{c}' | '\n' | '\r' | '\t');
        if c >= ' '
            || short_form
            || written
                .bytes()
                .any(|b| b.is_ascii_uppercase() && b != b'\\')
        {
            self.canonical = false;
        }
        Ok(c)
    }

    /// Calls `each` with the cursor on every item of the array under it.
    pub(crate) fn items(
        &mut self,
        depth: usize,
        mut each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        self.expect(b'[', "expected an array")?;
        self.check_depth(depth)?;
        if self.peek() == b']' {
            self.pos += 1;
            return Ok(());
        }
        for index in 0.. {
            self.within(
                || PathItem::Index(index),
                PathItem::INDEX_WEIGHT,
                |p| each(p, index),
            )?;
            match self.peek() {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    break;
                }
                _ if self.at_end() => {
                    return Err(self.syntax("unexpected end of input in an array"))
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
            if self.peek() == b']' {
                return Err(self.syntax("trailing comma in an array"));
            }
        }
        Ok(())
    }

    /// Calls `each` with every key of the object under the cursor and the
    /// cursor on its value. A repeated key is recorded and its value checked
    /// but not passed on.
    pub(crate) fn members(
        &mut self,
        depth: usize,
        mut each: impl FnMut(&mut Self, &str) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        self.members_in(depth, &mut KeySet::default(), |p, key, ()| each(p, key))
    }

    /// [`members`](Self::members), with the keys met kept in `seen`, which
    /// also hands `each` what it found out about the key.
    pub(crate) fn members_in<K: Keys>(
        &mut self,
        depth: usize,
        seen: &mut K,
        mut each: impl FnMut(&mut Self, &str, K::Found) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        self.expect(b'{', "expected an object")?;
        self.check_depth(depth)?;
        if self.peek() == b'}' {
            self.pos += 1;
            return Ok(());
        }
        loop {
            if self.peek() != b'"' {
                return Err(self.syntax(if self.at_end() {
                    "unexpected end of input in an object"
                } else {
                    "expected a string key"
                }));
            }
            let at = self.pos;
            let key = self.string()?;
            self.expect(b':', "expected `:` after an object key")?;
            let fresh = seen.insert(self.text, at, &key);
            self.within(
                || PathItem::from(&*key),
                PathItem::key_weight(key.len()),
                |p| {
                    if let Some(found) = fresh {
                        each(p, &key, found)
                    } else {
                        p.record_with(ErrorKind::DuplicateKey, || duplicate_key(&key));
                        p.skip(depth + 1)
                    }
                },
            )?;
            match self.peek() {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Ok(());
                }
                _ if self.at_end() => {
                    return Err(self.syntax("unexpected end of input in an object"))
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
            if self.peek() == b'}' {
                return Err(self.syntax("trailing comma in an object"));
            }
        }
    }

    /// Reads any value whose containers would sit at `depth`, writing its
    /// canonical form to `out`.
    pub(crate) fn value<S: Sink>(&mut self, depth: usize, out: &mut S) -> Result<(), Stop> {
        match self.peek() {
            b'{' => {
                out.push('{');
                let mut first = true;
                self.members(depth, |p, key| {
                    if !std::mem::take(&mut first) {
                        out.push(',');
                    }
                    out.push_json_str(key);
                    out.push(':');
                    p.value(depth + 1, out)
                })?;
                out.push('}');
            }
            b'[' => {
                out.push('[');
                self.items(depth, |p, index| {
                    if index > 0 {
                        out.push(',');
                    }
                    p.value(depth + 1, out)
                })?;
                out.push(']');
            }
            b'"' => {
                let s = self.string()?;
                out.push_json_str(&s);
            }
            b'-' | b'0'..=b'9' => {
                let number = self.number()?;
                if let Some(msg) = beyond_double(number) {
                    self.record(ErrorKind::InvalidValue, msg);
                }
                out.push_str(number);
            }
            _ => {
                let word = self.word()?;
                out.push_str(word);
            }
        }
        Ok(())
    }

    /// Checks the next value (grammar, duplicates, depth) and moves past it.
    pub(crate) fn skip(&mut self, depth: usize) -> Result<(), Stop> {
        self.value(depth, &mut Discard)
    }

    /// Reads the next value and gives its canonical text, or `None` if it
    /// holds problems (which are recorded). When the input is already
    /// canonical, as machine-written JSON usually is, the text is copied as is.
    pub(crate) fn capture(&mut self, depth: usize) -> Result<Option<String>, Stop> {
        self.skip_ws();
        let (start, before) = (self.pos, self.problems());
        self.canonical = true;
        self.skip(depth)?;
        if self.problems() > before {
            return Ok(None);
        }
        if self.canonical {
            return Ok(Some(
                self.text
                    .get(start..self.pos)
                    .unwrap_or_default()
                    .to_owned(),
            ));
        }
        let end = self.pos;
        self.pos = start;
        let mut out = String::with_capacity(end - start);
        self.value(depth, &mut out)?;
        Ok(Some(out))
    }
}

/// The problem of a number with a fraction or an exponent that no double
/// holds (`1e400`), which every binding reads as a double: it would become
/// infinity. Integers of any length are kept as written.
pub(crate) fn beyond_double(number: &str) -> Option<String> {
    (number.contains(['.', 'e', 'E']) && number.parse::<f64>().is_ok_and(f64::is_infinite)).then(
        || {
            format!(
                "the number {} is out of range for a double",
                NumberText(number)
            )
        },
    )
}

impl<'a> Source for Reader<'a> {
    fn problems_mut(&mut self) -> &mut Problems {
        &mut self.problems
    }

    #[inline]
    fn peek(&mut self) -> Result<Peek, Stop> {
        Ok(match self.json_type() {
            Some(JsonType::Null) => Peek::Null,
            Some(JsonType::Boolean) => Peek::Boolean,
            Some(JsonType::Number) => Peek::Number,
            Some(JsonType::String) => Peek::String,
            Some(JsonType::Array) => Peek::Array,
            Some(JsonType::Object) => Peek::Object,
            // No value starts here: reading one says what is wrong.
            None => {
                return Err(self
                    .skip(1)
                    .err()
                    .unwrap_or_else(|| self.syntax("expected a JSON value")))
            }
        })
    }

    fn boolean(&mut self) -> Result<bool, Stop> {
        Reader::boolean(self)
    }

    fn number(&mut self) -> Result<Number<'_>, Stop> {
        Reader::number(self).map(|text| Number::Text(Cow::Borrowed(text)))
    }

    #[inline]
    fn string(&mut self) -> Result<Cow<'_, str>, Stop> {
        Reader::string(self)
    }

    fn items(
        &mut self,
        depth: usize,
        each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop> {
        Reader::items(self, depth, each)
    }

    fn skip(&mut self, depth: usize) -> Result<(), Stop> {
        Reader::skip(self, depth)
    }

    fn capture(&mut self, depth: usize) -> Result<Option<String>, Stop> {
        Reader::capture(self, depth)
    }
}

/// The keys met in one object.
pub(crate) trait Keys {
    /// What telling a key apart found out about it, for the member's reader.
    type Found;

    /// Adds the key `key`, whose opening quote is at `at` in `text`; `None`
    /// if it was already there.
    fn insert(&mut self, text: &str, at: usize, key: &str) -> Option<Self::Found>;
}

impl Keys for KeySet {
    type Found = ();

    fn insert(&mut self, text: &str, at: usize, key: &str) -> Option<()> {
        KeySet::insert(self, text, at, key).then_some(())
    }
}

/// The keys seen so far in one object, each held as the position of its
/// opening quote in the text (the text holds the key; nothing is copied),
/// so the table costs a few bytes per key, in proportion to the input.
/// Most objects are small, where a scan beats hashing; large ones switch to
/// a hash table (keyed at random, so that chosen keys cannot make it slow).
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    /// A small object's keys: each key's [`fingerprint`] and position; keys
    /// are compared only when their fingerprints agree.
    small: SmallVec<[(u64, usize); Self::SMALL]>,
    large: Option<Large>,
}

/// A cheap summary of a key (its length and its first and last eight bytes):
/// different fingerprints mean different keys.
fn fingerprint(key: &str) -> u64 {
    let bytes = key.as_bytes();
    // Whole eight-byte loads (a copy of a few bytes would be a call).
    let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => (bytes.iter().fold(0, |word, &b| word << 8 | u64::from(b)), 0),
    };
    head ^ tail.rotate_left(29) ^ (bytes.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The hash table of a large object: positions as 32 bits while the text is
/// under 4 GiB (nearly always), as 64 bits beyond.
#[derive(Debug)]
enum Large {
    Narrow(HashTable<u32>, RandomState),
    Wide(HashTable<u64>, RandomState),
}

impl KeySet {
    const SMALL: usize = 16;

    /// Forgets every key.
    pub(crate) fn clear(&mut self) {
        self.small.clear();
        self.large = None;
    }

    /// Adds the key `key`, whose opening quote is at `at` in `text`; false if
    /// it was already there.
    pub(crate) fn insert(&mut self, text: &str, at: usize, key: &str) -> bool {
        if self.large.is_none() {
            let print = fingerprint(key);
            if self
                .small
                .iter()
                .any(|&(seen_print, seen)| seen_print == print && key_is(text, seen, key))
            {
                return false;
            }
            if self.small.len() < Self::SMALL {
                self.small.push((print, at));
                return true;
            }
            let state = RandomState::new();
            let large = match u32::try_from(text.len()) {
                Ok(_) => Large::Narrow(HashTable::new(), state),
                Err(_) => Large::Wide(HashTable::new(), state),
            };
            let large = self.large.insert(large);
            for (_, seen) in std::mem::take(&mut self.small) {
                large.insert(text, seen, &key_at(text, seen));
            }
        }
        match &mut self.large {
            Some(large) => large.insert(text, at, key),
            None => true,
        }
    }
}

impl Large {
    fn insert(&mut self, text: &str, at: usize, key: &str) -> bool {
        if let Large::Narrow(table, state) = self {
            if let Some(fresh) = insert_in(table, state, text, at, key) {
                return fresh;
            }
            // A position beyond 32 bits (a text that grew past 4 GiB): widen.
            let wide = table.drain().map(u64::from).collect::<Vec<_>>();
            let state = std::mem::take(state);
            let mut table = HashTable::with_capacity(wide.len());
            for seen in wide {
                insert_in(
                    &mut table,
                    &state,
                    text,
                    to_usize(seen),
                    &key_at(text, to_usize(seen)),
                );
            }
            *self = Large::Wide(table, state);
        }
        match self {
            Large::Narrow(table, state) => insert_in(table, state, text, at, key),
            Large::Wide(table, state) => insert_in(table, state, text, at, key),
        }
        .unwrap_or(true)
    }
}

fn to_usize<P: TryInto<usize>>(position: P) -> usize {
    position.try_into().unwrap_or(usize::MAX)
}

/// Adds `key` (at `at` in `text`) to `table`: whether it was not there yet,
/// or `None` if `at` does not fit a `P`.
fn insert_in<P: Copy + TryFrom<usize> + TryInto<usize>>(
    table: &mut HashTable<P>,
    state: &RandomState,
    text: &str,
    at: usize,
    key: &str,
) -> Option<bool> {
    let position = P::try_from(at).ok()?;
    let hash = state.hash_one(key);
    let entry = table.entry(
        hash,
        |&seen| key_is(text, to_usize(seen), key),
        |&seen| state.hash_one(&*key_at(text, to_usize(seen))),
    );
    Some(match entry {
        hashbrown::hash_table::Entry::Occupied(_) => false,
        hashbrown::hash_table::Entry::Vacant(vacant) => {
            vacant.insert(position);
            true
        }
    })
}

/// Keys given one by one (a binding's keyword arguments): each is written
/// into one text as a JSON string, where a [`KeySet`] finds it again, so
/// that many keys cost about their own size.
#[derive(Default)]
pub(crate) struct KeyList {
    text: String,
    seen: KeySet,
}

impl KeyList {
    /// Adds `key`; false if it was already there.
    pub(crate) fn insert(&mut self, key: &str) -> bool {
        let at = self.text.len();
        json_text::write_str(&mut self.text, key);
        let fresh = self.seen.insert(&self.text, at, key);
        if !fresh {
            self.text.truncate(at);
        }
        fresh
    }
}

/// The key whose opening quote is at `at` in `text`, decoded (borrowed
/// unless it holds escapes). The text was read once, so it is a string.
fn key_at(text: &str, at: usize) -> Cow<'_, str> {
    let mut p = Reader::new(text);
    p.pos = at;
    p.string().unwrap_or_default()
}

/// True when the key whose opening quote is at `at` in `text` is `key`.
///
/// Compares the text with `key` byte by byte up to the first difference
/// (usually the first byte), so that checking a key against the others of a
/// small object costs little; only an escape in the text needs decoding.
fn key_is(text: &str, at: usize, key: &str) -> bool {
    let raw = text.as_bytes().get(at + 1..).unwrap_or_default();
    let same = raw
        .iter()
        .zip(key.as_bytes())
        .take_while(|(r, k)| r == k)
        .count();
    match raw.get(same) {
        // Up to here the text is the key itself (it holds no backslash, or
        // the text would hold one too), and its closing quote follows.
        Some(b'"') if !key.as_bytes().contains(&b'\\') => same == key.len(),
        // An escape, or a key with backslashes: decode the text to compare.
        Some(b'\\' | b'"') => *key_at(text, at) == *key,
        // A literal byte that differs from the key's (or follows its end),
        // after a literal run: the keys differ.
        _ if !key
            .as_bytes()
            .get(..same)
            .unwrap_or_default()
            .contains(&b'\\') =>
        {
            false
        }
        _ => *key_at(text, at) == *key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds and paths of the problems of `json` read as one value.
    fn problems(json: &str) -> Vec<String> {
        let mut p = Reader::new(json);
        let _ = p.skip(1);
        p.problems
            .errors
            .kept_from(0)
            .iter()
            .map(|e| format!("{} {}", e.kind(), e.loc_string()))
            .collect()
    }

    #[test]
    fn texts_are_checked_as_std_checks_them_on_both_sides_of_the_block() {
        // Short texts take the ASCII check first, long ones simdutf8's.
        for len in 0..80 {
            for insert in [
                &b""[..],
                "é".as_bytes(),
                &[0xff],
                &[0xc3],
                &[0xed, 0xa0, 0x80],
            ] {
                let mut bytes = vec![b'a'; len];
                bytes.splice(len / 2..len / 2, insert.iter().copied());
                match (utf8(&bytes), std::str::from_utf8(&bytes)) {
                    (Ok(ours), Ok(std)) => assert_eq!(ours, std),
                    (Err(ours), Err(std)) => assert_eq!(
                        *ours,
                        ErrorDetail::syntax_at(&bytes, std.valid_up_to(), "invalid UTF-8")
                    ),
                    (ours, std) => panic!("{bytes:?}: {ours:?} against {std:?}"),
                }
            }
        }
    }

    #[test]
    fn duplicates_are_found_in_small_and_large_objects_whatever_the_escapes() {
        for n in [3, 16, 17, 100, 5000] {
            let keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
            let json = format!(
                r#"{{{},"\u006b1":0,"k{}":0,"k\"":1,"k\u0022":2}}"#,
                keys.join(","),
                n - 1
            );
            assert_eq!(
                problems(&json),
                [
                    "duplicate_key k1".to_owned(),
                    format!("duplicate_key k{}", n - 1),
                    "duplicate_key k\"".to_owned()
                ],
                "{n} keys"
            );
        }
    }

    #[test]
    fn escaped_keys_stored_in_a_large_set_are_found_again() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"\\u00e9{i}\":{i}")).collect();
        let json = format!("{{{},\"é39\":0,\"é0\":0,\"é40\":0}}", keys.join(","));
        assert_eq!(problems(&json), ["duplicate_key é39", "duplicate_key é0"]);
    }

    #[test]
    fn key_lists_find_repeats() {
        let mut list = KeyList::default();
        for i in 0..100 {
            assert!(list.insert(&format!("k\"{i}")));
        }
        assert!(!list.insert("k\"7"));
        assert!(!list.insert("k\"99"));
        assert!(list.insert("k\"100"));
        assert!(list.insert(""));
        assert!(!list.insert(""));
    }
}
