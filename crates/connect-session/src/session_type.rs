//! `ConnectSessionCreateType`: the kind of account a session creates, an open
//! enum (contract section 2b).

use std::fmt;

/// The kind of account: `production` or `test`, or any other string, which
/// the API accepts and this crate keeps exactly as given (no case folding).
///
/// Build one with [`From<&str>`](#impl-From<%26str>-for-ConnectSessionCreateType),
/// which picks the known member when the text names one, so that two values
/// with the same text are always equal.
///
/// ```
/// use connect_session::ConnectSessionCreateType as Type;
///
/// assert_eq!(Type::from("test"), Type::Test);
/// assert_eq!(Type::from("PRODUCTION").as_str(), "PRODUCTION");
/// assert!(!Type::from("sandbox").is_known());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConnectSessionCreateType {
    /// `production`: a live account (the server's default).
    Production,
    /// `test`: a test account.
    Test,
    /// Any other string, kept as given. Holds only text that names no known
    /// member (build values with `From<&str>`).
    Other(String),
}

impl ConnectSessionCreateType {
    /// The known members, in the contract's order.
    pub const KNOWN: [ConnectSessionCreateType; 2] = [
        ConnectSessionCreateType::Production,
        ConnectSessionCreateType::Test,
    ];

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            ConnectSessionCreateType::Production => "production",
            ConnectSessionCreateType::Test => "test",
            ConnectSessionCreateType::Other(text) => text,
        }
    }

    /// True for the members other than [`Other`](Self::Other).
    pub fn is_known(&self) -> bool {
        !matches!(self, ConnectSessionCreateType::Other(_))
    }
}

impl From<&str> for ConnectSessionCreateType {
    fn from(text: &str) -> Self {
        ConnectSessionCreateType::KNOWN
            .into_iter()
            .find(|known| known.as_str() == text)
            .unwrap_or_else(|| ConnectSessionCreateType::Other(text.to_owned()))
    }
}

impl From<String> for ConnectSessionCreateType {
    fn from(text: String) -> Self {
        match ConnectSessionCreateType::from(text.as_str()) {
            ConnectSessionCreateType::Other(_) => ConnectSessionCreateType::Other(text),
            known => known,
        }
    }
}

impl fmt::Display for ConnectSessionCreateType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ConnectSessionCreateType as Type;

    #[test]
    fn known_text_gives_the_member_and_other_text_is_kept() {
        for known in Type::KNOWN {
            assert_eq!(Type::from(known.as_str()), known);
            assert_eq!(Type::from(known.as_str().to_owned()), known);
        }
        assert_eq!(Type::from("Test"), Type::Other("Test".to_owned()));
        assert_eq!(Type::from(String::from("")).as_str(), "");
    }
}
