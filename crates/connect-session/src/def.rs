//! What a model is: a name and an ordered table of field rows, each a wire
//! key, a kind, whether it is required and what it means. Reading, the rules,
//! writing, serde, the JSON Schema and every binding's surface follow from
//! the rows; the rows themselves are in `models.rs`.
//!
//! This file is plain data and `const fn`s with no other dependency: the
//! crate's build script compiles it too (with `models.rs`), to write the
//! typed Rust accessors of each model.

/// What a field holds: a closed set, each kind with one rule, one way of
/// being read, written and described (the `kinds` module), and one value type
/// per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldKind {
    /// A string, any content.
    Text,
    /// `true` or `false`, nothing else.
    Boolean,
    /// A number of seconds: finite and greater than 0.
    Seconds,
    /// An array of categories (contract section 2), order and repeats kept.
    Categories,
    /// Any JSON object, kept exactly (contract section 4).
    Object,
    /// The open session type (contract section 2b): any string, two known.
    Type,
    /// A JSON integer literal in the signed 64-bit range.
    Integer,
    /// An RFC 3339 date-time with an explicit offset, its text kept exactly.
    DateTime,
}

impl FieldKind {
    /// Every kind.
    pub const ALL: [FieldKind; 8] = [
        FieldKind::Text,
        FieldKind::Boolean,
        FieldKind::Seconds,
        FieldKind::Categories,
        FieldKind::Object,
        FieldKind::Type,
        FieldKind::Integer,
        FieldKind::DateTime,
    ];

    /// The kind's name in the bindings' tables (`"text"`, `"date_time"`).
    pub const fn name(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Boolean => "boolean",
            FieldKind::Seconds => "seconds",
            FieldKind::Categories => "categories",
            FieldKind::Object => "object",
            FieldKind::Type => "type",
            FieldKind::Integer => "integer",
            FieldKind::DateTime => "date_time",
        }
    }
}

/// One row of a model's table.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// The wire key: lowercase ASCII letters, digits and underscores.
    pub key: &'static str,
    /// What the field holds.
    pub kind: FieldKind,
    /// A required field may be neither absent nor `null`.
    pub required: bool,
    /// What the field means, for every language's documentation.
    pub doc: &'static str,
    /// The value the server applies when the field is absent, as JSON text.
    /// Documentation only: it is never written into a document.
    pub default: Option<&'static str>,
}

impl FieldDef {
    /// An optional field.
    pub const fn optional(key: &'static str, kind: FieldKind, doc: &'static str) -> Self {
        FieldDef {
            key,
            kind,
            required: false,
            doc,
            default: None,
        }
    }

    /// A required field.
    pub const fn required(key: &'static str, kind: FieldKind, doc: &'static str) -> Self {
        FieldDef {
            required: true,
            ..FieldDef::optional(key, kind, doc)
        }
    }

    /// The same field, with the value the server applies when it is absent.
    pub const fn server_default(self, json: &'static str) -> Self {
        FieldDef {
            default: Some(json),
            ..self
        }
    }
}

/// The most fields a model may have: the fields seen in a document are a
/// set of bits in a `u64`.
pub const MAX_FIELDS: usize = 64;

/// A model: its names and its rows, in the canonical order (that of its JSON
/// and of its errors).
#[derive(Debug)]
pub struct ModelDef {
    /// The type's name in Rust, C, C++ and Python (`ConnectSessionCreate`).
    pub name: &'static str,
    /// The model's part of the C function names (`create` in
    /// `connect_session_create_from_json`).
    pub c_name: &'static str,
    /// What the C and C++ APIs call a value of the model in parameter names
    /// and messages (`request` in `out_request`, "request is NULL").
    pub value_name: &'static str,
    /// What the model is, for every language's documentation.
    pub doc: &'static str,
    /// The rows, in canonical order.
    pub fields: &'static [FieldDef],
    keys: KeyTable,
    required: u64,
}

impl ModelDef {
    /// A model of these rows. Checked when the table is compiled: a key
    /// outside the wire alphabet, a repeated key or too many fields fails the
    /// build.
    // Evaluated when the table is compiled, where an index out of bounds
    // fails the build; the loops stay below each slice's length.
    #[allow(clippy::indexing_slicing)]
    pub const fn new(
        name: &'static str,
        c_name: &'static str,
        value_name: &'static str,
        doc: &'static str,
        fields: &'static [FieldDef],
    ) -> Self {
        assert!(fields.len() <= MAX_FIELDS, "a model has at most 64 fields");
        let mut required = 0u64;
        let mut i = 0;
        while i < fields.len() {
            let key = fields[i].key.as_bytes();
            assert!(!key.is_empty(), "a wire key is not empty");
            let mut b = 0;
            while b < key.len() {
                // Written as they are, without the escaping of JSON strings.
                assert!(
                    key[b].is_ascii_lowercase() || key[b].is_ascii_digit() || key[b] == b'_',
                    "wire keys are lowercase ASCII letters, digits and underscores"
                );
                b += 1;
            }
            if fields[i].required {
                required |= 1 << i;
            }
            i += 1;
        }
        ModelDef {
            name,
            c_name,
            value_name,
            doc,
            fields,
            keys: KeyTable::of(fields),
            required,
        }
    }

    /// The position of the field with this wire key.
    #[inline]
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.keys.find(self.fields, key.as_bytes())
    }

    /// The required fields, one bit each by position.
    pub(crate) const fn required_bits(&self) -> u64 {
        self.required
    }

    /// The wire keys as a quoted list, for messages.
    pub(crate) fn key_list(&self) -> String {
        let keys: Vec<String> = self.fields.iter().map(|f| format!("{:?}", f.key)).collect();
        keys.join(", ")
    }
}

/// Every row's position at the slot of its key's hash, with linear probing:
/// derived from the rows when the table is compiled, so any set of keys fits
/// (two keys that hash alike take neighbouring slots).
#[derive(Debug)]
struct KeyTable {
    /// Position + 1 of the row whose key sits here; 0 for an empty slot.
    slots: [u8; KEY_SLOTS],
}

/// Twice [`MAX_FIELDS`], so a probe always ends at an empty slot.
const KEY_SLOTS: usize = 2 * MAX_FIELDS;

/// A key's home slot: its length and three of its bytes, which tell apart
/// the keys of the tables in a probe or two. Every key read from a document
/// meets this, so it costs a few instructions, not a pass over the key.
#[inline]
// Every index is below `len`, which is not 0 past the first line.
#[allow(clippy::indexing_slicing)]
const fn key_hash(key: &[u8]) -> usize {
    let len = key.len();
    if len == 0 {
        return 0;
    }
    let (first, mid, last) = (
        key[0] as usize,
        key[len / 2] as usize,
        key[len - 1] as usize,
    );
    (len.wrapping_mul(31) ^ first.wrapping_mul(7) ^ mid.wrapping_mul(131) ^ last.wrapping_mul(17))
        % KEY_SLOTS
}

// The loop stays below both lengths, which are equal.
#[allow(clippy::indexing_slicing)]
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl KeyTable {
    // Evaluated when the table is compiled (see `ModelDef::new`); slots stay
    // below `KEY_SLOTS` and rows below their count.
    #[allow(clippy::indexing_slicing)]
    const fn of(fields: &[FieldDef]) -> Self {
        let mut slots = [0u8; KEY_SLOTS];
        let mut i = 0;
        while i < fields.len() {
            let key = fields[i].key.as_bytes();
            let mut slot = key_hash(key);
            while slots[slot] != 0 {
                let other = fields[slots[slot] as usize - 1].key.as_bytes();
                assert!(!same(key, other), "a wire key is repeated in a model");
                slot = (slot + 1) % KEY_SLOTS;
            }
            slots[slot] = i as u8 + 1;
            i += 1;
        }
        KeyTable { slots }
    }

    #[inline]
    fn find(&self, fields: &[FieldDef], key: &[u8]) -> Option<usize> {
        let mut slot = key_hash(key);
        loop {
            let at = usize::from(*self.slots.get(slot)?).checked_sub(1)?;
            if fields.get(at)?.key.as_bytes() == key {
                return Some(at);
            }
            slot = (slot + 1) % KEY_SLOTS;
        }
    }
}
