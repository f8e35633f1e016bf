//! The `ConnectSessionCreate` model: its values, their accessors and its JSON.

use std::fmt;

use compact_str::CompactString;

use crate::category::Category;
use crate::errors::{ErrorDetail, ErrorKind, Errors, PathItem, ValidationError};
use crate::extra::Extra;
use crate::field::Field;
use crate::json_text::{self, JsonOut};
use crate::metadata::Metadata;
use crate::reader::{self, utf8};
use crate::rules::{self, FIELD_DEPTH};
use crate::session_type::ConnectSessionCreateType;
use crate::value::{Data, FieldValue, Value};

/// The expiry the server applies when `expires_in` is not set, in seconds.
pub const DEFAULT_EXPIRES_IN: f64 = 1800.0;

/// The value of every field, by position in [`Field::ALL`]. Kept behind a
/// box: a model is then five words to move, not over 400 bytes.
type Slots = Box<[Option<Data>; Field::COUNT]>;

/// The body of StackOne's "Create Connect Session" request.
///
/// Every value of this type is valid: the constructor takes the two required
/// fields, every setter applies the field's rule before it changes anything,
/// and parsing reports every problem of a document at once.
///
/// ```
/// use connect_session::{ConnectSessionCreate, ConnectSessionCreateCategories as Category};
///
/// let mut req = ConnectSessionCreate::new("owner-1", "Acme");
/// req.set_categories(Some([Category::Hris, Category::Ats]));
/// req.set_expires_in(Some(3600))?;
/// req.set_provider(Some("hibob"));
/// assert_eq!(
///     req.to_json(),
///     r#"{"categories":["hris","ats"],"expires_in":3600,"origin_owner_id":"owner-1","origin_owner_name":"Acme","provider":"hibob"}"#
/// );
///
/// let back = ConnectSessionCreate::from_json(req.to_json())?;
/// assert_eq!(back, req);
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectSessionCreate {
    /// Every field's value, by position in [`Field::ALL`]; the required ones
    /// are always set.
    slots: Slots,
    /// Keys outside the model with their canonical JSON values, in input order.
    extra: Extra,
}

impl ConnectSessionCreate {
    /// A request with the two required fields and nothing else.
    pub fn new(origin_owner_id: impl Into<String>, origin_owner_name: impl Into<String>) -> Self {
        let mut req = Self::empty();
        req.set_origin_owner_id(origin_owner_id);
        req.set_origin_owner_name(origin_owner_name);
        req
    }

    /// A model with nothing set, for the draft to fill (which checks that
    /// the required fields are set before handing it out).
    pub(crate) fn empty() -> Self {
        ConnectSessionCreate {
            slots: Slots::default(),
            extra: Extra::default(),
        }
    }

    /// The canonical compact JSON of the contract (section 3).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.json_len_hint());
        self.write_json(&mut out);
        out
    }

    /// Appends the canonical compact JSON to `out`, for callers that own the
    /// buffer (the C ABI writes it straight into the string it hands out,
    /// made with room for [`json_len_hint`](Self::json_len_hint) bytes).
    ///
    /// ```
    /// let req = connect_session::ConnectSessionCreate::new("o", "n");
    /// let mut out = String::from("body=");
    /// req.write_json(&mut out);
    /// assert_eq!(out, r#"body={"origin_owner_id":"o","origin_owner_name":"n"}"#);
    /// ```
    pub fn write_json(&self, out: &mut String) {
        self.write_json_to(out);
    }

    /// The canonical compact JSON in consecutive pieces (see
    /// [`binding::json_pieces`](crate::binding::json_pieces)).
    pub(crate) fn json_pieces(&self, each: impl FnMut(&str)) {
        let mut pieces = json_text::Pieces::new(each);
        self.write_json_to(&mut pieces);
        pieces.flush();
    }

    fn write_json_to(&self, out: &mut impl JsonOut) {
        out.small().push('{');
        let mut first = true;
        // The comma before every member but the first.
        let mut member = |small: &mut String| {
            if !std::mem::take(&mut first) {
                small.push(',');
            }
        };
        for (field, slot) in Field::ALL.iter().zip(self.slots.iter()) {
            if let Some(data) = slot {
                let small = out.small();
                member(small);
                // Field names need no escapes (checked where they are defined).
                small.push('"');
                small.push_str(field.name());
                small.push_str("\":");
                data.write_json(out);
            }
        }
        for (key, value) in self.extra.iter() {
            let small = out.small();
            member(small);
            json_text::write_str(small, key);
            small.push(':');
            out.verbatim(value);
        }
        out.small().push('}');
    }

    /// About the length of [`to_json`](Self::to_json)'s output (exact or a
    /// little more unless strings need escapes), for bindings that allocate
    /// the buffer [`write_json`](Self::write_json) appends to.
    #[doc(hidden)]
    pub fn json_len_hint(&self) -> usize {
        let fields: usize = Field::ALL
            .iter()
            .zip(self.slots.iter())
            .filter_map(|(field, slot)| {
                Some(field.name().len() + 4 + slot.as_ref()?.json_len_hint())
            })
            .sum();
        2 + fields + self.extra.json_len_hint()
    }

    /// The canonical JSON indented with two spaces; only white space differs
    /// from [`to_json`](Self::to_json).
    pub fn to_json_pretty(&self) -> String {
        json_text::prettify(&self.to_json())
    }

    /// The canonical JSON with `indent` spaces per level (a newline and no
    /// spaces for 0); `None` beyond [`MAX_INDENT`](crate::MAX_INDENT). Its
    /// size grows with depth x items x indent: up to about 64 x `indent`
    /// times the compact form for a long list 128 levels deep.
    ///
    /// ```
    /// let req = connect_session::ConnectSessionCreate::new("o", "n");
    /// assert_eq!(
    ///     req.to_json_indented(1).as_deref(),
    ///     Some("{\n \"origin_owner_id\": \"o\",\n \"origin_owner_name\": \"n\"\n}")
    /// );
    /// assert_eq!(req.to_json_indented(2), Some(req.to_json_pretty()));
    /// assert_eq!(req.to_json_indented(11), None);
    /// ```
    pub fn to_json_indented(&self, indent: usize) -> Option<String> {
        (indent <= json_text::MAX_INDENT).then(|| json_text::prettify_with(&self.to_json(), indent))
    }

    /// The JSON Schema (draft 2020-12) of the wire format, as compact JSON.
    pub fn json_schema() -> String {
        crate::schema::json_schema()
    }

    fn slot(&self, field: Field) -> Option<&Data> {
        self.slots.get(field.index()).and_then(Option::as_ref)
    }

    /// Replaces a field's value (the caller has applied its rule).
    pub(crate) fn put(&mut self, field: Field, data: Option<Data>) {
        if let Some(slot) = self.slots.get_mut(field.index()) {
            *slot = data;
        }
    }

    /// Appends an extra key (the caller has checked that it is new).
    pub(crate) fn push_extra(&mut self, key: &str, value: &str) {
        self.extra.push(key, value);
    }

    /// The value of any field, `None` when it is unset.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, Field, FieldValue};
    ///
    /// let req = ConnectSessionCreate::new("o", "n");
    /// assert_eq!(req.get(Field::OriginOwnerId), Some(FieldValue::Text("o")));
    /// assert_eq!(req.get(Field::Multiple), None);
    /// ```
    pub fn get(&self, field: Field) -> Option<FieldValue<'_>> {
        self.slot(field).map(Data::view)
    }

    /// Sets any field by its rule: [`Value::Null`] clears an optional field,
    /// and a refused value leaves the request unchanged, with errors located
    /// at the field as they would be in a document.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ErrorKind, Field, Value};
    ///
    /// let mut req = ConnectSessionCreate::new("o", "n");
    /// req.set(Field::Multiple, true)?;
    /// req.set(Field::Type, "sandbox")?;
    /// let err = req.set(Field::Multiple, 1).unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), ErrorKind::InvalidType);
    /// assert_eq!(req.to_json(), r#"{"multiple":true,"origin_owner_id":"o","origin_owner_name":"n","type":"sandbox"}"#);
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn set<'a>(
        &mut self,
        field: Field,
        value: impl Into<Value<'a>>,
    ) -> Result<(), ValidationError> {
        let mut errors = Errors::default();
        let data = rules::from_value(field, value.into(), &mut errors)
            .map_err(|stop| ValidationError::single(*stop))?;
        if let Some(err) = errors.into_error() {
            return Err(err);
        }
        self.put(field, data);
        Ok(())
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
        let text = utf8(json.as_ref()).map_err(|stop| ValidationError::single(*stop))?;
        self.set(field, Value::Json(text.into()))
    }

    /// Unsets an optional field; a required one is a `missing_field` error.
    pub fn clear(&mut self, field: Field) -> Result<(), ValidationError> {
        self.set(field, Value::Null)
    }

    /// The text of a text field (or of `type`), `None` when unset or for a
    /// field of another kind.
    pub fn text(&self, field: Field) -> Option<&str> {
        match self.slot(field)? {
            Data::Text(text) => Some(text),
            Data::Type(kind) => Some(kind.as_str()),
            _ => None,
        }
    }

    /// Sets a field that takes any string (a text field): text has no rule
    /// beyond being a string.
    fn put_text(&mut self, field: Field, text: impl Into<String>) {
        self.put(field, Some(Data::Text(CompactString::from(text.into()))));
    }

    /// Sets or clears an optional text field.
    fn put_optional_text(&mut self, field: Field, text: Option<impl Into<String>>) {
        let data = text.map(|text| Data::Text(CompactString::from(text.into())));
        self.put(field, data);
    }

    /// The account to reconnect, if set.
    pub fn account_id(&self) -> Option<&str> {
        self.text(Field::AccountId)
    }

    /// Sets the account to reconnect (the hub opens in edit mode).
    pub fn set_account_id(&mut self, id: Option<impl Into<String>>) {
        self.put_optional_text(Field::AccountId, id);
    }

    /// The categories, if set.
    pub fn categories(&self) -> Option<&[Category]> {
        match self.slot(Field::Categories)? {
            Data::Categories(categories) => Some(categories),
            _ => None,
        }
    }

    /// Sets or clears the categories (order and repeats are kept).
    pub fn set_categories(&mut self, categories: Option<impl IntoIterator<Item = Category>>) {
        let list = categories.map(|list| Data::Categories(list.into_iter().collect()));
        self.put(Field::Categories, list);
    }

    /// Appends one category, creating the list if it was unset.
    pub fn push_category(&mut self, category: Category) {
        match self.slots.get_mut(Field::Categories.index()) {
            Some(Some(Data::Categories(list))) => list.push(category),
            _ => self.set_categories(Some([category])),
        }
    }

    /// How long the session should be valid for, in seconds, if set.
    pub fn expires_in(&self) -> Option<f64> {
        match self.slot(Field::ExpiresIn)? {
            Data::Seconds(seconds) => Some(*seconds),
            _ => None,
        }
    }

    /// The expiry the server will apply: `expires_in`, or
    /// [`DEFAULT_EXPIRES_IN`] when unset. Serialization never writes the default.
    pub fn effective_expires_in(&self) -> f64 {
        self.expires_in().unwrap_or(DEFAULT_EXPIRES_IN)
    }

    /// Sets or clears `expires_in`, which must be finite and greater than 0.
    /// On error nothing changes.
    ///
    /// ```
    /// let mut req = connect_session::ConnectSessionCreate::new("o", "n");
    /// req.set_expires_in(Some(1800))?;
    /// let err = req.set_expires_in(Some(0)).unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), connect_session::ErrorKind::InvalidValue);
    /// assert_eq!(req.expires_in(), Some(1800.0));
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn set_expires_in(
        &mut self,
        seconds: Option<impl Into<f64>>,
    ) -> Result<(), ValidationError> {
        let value = seconds.map_or(Value::Null, |seconds| Value::Float(seconds.into()));
        self.set(Field::ExpiresIn, value)
    }

    /// The integration to connect with, if set.
    pub fn integration_id(&self) -> Option<&str> {
        self.text(Field::IntegrationId)
    }

    /// Sets the integration to connect with.
    pub fn set_integration_id(&mut self, id: Option<impl Into<String>>) {
        self.put_optional_text(Field::IntegrationId, id);
    }

    /// The label for the account the session creates, if set.
    pub fn label(&self) -> Option<&str> {
        self.text(Field::Label)
    }

    /// Sets the label for the account the session creates.
    pub fn set_label(&mut self, label: Option<impl Into<String>>) {
        self.put_optional_text(Field::Label, label);
    }

    /// The metadata, if set.
    pub fn metadata(&self) -> Option<&Metadata> {
        match self.slot(Field::Metadata)? {
            Data::Object(metadata) => Some(metadata),
            _ => None,
        }
    }

    /// Sets or clears the metadata.
    pub fn set_metadata(&mut self, metadata: Option<Metadata>) {
        self.put(Field::Metadata, metadata.map(Data::Object));
    }

    /// Whether the session may connect several accounts, if set.
    pub fn multiple(&self) -> Option<bool> {
        match self.slot(Field::Multiple)? {
            Data::Boolean(flag) => Some(*flag),
            _ => None,
        }
    }

    /// Sets or clears whether the session may connect several accounts.
    pub fn set_multiple(&mut self, multiple: Option<bool>) {
        self.put(Field::Multiple, multiple.map(Data::Boolean));
    }

    /// The id of the owner in the caller's system.
    pub fn origin_owner_id(&self) -> &str {
        self.text(Field::OriginOwnerId).unwrap_or_default()
    }

    /// Sets the owner id.
    pub fn set_origin_owner_id(&mut self, id: impl Into<String>) {
        self.put_text(Field::OriginOwnerId, id);
    }

    /// The name of the owner in the caller's system.
    pub fn origin_owner_name(&self) -> &str {
        self.text(Field::OriginOwnerName).unwrap_or_default()
    }

    /// Sets the owner name.
    pub fn set_origin_owner_name(&mut self, name: impl Into<String>) {
        self.put_text(Field::OriginOwnerName, name);
    }

    /// The user name in the caller's system, if set.
    pub fn origin_username(&self) -> Option<&str> {
        self.text(Field::OriginUsername)
    }

    /// Sets the user name.
    pub fn set_origin_username(&mut self, username: Option<impl Into<String>>) {
        self.put_optional_text(Field::OriginUsername, username);
    }

    /// The provider to connect to, if set.
    pub fn provider(&self) -> Option<&str> {
        self.text(Field::Provider)
    }

    /// Sets the provider.
    pub fn set_provider(&mut self, provider: Option<impl Into<String>>) {
        self.put_optional_text(Field::Provider, provider);
    }

    /// The version of the provider's API to connect with, if set.
    pub fn provider_version(&self) -> Option<&str> {
        self.text(Field::ProviderVersion)
    }

    /// Sets or clears the version of the provider's API.
    pub fn set_provider_version(&mut self, version: Option<impl Into<String>>) {
        self.put_optional_text(Field::ProviderVersion, version);
    }

    /// The kind of account the session creates, if set.
    pub fn session_type(&self) -> Option<&ConnectSessionCreateType> {
        match self.slot(Field::Type)? {
            Data::Type(kind) => Some(kind),
            _ => None,
        }
    }

    /// Sets or clears the kind of account (`type` on the wire): a member, or
    /// any text.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ConnectSessionCreateType as Type};
    ///
    /// let mut req = ConnectSessionCreate::new("o", "n");
    /// req.set_session_type(Some("test"));
    /// assert_eq!(req.session_type(), Some(&Type::Test));
    /// ```
    pub fn set_session_type(&mut self, kind: Option<impl Into<ConnectSessionCreateType>>) {
        self.put(Field::Type, kind.map(|kind| Data::Type(kind.into())));
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
        self.extra.iter()
    }

    /// The canonical JSON value of one extra key.
    pub fn extra_value(&self, key: &str) -> Option<&str> {
        self.extra.get(key)
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
        let value =
            reader::standalone(json.as_ref(), key, |p| p.capture(FIELD_DEPTH))?.unwrap_or_default();
        self.extra.set(key, &value);
        Ok(())
    }

    /// Removes an extra key, giving back its JSON value.
    pub fn remove_extra(&mut self, key: &str) -> Option<String> {
        self.extra.remove(key)
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
