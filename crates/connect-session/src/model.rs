//! The `ConnectSessionCreate` model: its fields, their rules and its JSON.

use std::fmt;

use compact_str::CompactString;

use crate::category::Category;
use crate::errors::{ErrorDetail, ErrorKind, PathItem, ValidationError};
use crate::json_text;
use crate::metadata::Metadata;
use crate::parse::{self, Fields, ParseMode};

/// The expiry the server applies when `expires_in` is not set, in seconds.
pub const DEFAULT_EXPIRES_IN: f64 = 1800.0;

/// A known field of the model, in the order of SPEC section 1 (which is also
/// the order of the canonical JSON and of reported errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `categories`
    Categories,
    /// `expires_in`
    ExpiresIn,
    /// `metadata`
    Metadata,
    /// `origin_owner_id` (required)
    OriginOwnerId,
    /// `origin_owner_name` (required)
    OriginOwnerName,
    /// `origin_username`
    OriginUsername,
    /// `provider`
    Provider,
}

impl Field {
    /// Every field, in canonical order.
    pub const ALL: [Field; 7] = [
        Field::Categories,
        Field::ExpiresIn,
        Field::Metadata,
        Field::OriginOwnerId,
        Field::OriginOwnerName,
        Field::OriginUsername,
        Field::Provider,
    ];

    /// The wire key, e.g. `"expires_in"`.
    pub const fn name(self) -> &'static str {
        match self {
            Field::Categories => "categories",
            Field::ExpiresIn => "expires_in",
            Field::Metadata => "metadata",
            Field::OriginOwnerId => "origin_owner_id",
            Field::OriginOwnerName => "origin_owner_name",
            Field::OriginUsername => "origin_username",
            Field::Provider => "provider",
        }
    }

    /// The field with this wire key.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// True for the two owner fields, which may be neither absent nor `null`.
    pub const fn is_required(self) -> bool {
        matches!(self, Field::OriginOwnerId | Field::OriginOwnerName)
    }

    /// The wire keys as a quoted list, for messages.
    pub(crate) fn list() -> String {
        let names: Vec<String> = Field::ALL
            .iter()
            .map(|f| format!("{:?}", f.name()))
            .collect();
        names.join(", ")
    }
}

/// Why `value` (written in the input as `text`) cannot be an `expires_in`.
/// `text` is asked for only when there is a problem to describe.
pub(crate) fn expires_in_problem(value: f64, text: impl FnOnce() -> String) -> Option<String> {
    if !value.is_finite() {
        Some(format!(
            "expires_in must be a finite number of seconds that fits a double, found {}",
            text()
        ))
    } else if value <= 0.0 {
        Some(format!(
            "expires_in must be greater than 0 seconds, found {}",
            text()
        ))
    } else {
        None
    }
}

/// The body of StackOne's "Create Connect Session" request.
///
/// Every value of this type is valid: the constructor takes the two required
/// fields, the setters of fields with rules validate before they change
/// anything, and parsing reports every problem of a document at once.
///
/// ```
/// use connect_session::{ConnectSessionCreate, ConnectSessionCreateCategories as Category};
///
/// let mut req = ConnectSessionCreate::new("owner-1", "Acme");
/// req.set_categories(Some(vec![Category::Hris, Category::Ats]));
/// req.set_expires_in(Some(3600.0))?;
/// assert_eq!(
///     req.to_json(),
///     r#"{"categories":["hris","ats"],"expires_in":3600,"origin_owner_id":"owner-1","origin_owner_name":"Acme"}"#
/// );
///
/// let back = ConnectSessionCreate::from_json(req.to_json())?;
/// assert_eq!(back, req);
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectSessionCreate {
    categories: Option<Vec<Category>>,
    expires_in: Option<f64>,
    metadata: Option<Metadata>,
    // Compact strings keep the usual short values inline, without an allocation.
    origin_owner_id: CompactString,
    origin_owner_name: CompactString,
    origin_username: Option<CompactString>,
    provider: Option<CompactString>,
    /// Keys outside the model with their canonical JSON values, in input order.
    extra: Vec<(String, Box<str>)>,
}

impl ConnectSessionCreate {
    /// A request with the two required fields and nothing else.
    pub fn new(origin_owner_id: impl Into<String>, origin_owner_name: impl Into<String>) -> Self {
        ConnectSessionCreate {
            categories: None,
            expires_in: None,
            metadata: None,
            origin_owner_id: CompactString::from(origin_owner_id.into()),
            origin_owner_name: CompactString::from(origin_owner_name.into()),
            origin_username: None,
            provider: None,
            extra: Vec::new(),
        }
    }

    pub(crate) fn from_fields(fields: Fields) -> Result<Self, ValidationError> {
        let (Some(origin_owner_id), Some(origin_owner_name)) =
            (fields.origin_owner_id, fields.origin_owner_name)
        else {
            // The reader reports missing owners before it gets here.
            return Err(ValidationError::single(ErrorDetail::new(
                ErrorKind::MissingField,
                Vec::new(),
                "field required",
            )));
        };
        Ok(ConnectSessionCreate {
            categories: fields.categories,
            expires_in: fields.expires_in,
            metadata: fields.metadata,
            origin_owner_id,
            origin_owner_name,
            origin_username: fields.origin_username,
            provider: fields.provider,
            extra: fields.extra,
        })
    }

    /// Parses a JSON document, keeping extra keys.
    ///
    /// Every field-level problem is reported together; a syntax error stops
    /// at the first.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ErrorKind};
    ///
    /// let err = ConnectSessionCreate::from_json(br#"{"origin_owner_name":"Acme","categories":["hirs"]}"#)
    ///     .unwrap_err();
    /// let kinds: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
    /// assert_eq!(kinds, [
    ///     (ErrorKind::InvalidValue, "categories[0]".to_owned()),
    ///     (ErrorKind::MissingField, "origin_owner_id".to_owned()),
    /// ]);
    /// ```
    pub fn from_json(json: impl AsRef<[u8]>) -> Result<Self, ValidationError> {
        parse::document(json.as_ref(), ParseMode::KeepExtra)
    }

    /// Parses a JSON document with the given treatment of extra keys.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ErrorKind, ParseMode};
    ///
    /// let doc = br#"{"origin_owner_id":"o","origin_owner_name":"n","beta":true}"#;
    /// let err = ConnectSessionCreate::from_json_with(doc, ParseMode::Strict).unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), ErrorKind::UnknownField);
    /// assert!(ConnectSessionCreate::from_json_with(doc, ParseMode::KeepExtra).is_ok());
    /// ```
    pub fn from_json_with(
        json: impl AsRef<[u8]>,
        mode: ParseMode,
    ) -> Result<Self, ValidationError> {
        parse::document(json.as_ref(), mode)
    }

    /// The canonical compact JSON of SPEC section 3.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends the canonical compact JSON to `out`, for callers that own the
    /// buffer (the C ABI writes it straight into the string it hands out).
    ///
    /// ```
    /// let req = connect_session::ConnectSessionCreate::new("o", "n");
    /// let mut out = String::from("body=");
    /// req.write_json(&mut out);
    /// assert_eq!(out, r#"body={"origin_owner_id":"o","origin_owner_name":"n"}"#);
    /// ```
    pub fn write_json(&self, out: &mut String) {
        out.reserve(self.json_len_hint());
        let start = out.len();
        out.push('{');
        let member = |out: &mut String, key: &str| {
            if out.len() > start + 1 {
                out.push(',');
            }
            json_text::write_str(out, key);
            out.push(':');
        };
        if let Some(categories) = &self.categories {
            member(out, Field::Categories.name());
            out.push('[');
            for (i, c) in categories.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_text::write_str(out, c.as_str());
            }
            out.push(']');
        }
        if let Some(seconds) = self.expires_in {
            member(out, Field::ExpiresIn.name());
            json_text::write_number(out, seconds);
        }
        if let Some(metadata) = &self.metadata {
            member(out, Field::Metadata.name());
            out.push_str(metadata.as_json());
        }
        member(out, Field::OriginOwnerId.name());
        json_text::write_str(out, &self.origin_owner_id);
        member(out, Field::OriginOwnerName.name());
        json_text::write_str(out, &self.origin_owner_name);
        for (field, value) in [
            (Field::OriginUsername, &self.origin_username),
            (Field::Provider, &self.provider),
        ] {
            if let Some(value) = value {
                member(out, field.name());
                json_text::write_str(out, value);
            }
        }
        for (key, value) in &self.extra {
            member(out, key);
            out.push_str(value);
        }
        out.push('}');
    }

    /// About the length of [`to_json`](Self::to_json)'s output (exact or a
    /// little more unless strings need escapes), for callers that allocate
    /// the buffer [`write_json`](Self::write_json) appends to.
    pub fn json_len_hint(&self) -> usize {
        const KEYS_AND_PUNCTUATION: usize = 160;
        let text = |s: &Option<CompactString>| s.as_ref().map_or(0, |s| s.len());
        KEYS_AND_PUNCTUATION
            + self.categories.as_ref().map_or(0, |c| c.len() * 14)
            + self.metadata.as_ref().map_or(0, |m| m.as_json().len())
            + self.origin_owner_id.len()
            + self.origin_owner_name.len()
            + text(&self.origin_username)
            + text(&self.provider)
            + self
                .extra
                .iter()
                .map(|(k, v)| k.len() + v.len() + 4)
                .sum::<usize>()
    }

    /// The canonical JSON indented with two spaces; only white space differs
    /// from [`to_json`](Self::to_json).
    pub fn to_json_pretty(&self) -> String {
        json_text::prettify(&self.to_json())
    }

    /// Sets one field from JSON text, by the same rules as a document:
    /// `null` clears an optional field, and errors are located under the field.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, Field};
    ///
    /// let mut req = ConnectSessionCreate::new("o", "n");
    /// req.set_json(Field::Categories, br#"["ats","stackOne"]"#)?;
    /// assert_eq!(req.to_json(), r#"{"categories":["ats","stackone"],"origin_owner_id":"o","origin_owner_name":"n"}"#);
    /// assert!(req.set_json(Field::ExpiresIn, b"-1").is_err());
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn set_json(
        &mut self,
        field: Field,
        json: impl AsRef<[u8]>,
    ) -> Result<(), ValidationError> {
        let mut fields = Fields::default();
        parse::standalone_value(json.as_ref(), field.name(), |p| {
            if p.peek() == b'n' && field.is_required() {
                p.record(ErrorKind::MissingField, "field required");
            }
            fields.read(field, p).map(Some)
        })?;
        // Nothing was read from `null`, so the field is cleared.
        match field {
            Field::Categories => self.categories = fields.categories,
            Field::ExpiresIn => self.expires_in = fields.expires_in,
            Field::Metadata => self.metadata = fields.metadata,
            Field::OriginOwnerId => {
                self.origin_owner_id = fields.origin_owner_id.unwrap_or_default()
            }
            Field::OriginOwnerName => {
                self.origin_owner_name = fields.origin_owner_name.unwrap_or_default()
            }
            Field::OriginUsername => self.origin_username = fields.origin_username,
            Field::Provider => self.provider = fields.provider,
        }
        Ok(())
    }

    /// The categories, if set.
    pub fn categories(&self) -> Option<&[Category]> {
        self.categories.as_deref()
    }

    /// Sets or clears the categories (order and repeats are kept).
    pub fn set_categories(&mut self, categories: Option<Vec<Category>>) {
        self.categories = categories;
    }

    /// Appends one category, creating the list if it was unset.
    pub fn push_category(&mut self, category: Category) {
        self.categories.get_or_insert_with(Vec::new).push(category);
    }

    /// How long the session should be valid for, in seconds, if set.
    pub fn expires_in(&self) -> Option<f64> {
        self.expires_in
    }

    /// The expiry the server will apply: `expires_in`, or
    /// [`DEFAULT_EXPIRES_IN`] when unset. Serialization never writes the default.
    pub fn effective_expires_in(&self) -> f64 {
        self.expires_in.unwrap_or(DEFAULT_EXPIRES_IN)
    }

    /// Sets or clears `expires_in`, which must be finite and greater than 0.
    /// On error nothing changes.
    ///
    /// ```
    /// let mut req = connect_session::ConnectSessionCreate::new("o", "n");
    /// let err = req.set_expires_in(Some(0.0)).unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), connect_session::ErrorKind::InvalidValue);
    /// assert_eq!(req.expires_in(), None);
    /// ```
    pub fn set_expires_in(&mut self, seconds: Option<f64>) -> Result<(), ValidationError> {
        if let Some(value) = seconds {
            // The value as the canonical JSON would write it, for the message.
            let text = || {
                let mut text = String::new();
                if value.is_finite() {
                    json_text::write_number(&mut text, value);
                } else {
                    text = value.to_string();
                }
                text
            };
            if let Some(problem) = expires_in_problem(value, text) {
                return Err(ValidationError::single(ErrorDetail::new(
                    ErrorKind::InvalidValue,
                    vec![PathItem::from(Field::ExpiresIn.name())],
                    problem,
                )));
            }
        }
        self.expires_in = seconds;
        Ok(())
    }

    /// The metadata, if set.
    pub fn metadata(&self) -> Option<&Metadata> {
        self.metadata.as_ref()
    }

    /// Sets or clears the metadata.
    pub fn set_metadata(&mut self, metadata: Option<Metadata>) {
        self.metadata = metadata;
    }

    /// The id of the owner in the caller's system.
    pub fn origin_owner_id(&self) -> &str {
        &self.origin_owner_id
    }

    /// Sets the owner id.
    pub fn set_origin_owner_id(&mut self, id: impl Into<String>) {
        self.origin_owner_id = CompactString::from(id.into());
    }

    /// The name of the owner in the caller's system.
    pub fn origin_owner_name(&self) -> &str {
        &self.origin_owner_name
    }

    /// Sets the owner name.
    pub fn set_origin_owner_name(&mut self, name: impl Into<String>) {
        self.origin_owner_name = CompactString::from(name.into());
    }

    /// The user name in the caller's system, if set.
    pub fn origin_username(&self) -> Option<&str> {
        self.origin_username.as_deref()
    }

    /// Sets or clears the user name.
    pub fn set_origin_username(&mut self, username: Option<String>) {
        self.origin_username = username.map(CompactString::from);
    }

    /// The provider to connect to, if set.
    pub fn provider(&self) -> Option<&str> {
        self.provider.as_deref()
    }

    /// Sets or clears the provider.
    pub fn set_provider(&mut self, provider: Option<String>) {
        self.provider = provider.map(CompactString::from);
    }

    /// The extra keys with their canonical JSON values, in input order.
    ///
    /// ```
    /// let req = connect_session::ConnectSessionCreate::from_json(
    ///     br#"{"origin_owner_id":"o","origin_owner_name":"n","beta": { "on" : true }}"#,
    /// )?;
    /// assert_eq!(req.extra().collect::<Vec<_>>(), [("beta", r#"{"on":true}"#)]);
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn extra(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.extra.iter().map(|(k, v)| (k.as_str(), &**v))
    }

    /// The canonical JSON value of one extra key.
    pub fn extra_value(&self, key: &str) -> Option<&str> {
        self.extra.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    /// Sets an extra key to a JSON value, replacing it in place if present or
    /// appending it. A key of the model is refused: set the field instead.
    pub fn insert_extra(
        &mut self,
        key: &str,
        json: impl AsRef<[u8]>,
    ) -> Result<(), ValidationError> {
        if Field::from_name(key).is_some() {
            return Err(ValidationError::single(ErrorDetail::new(
                ErrorKind::InvalidValue,
                vec![PathItem::from(key)],
                format!("{key:?} is a field of the model, not an extra key; set the field instead"),
            )));
        }
        let value = parse::standalone_value(json.as_ref(), key, parse::extra_value)?;
        match self.extra.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => self.extra.push((key.to_owned(), value)),
        }
        Ok(())
    }

    /// Removes an extra key, giving back its JSON value.
    pub fn remove_extra(&mut self, key: &str) -> Option<String> {
        let index = self.extra.iter().position(|(k, _)| k == key)?;
        Some(self.extra.remove(index).1.into_string())
    }

    /// Removes every extra key.
    pub fn clear_extra(&mut self) {
        self.extra.clear();
    }
}

impl fmt::Display for ConnectSessionCreate {
    /// The canonical JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl std::str::FromStr for ConnectSessionCreate {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ConnectSessionCreate::from_json(s)
    }
}
