//! Assembling a model from its members, whether they come from a JSON
//! document or from a binding's values: which keys are known, what happens
//! to the others, what is missing, and the order problems are reported in
//! are decided here, once. The model's constructors from either
//! (`from_json`, `from_values`) are here too, so that this module builds on
//! the model and the model knows nothing of it.

use crate::errors::{
    duplicate_key, ErrorDetail, ErrorKind, Errors, PathItem, Quoted, ValidationError,
};
use crate::field::Field;
use crate::model::ConnectSessionCreate;
use crate::reader::{utf8, KeyList, KeySet, Keys, Reader, Stop};
use crate::rules::{self, FIELD_DEPTH};
use crate::value::{Data, Value};

/// How a document treats keys that are not in the model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ParseMode {
    /// Extra keys are kept, in input order, and written back after the known keys.
    #[default]
    KeepExtra,
    /// Extra keys are `unknown_field` errors.
    Strict,
}

/// The model's constructors from a document and from a binding's values.
impl ConnectSessionCreate {
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
        Self::from_json_with(json, ParseMode::KeepExtra)
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
        document(json.as_ref(), mode)
    }

    /// Builds a request from values given key by key (a binding's keyword
    /// arguments or dictionary), by exactly the rules of a document: the
    /// same problems, kinds, paths and order as the same content as JSON text.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ErrorKind, ParseMode, Value};
    ///
    /// let values = [
    ///     ("origin_owner_id", Value::from("o")),
    ///     ("multiple", Value::Int(1)),
    ///     ("categories", Value::Json(r#"["hirs"]"#.into())),
    /// ];
    /// let err = ConnectSessionCreate::from_values(values, ParseMode::KeepExtra).unwrap_err();
    /// let found: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
    /// assert_eq!(found, [
    ///     (ErrorKind::InvalidValue, "categories[0]".to_owned()),
    ///     (ErrorKind::InvalidType, "multiple".to_owned()),
    ///     (ErrorKind::MissingField, "origin_owner_name".to_owned()),
    /// ]);
    /// ```
    pub fn from_values<'a>(
        values: impl IntoIterator<Item = (&'a str, Value<'a>)>,
        mode: ParseMode,
    ) -> Result<Self, ValidationError> {
        let mut builder = Builder::new(mode);
        for (key, value) in values {
            builder.member(key, value)?;
        }
        builder.finish()
    }
}

/// The members read so far.
struct Draft {
    /// Filled in place, and handed out as it is once every rule is checked.
    model: ConnectSessionCreate,
    /// The fields met, one bit each by position in [`Field::ALL`].
    seen: u32,
    mode: ParseMode,
}

/// Parses and validates a whole document.
fn document(json: &[u8], mode: ParseMode) -> Result<ConnectSessionCreate, ValidationError> {
    let stopped = |stop: Stop| ValidationError::single(*stop);
    let text = utf8(json).map_err(stopped)?;
    let mut p = Reader::new(text);
    if p.peek() != b'{' {
        return Err(stopped(not_an_object(&mut p)));
    }
    let mut draft = Draft::new(mode);
    p.members_in(1, &mut DocumentKeys::default(), |p, key, field| {
        draft.read_member(p, key, field)
    })
    .and_then(|()| p.end())
    .map_err(stopped)?;
    draft.finish(p.errors)
}

/// The keys of a document: the model's own as bits (each seen once at most,
/// whatever the document's size), the others in a [`KeySet`].
#[derive(Default)]
struct DocumentKeys {
    fields: u32,
    others: KeySet,
}

impl Keys for DocumentKeys {
    /// The key's field, if it names one (looked up once per key).
    type Found = Option<Field>;

    fn insert(&mut self, text: &str, at: usize, key: &str) -> Option<Option<Field>> {
        match Field::from_name(key) {
            Some(field) => {
                let fresh = self.fields & field.bit() == 0;
                self.fields |= field.bit();
                fresh.then_some(Some(field))
            }
            None => self.others.insert(text, at, key).then_some(None),
        }
    }
}

/// A model assembled from a binding's values as the binding reads them, one
/// member at a time, with no list of them made first: what
/// [`ConnectSessionCreate::from_values`](crate::ConnectSessionCreate::from_values)
/// does for a list. Every rule is the core's; problems are collected and
/// reported by [`finish`](Self::finish), all at once, in the same order.
///
/// ```
/// use connect_session::{binding::Builder, ErrorKind, Field, ParseMode, Value};
///
/// let mut b = Builder::new(ParseMode::KeepExtra);
/// b.field(Field::OriginOwnerId, Value::from("o"))?;
/// b.member("multiple", Value::Int(1))?;
/// b.field(Field::OriginOwnerId, Value::from("p"))?;
/// b.member("note", Value::from("kept"))?;
/// let err = b.finish().unwrap_err();
/// let found: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
/// assert_eq!(found, [
///     (ErrorKind::InvalidType, "multiple".to_owned()),
///     (ErrorKind::DuplicateKey, "origin_owner_id".to_owned()),
///     (ErrorKind::MissingField, "origin_owner_name".to_owned()),
/// ]);
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
pub struct Builder {
    draft: Draft,
    errors: Errors,
    /// Keys of the model are tracked by the draft; these only when extra
    /// keys come (boxed: a key table is a few hundred bytes, and the builder
    /// moves).
    other_keys: Option<Box<KeyList>>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("problems", &self.errors.found())
            .finish_non_exhaustive()
    }
}

impl Builder {
    /// An empty model; `mode` says what happens to keys outside it.
    pub fn new(mode: ParseMode) -> Self {
        Builder {
            draft: Draft::new(mode),
            errors: Errors::default(),
            other_keys: None,
        }
    }

    /// The value of `field`. An error here is one that stops at once (JSON
    /// text given as a value that is not JSON); the others wait for `finish`.
    ///
    /// Inlined into the binding: a value passed by reference to a call went
    /// through memory, and the CPU stalled reading it back (see
    /// [`rules::read_into`]).
    #[inline]
    pub fn field(&mut self, field: Field, value: Value<'_>) -> Result<(), ValidationError> {
        if self.draft.seen & field.bit() != 0 {
            self.duplicate(field.name());
            return Ok(());
        }
        rules::from_value_into(field, value, &mut self.errors, |data| {
            self.draft.put(field, data);
        })
        .map_err(|stop| ValidationError::single(*stop))
    }

    /// The value of the member `key`: a field's, or an extra key's.
    pub fn member(&mut self, key: &str, value: Value<'_>) -> Result<(), ValidationError> {
        match Field::from_name(key) {
            Some(field) => self.field(field, value),
            None => self.extra(key, value),
        }
    }

    fn extra(&mut self, key: &str, value: Value<'_>) -> Result<(), ValidationError> {
        if !self.other_keys.get_or_insert_default().insert(key) {
            self.duplicate(key);
            return Ok(());
        }
        self.draft
            .put_extra(key, value, &mut self.errors)
            .map_err(|stop| ValidationError::single(*stop))
    }

    fn duplicate(&mut self, key: &str) {
        self.errors.push_with(|| {
            ErrorDetail::new(
                ErrorKind::DuplicateKey,
                vec![PathItem::from(key)],
                duplicate_key(key),
            )
        });
    }

    /// The model, or every problem found in it: the missing required
    /// fields included.
    pub fn finish(self) -> Result<ConnectSessionCreate, ValidationError> {
        self.draft.finish(self.errors)
    }
}

/// The error for a document that is not an object at the top.
fn not_an_object(p: &mut Reader<'_>) -> Stop {
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

fn unknown_field(key: &str) -> String {
    format!(
        "unknown field {}; strict mode accepts only {}",
        Quoted(key),
        Field::list()
    )
}

impl Draft {
    fn new(mode: ParseMode) -> Self {
        Draft {
            model: ConnectSessionCreate::empty(),
            seen: 0,
            mode,
        }
    }

    fn put(&mut self, field: Field, data: Option<Data>) {
        self.seen |= field.bit();
        self.model.put(field, data);
    }

    /// Reads one member of a document (keys are already known to be unique),
    /// `field` the one `key` names.
    fn read_member(
        &mut self,
        p: &mut Reader<'_>,
        key: &str,
        field: Option<Field>,
    ) -> Result<(), Stop> {
        match field {
            Some(field) => {
                rules::read_into(field, p, |data| self.put(field, data))?;
            }
            None if self.mode == ParseMode::Strict => {
                p.record_with(ErrorKind::UnknownField, || unknown_field(key));
                p.skip(FIELD_DEPTH)?;
            }
            None => {
                if let Some(value) = p.capture(FIELD_DEPTH)? {
                    // Once a problem is found the extra keys are not kept.
                    if p.problems() == 0 {
                        self.model.push_extra(key, &value);
                    }
                }
            }
        }
        Ok(())
    }

    /// Takes an extra key's value from a binding (the key is known to be new).
    fn put_extra(&mut self, key: &str, value: Value<'_>, errors: &mut Errors) -> Result<(), Stop> {
        if self.mode == ParseMode::Strict {
            errors.push_with(|| {
                ErrorDetail::new(
                    ErrorKind::UnknownField,
                    vec![PathItem::from(key)],
                    unknown_field(key),
                )
            });
            rules::extra_from_value(key, value, errors)?;
        } else if let Some(value) = rules::extra_from_value(key, value, errors)? {
            // Once a problem is found the extra keys are not kept.
            if errors.is_empty() {
                self.model.push_extra(key, &value);
            }
        }
        Ok(())
    }

    /// Adds the missing required fields to `errors` and, if there are any
    /// problems, reports them all: in field order, then extra keys, input
    /// order within each.
    fn finish(self, mut errors: Errors) -> Result<ConnectSessionCreate, ValidationError> {
        if Field::REQUIRED & !self.seen != 0 {
            for field in Field::ALL {
                if field.is_required() && self.seen & field.bit() == 0 {
                    errors.push(ErrorDetail::new(
                        ErrorKind::MissingField,
                        vec![PathItem::from(field.name())],
                        "field required",
                    ));
                }
            }
        }
        // Most calls find nothing: no sort to set up.
        if !errors.is_empty() {
            errors.sort_by_key(|e| match e.loc().first() {
                Some(PathItem::Key(key)) => {
                    Field::from_name(key).map_or(Field::COUNT, Field::index)
                }
                _ => Field::COUNT,
            });
        }
        if let Some(err) = errors.into_error() {
            return Err(err);
        }
        Ok(self.model)
    }
}
