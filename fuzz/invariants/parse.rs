//! What must hold for any input bytes, whatever they are. Shared by the
//! `parse` fuzz target and the stable replay test
//! `crates/connect-session/tests/fuzz_corpus.rs` (both include this file with
//! `#[path]`), so a corpus file checks the same things in both places.
//!
//! [`check`] returns a description of the first broken invariant; a panic
//! inside the core propagates and is a failure of its own.

use std::collections::HashSet;

use connect_session::binding::{visit_json, JsonVisitor};
use connect_session::{
    ConnectSessionCreate, ErrorKind, Metadata, ParseMode, ValidationError, MAX_DEPTH,
};
use serde::de::IgnoredAny;

/// Checks every invariant for `data`.
pub fn check(data: &[u8]) -> Result<(), String> {
    let lax = ConnectSessionCreate::from_json(data);
    let strict = ConnectSessionCreate::from_json_with(data, ParseMode::Strict);
    for (mode, result) in [("default", &lax), ("strict", &strict)] {
        match result {
            Ok(model) => accepted(data, model).map_err(|e| format!("{mode} mode: {e}"))?,
            Err(err) => well_formed(err).map_err(|e| format!("{mode} mode: {e}"))?,
        }
    }
    match (&lax, &strict) {
        (Err(_), Ok(_)) => return Err("strict mode accepted what default mode refused".into()),
        (Ok(l), Ok(s)) if l != s => {
            return Err("strict and default mode read different values".into())
        }
        (Ok(l), Err(_)) if l.extra().len() == 0 => {
            return Err("strict mode refused a document without extra keys".into())
        }
        (Ok(l), Ok(_)) if l.extra().len() != 0 => {
            return Err("strict mode accepted a document with extra keys".into())
        }
        _ => {}
    }
    json_that_serde_json_reads(data, &lax)?;
    metadata_alone(data)?;
    fields_alone(data)?;
    serde_embedding(data, lax.as_ref().ok())?;
    Ok(())
}

/// The error list is never empty, and each error can be acted on.
fn well_formed(err: &ValidationError) -> Result<(), String> {
    if err.errors().is_empty() {
        return Err("an error with an empty error list".into());
    }
    for detail in err.errors() {
        if detail.msg().trim().is_empty() {
            return Err(format!(
                "an error of kind {} with an empty message",
                detail.kind()
            ));
        }
        if detail.kind() == ErrorKind::Syntax && !detail.loc().is_empty() {
            return Err(format!(
                "a syntax error with a path: {}",
                detail.loc_string()
            ));
        }
    }
    if err.to_string().trim().is_empty() {
        return Err("an error that displays as nothing".into());
    }
    serde_json::from_str::<IgnoredAny>(&err.to_json())
        .map_err(|e| format!("error JSON is not JSON ({e}): {}", err.to_json()))?;
    Ok(())
}

/// An accepted document: its canonical form reads back equal and is a fixed
/// point, is compact, has unique keys and bounded depth; the pretty form reads
/// back equal and differs only in white space.
fn accepted(data: &[u8], model: &ConnectSessionCreate) -> Result<(), String> {
    serde_json::from_slice::<IgnoredAny>(data)
        .map_err(|e| format!("accepted input that serde_json refuses: {e}"))?;
    let canonical = model.to_json();
    let back = ConnectSessionCreate::from_json(&canonical)
        .map_err(|e| format!("canonical output {canonical:?} does not parse: {e}"))?;
    if &back != model {
        return Err(format!(
            "canonical output {canonical:?} reads back different"
        ));
    }
    if back.to_json() != canonical {
        return Err(format!(
            "canonical output {canonical:?} is not a fixed point"
        ));
    }
    if strip_white_space(&canonical) != canonical {
        return Err(format!("canonical output {canonical:?} is not compact"));
    }
    escapes_are_minimal(&canonical)?;
    let depth = Oracle::depth_of(&canonical)?;
    if depth > MAX_DEPTH {
        return Err(format!(
            "accepted depth {depth} beyond the limit {MAX_DEPTH}"
        ));
    }
    let pretty = model.to_json_pretty();
    let from_pretty = ConnectSessionCreate::from_json(&pretty)
        .map_err(|e| format!("pretty output {pretty:?} does not parse: {e}"))?;
    if &from_pretty != model {
        return Err(format!("pretty output {pretty:?} reads back different"));
    }
    if strip_white_space(&pretty) != canonical {
        return Err(format!(
            "pretty output {pretty:?} differs from {canonical:?} in more than white space"
        ));
    }
    if let Some(seconds) = model.expires_in() {
        if !(seconds.is_finite() && seconds > 0.0) {
            return Err(format!("accepted expires_in {seconds}"));
        }
        // docs/contract.md section 3: the number as ECMAScript writes it, checked against
        // ryu-js independently of the core's own fast paths.
        let want = format!(
            "\"expires_in\":{},",
            ryu_js::Buffer::new().format_finite(seconds)
        );
        if !canonical.contains(&want) {
            return Err(format!(
                "canonical output {canonical:?} does not hold {want:?}"
            ));
        }
    }
    Ok(())
}

/// The other direction: JSON that serde_json reads into a `Value` (which
/// refuses invalid UTF-8, lone surrogates and numbers beyond a double), with
/// unique keys and within the depth limit, is JSON to the core too: its
/// reader accepts it, and the model refuses it only for a field's type,
/// value or absence, or a key strict mode does not know.
fn json_that_serde_json_reads(
    data: &[u8],
    lax: &Result<ConnectSessionCreate, ValidationError>,
) -> Result<(), String> {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return Ok(());
    };
    let text = std::str::from_utf8(data).map_err(|e| format!("serde_json read non-UTF-8: {e}"))?;
    match Oracle::depth_of(text) {
        Ok(depth) if depth <= MAX_DEPTH => {}
        _ => return Ok(()), // a repeated key, or deeper than the limit
    }
    visit_json(data, &mut Ignore)
        .map_err(|e| format!("serde_json reads {text:?} but the core's reader refuses it: {e}"))?;
    if let (Err(err), true) = (lax, value.is_object()) {
        if let Some(e) = err.errors().iter().find(|e| {
            matches!(
                e.kind(),
                ErrorKind::Syntax | ErrorKind::DuplicateKey | ErrorKind::TooDeep
            )
        }) {
            return Err(format!(
                "serde_json reads {text:?} but the core refuses it as JSON: {e}"
            ));
        }
    }
    Ok(())
}

/// A JSON visitor that keeps nothing.
struct Ignore;

impl JsonVisitor for Ignore {
    fn null(&mut self) {}
    fn bool(&mut self, _: bool) {}
    fn number(&mut self, _: &str) {}
    fn string(&mut self, _: &str) {}
    fn begin_array(&mut self) {}
    fn end_array(&mut self) {}
    fn begin_object(&mut self) {}
    fn key(&mut self, _: &str) {}
    fn end_object(&mut self) {}
}

/// `Metadata::from_json` on the same bytes: no panic, well-formed errors,
/// and accepted metadata reads back equal.
fn metadata_alone(data: &[u8]) -> Result<(), String> {
    match Metadata::from_json(data) {
        Ok(metadata) => {
            let back = Metadata::from_json(metadata.as_json()).map_err(|e| {
                format!("metadata {:?} does not read back: {e}", metadata.as_json())
            })?;
            if back != metadata {
                return Err(format!(
                    "metadata {:?} reads back different",
                    metadata.as_json()
                ));
            }
            if !metadata.as_json().starts_with('{') {
                return Err(format!(
                    "metadata {:?} is not an object",
                    metadata.as_json()
                ));
            }
            Ok(())
        }
        Err(err) => well_formed(&err).map_err(|e| format!("Metadata::from_json: {e}")),
    }
}

/// `set_json` of every field with the same bytes: a refusal leaves the value
/// unchanged, an acceptance leaves a value whose JSON reads back equal.
fn fields_alone(data: &[u8]) -> Result<(), String> {
    let base = ConnectSessionCreate::new("owner", "name");
    for field in ConnectSessionCreate::fields() {
        let mut model = base.clone();
        match model.set_json(field, data) {
            Ok(()) => {
                let back = ConnectSessionCreate::from_json(model.to_json()).map_err(|e| {
                    format!(
                        "after set_json({}), to_json does not read back: {e}",
                        field.name()
                    )
                })?;
                if back != model {
                    return Err(format!(
                        "after set_json({}), to_json reads back different",
                        field.name()
                    ));
                }
            }
            Err(err) => {
                well_formed(&err).map_err(|e| format!("set_json({}): {e}", field.name()))?;
                if model != base {
                    return Err(format!(
                        "a refused set_json({}) changed the value",
                        field.name()
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Deserializing through serde (as a field of a caller's struct): never a
/// panic, and it reads exactly what the JSON entry point reads.
fn serde_embedding(data: &[u8], lax: Option<&ConnectSessionCreate>) -> Result<(), String> {
    if let Ok(model) = serde_json::from_slice::<ConnectSessionCreate>(data) {
        let Some(direct) = lax else {
            return Err("serde accepted a document that from_json refuses".into());
        };
        if &model != direct {
            return Err("serde and from_json read different values".into());
        }
    }
    Ok(())
}

/// The text without white space outside strings.
pub fn strip_white_space(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\n' | '\r' | '\t') {
            continue;
        }
        out.push(c);
    }
    out
}

/// docs/contract.md section 3: only `"`, `\` and control characters are escaped, with the
/// short forms where JSON has them.
pub fn escapes_are_minimal(json: &str) -> Result<(), String> {
    let mut rest = json;
    while let Some(at) = rest.find('\\') {
        let tail = &rest[at + 1..];
        let step = match tail.as_bytes().first() {
            Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') => 1,
            Some(b'u') => {
                let code = tail
                    .get(1..5)
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .ok_or_else(|| format!("bad escape in canonical output {json:?}"))?;
                let short_form = matches!(code, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d);
                if code >= 0x20 || short_form {
                    return Err(format!(
                        "needless \\u{code:04x} escape in canonical output {json:?}"
                    ));
                }
                5
            }
            _ => return Err(format!("needless escape in canonical output {json:?}")),
        };
        rest = &tail[step..];
    }
    Ok(())
}

/// An independent reading of JSON text that is known to be grammatical (the
/// canonical output, which serde_json has accepted): refuses duplicate keys
/// and reports the depth of the deepest container. Recursive, but it refuses
/// to go deeper than one level past the limit, so it cannot overflow.
pub struct Oracle<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Oracle<'a> {
    /// The depth of the deepest container of `json`, or why it is not JSON
    /// with unique keys within one level of the limit.
    pub fn depth_of(json: &'a str) -> Result<usize, String> {
        serde_json::from_str::<IgnoredAny>(json)
            .map_err(|e| format!("{json:?} is not JSON: {e}"))?;
        let mut oracle = Oracle { text: json, pos: 0 };
        let depth = oracle.value(0).map_err(|e| format!("{e} in {json:?}"))?;
        Ok(depth)
    }

    fn byte(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    fn skip_white_space(&mut self) {
        while matches!(self.byte(), b' ' | b'\t' | b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// The string token under the cursor, decoded by serde_json.
    fn string(&mut self) -> Result<String, String> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.byte() {
                b'\\' => self.pos += 2,
                b'"' => break,
                0 if self.pos >= self.text.len() => return Err("unterminated string".into()),
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let token = &self.text[start..self.pos];
        serde_json::from_str(token).map_err(|e| format!("string {token:?}: {e}"))
    }

    /// Walks the value under the cursor, whose container would sit at
    /// `outer + 1`; returns the depth of its deepest container (`outer` for a scalar).
    fn value(&mut self, outer: usize) -> Result<usize, String> {
        self.skip_white_space();
        let (open, close) = match self.byte() {
            b'{' => (b'{', b'}'),
            b'[' => (b'[', b']'),
            b'"' => return self.string().map(|_| outer),
            _ => {
                while !matches!(self.byte(), b',' | b']' | b'}' | 0) {
                    self.pos += 1;
                }
                return Ok(outer);
            }
        };
        let depth = outer + 1;
        if depth > MAX_DEPTH + 1 {
            return Err(format!("nesting deeper than {}", MAX_DEPTH + 1));
        }
        self.pos += 1;
        let mut deepest = depth;
        let mut keys = HashSet::new();
        loop {
            self.skip_white_space();
            if self.pos >= self.text.len() {
                return Err("unexpected end".into());
            }
            if self.byte() == close {
                self.pos += 1;
                return Ok(deepest);
            }
            if open == b'{' {
                let key = self.string()?;
                if !keys.insert(key.clone()) {
                    return Err(format!("duplicate key {key:?}"));
                }
                self.skip_white_space();
                self.pos += 1; // :
            }
            deepest = deepest.max(self.value(depth)?);
            self.skip_white_space();
            if self.byte() == b',' {
                self.pos += 1;
            }
        }
    }
}
