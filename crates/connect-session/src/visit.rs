//! Reading JSON text as a stream of events, so that a binding can build its
//! own values (a Python dict, say) from the canonical text this crate writes
//! without a second JSON reader of its own.

use crate::errors::ValidationError;
use crate::reader::{utf8, Reader, Stop};

/// Receives the values of a JSON text, in order, from [`visit_json`].
///
/// Containers arrive as `begin_*`, their content, then `end_*`; inside an
/// object every value is preceded by its [`key`](JsonVisitor::key). Strings
/// and keys arrive decoded (escapes resolved); numbers arrive as their exact
/// text, so the visitor decides what they become (`12345678901234567890123`
/// need not go through a double). A visitor that fails (out of memory, say)
/// keeps its error and ignores the rest: reading always runs to the end.
pub trait JsonVisitor {
    /// `null`.
    fn null(&mut self);
    /// `true` or `false`.
    fn bool(&mut self, value: bool);
    /// A number, as written in the text (`1.50`, `1E2`, `-0`).
    fn number(&mut self, text: &str);
    /// A string, decoded.
    fn string(&mut self, value: &str);
    /// An array opens.
    fn begin_array(&mut self);
    /// The innermost open array closes.
    fn end_array(&mut self);
    /// An object opens.
    fn begin_object(&mut self);
    /// The key of the next member of the innermost open object, decoded.
    fn key(&mut self, key: &str);
    /// The innermost open object closes.
    fn end_object(&mut self);
}

/// Reads one JSON value (any type at the top) and hands its content to `visitor`.
///
/// The grammar, UTF-8, duplicate keys and the nesting limit
/// ([`MAX_DEPTH`](crate::MAX_DEPTH), counted from the value itself) are checked
/// as in a document, with the same errors; the model's rules are not applied
/// (read a document with [`ConnectSessionCreate::from_json`](crate::ConnectSessionCreate::from_json)
/// for those). It is meant for text this crate wrote, such as
/// [`Metadata::as_json`](crate::Metadata::as_json) or
/// [`to_json`](crate::ConnectSessionCreate::to_json), which never fails; on
/// other input the visitor may have seen part of the value before the error
/// is returned, and a repeated key's value is not passed on.
///
/// ```
/// use connect_session::binding::{visit_json, JsonVisitor};
///
/// /// Writes the events as a line of text.
/// struct Trace(String);
///
/// impl JsonVisitor for Trace {
///     fn null(&mut self) { self.0 += "null "; }
///     fn bool(&mut self, value: bool) { self.0 += &format!("{value} "); }
///     fn number(&mut self, text: &str) { self.0 += &format!("#{text} "); }
///     fn string(&mut self, value: &str) { self.0 += &format!("{value:?} "); }
///     fn begin_array(&mut self) { self.0 += "[ "; }
///     fn end_array(&mut self) { self.0 += "] "; }
///     fn begin_object(&mut self) { self.0 += "{ "; }
///     fn key(&mut self, key: &str) { self.0 += &format!("{key}: "); }
///     fn end_object(&mut self) { self.0 += "} "; }
/// }
///
/// let mut trace = Trace(String::new());
/// visit_json(r#"{"a":[1.50,"x\ny",null],"b":{"c":true}}"#, &mut trace)?;
/// assert_eq!(trace.0, r#"{ a: [ #1.50 "x\ny" null ] b: { c: true } } "#);
///
/// let err = visit_json(r#"{"a":1,"a":2}"#, &mut trace).unwrap_err();
/// assert_eq!(err.errors()[0].kind(), connect_session::ErrorKind::DuplicateKey);
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
pub fn visit_json(
    json: impl AsRef<[u8]>,
    visitor: &mut impl JsonVisitor,
) -> Result<(), ValidationError> {
    let json = json.as_ref();
    let text = utf8(json).map_err(|stop| ValidationError::single(*stop))?;
    let mut p = Reader::new(text);
    visit(&mut p, 1, visitor)
        .and_then(|()| p.end())
        .map_err(|stop| ValidationError::single(*stop))?;
    match p.into_error() {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Reads the value under the cursor, whose containers sit at `depth`.
fn visit<V: JsonVisitor>(p: &mut Reader<'_>, depth: usize, v: &mut V) -> Result<(), Stop> {
    match p.peek() {
        b'{' => {
            v.begin_object();
            p.members(depth, |p, key| {
                v.key(key);
                visit(p, depth + 1, v)
            })?;
            v.end_object();
        }
        b'[' => {
            v.begin_array();
            p.items(depth, |p, _| visit(p, depth + 1, v))?;
            v.end_array();
        }
        b'"' => {
            let s = p.string()?;
            v.string(&s);
        }
        b'-' | b'0'..=b'9' => {
            let text = p.number()?;
            v.number(text);
        }
        first => {
            // `true`, `false` or `null`: checked (and refused if it is none
            // of them) by the parser, told apart here by the first byte.
            p.skip(depth)?;
            match first {
                b't' => v.bool(true),
                b'f' => v.bool(false),
                _ => v.null(),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ConnectSessionCreate, ErrorKind, MAX_DEPTH};

    /// Rebuilds compact JSON from the events: for canonical input, the input itself.
    #[derive(Default)]
    struct Rewrite {
        out: String,
        /// Per open container: whether a value was written yet.
        open: Vec<bool>,
    }

    impl Rewrite {
        fn value(&mut self) {
            if let Some(started) = self.open.last_mut() {
                if std::mem::replace(started, true) && !self.out.ends_with(':') {
                    self.out.push(',');
                }
            }
        }
    }

    impl JsonVisitor for Rewrite {
        fn null(&mut self) {
            self.value();
            self.out += "null";
        }
        fn bool(&mut self, value: bool) {
            self.value();
            self.out += if value { "true" } else { "false" };
        }
        fn number(&mut self, text: &str) {
            self.value();
            self.out += text;
        }
        fn string(&mut self, value: &str) {
            self.value();
            crate::json_text::write_str(&mut self.out, value);
        }
        fn begin_array(&mut self) {
            self.value();
            self.out.push('[');
            self.open.push(false);
        }
        fn end_array(&mut self) {
            self.open.pop();
            self.out.push(']');
        }
        fn begin_object(&mut self) {
            self.value();
            self.out.push('{');
            self.open.push(false);
        }
        fn key(&mut self, key: &str) {
            self.value();
            crate::json_text::write_str(&mut self.out, key);
            self.out.push(':');
        }
        fn end_object(&mut self) {
            self.open.pop();
            self.out.push('}');
        }
    }

    fn rewrite(json: &str) -> Result<String, ValidationError> {
        let mut r = Rewrite::default();
        visit_json(json, &mut r).map(|()| r.out)
    }

    #[test]
    fn canonical_text_comes_back_event_for_event() {
        let doc = r#"{"categories":["ats"],"metadata":{"a":[1.50,1E2,-0,12345678901234567890123,"\u0000\"\\\n",true,false,null,{},[]],"b":{"c":{"d":"é😀"}}},"origin_owner_id":"o","origin_owner_name":"n","x":null}"#;
        let canonical = ConnectSessionCreate::from_json(doc).unwrap().to_json();
        assert_eq!(canonical, doc);
        assert_eq!(rewrite(&canonical).unwrap(), canonical);
        for scalar in ["1", "-2.5e-7", "\"s\"", "true", "false", "null", "[]", "{}"] {
            assert_eq!(rewrite(scalar).unwrap(), scalar);
        }
    }

    #[test]
    fn strings_arrive_decoded_and_white_space_is_skipped() {
        assert_eq!(
            rewrite(" { \"\\u00e9\\/\" : [ 1 , \"\\ud83d\\ude00\" ] } ").unwrap(),
            "{\"é/\":[1,\"😀\"]}"
        );
    }

    #[test]
    fn errors_are_the_documents_errors() {
        let kind = |json: &str| rewrite(json).unwrap_err().errors()[0].kind();
        assert_eq!(kind("{\"a\":1,\"a\":2}"), ErrorKind::DuplicateKey);
        assert_eq!(kind("[1,]"), ErrorKind::Syntax);
        assert_eq!(kind("tru"), ErrorKind::Syntax);
        assert_eq!(kind("[1] 2"), ErrorKind::Syntax);
        assert_eq!(kind("\"\\ud800\""), ErrorKind::Syntax);
        assert_eq!(
            visit_json(b"\"\xff\"", &mut Rewrite::default())
                .unwrap_err()
                .errors()[0]
                .kind(),
            ErrorKind::Syntax
        );
        let dup = rewrite(r#"{"m":{"a":1,"a":2}}"#).unwrap_err();
        assert_eq!(dup.errors()[0].loc_string(), "m.a");
    }

    #[test]
    fn nesting_is_limited_from_the_value_itself() {
        let deepest = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(rewrite(&deepest).unwrap(), deepest);
        let deeper = format!("[{deepest}]");
        assert_eq!(
            rewrite(&deeper).unwrap_err().errors()[0].kind(),
            ErrorKind::TooDeep
        );
    }
}
