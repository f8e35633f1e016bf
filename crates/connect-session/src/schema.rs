//! The JSON Schema of the wire format (contract section 7), derived from the
//! field table, the categories and the session types, never kept by hand.

use serde_json::{json, Map, Value};

use crate::category::Category;
use crate::field::{Field, FieldKind};
use crate::session_type::ConnectSessionCreateType;
use crate::MAX_DEPTH;

const CATEGORIES: &str = "ConnectSessionCreateCategories";
const TYPE: &str = "ConnectSessionCreateType";

/// The JSON Schema (draft 2020-12) of a `ConnectSessionCreate` document, as
/// compact JSON. It states what JSON Schema can (types, required keys, the
/// category spellings, `expires_in` > 0, the open `type`, extra keys
/// allowed); its descriptions state the rules it cannot.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&connect_session::json_schema()).unwrap();
/// assert_eq!(schema["required"], serde_json::json!(["origin_owner_id", "origin_owner_name"]));
/// assert_eq!(schema["properties"]["expires_in"]["exclusiveMinimum"], 0);
/// ```
pub fn json_schema() -> String {
    let properties: Map<String, Value> = Field::ALL
        .iter()
        .map(|field| (field.name().to_owned(), property(*field)))
        .collect();
    let required: Vec<&str> = Field::ALL
        .iter()
        .filter(|field| field.is_required())
        .map(|field| field.name())
        .collect();
    let spellings: Vec<&str> = Category::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(Category::ALIASES.iter().map(|(alias, _)| *alias))
        .collect();
    let known_types: Vec<&str> = ConnectSessionCreateType::KNOWN
        .iter()
        .map(ConnectSessionCreateType::as_str)
        .collect();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ConnectSessionCreate",
        "description": format!(
            "The body of StackOne's \"Create Connect Session\" request (POST /connect_sessions). \
             Rules beyond this schema: a key repeated in any object is refused; nesting deeper \
             than {MAX_DEPTH} levels (the document is level 1) is refused; a number with a \
             fraction or an exponent must fit a double (1e400 is refused) wherever it stands; \
             an optional key whose value is null is read as absent."
        ),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": true,
        "$defs": {
            CATEGORIES: {
                "description": "A category of provider. The camelCase spellings hrisLegacy and \
                                stackOne are read as hris-legacy and stackone.",
                "type": "string",
                "enum": spellings,
            },
            TYPE: {
                "description": "The kind of account: production or test are known; any other \
                                string is kept as given.",
                "anyOf": [{"enum": known_types}, {"type": "string"}],
            },
        },
    });
    // Serializing a `Value` cannot fail.
    serde_json::to_string(&schema).unwrap_or_default()
}

/// The schema of one field: its kind's, with `null` allowed when it is optional.
fn property(field: Field) -> Value {
    let (json_type, schema) = match field.kind() {
        FieldKind::Text => ("string", json!({})),
        FieldKind::Boolean => ("boolean", json!({})),
        FieldKind::Seconds => ("number", json!({"exclusiveMinimum": 0})),
        FieldKind::Categories => (
            "array",
            json!({"items": {"$ref": format!("#/$defs/{CATEGORIES}")}}),
        ),
        FieldKind::Object => ("object", json!({"additionalProperties": true})),
        FieldKind::Type => ("", json!({"$ref": format!("#/$defs/{TYPE}")})),
    };
    let Value::Object(mut schema) = schema else {
        return Value::Null;
    };
    if json_type.is_empty() {
        if !field.is_required() {
            schema = Map::from_iter([("anyOf".to_owned(), json!([schema, {"type": "null"}]))]);
        }
    } else if field.is_required() {
        schema.insert("type".to_owned(), json!(json_type));
    } else {
        schema.insert("type".to_owned(), json!([json_type, "null"]));
    }
    schema.insert("description".to_owned(), json!(field.doc()));
    Value::Object(schema)
}
