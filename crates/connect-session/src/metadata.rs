//! Free-form metadata, kept as validated canonical JSON text (docs/contract.md section 4).

use std::fmt;
use std::str::FromStr;

use crate::errors::ValidationError;
use crate::json_text;

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
