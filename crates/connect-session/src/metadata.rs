//! Free-form metadata, kept as validated canonical JSON text (docs/contract.md section 4).

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::errors::ValidationError;
use crate::json_text;
use crate::native::NativeWriter;

/// Any JSON object, kept exactly: key order, nesting and number text
/// (`12345678901234567890123`, `1.50`, `1E2`) survive a round trip; only
/// insignificant white space is dropped and strings are written in the
/// canonical escaping of docs/contract.md section 3.
///
/// It is stored as its canonical compact JSON text, so reading it back as
/// text is free and nothing can be lost.
///
/// ```
/// use connect_session::Metadata;
///
/// let m: Metadata = r#"{ "tier": "gold", "limit": 1.50, "id": 12345678901234567890123 }"#
///     .parse()
///     .unwrap();
/// assert_eq!(m.as_json(), r#"{"tier":"gold","limit":1.50,"id":12345678901234567890123}"#);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Metadata {
    /// Its buffer may be up to [`KEPT_SPARE`] bytes longer than the text.
    json: String,
}

/// The spare room a metadata text keeps from the buffer it was written in.
/// Shrinking a buffer is a reallocation, and a buffer that never returns to
/// the allocator at the size it was taken at defeats its per-size cache:
/// together about 1,000 of the 16,000 instructions of a Python constructor
/// given the reference metadata (whose writer starts with 256 bytes).
const KEPT_SPARE: usize = 256;

impl Metadata {
    pub(crate) fn from_canonical(mut json: String) -> Metadata {
        if json.capacity() - json.len() > KEPT_SPARE {
            json.shrink_to_fit();
        }
        Metadata { json }
    }

    /// The canonical compact JSON text of the object.
    pub fn as_json(&self) -> &str {
        &self.json
    }

    /// The object indented with two spaces.
    pub fn to_json_pretty(&self) -> String {
        json_text::prettify(&self.json)
    }

    /// True for `{}`.
    pub fn is_empty(&self) -> bool {
        &*self.json == "{}"
    }
}

impl Default for Metadata {
    /// The empty object.
    fn default() -> Self {
        Metadata::from_canonical("{}".to_owned())
    }
}

impl fmt::Debug for Metadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Metadata").field(&&*self.json).finish()
    }
}

impl fmt::Display for Metadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.json)
    }
}

impl FromStr for Metadata {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Metadata::from_json(s)
    }
}

impl TryFrom<Map<String, Value>> for Metadata {
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
    fn try_from(map: Map<String, Value>) -> Result<Self, Self::Error> {
        let mut writer = NativeWriter::for_member("metadata", 0);
        write_value(&mut writer, &Value::Object(map))?;
        Metadata::from_json(writer.finish())
    }
}

/// Feeds a serde_json value to the writer, which stops the recursion at the
/// nesting limit.
fn write_value(w: &mut NativeWriter, value: &Value) -> Result<(), ValidationError> {
    match value {
        Value::Null => w.null(),
        Value::Bool(b) => w.bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => w.int(i.into()),
            (_, Some(u), _) => w.int(u.into()),
            (_, _, Some(f)) => w.float(f)?,
            _ => return Err(w.unsupported("a number serde_json cannot read")),
        },
        Value::String(s) => w.str(s),
        Value::Array(items) => {
            w.begin_array()?;
            for item in items {
                write_value(w, item)?;
            }
            w.end_array();
        }
        Value::Object(map) => {
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
