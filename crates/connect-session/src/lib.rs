//! The body of StackOne's "Create Connect Session" request (`POST /connect_sessions`):
//! one validated model, [`ConnectSessionCreate`], with canonical JSON.
//!
//! This crate is the single source of truth for the C, C++ and Python
//! bindings of the `connect-session` project: they translate, this crate decides.
//!
//! ```
//! use connect_session::{ConnectSessionCreate, ErrorKind, ParseMode};
//!
//! let req = ConnectSessionCreate::from_json(
//!     br#"{"origin_owner_id":"owner-1","origin_owner_name":"Acme","categories":["hrisLegacy"],
//!          "expires_in":1800.0,"metadata":{"seats":12345678901234567890123}}"#,
//! )?;
//! assert_eq!(
//!     req.to_json(),
//!     r#"{"categories":["hris-legacy"],"expires_in":1800,"metadata":{"seats":12345678901234567890123},"origin_owner_id":"owner-1","origin_owner_name":"Acme"}"#
//! );
//!
//! let err = ConnectSessionCreate::from_json_with(br#"{"origin_owner_id":"o","x":1}"#, ParseMode::Strict)
//!     .unwrap_err();
//! let found: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
//! assert_eq!(found, [
//!     (ErrorKind::MissingField, "origin_owner_name".to_owned()),
//!     (ErrorKind::UnknownField, "x".to_owned()),
//! ]);
//! # Ok::<(), connect_session::ValidationError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

mod category;
mod datetime;
mod def;
mod draft;
mod errors;
mod extra;
mod json_text;
mod kinds;
mod metadata;
mod model;
pub mod models;
mod native;
mod reader;
mod schema;
mod serde_impl;
mod session_type;
mod source;
mod value;
mod visit;

// Each model's type alias, definition type and typed accessors, written by
// build.rs from the table in `models.rs`.
use compact_str::CompactString;
use value::Data;
include!(concat!(env!("OUT_DIR"), "/models.rs"));

pub use category::{Category, ConnectSessionCreateCategories, UnknownCategory};
pub use datetime::{DateTime, DateTimeError};
pub use def::{FieldDef, FieldKind, ModelDef, MAX_FIELDS};
pub use draft::ParseMode;
pub use errors::{
    ErrorDetail, ErrorKind, PathItem, PathKey, ValidationError, MAX_ERRORS, MAX_ERROR_BYTES,
    TOO_MANY_ERRORS,
};
pub use json_text::MAX_INDENT;
pub use metadata::Metadata;
pub use model::{Def, Field, Model};
pub use session_type::ConnectSessionCreateType;
/// The date-time crate of [`DateTime::value`], re-exported so that callers
/// name the same version.
pub use time;
pub use value::{FieldValue, Value};

/// The JSON Schema of [`ConnectSessionCreate`] (contract section 7); each
/// model has its own, `Model::json_schema()`.
pub fn json_schema() -> String {
    ConnectSessionCreate::json_schema()
}

/// What the language bindings of this project build on (the C ABI and the
/// Python module): reading their native values through the same rules as
/// JSON text (a [`Source`](binding::Source) of their own, a [`Builder`](binding::Builder)
/// of members), writing native values as canonical JSON, and reading JSON
/// text back as events. Not needed to use the models from Rust.
#[doc(hidden)]
pub mod binding {
    pub use crate::draft::Builder;
    pub use crate::errors::{stop, too_deep, Mark, Problems, Stop};
    pub use crate::json_text::write_float;
    pub use crate::kinds::object_under;
    pub use crate::native::NativeWriter;
    pub use crate::source::{not_json, Number, Peek, Source};
    pub use crate::visit::{visit_json, JsonVisitor};
    pub use crate::with_model;

    /// Code generic over the models, called by [`with_model`] with one
    /// model's definition type.
    pub trait ModelVisitor {
        /// What the visit gives.
        type Output;
        /// Runs with the model `D`.
        fn visit<D: crate::Def>(self) -> Self::Output;
    }

    /// The canonical compact JSON of [`to_json`](crate::Model::to_json),
    /// handed to `each` in consecutive pieces: the texts the model keeps in
    /// canonical form (metadata, extra values) straight from the model, the
    /// rest in small pieces between them. For writing a large document into
    /// a buffer of another language's string type without a `String` first:
    /// a first pass totals the length, a second fills a buffer made to measure.
    ///
    /// ```
    /// use connect_session::{binding, ConnectSessionCreate};
    ///
    /// let req = ConnectSessionCreate::from_json(
    ///     br#"{"origin_owner_id":"o","origin_owner_name":"n","metadata":{"a":1}}"#,
    /// )
    /// .unwrap();
    /// let mut pieces = Vec::new();
    /// binding::json_pieces(&req, |piece| pieces.push(piece.to_owned()));
    /// assert_eq!(pieces.concat(), req.to_json());
    /// assert!(pieces.contains(&r#"{"a":1}"#.to_owned()));
    /// ```
    pub fn json_pieces<D: crate::Def>(model: &crate::Model<D>, each: impl FnMut(&str)) {
        model.json_pieces(each);
    }
}
/// The deepest nesting accepted: the document object is depth 1, so metadata
/// may nest 127 containers below itself. Deeper input is a `too_deep` error.
pub const MAX_DEPTH: usize = 128;

/// The version of this crate, which is the version of every binding.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
