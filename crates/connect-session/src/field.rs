//! The fields of the model: the one table from which reading, writing, serde,
//! the JSON Schema and every binding's accessors follow.
//!
//! Adding a field is one variant here (with its row in each `match` below,
//! which the compiler asks for) and one entry in [`Field::ALL`], which a
//! compile-time check below asks for.

/// What a field holds, which decides its rule and how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// A string, any content.
    Text,
    /// `true` or `false`, nothing else.
    Boolean,
    /// A number of seconds: finite and greater than 0.
    Seconds,
    /// An array of categories (section 2 of the contract).
    Categories,
    /// Any JSON object, kept exactly.
    Object,
    /// The open session type: `production`, `test` or any other string.
    Type,
}

/// A known field of the model, in the order of the contract's table, which is
/// also the order of the canonical JSON and of reported errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// `account_id`
    AccountId,
    /// `categories`
    Categories,
    /// `expires_in`
    ExpiresIn,
    /// `integration_id`
    IntegrationId,
    /// `label`
    Label,
    /// `metadata`
    Metadata,
    /// `multiple`
    Multiple,
    /// `origin_owner_id` (required)
    OriginOwnerId,
    /// `origin_owner_name` (required)
    OriginOwnerName,
    /// `origin_username`
    OriginUsername,
    /// `provider`
    Provider,
    /// `provider_version`
    ProviderVersion,
    /// `type`
    Type,
}

impl Field {
    /// Every field, in canonical order.
    pub const ALL: [Field; 13] = [
        Field::AccountId,
        Field::Categories,
        Field::ExpiresIn,
        Field::IntegrationId,
        Field::Label,
        Field::Metadata,
        Field::Multiple,
        Field::OriginOwnerId,
        Field::OriginOwnerName,
        Field::OriginUsername,
        Field::Provider,
        Field::ProviderVersion,
        Field::Type,
    ];

    /// The number of fields.
    pub const COUNT: usize = Field::ALL.len();

    /// The wire key, e.g. `"expires_in"`.
    pub const fn name(self) -> &'static str {
        match self {
            Field::AccountId => "account_id",
            Field::Categories => "categories",
            Field::ExpiresIn => "expires_in",
            Field::IntegrationId => "integration_id",
            Field::Label => "label",
            Field::Metadata => "metadata",
            Field::Multiple => "multiple",
            Field::OriginOwnerId => "origin_owner_id",
            Field::OriginOwnerName => "origin_owner_name",
            Field::OriginUsername => "origin_username",
            Field::Provider => "provider",
            Field::ProviderVersion => "provider_version",
            Field::Type => "type",
        }
    }

    /// What the field holds.
    pub const fn kind(self) -> FieldKind {
        match self {
            Field::Categories => FieldKind::Categories,
            Field::ExpiresIn => FieldKind::Seconds,
            Field::Metadata => FieldKind::Object,
            Field::Multiple => FieldKind::Boolean,
            Field::Type => FieldKind::Type,
            Field::AccountId
            | Field::IntegrationId
            | Field::Label
            | Field::OriginOwnerId
            | Field::OriginOwnerName
            | Field::OriginUsername
            | Field::Provider
            | Field::ProviderVersion => FieldKind::Text,
        }
    }

    /// True for the two owner fields, which may be neither absent nor `null`.
    pub const fn is_required(self) -> bool {
        matches!(self, Field::OriginOwnerId | Field::OriginOwnerName)
    }

    /// What the field means, for documentation in every language (the
    /// bindings' docstrings, the JSON Schema's descriptions).
    pub const fn doc(self) -> &'static str {
        match self {
            Field::AccountId => {
                "The id of an existing account to reconnect: the hub opens in edit mode for it."
            }
            Field::Categories => {
                "The categories of provider the hub offers, in order (repeats kept). \
                 Unset: every category."
            }
            Field::ExpiresIn => {
                "How long the session is valid, in seconds: finite and greater than 0. \
                 Unset: the server's default of 1800."
            }
            Field::IntegrationId => "The id of the integration to connect with.",
            Field::Label => "The label given to the account this session creates.",
            Field::Metadata => {
                "Free-form JSON object stored with the account, kept exactly \
                 (key order, nesting and number text)."
            }
            Field::Multiple => {
                "Whether the session may connect more than one account. \
                 Unset: the server's default of false."
            }
            Field::OriginOwnerId => "The id of the account's owner in your system (required).",
            Field::OriginOwnerName => "The name of the account's owner in your system (required).",
            Field::OriginUsername => {
                "The name of the user who creates the session, in your system."
            }
            Field::Provider => "The provider to connect to, skipping the hub's choice of provider.",
            Field::ProviderVersion => "The version of the provider's API to connect with.",
            Field::Type => {
                "The kind of account: \"production\" or \"test\"; any other string is kept as \
                 given. Unset: the server's default of \"production\"."
            }
        }
    }

    /// The field with this wire key.
    pub fn from_name(name: &str) -> Option<Field> {
        // Every key read meets this lookup: one table probe and one
        // comparison instead of a scan of the names.
        let field = NAME_TABLE
            .get(name_slot(name.as_bytes()))
            .copied()
            .flatten()?;
        (field.name() == name).then_some(field)
    }

    /// The position of the field in [`Field::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The field's bit in a set of fields held as a `u32` (the check below
    /// keeps every field within it).
    pub(crate) const fn bit(self) -> u32 {
        1 << self as u32
    }

    /// The required fields, as a set of bits.
    // Evaluated at compile time, where indexing out of bounds fails the build.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const REQUIRED: u32 = {
        let mut bits = 0;
        let mut i = 0;
        while i < Field::COUNT {
            if Field::ALL[i].is_required() {
                bits |= Field::ALL[i].bit();
            }
            i += 1;
        }
        bits
    };

    /// The wire keys as a quoted list, for messages.
    pub(crate) fn list() -> String {
        let names: Vec<String> = Field::ALL
            .iter()
            .map(|f| format!("{:?}", f.name()))
            .collect();
        names.join(", ")
    }
}

/// The slot of a wire key in [`NAME_TABLE`]: its length and last byte are
/// enough to tell the field names apart (checked below when the table is built).
const fn name_slot(name: &[u8]) -> usize {
    let last = match name.last() {
        Some(&byte) => byte as usize,
        None => 0,
    };
    (name.len() + 4 * last) % NAME_SLOTS
}

const NAME_SLOTS: usize = 32;

/// Each field at the slot of its name. A field whose slot is taken fails the
/// build: change [`name_slot`] so that the names spread again.
// Evaluated at compile time, where indexing out of bounds fails the build.
#[allow(clippy::indexing_slicing)]
const NAME_TABLE: [Option<Field>; NAME_SLOTS] = {
    let mut table = [None; NAME_SLOTS];
    let mut i = 0;
    while i < Field::COUNT {
        let slot = name_slot(Field::ALL[i].name().as_bytes());
        assert!(
            table[slot].is_none(),
            "two field names share a slot of NAME_TABLE"
        );
        table[slot] = Some(Field::ALL[i]);
        i += 1;
    }
    table
};

// `ALL` lists every variant, in declaration order: a variant left out of it
// (or listed out of order) fails the build here.
// Indexing in a constant fails the build, never a run.
#[allow(clippy::indexing_slicing)]
const _: () = {
    let mut i = 0;
    while i < Field::COUNT {
        assert!(Field::ALL[i] as usize == i, "Field::ALL is out of order");
        i += 1;
    }
    assert!(
        Field::Type as usize == Field::COUNT - 1,
        "Field::ALL misses a variant"
    );
    assert!(Field::COUNT <= 32, "sets of fields are held in a u32");
    // Names are written as they are, without the escaping check of JSON strings.
    let mut i = 0;
    while i < Field::COUNT {
        let name = Field::ALL[i].name().as_bytes();
        let mut b = 0;
        while b < name.len() {
            assert!(
                name[b].is_ascii_lowercase() || name[b] == b'_',
                "field names are lowercase ASCII letters and underscores"
            );
            b += 1;
        }
        i += 1;
    }
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_again() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
            assert!(!f.doc().is_empty());
        }
        let names: Vec<_> = Field::ALL.iter().map(|f| f.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "the canonical order is the wire keys' order");
    }
}
