//! Assembling a model from its members, whether they come from a JSON
//! document or from a binding's values: which keys are known, what happens
//! to the others, what is missing, and the order problems are reported in
//! are decided here, once, for every model. The models' constructors from
//! either (`from_json`, [`Builder`]) are here too, so that this module builds
//! on the model and the model knows nothing of it.

use crate::errors::{duplicate_key, ErrorDetail, ErrorKind, Errors, PathItem, Problems, Quoted};
use crate::errors::{Stop, ValidationError};
use crate::kinds::{self, FIELD_DEPTH};
use crate::model::{Def, Model};
use crate::reader::{utf8, KeyList, KeySet, Keys, Reader};
use crate::source::Source;
use crate::value::{Data, Value, ValueSource};
/// How a document treats keys that are not in the model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ParseMode {
    /// Extra keys are kept, in input order, and written back after the known keys.
    #[default]
    KeepExtra,
    /// Extra keys are `unknown_field` errors.
    Strict,
}

/// The models' constructors from a document.
impl<D: Def> Model<D> {
    /// Parses a JSON document, keeping extra keys.
    ///
    /// Every field-level problem is reported together, in the table's order;
    /// a syntax error stops at the first.
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

    /// Builds a value from members given key by key, by exactly the rules of
    /// a document: the same problems, kinds, paths and order as the same
    /// content as JSON text.
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
    pub fn from_values<'a, K: AsRef<str>>(
        values: impl IntoIterator<Item = (K, Value<'a>)>,
        mode: ParseMode,
    ) -> Result<Self, ValidationError> {
        let mut builder = Builder::new(mode);
        for (key, value) in values {
            builder.value(key.as_ref(), &value)?;
        }
        builder.finish()
    }
}

/// The members read so far.
struct Draft<D: Def> {
    /// Filled in place, and handed out as it is once every rule is checked.
    model: Model<D>,
    /// The fields met, one bit each by position in the table.
    seen: u64,
    mode: ParseMode,
}

/// Parses and validates a whole document.
fn document<D: Def>(json: &[u8], mode: ParseMode) -> Result<Model<D>, ValidationError> {
    let stopped = |stop: Stop| ValidationError::single(*stop);
    let text = utf8(json).map_err(stopped)?;
    let mut p = Reader::new(text);
    if p.peek() != b'{' {
        return Err(stopped(not_an_object(&mut p)));
    }
    let mut draft = Draft::<D>::new(mode);
    p.members_in(1, &mut DocumentKeys::<D>::default(), |p, key, field| {
        draft.read_member(p, key, field)
    })
    .and_then(|()| p.end())
    .map_err(stopped)?;
    draft.finish(p.problems.errors)
}

/// The keys of a document: the model's own as bits (each seen once at most,
/// whatever the document's size), the others in a [`KeySet`].
struct DocumentKeys<D: Def> {
    fields: u64,
    others: KeySet,
    def: std::marker::PhantomData<D>,
}

impl<D: Def> Default for DocumentKeys<D> {
    fn default() -> Self {
        DocumentKeys {
            fields: 0,
            others: KeySet::default(),
            def: std::marker::PhantomData,
        }
    }
}

impl<D: Def> Keys for DocumentKeys<D> {
    /// The key's field, if it names one (looked up once per key).
    type Found = Option<usize>;

    fn insert(&mut self, text: &str, at: usize, key: &str) -> Option<Option<usize>> {
        match D::MODEL.index_of(key) {
            Some(index) => {
                let bit = 1 << index;
                let fresh = self.fields & bit == 0;
                self.fields |= bit;
                fresh.then_some(Some(index))
            }
            None => self.others.insert(text, at, key).then_some(None),
        }
    }
}

/// A model assembled from a binding's values as the binding reads them, one
/// member at a time, each a [`Source`], with no list of them made first.
/// Every rule is the core's, read from the source exactly as from a
/// document; problems are collected and reported by [`finish`](Self::finish),
/// all at once, in the same order as a document's.
///
/// ```
/// use connect_session::{binding::Builder, defs, ErrorKind, ParseMode, Value};
///
/// let mut b = Builder::<defs::ConnectSessionCreate>::new(ParseMode::KeepExtra);
/// b.value("origin_owner_id", &Value::from("o"))?;
/// b.value("multiple", &Value::Int(1))?;
/// b.value("origin_owner_id", &Value::from("p"))?;
/// b.value("note", &Value::from("kept"))?;
/// let err = b.finish().unwrap_err();
/// let found: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
/// assert_eq!(found, [
///     (ErrorKind::InvalidType, "multiple".to_owned()),
///     (ErrorKind::DuplicateKey, "origin_owner_id".to_owned()),
///     (ErrorKind::MissingField, "origin_owner_name".to_owned()),
/// ]);
/// # Ok::<(), connect_session::ValidationError>(())
/// ```
pub struct Builder<D: Def> {
    draft: Draft<D>,
    problems: Problems,
    /// Keys of the model are tracked by the draft; these only when extra
    /// keys come (boxed: a key table is a few hundred bytes, and the builder
    /// moves).
    other_keys: Option<Box<KeyList>>,
}

impl<D: Def> std::fmt::Debug for Builder<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("model", &D::MODEL.name)
            .field("problems", &self.problems.found())
            .finish_non_exhaustive()
    }
}

impl<D: Def> Builder<D> {
    /// An empty model; `mode` says what happens to keys outside it.
    pub fn new(mode: ParseMode) -> Self {
        Builder {
            draft: Draft::new(mode),
            problems: Problems::default(),
            other_keys: None,
        }
    }

    /// A model made anew from `model`'s fields and extra keys, to be changed
    /// member by member (a binding's `replace`): a member given replaces the
    /// model's, and the whole is checked again by [`finish`](Self::finish).
    pub fn from_model(model: &Model<D>, mode: ParseMode) -> Self {
        let mut builder = Builder::new(mode);
        builder.draft.model = model.clone();
        builder
    }

    /// The value of the field at `index` of the table, read from `source`.
    /// An error here is one that stops at once (nesting too deep, a value
    /// that is no JSON); the others wait for `finish`.
    #[inline]
    pub fn field<S: Source>(
        &mut self,
        index: usize,
        source: &mut S,
    ) -> Result<(), ValidationError> {
        let Some(field) = D::MODEL.fields.get(index) else {
            return Ok(());
        };
        if self.draft.seen & (1u64 << index) != 0 {
            self.duplicate(field.key, source)?;
        } else {
            let mark = self.problems.enter(PathItem::key_weight(field.key.len()));
            let mut read = kinds::read_into(field, source, |data| self.draft.put(index, data));
            self.problems.take_all(&mut source.problems_mut().errors);
            self.problems.leave(
                mark,
                || PathItem::from(field.key),
                read.as_mut().err().map(|stop| &mut **stop),
            );
            read.map_err(|stop| ValidationError::single(*stop))?;
        }
        Ok(())
    }

    /// The value of the member `key`, read from `source`: a field's, or an
    /// extra key's.
    pub fn member<S: Source>(&mut self, key: &str, source: &mut S) -> Result<(), ValidationError> {
        match D::MODEL.index_of(key) {
            Some(index) => self.field(index, source),
            None => self.extra(key, source),
        }
    }

    /// The value of the member `key`: a field's, or an extra key's, read as
    /// [`Model::from_values`] reads it.
    pub fn value(&mut self, key: &str, value: &Value<'_>) -> Result<(), ValidationError> {
        match value {
            Value::Json(text) => {
                let mut p = Reader::new(text);
                self.member(key, &mut p)?;
                p.end().map_err(|stop| ValidationError::single(*stop))
            }
            value => self.member(key, &mut ValueSource::new(value)),
        }
    }

    fn extra<S: Source>(&mut self, key: &str, source: &mut S) -> Result<(), ValidationError> {
        if !self.other_keys.get_or_insert_default().insert(key) {
            self.duplicate(key, source)?;
        } else {
            let mark = self.problems.enter(PathItem::key_weight(key.len()));
            let earlier = self.problems.found() > 0;
            let mut read = self.draft.read_extra(key, source, earlier);
            self.problems.take_all(&mut source.problems_mut().errors);
            self.problems.leave(
                mark,
                || PathItem::from(key),
                read.as_mut().err().map(|stop| &mut **stop),
            );
            read.map_err(|stop| ValidationError::single(*stop))?;
        }
        Ok(())
    }

    /// A key given twice: its value is still checked, as in a document.
    fn duplicate<S: Source>(&mut self, key: &str, source: &mut S) -> Result<(), ValidationError> {
        let mark = self.problems.enter(PathItem::key_weight(key.len()));
        self.problems
            .record(ErrorKind::DuplicateKey, || duplicate_key(key));
        let mut skip = source.skip(FIELD_DEPTH);
        self.problems.take_all(&mut source.problems_mut().errors);
        self.problems.leave(
            mark,
            || PathItem::from(key),
            skip.as_mut().err().map(|stop| &mut **stop),
        );
        skip.map_err(|stop| ValidationError::single(*stop))
    }

    /// The model, or every problem found in it: the missing required
    /// fields included.
    pub fn finish(self) -> Result<Model<D>, ValidationError> {
        self.draft.finish(self.problems.errors)
    }
}

/// The error for a document that is not an object at the top.
fn not_an_object(p: &mut Reader<'_>) -> Stop {
    // A word that only starts like `true`, `false` or `null` is no JSON at all.
    let found = match p.found() {
        "a boolean" | "null" if !p.literal_ahead() => "invalid JSON",
        found => found,
    };
    match found {
        "invalid JSON" if p.peek() == 0 => {
            p.syntax("unexpected end of input: expected a JSON object")
        }
        "invalid JSON" => p.syntax("expected a JSON object"),
        found => p.syntax(&format!(
            "expected a JSON object at the top level, found {found}"
        )),
    }
}

fn unknown_field<D: Def>(key: &str) -> String {
    format!(
        "unknown field {}; strict mode accepts only {}",
        Quoted(key),
        D::MODEL.key_list()
    )
}

impl<D: Def> Draft<D> {
    fn new(mode: ParseMode) -> Self {
        Draft {
            model: Model::empty(),
            seen: 0,
            mode,
        }
    }

    #[inline]
    fn put(&mut self, index: usize, data: Option<Data>) {
        self.seen |= 1 << index;
        self.model.put(index, data);
    }

    /// Reads one member of a document (keys are already known to be unique),
    /// `field` the position of the one `key` names.
    #[inline]
    fn read_member(
        &mut self,
        p: &mut Reader<'_>,
        key: &str,
        field: Option<usize>,
    ) -> Result<(), Stop> {
        match field.and_then(|index| Some((index, D::MODEL.fields.get(index)?))) {
            Some((index, row)) => kinds::read_into(row, p, |data| self.put(index, data)),
            None => self.read_extra(key, p, false),
        }
    }

    /// Reads an extra key's value (the key is known to be new); `earlier`
    /// says whether problems were found before, outside `s`.
    fn read_extra<S: Source>(&mut self, key: &str, s: &mut S, earlier: bool) -> Result<(), Stop> {
        if self.mode == ParseMode::Strict {
            s.record(ErrorKind::UnknownField, || unknown_field::<D>(key));
            return s.skip(FIELD_DEPTH);
        }
        if let Some(value) = s.capture(FIELD_DEPTH)? {
            // Once a problem is found the extra keys are not kept.
            if s.found() == 0 && !earlier {
                self.model.push_extra(key, &value);
            }
        }
        Ok(())
    }

    /// Adds the missing required fields to `errors` and, if there are any
    /// problems, reports them all: each member's where its field stands in
    /// the table, then the extra keys', in the order found within each.
    fn finish(self, mut errors: Errors) -> Result<Model<D>, ValidationError> {
        // Not given, and not set before (a builder may start from a model).
        let missing = D::MODEL.required_bits() & !self.seen;
        if missing != 0 {
            for (index, row) in D::MODEL.fields.iter().enumerate() {
                if missing & (1 << index) != 0 && self.model.slot(index).is_none() {
                    errors.push(ErrorDetail::new(
                        ErrorKind::MissingField,
                        vec![PathItem::from(row.key)],
                        "field required",
                    ));
                }
            }
        }
        if errors.is_empty() {
            return Ok(self.model);
        }
        // Every problem's path starts at its member's key (a stable sort of
        // the problems found, on the error path only).
        let mut kept = errors.take_kept();
        kept.sort_by_key(|e| match e.loc().first() {
            Some(PathItem::Key(key)) => D::MODEL.index_of(key).unwrap_or(usize::MAX),
            _ => usize::MAX,
        });
        errors.put_back(kept);
        match errors.into_error() {
            Some(err) => Err(err),
            None => Ok(self.model),
        }
    }
}
