//! The JSON Schema of a model's wire format (contract section 7), derived
//! from its rows, the categories and the session types, never kept by hand.

use serde_json::{json, Map, Value};

use crate::category::Category;
use crate::def::{FieldDef, FieldKind, ModelDef};
use crate::session_type::ConnectSessionCreateType;
use crate::MAX_DEPTH;

const CATEGORIES: &str = "ConnectSessionCreateCategories";
const TYPE: &str = "ConnectSessionCreateType";

/// An RFC 3339 date-time as the date-time kind reads it, by its shape; the
/// calendar (days of the month, leap years) is `format: date-time`'s.
const DATE_TIME_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]\
     ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

/// The JSON Schema (draft 2020-12) of a document of `model`, as compact
/// JSON. It states what JSON Schema can (types, required keys, the category
/// spellings, `expires_in` > 0, the open `type`, the integer range, the
/// date-time form, extra keys allowed); its description states the rules
/// it cannot.
///
/// ```
/// use connect_session::ConnectSessionCreate;
///
/// let schema: serde_json::Value = serde_json::from_str(&ConnectSessionCreate::json_schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["origin_owner_id", "origin_owner_name"]));
/// assert_eq!(schema["properties"]["expires_in"]["exclusiveMinimum"], 0);
/// ```
pub(crate) fn json_schema(model: &ModelDef) -> String {
    let properties: Map<String, Value> = model
        .fields
        .iter()
        .map(|field| (field.key.to_owned(), property(field)))
        .collect();
    let required: Vec<&str> = model
        .fields
        .iter()
        .filter(|field| field.required)
        .map(|field| field.key)
        .collect();
    let uses = |kind: FieldKind| model.fields.iter().any(|field| field.kind == kind);
    let mut defs = Map::new();
    if uses(FieldKind::Categories) {
        let spellings: Vec<&str> = Category::ALL
            .iter()
            .map(|c| c.as_str())
            .chain(Category::ALIASES.iter().map(|(alias, _)| *alias))
            .collect();
        defs.insert(
            CATEGORIES.to_owned(),
            json!({
                "description": "A category of provider. The camelCase spellings hrisLegacy and \
                                stackOne are read as hris-legacy and stackone.",
                "type": "string",
                "enum": spellings,
            }),
        );
    }
    if uses(FieldKind::Type) {
        let known_types: Vec<&str> = ConnectSessionCreateType::KNOWN
            .iter()
            .map(ConnectSessionCreateType::as_str)
            .collect();
        defs.insert(
            TYPE.to_owned(),
            json!({
                "description": "The kind of account: production or test are known; any other \
                                string is kept as given.",
                "anyOf": [{"enum": known_types}, {"type": "string"}],
            }),
        );
    }
    let mut rules = format!(
        "{} Rules beyond this schema: a key repeated in any object is refused; nesting deeper \
         than {MAX_DEPTH} levels (the document is level 1) is refused; a number with a fraction \
         or an exponent must fit a double (1e400 is refused) wherever it stands; an optional key \
         whose value is null is read as absent.",
        model.doc
    );
    if uses(FieldKind::Integer) {
        rules.push_str(
            " An integer field takes an integer literal only: 7.0 and 7e0 are refused, although \
             JSON Schema counts them as integers.",
        );
    }
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": model.name,
        "description": rules,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": true,
    });
    if !defs.is_empty() {
        if let Value::Object(schema) = &mut schema {
            schema.insert("$defs".to_owned(), Value::Object(defs));
        }
    }
    // Serializing a `Value` cannot fail.
    serde_json::to_string(&schema).unwrap_or_default()
}

/// The schema of one field: its kind's, with `null` allowed when it is optional.
fn property(field: &FieldDef) -> Value {
    let (json_type, schema) = match field.kind {
        FieldKind::Text => ("string", json!({})),
        FieldKind::Boolean => ("boolean", json!({})),
        FieldKind::Seconds => ("number", json!({"exclusiveMinimum": 0})),
        FieldKind::Categories => (
            "array",
            json!({"items": {"$ref": format!("#/$defs/{CATEGORIES}")}}),
        ),
        FieldKind::Object => ("object", json!({"additionalProperties": true})),
        FieldKind::Type => ("", json!({"$ref": format!("#/$defs/{TYPE}")})),
        FieldKind::Integer => ("integer", json!({"minimum": i64::MIN, "maximum": i64::MAX})),
        FieldKind::DateTime => (
            "string",
            json!({"format": "date-time", "pattern": DATE_TIME_PATTERN}),
        ),
    };
    let Value::Object(mut schema) = schema else {
        return Value::Null;
    };
    if json_type.is_empty() {
        if !field.required {
            schema = Map::from_iter([("anyOf".to_owned(), json!([schema, {"type": "null"}]))]);
        }
    } else if field.required {
        schema.insert("type".to_owned(), json!(json_type));
    } else {
        schema.insert("type".to_owned(), json!([json_type, "null"]));
    }
    schema.insert("description".to_owned(), json!(field.doc));
    if let Some(default) = field
        .default
        .and_then(|json| serde_json::from_str(json).ok())
    {
        schema.insert("default".to_owned(), default);
    }
    Value::Object(schema)
}
