//! The one way into the rules: a value under a cursor, read event by event.
//!
//! JSON text (the [`Reader`](crate::reader::Reader)), a Rust value
//! ([`Value`](crate::Value)) and a binding's native values (a Python dict)
//! are each a [`Source`]. Each kind's rule (`kinds.rs`) is written once
//! against this trait, so the same content gives the same problems, kinds,
//! paths, messages and order by every door, and a binding only translates
//! its values into these events.

use std::borrow::Cow;

use time::OffsetDateTime;

use crate::category::Category;
use crate::errors::{ErrorKind, Problems, Stop};

/// What the value under the cursor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peek {
    /// `null` (`None`).
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array (a list).
    Array,
    /// An object (a dict).
    Object,
    /// A value of the binding's own that JSON has no type for (a Python
    /// `set`, a `datetime`): a rule names it with [`Source::describe`], and
    /// the date-time rule takes a date-time ([`Source::date_time`]).
    Native,
    /// A value JSON cannot hold whose problem the source has already
    /// recorded (a NaN): a rule says nothing more of it.
    Refused,
}

/// A number as a source has it.
#[derive(Clone, Debug, PartialEq)]
pub enum Number<'a> {
    /// Its text, in the JSON number grammar (a document's, or a binding's
    /// integer beyond 64 bits or decimal).
    Text(Cow<'a, str>),
    /// An integer that fits 64 bits.
    Int(i64),
    /// A double; a NaN or an infinity (which JSON cannot hold) only from a
    /// binding, refused where it stands as a document's number beyond a
    /// double is.
    Float(f64),
}

/// A value under a cursor, which the rules read. Containers are entered with
/// [`items`](Self::items); a value the rule does not look inside is taken
/// whole, with [`capture`](Self::capture) (its canonical JSON) or
/// [`skip`](Self::skip) (checked and dropped). Every call may stop reading
/// with a [`Stop`]; other problems are recorded and reading goes on.
pub trait Source {
    /// The problems found so far, paths from the value the source started at.
    fn problems_mut(&mut self) -> &mut Problems;

    /// What the value under the cursor is.
    fn peek(&mut self) -> Result<Peek, Stop>;

    /// The boolean under the cursor (after [`Peek::Boolean`]).
    fn boolean(&mut self) -> Result<bool, Stop>;

    /// The number under the cursor (after [`Peek::Number`]).
    fn number(&mut self) -> Result<Number<'_>, Stop>;

    /// The string under the cursor (after [`Peek::String`]).
    fn string(&mut self) -> Result<Cow<'_, str>, Stop>;

    /// Calls `each` with the cursor on every item of the array under it
    /// (after [`Peek::Array`]), whose containers sit at `depth` (the
    /// document is depth 1), each item's problems placed under its index.
    fn items(
        &mut self,
        depth: usize,
        each: impl FnMut(&mut Self, usize) -> Result<(), Stop>,
    ) -> Result<(), Stop>
    where
        Self: Sized;

    /// Moves past the value, checking what is inside it as a document's
    /// would be (grammar, repeated keys, depth, numbers beyond a double); a
    /// [`Peek::Native`] value is reported as no JSON value.
    fn skip(&mut self, depth: usize) -> Result<(), Stop>;

    /// The canonical compact JSON of the value, checked as [`skip`](Self::skip)
    /// checks it; `None` when it holds problems (recorded).
    fn capture(&mut self, depth: usize) -> Result<Option<String>, Stop>;

    /// What a [`Peek::Native`] value is, for messages (`"a Python set"`).
    fn describe(&self) -> Cow<'static, str> {
        Cow::Borrowed("a value JSON cannot hold")
    }

    /// A [`Peek::Native`] value that is a date-time: its instant and offset,
    /// or why it cannot be one (a time without an offset); `None` for a
    /// value that is no date-time.
    fn date_time(&mut self) -> Option<Result<OffsetDateTime, String>> {
        None
    }

    /// The category a [`Peek::String`] value is known to be without reading
    /// its text (a binding's enum member); `None` to read the text.
    fn category(&mut self) -> Option<Category> {
        None
    }

    /// Records a problem with the value under the cursor.
    fn record(&mut self, kind: ErrorKind, msg: impl FnOnce() -> String)
    where
        Self: Sized,
    {
        self.problems_mut().record(kind, msg);
    }

    /// How many problems were found so far, kept or not.
    fn found(&mut self) -> usize {
        self.problems_mut().found()
    }
}

/// The message for a binding's value that JSON cannot hold, where any JSON
/// value may stand (metadata, an extra key).
pub fn not_json(found: &str) -> String {
    format!("expected a JSON value (object, array, string, number, boolean or null), found {found}")
}

/// The message of a number JSON cannot hold.
pub(crate) fn not_finite(value: f64) -> String {
    format!("{value} cannot be written as JSON; only finite numbers can")
}
