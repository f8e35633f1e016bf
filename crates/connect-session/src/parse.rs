//! Reading a document: serde_json checks the grammar and hands over each
//! top-level value as raw text; [`Scan`] then interprets it field by field.
//! Every way into the model (whole documents, single fields set from JSON,
//! metadata on its own) goes through the functions here.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::category::Category;
use crate::errors::{ErrorDetail, ErrorKind, PathItem, ValidationError};
use crate::metadata::Metadata;
use crate::model::{expires_in_problem, ConnectSessionCreate, Field};
use crate::scan::{KeySet, Scan, Stop};

/// How a document treats keys that are not in the model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ParseMode {
    /// Extra keys are kept, in input order, and written back after the known keys.
    #[default]
    KeepExtra,
    /// Extra keys are `unknown_field` errors.
    Strict,
}

/// Depth of a top-level value's containers: the document object is depth 1.
const FIELD_DEPTH: usize = 2;

/// Parses and validates a whole document.
pub(crate) fn document(
    json: &[u8],
    mode: ParseMode,
) -> Result<ConnectSessionCreate, ValidationError> {
    let mut reader = DocumentReader {
        doc: json,
        mode,
        fields: Fields::default(),
        seen: 0,
        extra_keys: KeySet::default(),
        errors: Vec::new(),
        stop: None,
    };
    not_an_object(json)?;
    let mut de = serde_json::Deserializer::from_slice(json);
    let parsed = de.deserialize_map(&mut reader).and_then(|()| de.end());
    if let Some(stop) = reader.stop {
        return Err(ValidationError::single(stop));
    }
    parsed.map_err(syntax_error)?;
    reader.finish()
}

/// Refuses a document that starts as some JSON value other than an object,
/// before serde_json would read into it.
fn not_an_object(json: &[u8]) -> Result<(), ValidationError> {
    let Some(at) = json
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    else {
        return Ok(());
    };
    let found = match json.get(at) {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'-' | b'0'..=b'9') => "a number",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => return Ok(()),
    };
    Err(ValidationError::single(ErrorDetail::syntax_at(
        json,
        at,
        &format!("expected a JSON object at the top level, found {found}"),
    )))
}

fn syntax_error(err: serde_json::Error) -> ValidationError {
    ValidationError::single(ErrorDetail::syntax(
        err.to_string(),
        err.line(),
        err.column(),
    ))
}

/// Parses one value on its own (a field set from JSON), with errors placed
/// under `name` as they would be inside a document.
pub(crate) fn standalone_value<T>(
    json: &[u8],
    name: &str,
    interpret: impl FnOnce(&mut Scan<'_>) -> Result<Option<T>, Stop>,
) -> Result<T, ValidationError> {
    let raw: &RawValue = serde_json::from_slice(json).map_err(syntax_error)?;
    let mut scan = Scan::new(json, raw.get(), &[PathItem::from(name)]);
    let found = scan.found();
    let value = interpret(&mut scan).map_err(ValidationError::single)?;
    if !scan.errors.is_empty() {
        return Err(ValidationError::new(scan.errors));
    }
    value.ok_or_else(|| {
        ValidationError::single(ErrorDetail::new(
            ErrorKind::InvalidType,
            vec![PathItem::from(name)],
            format!("expected a value, found {found}"),
        ))
    })
}

/// The known fields as read so far.
#[derive(Default)]
pub(crate) struct Fields {
    pub(crate) categories: Option<Vec<Category>>,
    pub(crate) expires_in: Option<f64>,
    pub(crate) metadata: Option<Metadata>,
    pub(crate) origin_owner_id: Option<String>,
    pub(crate) origin_owner_name: Option<String>,
    pub(crate) origin_username: Option<String>,
    pub(crate) provider: Option<String>,
    pub(crate) extra: Vec<(String, Box<str>)>,
}

impl Fields {
    /// Reads the value under the cursor into `field`. `null` leaves it absent.
    pub(crate) fn read(&mut self, field: Field, scan: &mut Scan<'_>) -> Result<(), Stop> {
        match field {
            Field::Categories => self.categories = categories(scan)?,
            Field::ExpiresIn => self.expires_in = expires_in(scan)?,
            Field::Metadata => self.metadata = metadata(scan)?,
            Field::OriginOwnerId => self.origin_owner_id = string(scan)?,
            Field::OriginOwnerName => self.origin_owner_name = string(scan)?,
            Field::OriginUsername => self.origin_username = string(scan)?,
            Field::Provider => self.provider = string(scan)?,
        }
        Ok(())
    }
}

struct DocumentReader<'de> {
    doc: &'de [u8],
    mode: ParseMode,
    fields: Fields,
    /// One bit per known field already read.
    seen: u8,
    extra_keys: KeySet<'de>,
    /// Problems with the slot they sort under: a field's index, or 7 for extras.
    errors: Vec<(usize, ErrorDetail)>,
    stop: Option<Stop>,
}

impl<'de> DocumentReader<'de> {
    fn member(&mut self, key: Cow<'de, str>, raw: &'de str) -> Result<(), Stop> {
        let mut scan = Scan::new(self.doc, raw, &[PathItem::from(&*key)]);
        let slot = match Field::from_name(&key) {
            Some(field) => {
                let slot = field as usize;
                let repeated = self.seen & (1 << slot) != 0;
                self.seen |= 1 << slot;
                if repeated {
                    scan.record(ErrorKind::DuplicateKey, format!("duplicate key {key:?}"));
                } else if scan.peek() == b'n' && field.is_required() {
                    scan.record(ErrorKind::MissingField, "field required");
                } else {
                    self.fields.read(field, &mut scan)?;
                }
                slot
            }
            None => {
                if !self.extra_keys.insert(key.clone()) {
                    scan.record(ErrorKind::DuplicateKey, format!("duplicate key {key:?}"));
                } else if self.mode == ParseMode::Strict {
                    scan.record(
                        ErrorKind::UnknownField,
                        format!(
                            "unknown field {key:?}; strict mode accepts only {}",
                            Field::list()
                        ),
                    );
                    scan.skip(FIELD_DEPTH)?;
                } else {
                    let mut value = String::new();
                    scan.canonical(FIELD_DEPTH, &mut value)?;
                    self.fields
                        .extra
                        .push((key.into_owned(), value.into_boxed_str()));
                }
                Field::ALL.len()
            }
        };
        self.errors
            .extend(scan.errors.into_iter().map(|e| (slot, e)));
        Ok(())
    }

    fn finish(mut self) -> Result<ConnectSessionCreate, ValidationError> {
        for field in Field::ALL {
            if field.is_required() && self.seen & (1 << field as usize) == 0 {
                let missing = ErrorDetail::new(
                    ErrorKind::MissingField,
                    vec![PathItem::from(field.name())],
                    "field required",
                );
                self.errors.push((field as usize, missing));
            }
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_key(|(slot, _)| *slot);
            return Err(ValidationError::new(
                self.errors.into_iter().map(|(_, e)| e).collect(),
            ));
        }
        ConnectSessionCreate::from_fields(self.fields)
    }
}

impl<'de> Visitor<'de> for &mut DocumentReader<'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let raw: &'de RawValue = map.next_value()?;
            if let Err(stop) = self.member(key, raw.get()) {
                self.stop = Some(stop);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Reads an object key, borrowing it from the input when it holds no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Records that the value under the cursor has the wrong type, and checks inside it.
fn wrong_type(scan: &mut Scan<'_>, expected: &str, depth: usize) -> Result<(), Stop> {
    let found = scan.found();
    scan.record(
        ErrorKind::InvalidType,
        format!("expected {expected}, found {found}"),
    );
    scan.skip(depth)
}

fn string(scan: &mut Scan<'_>) -> Result<Option<String>, Stop> {
    match scan.peek() {
        b'"' => Ok(Some(scan.string()?.into_owned())),
        b'n' => Ok(None),
        _ => wrong_type(scan, "a string", FIELD_DEPTH).map(|()| None),
    }
}

fn expires_in(scan: &mut Scan<'_>) -> Result<Option<f64>, Stop> {
    match scan.peek() {
        b'-' | b'0'..=b'9' => {
            let text = scan.literal();
            let value = text.parse::<f64>().unwrap_or(f64::NAN);
            if let Some(problem) = expires_in_problem(value, text) {
                scan.record(ErrorKind::InvalidValue, problem);
                return Ok(None);
            }
            Ok(Some(value))
        }
        b'n' => Ok(None),
        _ => wrong_type(scan, "a number of seconds", FIELD_DEPTH).map(|()| None),
    }
}

fn categories(scan: &mut Scan<'_>) -> Result<Option<Vec<Category>>, Stop> {
    match scan.peek() {
        b'[' => {
            let mut list = Vec::new();
            let before = scan.errors.len();
            scan.items(FIELD_DEPTH, |scan, _| {
                if scan.peek() != b'"' {
                    return wrong_type(scan, "a category string", FIELD_DEPTH + 1);
                }
                match scan.string()?.parse::<Category>() {
                    Ok(category) => list.push(category),
                    Err(unknown) => scan.record(ErrorKind::InvalidValue, unknown.to_string()),
                }
                Ok(())
            })?;
            Ok((scan.errors.len() == before).then_some(list))
        }
        b'n' => Ok(None),
        _ => wrong_type(scan, "an array of categories", FIELD_DEPTH).map(|()| None),
    }
}

pub(crate) fn metadata(scan: &mut Scan<'_>) -> Result<Option<Metadata>, Stop> {
    match scan.peek() {
        b'{' => {
            let before = scan.errors.len();
            let mut text = String::new();
            scan.canonical(FIELD_DEPTH, &mut text)?;
            Ok((scan.errors.len() == before).then(|| Metadata::from_canonical(text)))
        }
        b'n' => Ok(None),
        _ => wrong_type(scan, "an object", FIELD_DEPTH).map(|()| None),
    }
}

/// An extra key's value: any JSON, `null` included.
pub(crate) fn extra_value(scan: &mut Scan<'_>) -> Result<Option<Box<str>>, Stop> {
    let mut text = String::new();
    scan.canonical(FIELD_DEPTH, &mut text)?;
    Ok(Some(text.into_boxed_str()))
}
