//! A model's value, generic over its definition: every model of the table
//! is a [`Model`] of its own definition type, with the same API, written
//! once here. Each model's typed accessors (`label()`, `set_label(..)`) are
//! written from its rows by the build script.

use std::fmt;
use std::marker::PhantomData;

use crate::category::Category;
use crate::datetime::DateTime;
use crate::def::{FieldDef, FieldKind, ModelDef};
use crate::errors::{ErrorDetail, ErrorKind, PathItem, Problems, ValidationError};
use crate::extra::Extra;
use crate::json_text::{self, JsonOut};
use crate::kinds::{self, FIELD_DEPTH};
use crate::metadata::Metadata;
use crate::reader::{self, utf8};
use crate::session_type::ConnectSessionCreateType;
use crate::value::{Data, FieldValue, Value};

/// What makes a type the definition of a model: its row of the table.
/// Implemented by the types of [`defs`](crate::defs) only.
pub trait Def: sealed::Sealed + 'static {
    /// The model's table.
    const MODEL: &'static ModelDef;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// A value of the model `D` (one of [`defs`](crate::defs)): the models are
/// named by aliases, [`ConnectSessionCreate`](crate::ConnectSessionCreate)
/// among them.
///
/// Every value is valid: the constructor takes the required fields, every
/// setter applies the field's rule before it changes anything, and parsing
/// reports every problem of a document at once.
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
pub struct Model<D: Def> {
    /// Every field's value, by position in the table; the required ones are
    /// always set. Kept behind a box: a model is then a few words to move.
    slots: Box<[Option<Data>]>,
    /// Keys outside the model with their canonical JSON values, in input order.
    extra: Extra,
    def: PhantomData<fn() -> D>,
}

/// A field of the model `D`: a row of its table.
///
/// ```
/// use connect_session::{ConnectSessionCreate, FieldKind};
///
/// let field = ConnectSessionCreate::field("expires_in").unwrap();
/// assert_eq!(field.kind(), FieldKind::Seconds);
/// assert!(!field.is_required());
/// assert_eq!(ConnectSessionCreate::fields().len(), 13);
/// ```
pub struct Field<D: Def> {
    index: usize,
    def: PhantomData<fn() -> D>,
}

impl<D: Def> Field<D> {
    /// The field at `index` of the table.
    pub fn at(index: usize) -> Option<Self> {
        (index < D::MODEL.fields.len()).then_some(Field {
            index,
            def: PhantomData,
        })
    }

    /// Its row.
    pub fn def(self) -> &'static FieldDef {
        // In range: checked when the field was made.
        D::MODEL.fields.get(self.index).unwrap_or(&UNREACHABLE)
    }

    /// The wire key, e.g. `"expires_in"`.
    pub fn name(self) -> &'static str {
        self.def().key
    }

    /// What the field holds.
    pub fn kind(self) -> FieldKind {
        self.def().kind
    }

    /// True for a field that may be neither absent nor `null`.
    pub fn is_required(self) -> bool {
        self.def().required
    }

    /// What the field means.
    pub fn doc(self) -> &'static str {
        self.def().doc
    }

    /// Its position in the table (and in the canonical JSON).
    pub fn index(self) -> usize {
        self.index
    }
}

/// A field's value that its rule accepted, to be put into a model
/// ([`Model::put_checked`]).
#[doc(hidden)]
#[derive(Debug)]
pub struct Checked<D: Def> {
    field: Field<D>,
    data: Option<Data>,
}

/// Stands for a row out of range, which no [`Field`] has.
static UNREACHABLE: FieldDef = FieldDef::optional("", FieldKind::Text, "");

impl<D: Def> Clone for Field<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Def> Copy for Field<D> {}

impl<D: Def> PartialEq for Field<D> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
    }
}

impl<D: Def> Eq for Field<D> {}

impl<D: Def> fmt::Debug for Field<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", D::MODEL.name, self.name())
    }
}

impl<D: Def> Clone for Model<D> {
    fn clone(&self) -> Self {
        Model {
            slots: self.slots.clone(),
            extra: self.extra.clone(),
            def: PhantomData,
        }
    }
}

impl<D: Def> PartialEq for Model<D> {
    fn eq(&self, other: &Self) -> bool {
        self.slots == other.slots && self.extra == other.extra
    }
}

impl<D: Def> fmt::Debug for Model<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct(D::MODEL.name);
        for (row, slot) in D::MODEL.fields.iter().zip(self.slots.iter()) {
            if let Some(data) = slot {
                s.field(row.key, data);
            }
        }
        if self.extra.iter().len() > 0 {
            s.field("extra", &self.extra);
        }
        s.finish()
    }
}

impl<D: Def> Model<D> {
    /// A model with nothing set, for the draft and the constructors to fill
    /// (the draft checks that the required fields are set before it hands
    /// one out; the constructors set them).
    pub(crate) fn empty() -> Self {
        Model {
            slots: (0..D::MODEL.fields.len()).map(|_| None).collect(),
            extra: Extra::default(),
            def: PhantomData,
        }
    }

    /// The model's table.
    pub fn definition() -> &'static ModelDef {
        D::MODEL
    }

    /// Every field, in canonical order.
    pub fn fields() -> impl ExactSizeIterator<Item = Field<D>> {
        (0..D::MODEL.fields.len()).map(|index| Field {
            index,
            def: PhantomData,
        })
    }

    /// The field with this wire key.
    pub fn field(key: &str) -> Option<Field<D>> {
        D::MODEL.index_of(key).and_then(Field::at)
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
        for (row, slot) in D::MODEL.fields.iter().zip(self.slots.iter()) {
            if let Some(data) = slot {
                let small = out.small();
                member(small);
                // Wire keys need no escapes (checked where they are defined).
                small.push('"');
                small.push_str(row.key);
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
        let fields: usize = D::MODEL
            .fields
            .iter()
            .zip(self.slots.iter())
            .filter_map(|(row, slot)| Some(row.key.len() + 4 + slot.as_ref()?.json_len_hint()))
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

    /// The JSON Schema (draft 2020-12) of the model's wire format, as
    /// compact JSON (contract section 7).
    pub fn json_schema() -> String {
        crate::schema::json_schema(D::MODEL)
    }

    pub(crate) fn slot(&self, index: usize) -> Option<&Data> {
        self.slots.get(index).and_then(Option::as_ref)
    }

    /// Replaces a field's value (the caller has applied its rule).
    #[inline]
    pub(crate) fn put(&mut self, index: usize, data: Option<Data>) {
        if let Some(slot) = self.slots.get_mut(index) {
            *slot = data;
        }
    }

    /// Sets the field at `index` by its rule (the typed setters of the kinds
    /// whose rule can refuse a value of their type).
    pub(crate) fn set_at(&mut self, index: usize, value: Value<'_>) -> Result<(), ValidationError> {
        match Field::at(index) {
            Some(field) => self.set(field, value),
            None => Ok(()),
        }
    }

    // The typed getters of each kind, for the accessors the build script
    // writes: `None` when unset (or, never, when the slot holds another kind).

    pub(crate) fn text_at(&self, index: usize) -> Option<&str> {
        match self.slot(index)? {
            Data::Text(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn boolean_at(&self, index: usize) -> Option<bool> {
        match self.slot(index)? {
            Data::Boolean(flag) => Some(*flag),
            _ => None,
        }
    }

    pub(crate) fn seconds_at(&self, index: usize) -> Option<f64> {
        match self.slot(index)? {
            Data::Seconds(seconds) => Some(*seconds),
            _ => None,
        }
    }

    pub(crate) fn categories_at(&self, index: usize) -> Option<&[Category]> {
        match self.slot(index)? {
            Data::Categories(list) => Some(list),
            _ => None,
        }
    }

    pub(crate) fn metadata_at(&self, index: usize) -> Option<&Metadata> {
        match self.slot(index)? {
            Data::Object(metadata) => Some(metadata),
            _ => None,
        }
    }

    pub(crate) fn type_at(&self, index: usize) -> Option<&ConnectSessionCreateType> {
        match self.slot(index)? {
            Data::Type(kind) => Some(kind),
            _ => None,
        }
    }

    pub(crate) fn integer_at(&self, index: usize) -> Option<i64> {
        match self.slot(index)? {
            Data::Integer(int) => Some(*int),
            _ => None,
        }
    }

    pub(crate) fn date_time_at(&self, index: usize) -> Option<&DateTime> {
        match self.slot(index)? {
            Data::DateTime(when) => Some(when),
            _ => None,
        }
    }

    /// Appends an extra key (the caller has checked that it is new).
    pub(crate) fn push_extra(&mut self, key: &str, value: &str) {
        self.extra.push(key, value);
    }

    /// The value of any field, `None` when it is unset.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, FieldValue};
    ///
    /// let req = ConnectSessionCreate::new("o", "n");
    /// let owner = ConnectSessionCreate::field("origin_owner_id").unwrap();
    /// assert_eq!(req.get(owner), Some(FieldValue::Text("o")));
    /// ```
    pub fn get(&self, field: Field<D>) -> Option<FieldValue<'_>> {
        self.slot(field.index).map(Data::view)
    }

    /// Sets any field by its rule: [`Value::Null`] clears an optional field,
    /// and a refused value leaves the model unchanged, with errors located
    /// at the field as they would be in a document.
    ///
    /// ```
    /// use connect_session::{ConnectSessionCreate, ErrorKind};
    ///
    /// let mut req = ConnectSessionCreate::new("o", "n");
    /// let multiple = ConnectSessionCreate::field("multiple").unwrap();
    /// req.set(multiple, true)?;
    /// let err = req.set(multiple, 1).unwrap_err();
    /// assert_eq!(err.errors()[0].kind(), ErrorKind::InvalidType);
    /// assert_eq!(req.multiple(), Some(true));
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn set<'a>(
        &mut self,
        field: Field<D>,
        value: impl Into<Value<'a>>,
    ) -> Result<(), ValidationError> {
        let data = self.check(field, &value.into())?;
        self.put(field.index, data);
        Ok(())
    }

    /// What `value` makes of `field`, by its rule, or every problem found.
    fn check(&self, field: Field<D>, value: &Value<'_>) -> Result<Option<Data>, ValidationError> {
        let mut problems = Problems::default();
        let name = field.name();
        let mark = problems.enter(PathItem::key_weight(name.len()));
        let mut read = kinds::from_value(field.def(), value, &mut problems);
        problems.leave(
            mark,
            || PathItem::from(name),
            read.as_mut().err().map(|stop| &mut **stop),
        );
        let data = read.map_err(|stop| ValidationError::single(*stop))?;
        match problems.into_error() {
            Some(err) => Err(err),
            None => Ok(data),
        }
    }

    /// What a binding's [`Source`](crate::binding::Source) makes of
    /// `field` by its rule, or every problem found: read with no model at
    /// hand, so that a binding reads its values (running its own code) before
    /// it takes any lock, and puts the result with [`put_checked`](Self::put_checked).
    #[doc(hidden)]
    pub fn check_from<S: crate::binding::Source>(
        field: Field<D>,
        source: &mut S,
    ) -> Result<Checked<D>, ValidationError> {
        let mut problems = Problems::default();
        let name = field.name();
        let mark = problems.enter(PathItem::key_weight(name.len()));
        let mut read = kinds::read(field.def(), source);
        problems.take_all(&mut source.problems_mut().errors);
        problems.leave(
            mark,
            || PathItem::from(name),
            read.as_mut().err().map(|stop| &mut **stop),
        );
        let data = read.map_err(|stop| ValidationError::single(*stop))?;
        match problems.into_error() {
            Some(err) => Err(err),
            None => Ok(Checked { field, data }),
        }
    }

    /// Sets the field [`check_from`](Self::check_from) checked.
    #[doc(hidden)]
    pub fn put_checked(&mut self, checked: Checked<D>) {
        self.put(checked.field.index, checked.data);
    }

    /// Sets one field from JSON text, by the same rules as a document:
    /// `null` clears an optional field, and errors are located under the field.
    ///
    /// ```
    /// use connect_session::ConnectSessionCreate;
    ///
    /// let mut req = ConnectSessionCreate::new("o", "n");
    /// let categories = ConnectSessionCreate::field("categories").unwrap();
    /// req.set_json(categories, br#"["ats","stackOne"]"#)?;
    /// assert_eq!(req.to_json(), r#"{"categories":["ats","stackone"],"origin_owner_id":"o","origin_owner_name":"n"}"#);
    /// # Ok::<(), connect_session::ValidationError>(())
    /// ```
    pub fn set_json(
        &mut self,
        field: Field<D>,
        json: impl AsRef<[u8]>,
    ) -> Result<(), ValidationError> {
        let text = utf8(json.as_ref()).map_err(|stop| ValidationError::single(*stop))?;
        self.set(field, Value::Json(text.into()))
    }

    /// Unsets an optional field; a required one is a `missing_field` error.
    pub fn clear(&mut self, field: Field<D>) -> Result<(), ValidationError> {
        self.set(field, Value::Null)
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
        if D::MODEL.index_of(key).is_some() {
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

impl<D: Def> fmt::Display for Model<D> {
    /// The canonical JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

impl<D: Def> std::str::FromStr for Model<D> {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Model::from_json(s)
    }
}
