//! serde support, so the model embeds in a caller's own serde types without
//! losing anything.
//!
//! Deserializing reads JSON text with [`ConnectSessionCreate::from_json`], so
//! every rule applies unchanged. From serde_json's own deserializer the text
//! is taken raw (`RawValue`): exact numbers, duplicate keys seen, and no
//! recursion limit of serde_json's below this crate's. From any other
//! deserializer the values are written as JSON text first (serde_json's
//! private number and raw-value wrappers, which its `arbitrary_precision` and
//! `raw_value` features produce, are read as what they wrap).
//!
//! Serializing writes the fields of [`ConnectSessionCreate::to_json`]. To
//! serde_json's serializer, metadata and extra values go out as their exact
//! text. To any other serializer they go out as maps, lists and scalars; a
//! number that format cannot carry exactly (`1.50`, a 30-digit integer) is
//! an error, never a silent change. (A format whose maps sort their keys,
//! such as `serde_json::Value` without `preserve_order`, sorts them.)

use std::any::type_name;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::binding::{visit_json, JsonVisitor, NativeWriter};
use crate::errors::{Stop, ValidationError};
use crate::json_text;
use crate::metadata::Metadata;
use crate::model::{Def, Model};
use crate::value::FieldValue;

/// True when `T` is one of serde_json's text serializers or deserializers.
/// serde has no way to ask a format what it is; the type's name is the one
/// tell, and the serde tests (exact numbers, depth 128) fail if it changes.
fn is_serde_json<T: ?Sized>(module: &str) -> bool {
    type_name::<T>()
        .strip_prefix("&mut ")
        .is_some_and(|name| name.starts_with(module))
}

impl<D: Def> Serialize for Model<D> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let exact = is_serde_json::<S>("serde_json::ser::Serializer<");
        let mut map = serializer.serialize_map(None)?;
        for field in Model::<D>::fields() {
            let Some(value) = self.get(field) else {
                continue;
            };
            let key = field.name();
            match value {
                FieldValue::Text(text) => map.serialize_entry(key, text)?,
                FieldValue::Boolean(flag) => map.serialize_entry(key, &flag)?,
                // Whole numbers go out as integers, as in the canonical JSON.
                FieldValue::Seconds(seconds) => match json_text::exact_integer(seconds) {
                    Some(whole) => map.serialize_entry(key, &whole)?,
                    None => map.serialize_entry(key, &seconds)?,
                },
                FieldValue::Categories(categories) => map.serialize_entry(key, categories)?,
                FieldValue::Object(metadata) => {
                    map.serialize_entry(key, &JsonText::new(metadata.as_json(), exact))?
                }
                FieldValue::Type(kind) => map.serialize_entry(key, kind.as_str())?,
                FieldValue::Integer(int) => map.serialize_entry(key, &int)?,
                FieldValue::DateTime(when) => map.serialize_entry(key, when.as_str())?,
            }
        }
        for (key, json) in self.extra() {
            map.serialize_entry(key, &JsonText::new(json, exact))?;
        }
        map.end()
    }
}

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let exact = is_serde_json::<S>("serde_json::ser::Serializer<");
        JsonText::new(self.as_json(), exact).serialize(serializer)
    }
}

/// Canonical JSON text this crate wrote, serialized as what it holds.
struct JsonText<'a> {
    json: &'a str,
    /// The serializer writes JSON text, so the text itself can go out.
    raw: bool,
}

impl<'a> JsonText<'a> {
    fn new(json: &'a str, raw: bool) -> Self {
        JsonText { json, raw }
    }
}

impl Serialize for JsonText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.raw {
            let raw = RawValue::from_string(self.json.to_owned()).map_err(ser::Error::custom)?;
            return raw.serialize(serializer);
        }
        let mut tree = Tree::default();
        visit_json(self.json, &mut tree).map_err(ser::Error::custom)?;
        match tree.done.pop() {
            Some(node) => node.serialize(serializer),
            None => Err(ser::Error::custom("empty JSON text")),
        }
    }
}

/// A JSON value as a tree, for serializers that take values one by one.
#[derive(Debug)]
enum Node {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// Builds a [`Node`] from the events of [`visit_json`].
#[derive(Default)]
struct Tree {
    /// The open containers, innermost last, with the key each is under.
    open: Vec<(Option<String>, Node)>,
    key: Option<String>,
    /// The finished top-level value.
    done: Vec<Node>,
}

impl Tree {
    fn add(&mut self, node: Node) {
        let key = self.key.take();
        match self.open.last_mut() {
            Some((_, Node::Array(items))) => items.push(node),
            Some((_, Node::Object(members))) => members.push((key.unwrap_or_default(), node)),
            _ => self.done.push(node),
        }
    }

    fn open(&mut self, node: Node) {
        let key = self.key.take();
        self.open.push((key, node));
    }

    fn close(&mut self) {
        if let Some((key, node)) = self.open.pop() {
            self.key = key;
            self.add(node);
        }
    }
}

impl JsonVisitor for Tree {
    fn null(&mut self) {
        self.add(Node::Null);
    }
    fn bool(&mut self, value: bool) {
        self.add(Node::Bool(value));
    }
    fn number(&mut self, text: &str) {
        self.add(Node::Number(text.to_owned()));
    }
    fn string(&mut self, value: &str) {
        self.add(Node::Str(value.to_owned()));
    }
    fn begin_array(&mut self) {
        self.open(Node::Array(Vec::new()));
    }
    fn end_array(&mut self) {
        self.close();
    }
    fn begin_object(&mut self) {
        self.open(Node::Object(Vec::new()));
    }
    fn key(&mut self, key: &str) {
        self.key = Some(key.to_owned());
    }
    fn end_object(&mut self) {
        self.close();
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(flag) => serializer.serialize_bool(*flag),
            Node::Number(text) => serialize_number(text, serializer),
            Node::Str(text) => serializer.serialize_str(text),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// A number as a 64-bit integer or a double, when that writes back as the
/// same text; anything else cannot be carried exactly and is refused.
fn serialize_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if let Ok(int) = text.parse::<i64>() {
        if itoa::Buffer::new().format(int) == text {
            return serializer.serialize_i64(int);
        }
    }
    if let Ok(int) = text.parse::<u64>() {
        if itoa::Buffer::new().format(int) == text {
            return serializer.serialize_u64(int);
        }
    }
    if let Ok(float) = text.parse::<f64>() {
        // Read back as a double, it is written in this form (contract section 3).
        let mut canonical = String::new();
        if float.is_finite() {
            json_text::write_float(&mut canonical, float);
        }
        if canonical == text {
            return serializer.serialize_f64(float);
        }
    }
    Err(ser::Error::custom(format!(
        "the number {text} cannot be carried exactly by this serializer (only as its JSON \
         text: use serde_json or to_json)"
    )))
}

impl<'de, M: Def> Deserialize<'de> for Model<M> {
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
        let json = json_text(deserializer)?;
        Model::from_json(json).map_err(de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = json_text(deserializer)?;
        Metadata::from_json(json).map_err(de::Error::custom)
    }
}

/// The JSON text of whatever `deserializer` holds.
fn json_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    if is_serde_json::<D>("serde_json::de::Deserializer<") {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        return Ok(String::from(Box::<str>::from(raw)));
    }
    let mut w = NativeWriter::at_depth(1);
    Transcode(&mut w).deserialize(deserializer)?;
    match w.finish() {
        (text, None) => Ok(text),
        (_, Some(err)) => Err(de::Error::custom(err)),
    }
}

/// The names under which serde_json hands over a number's exact text
/// (`arbitrary_precision`) and a raw JSON value (`raw_value`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Writes one value of a deserializer as JSON text.
struct Transcode<'w>(&'w mut NativeWriter);

fn refused<E: de::Error>(stop: Stop) -> E {
    E::custom(ValidationError::from(stop))
}

impl<'de> DeserializeSeed<'de> for Transcode<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Transcode<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        self.0.bool(value);
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        self.0.int(value.into());
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        self.0.int(value.into());
        Ok(())
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<(), E> {
        self.0.int_text(&value.to_string());
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<(), E> {
        self.0.int_text(&value.to_string());
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        self.0.float(value);
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        self.0.str(value);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.null();
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.begin_array().map_err(refused)?;
        while seq.next_element_seed(Transcode(self.0))?.is_some() {}
        self.0.end_array();
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let first = map.next_key::<String>()?;
        match first.as_deref() {
            Some(NUMBER_TOKEN) => {
                let text = map.next_value::<String>()?;
                return self.0.json_text(&text).map_err(refused);
            }
            Some(RAW_TOKEN) => {
                let text = map.next_value::<String>()?;
                return self.0.json_text(&text).map_err(refused);
            }
            _ => {}
        }
        self.0.begin_object().map_err(refused)?;
        let mut key = first;
        while let Some(name) = key {
            self.0.key(&name);
            map.next_value_seed(Transcode(self.0))?;
            key = map.next_key::<String>()?;
        }
        self.0.end_object();
        Ok(())
    }
}
