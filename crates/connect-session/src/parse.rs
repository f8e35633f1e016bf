//! Reading a document into the model. Every way in (whole documents, single
//! fields set from JSON, metadata on its own) goes through the functions here,
//! so one set of rules decides.

use compact_str::CompactString;

use crate::category::Category;
use crate::errors::{ErrorDetail, ErrorKind, PathItem, ValidationError};
use crate::metadata::Metadata;
use crate::model::{expires_in_problem, ConnectSessionCreate, Field};
use crate::parser::{utf8, Parser, Stop};

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
    let text = utf8(json).map_err(|stop| ValidationError::single(*stop))?;
    let mut p = Parser::new(text);
    let mut fields = Fields::default();
    let mut seen = 0u8;
    if p.peek() != b'{' {
        return Err(ValidationError::single(*not_an_object(&mut p)));
    }
    p.members(1, |p, key| fields.member(p, key, mode, &mut seen))
        .and_then(|()| p.end())
        .map_err(|stop| ValidationError::single(*stop))?;
    let mut errors = p.errors;
    for field in Field::ALL {
        if field.is_required() && seen & (1 << field as usize) == 0 {
            errors.push(ErrorDetail::new(
                ErrorKind::MissingField,
                vec![PathItem::from(field.name())],
                "field required",
            ));
        }
    }
    if !errors.is_empty() {
        // Field declaration order, then extra keys; document order within each.
        errors.sort_by_key(|e| match e.loc().first() {
            Some(PathItem::Key(key)) => {
                Field::from_name(key).map_or(Field::ALL.len(), |f| f as usize)
            }
            _ => Field::ALL.len(),
        });
        return Err(ValidationError::new(errors));
    }
    ConnectSessionCreate::from_fields(fields)
}

/// The error for a document that is not an object at the top.
fn not_an_object(p: &mut Parser<'_>) -> Stop {
    match p.found() {
        "invalid JSON" if p.peek() == 0 => {
            p.syntax("unexpected end of input: expected a JSON object")
        }
        "invalid JSON" => p.syntax("expected a JSON object"),
        found => p.syntax(&format!(
            "expected a JSON object at the top level, found {found}"
        )),
    }
}

/// Parses one value on its own (a field set from JSON), with errors placed
/// under `name` as they would be inside a document.
pub(crate) fn standalone_value<T>(
    json: &[u8],
    name: &str,
    interpret: impl FnOnce(&mut Parser<'_>) -> Result<Option<T>, Stop>,
) -> Result<T, ValidationError> {
    let text = utf8(json).map_err(|stop| ValidationError::single(*stop))?;
    let mut p = Parser::new(text);
    let found = p.found();
    let value = p
        .within(|| PathItem::from(name), interpret)
        .and_then(|v| p.end().map(|()| v))
        .map_err(|stop| ValidationError::single(*stop))?;
    if !p.errors.is_empty() {
        return Err(ValidationError::new(p.errors));
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
    pub(crate) origin_owner_id: Option<CompactString>,
    pub(crate) origin_owner_name: Option<CompactString>,
    pub(crate) origin_username: Option<CompactString>,
    pub(crate) provider: Option<CompactString>,
    pub(crate) extra: Vec<(String, Box<str>)>,
}

impl Fields {
    /// Reads the value under the cursor into `field`. `null` leaves it absent.
    pub(crate) fn read(&mut self, field: Field, p: &mut Parser<'_>) -> Result<(), Stop> {
        match field {
            Field::Categories => self.categories = categories(p)?,
            Field::ExpiresIn => self.expires_in = expires_in(p)?,
            Field::Metadata => self.metadata = metadata(p)?,
            Field::OriginOwnerId => self.origin_owner_id = string(p)?,
            Field::OriginOwnerName => self.origin_owner_name = string(p)?,
            Field::OriginUsername => self.origin_username = string(p)?,
            Field::Provider => self.provider = string(p)?,
        }
        Ok(())
    }

    /// Reads one member of the document (keys are already known to be unique).
    fn member(
        &mut self,
        p: &mut Parser<'_>,
        key: &str,
        mode: ParseMode,
        seen: &mut u8,
    ) -> Result<(), Stop> {
        match Field::from_name(key) {
            Some(field) => {
                *seen |= 1 << field as usize;
                if field.is_required() && p.peek() == b'n' {
                    p.record(ErrorKind::MissingField, "field required");
                    p.skip(FIELD_DEPTH)
                } else {
                    self.read(field, p)
                }
            }
            None if mode == ParseMode::Strict => {
                p.record(
                    ErrorKind::UnknownField,
                    format!(
                        "unknown field {key:?}; strict mode accepts only {}",
                        Field::list()
                    ),
                );
                p.skip(FIELD_DEPTH)
            }
            None => {
                if let Some(value) = p.capture(FIELD_DEPTH)? {
                    self.extra.push((key.to_owned(), value.into_boxed_str()));
                }
                Ok(())
            }
        }
    }
}

/// Records that the value under the cursor has the wrong type, and checks inside it.
fn wrong_type(p: &mut Parser<'_>, expected: &str, depth: usize) -> Result<(), Stop> {
    let found = p.found();
    p.record(
        ErrorKind::InvalidType,
        format!("expected {expected}, found {found}"),
    );
    p.skip(depth)
}

fn string(p: &mut Parser<'_>) -> Result<Option<CompactString>, Stop> {
    match p.peek() {
        b'"' => Ok(Some(CompactString::from(p.string()?))),
        b'n' => p.skip(FIELD_DEPTH).map(|()| None),
        _ => wrong_type(p, "a string", FIELD_DEPTH).map(|()| None),
    }
}

fn expires_in(p: &mut Parser<'_>) -> Result<Option<f64>, Stop> {
    match p.peek() {
        b'-' | b'0'..=b'9' => {
            let text = p.number()?;
            let value = text.parse::<f64>().unwrap_or(f64::NAN);
            if let Some(problem) = expires_in_problem(value, || text.to_owned()) {
                p.record(ErrorKind::InvalidValue, problem);
                return Ok(None);
            }
            Ok(Some(value))
        }
        b'n' => p.skip(FIELD_DEPTH).map(|()| None),
        _ => wrong_type(p, "a number of seconds", FIELD_DEPTH).map(|()| None),
    }
}

fn categories(p: &mut Parser<'_>) -> Result<Option<Vec<Category>>, Stop> {
    match p.peek() {
        b'[' => {
            let mut list = Vec::new();
            let before = p.errors.len();
            p.items(FIELD_DEPTH, |p, _| {
                if p.peek() != b'"' {
                    return wrong_type(p, "a category string", FIELD_DEPTH + 1);
                }
                match p.string()?.parse::<Category>() {
                    Ok(category) => list.push(category),
                    Err(unknown) => p.record(ErrorKind::InvalidValue, unknown.to_string()),
                }
                Ok(())
            })?;
            Ok((p.errors.len() == before).then_some(list))
        }
        b'n' => p.skip(FIELD_DEPTH).map(|()| None),
        _ => wrong_type(p, "an array of categories", FIELD_DEPTH).map(|()| None),
    }
}

pub(crate) fn metadata(p: &mut Parser<'_>) -> Result<Option<Metadata>, Stop> {
    match p.peek() {
        b'{' => Ok(p.capture(FIELD_DEPTH)?.map(Metadata::from_canonical)),
        b'n' => p.skip(FIELD_DEPTH).map(|()| None),
        _ => wrong_type(p, "an object", FIELD_DEPTH).map(|()| None),
    }
}

/// An extra key's value: any JSON, `null` included.
pub(crate) fn extra_value(p: &mut Parser<'_>) -> Result<Option<Box<str>>, Stop> {
    Ok(p.capture(FIELD_DEPTH)?.map(String::into_boxed_str))
}
