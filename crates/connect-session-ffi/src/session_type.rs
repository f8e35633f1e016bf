//! `ConnectSessionType`: the C face of the core's open session type, and the
//! accessors of the `type` field.

use connect_session_core::{ConnectSessionCreateType as Kind, FieldValue};

/// The kind of account a session creates (docs/contract.md, section 2b). The
/// set is open: a value other than `production` and `test` is kept as given
/// and reads as `CONNECT_SESSION_TYPE_OTHER` (its text has the field's
/// `_get_type_text` function).
#[repr(u32)]
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConnectSessionType {
    /// `production` (the server's default when `type` is unset).
    CONNECT_SESSION_TYPE_PRODUCTION = 0,
    /// `test`.
    CONNECT_SESSION_TYPE_TEST = 1,
    /// Any other string, kept exactly (no case folding).
    CONNECT_SESSION_TYPE_OTHER = 2,
}

impl ConnectSessionType {
    /// The enumerator of a core value. The core's type is open to new known
    /// members; one without an enumerator here reads as OTHER until it gets
    /// one (a test below checks every member of `KNOWN` has one).
    pub fn of(kind: &Kind) -> ConnectSessionType {
        match kind.as_str() {
            "production" if kind.is_known() => ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION,
            "test" if kind.is_known() => ConnectSessionType::CONNECT_SESSION_TYPE_TEST,
            _ => ConnectSessionType::CONNECT_SESSION_TYPE_OTHER,
        }
    }
}

/// The enumerator of a type field's value.
pub(crate) fn of_value(value: FieldValue<'_>) -> Option<ConnectSessionType> {
    match value {
        FieldValue::Type(kind) => Some(ConnectSessionType::of(kind)),
        _ => None,
    }
}

/// The enumerator of the server's default type, given as JSON text in the table.
pub(crate) fn of_default(json: &str) -> Option<ConnectSessionType> {
    let text: String = serde_json::from_str(json).ok()?;
    Some(ConnectSessionType::of(&Kind::from(text)))
}

impl Default for ConnectSessionType {
    /// `production`, the server's default (what an unset type's getter writes).
    fn default() -> Self {
        ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_type_has_its_enumerator() {
        let known: Vec<_> = Kind::KNOWN.iter().map(ConnectSessionType::of).collect();
        assert_eq!(
            known,
            [
                ConnectSessionType::CONNECT_SESSION_TYPE_PRODUCTION,
                ConnectSessionType::CONNECT_SESSION_TYPE_TEST
            ]
        );
        assert_eq!(
            ConnectSessionType::of(&Kind::from("PRODUCTION")),
            ConnectSessionType::CONNECT_SESSION_TYPE_OTHER
        );
        assert_eq!(ConnectSessionType::CONNECT_SESSION_TYPE_OTHER as u32, 2);
    }
}
