//! Writing canonical JSON text (docs/contract.md section 3).
//!
//! The escaping rules are the definition of the canonical form, so they are
//! written out here rather than borrowed from a serializer whose choices
//! could change underneath the shared test vectors.

use std::fmt::Write;

/// Where a model writes its canonical JSON: small pieces (punctuation, keys,
/// scalars) into a `String`, the texts the model already keeps in canonical
/// form (metadata, extra values: nearly all of a large document) handed over
/// whole, so that a writer that does not build one `String` need not copy them.
pub(crate) trait JsonOut {
    /// The buffer for small pieces.
    fn small(&mut self) -> &mut String;
    /// A stored canonical text, written as it is.
    fn verbatim(&mut self, text: &str);
}

impl JsonOut for String {
    fn small(&mut self) -> &mut String {
        self
    }

    fn verbatim(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// The JSON as consecutive pieces, each handed to `each`: the small ones
/// gathered, the stored texts as they are.
pub(crate) struct Pieces<F: FnMut(&str)> {
    small: String,
    each: F,
}

impl<F: FnMut(&str)> Pieces<F> {
    pub(crate) fn new(each: F) -> Self {
        Pieces {
            small: String::new(),
            each,
        }
    }

    /// Hands over the small pieces gathered so far.
    pub(crate) fn flush(&mut self) {
        if !self.small.is_empty() {
            (self.each)(&self.small);
            self.small.clear();
        }
    }
}

impl<F: FnMut(&str)> JsonOut for Pieces<F> {
    fn small(&mut self) -> &mut String {
        &mut self.small
    }

    fn verbatim(&mut self, text: &str) {
        self.flush();
        (self.each)(text);
    }
}

/// The length of the run at the start of `bytes` that holds no byte a JSON
/// string must escape (`"`, `\\`, control characters).
///
/// Eight bytes at a time: strings are the bulk of every document, and the
/// plain byte-by-byte scan cost about five instructions a byte (callgrind,
/// `benches/rust/src/bin/profile_decode.rs`).
pub(crate) fn plain_run(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut done = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        if let Some(at) = first_to_escape(word) {
            return done + at;
        }
        done += 8;
    }
    // The last few bytes as one word, padded with letters that need no
    // escape (copying them into a padded array was a call to memcpy, as dear
    // as the scan of a short string).
    let rest = chunks.remainder();
    let letters = u64::from_le_bytes([b'a'; 8]);
    let last = rest
        .iter()
        .rev()
        .fold(letters, |word, &b| word << 8 | u64::from(b));
    done + first_to_escape(last).unwrap_or(rest.len())
}

/// The index of the first byte of `word` (little-endian) that a JSON string
/// must escape.
fn first_to_escape(word: u64) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    // Each term sets the high bit of the bytes it looks for (a zero byte of
    // `quote` or `backslash`, a byte below 0x20 of `word`); a borrow can also
    // flag bytes above a true one, never below, so the lowest flag is always
    // the first byte to escape.
    let flags = ((quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        | (word.wrapping_sub(ONES * 0x20) & !word))
        & HIGH;
    (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize)
}

/// Appends `s` as a JSON string: `"`, `\` and control characters escaped, nothing else.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = plain_run(s.as_bytes());
    // Most strings hold nothing to escape: copied whole, without splitting
    // (about 6 instructions a string fewer, callgrind).
    if plain == s.len() {
        out.push_str(s);
        out.push('"');
        return;
    }
    // Every byte that needs an escape is ASCII, so the positions found here
    // are always character boundaries; runs without one are copied whole.
    let mut rest = s;
    loop {
        let (run, tail) = rest.split_at(plain);
        out.push_str(run);
        let Some(&byte) = tail.as_bytes().first() else {
            break;
        };
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            // Writing to a String cannot fail.
            control => drop(write!(out, "\\u{control:04x}")),
        }
        rest = tail.get(1..).unwrap_or_default();
        plain = plain_run(rest.as_bytes());
    }
    out.push('"');
}

/// Appends a finite double as ECMAScript's Number-to-String writes it
/// (`1800`, `0.5`, `1e-7`, `1e+21`), the form of RFC 8785 and `JSON.stringify`.
pub(crate) fn write_number(out: &mut String, value: f64) {
    // itoa writes whole numbers several times faster than ryu.
    match exact_integer(value) {
        Some(whole) => out.push_str(itoa::Buffer::new().format(whole)),
        None => out.push_str(ryu_js::Buffer::new().format_finite(value)),
    }
}

/// The value as an integer when it is a whole number below 2^53 (every
/// realistic expiry), whose ECMAScript form is just its digits; `-0` is not
/// one (ECMAScript writes it `0`).
pub(crate) fn exact_integer(value: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let whole = value.fract() == 0.0 && value.abs() < EXACT;
    (whole && (value != 0.0 || value.is_sign_positive())).then_some(value as i64)
}

/// Appends a finite double that must still read as a float: the ECMAScript
/// form, with `.0` added when that form looks like an integer (`1.0`, `1e+300`).
pub fn write_float(out: &mut String, value: f64) {
    if value == 0.0 && value.is_sign_negative() {
        // ECMAScript writes -0 as `0`, which would read back as +0.
        out.push_str("-0.0");
        return;
    }
    let text = ryu_js::Buffer::new().format_finite(value).to_owned();
    let looks_integral = !text.contains(['.', 'e']);
    out.push_str(&text);
    if looks_integral {
        out.push_str(".0");
    }
}

/// The widest indentation the pretty forms take, in spaces per level: the
/// limit `JSON.stringify` applies. The pretty form's size grows with depth
/// x items x indent (up to `(2 + 128 x indent) x` the compact size), so the indent is bounded.
pub const MAX_INDENT: usize = 10;

/// Re-indents compact canonical JSON with two spaces per level, the layout of
/// `JSON.stringify(value, null, 2)`; only white space changes.
pub(crate) fn prettify(compact: &str) -> String {
    prettify_with(compact, 2)
}

/// Re-indents compact canonical JSON with `indent` spaces per level (a
/// newline and no spaces for 0, as Python's `json.dumps(indent=0)`); only
/// white space changes.
///
/// The output is measured first and written into one allocation of exactly
/// its size, so the peak heap is the output plus the compact input. That size
/// is what it is: each member or item goes on a line of its own, indented by
/// its depth, so a long list 128 levels deep grows about `64 x indent` times;
/// at most it is `(2 + 128 x indent) x` the compact size (a line per
/// structural byte, each indented at most 128 levels).
pub(crate) fn prettify_with(compact: &str, indent: usize) -> String {
    let mut size = Count(0);
    lay_out(compact, indent, &mut size);
    let mut out = String::with_capacity(size.0);
    lay_out(compact, indent, &mut out);
    out
}

/// Where [`lay_out`] puts the text.
trait Layout {
    fn text(&mut self, text: &str);
    fn newline(&mut self, spaces: usize);
}

/// Counts the bytes only.
struct Count(usize);

impl Layout for Count {
    fn text(&mut self, text: &str) {
        self.0 += text.len();
    }
    fn newline(&mut self, spaces: usize) {
        self.0 += 1 + spaces;
    }
}

impl Layout for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }
    fn newline(&mut self, spaces: usize) {
        self.push('\n');
        self.extend(std::iter::repeat_n(' ', spaces));
    }
}

/// The pretty layout of compact canonical JSON: runs of text between the
/// places that take white space are passed on whole.
fn lay_out(compact: &str, indent: usize, out: &mut impl Layout) {
    let bytes = compact.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or_default();
    let text = |from: usize, to: usize| compact.get(from..to).unwrap_or_default();
    let (mut depth, mut i, mut run) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match at(i) {
            b'"' => {
                i += 1;
                while i < bytes.len() {
                    match at(i) {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
            }
            b'{' | b'[' if matches!(at(i + 1), b'}' | b']') => i += 2,
            b'{' | b'[' => {
                out.text(text(run, i + 1));
                depth += 1;
                out.newline(depth * indent);
                i += 1;
                run = i;
            }
            b'}' | b']' => {
                out.text(text(run, i));
                depth = depth.saturating_sub(1);
                out.newline(depth * indent);
                run = i;
                i += 1;
            }
            b',' => {
                out.text(text(run, i + 1));
                out.newline(depth * indent);
                i += 1;
                run = i;
            }
            b':' => {
                out.text(text(run, i + 1));
                out.text(" ");
                i += 1;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.text(text(run, bytes.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64) -> String {
        let mut out = String::new();
        write_number(&mut out, value);
        out
    }

    fn float(value: f64) -> String {
        let mut out = String::new();
        write_float(&mut out, value);
        out
    }

    #[test]
    fn plain_runs_stop_at_the_first_byte_to_escape() {
        for len in 0..40 {
            for at in 0..=len {
                for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    // Bytes around the special one that must not be taken for it.
                    let mut bytes: Vec<u8> = (0..len)
                        .map(|i| [b'a', 0x20, 0x7f, 0xc3, 0x21, 0x5d][i % 6])
                        .collect();
                    if at < len {
                        bytes[at] = special;
                        bytes.extend([b'"', 0x01]);
                    }
                    assert_eq!(plain_run(&bytes), at, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_follow_ecmascript() {
        assert_eq!(number(1800.0), "1800");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(0.000001), "0.000001");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(1e16), "10000000000000000");
        assert_eq!(number(1e21), "1e+21");
        assert_eq!(number(1e300), "1e+300");
        assert_eq!(number(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(number(9_007_199_254_740_991.0), "9007199254740991");
        assert_eq!(number(9_007_199_254_740_992.0), "9007199254740992");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-42.0), "-42");
    }

    #[test]
    fn floats_stay_floats() {
        assert_eq!(float(1.0), "1.0");
        assert_eq!(float(0.5), "0.5");
        assert_eq!(float(1e300), "1e+300");
        assert_eq!(float(1.5e-7), "1.5e-7");
        assert_eq!(float(-2.0), "-2.0");
        assert_eq!(float(-0.0), "-0.0");
        assert_eq!(float(0.0), "0.0");
    }

    #[test]
    fn strings_escape_only_what_rfc8259_requires() {
        let mut out = String::new();
        write_str(&mut out, "a\"b\\c\n\u{1}\u{7f}é😀/");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\u0001\u{7f}é😀/\"");
    }

    #[test]
    fn prettify_matches_json_stringify() {
        assert_eq!(
            prettify(r#"{"a":[1,{}],"b":"x:,{","c":[]}"#),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x:,{\",\n  \"c\": []\n}"
        );
        assert_eq!(
            prettify_with(r#"{"a":["\\\"]",{"b":[]}]}"#, 0),
            "{\n\"a\": [\n\"\\\\\\\"]\",\n{\n\"b\": []\n}\n]\n}"
        );
        assert_eq!(prettify_with("{}", 4), "{}");
    }

    #[test]
    fn pretty_output_is_allocated_once_at_its_size() {
        let compact = r#"{"a":[1,2,{"b":"c"}],"d":{}}"#;
        for indent in 0..=MAX_INDENT {
            let pretty = prettify_with(compact, indent);
            assert_eq!(pretty.capacity(), pretty.len());
            assert!(pretty.len() <= (2 + 128 * indent) * compact.len());
        }
    }
}
