//! serde support, so the model embeds in a caller's own serde types.
//!
//! Deserializing transcodes whatever the deserializer holds into JSON text and
//! reads it with [`ConnectSessionCreate::from_json`], so every rule applies
//! unchanged. Serializing writes the same fields as [`ConnectSessionCreate::to_json`];
//! through a generic serializer, metadata and extra values travel as
//! `serde_json` values, so number text beyond what a double holds is exact
//! only in `to_json`.

use serde::de::Error as _;
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::json_text;
use crate::model::{ConnectSessionCreate, Field};
use crate::Metadata;

impl Serialize for ConnectSessionCreate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(categories) = self.categories() {
            map.serialize_entry(Field::Categories.name(), categories)?;
        }
        if let Some(seconds) = self.expires_in() {
            // Whole numbers go out as integers, as in the canonical JSON.
            match json_text::exact_integer(seconds) {
                Some(whole) => map.serialize_entry(Field::ExpiresIn.name(), &whole)?,
                None => map.serialize_entry(Field::ExpiresIn.name(), &seconds)?,
            }
        }
        if let Some(metadata) = self.metadata() {
            map.serialize_entry(Field::Metadata.name(), metadata)?;
        }
        map.serialize_entry(Field::OriginOwnerId.name(), self.origin_owner_id())?;
        map.serialize_entry(Field::OriginOwnerName.name(), self.origin_owner_name())?;
        if let Some(username) = self.origin_username() {
            map.serialize_entry(Field::OriginUsername.name(), username)?;
        }
        if let Some(provider) = self.provider() {
            map.serialize_entry(Field::Provider.name(), provider)?;
        }
        for (key, json) in self.extra() {
            let value: Value = serde_json::from_str(json).map_err(S::Error::custom)?;
            map.serialize_entry(key, &value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ConnectSessionCreate {
    /// ```
    /// use connect_session::ConnectSessionCreate;
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Envelope {
    ///     session: ConnectSessionCreate,
    /// }
    ///
    /// let env: Envelope = serde_json::from_str(
    ///     r#"{"session":{"origin_owner_id":"o","origin_owner_name":"n","categories":["stackOne"]}}"#,
    /// ).unwrap();
    /// assert_eq!(env.session.to_json(), r#"{"categories":["stackone"],"origin_owner_id":"o","origin_owner_name":"n"}"#);
    ///
    /// let bad = serde_json::from_str::<Envelope>(r#"{"session":{"origin_owner_id":"o"}}"#);
    /// assert!(bad.unwrap_err().to_string().contains("origin_owner_name: field required"));
    /// ```
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = transcode(deserializer)?;
        ConnectSessionCreate::from_json(json).map_err(D::Error::custom)
    }
}

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = transcode(deserializer)?;
        Metadata::from_json(json).map_err(D::Error::custom)
    }
}

/// Writes whatever `deserializer` holds as JSON text.
fn transcode<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let mut json = Vec::new();
    serde_transcode::transcode(deserializer, &mut serde_json::Serializer::new(&mut json))
        .map_err(D::Error::custom)?;
    Ok(json)
}
