//! The JSON Schema checked in as `docs/connect_session_create.schema.json`
//! is the one the core generates. With `UPDATE_VECTORS=1` (`make
//! update-vectors`) the file is rewritten instead; review the diff.

use std::fs;
use std::path::Path;

#[test]
fn the_checked_in_schema_is_current() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/connect_session_create.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&connect_session::json_schema()).unwrap();
    let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        fs::write(&path, &want).unwrap();
    }
    let have = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale: run `make update-vectors` and commit it",
        path.display()
    );
    assert_eq!(
        connect_session::ConnectSessionCreate::json_schema(),
        connect_session::json_schema()
    );
}

#[test]
fn the_schema_names_every_field_category_and_required_key() {
    let schema: serde_json::Value = serde_json::from_str(&connect_session::json_schema()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let properties = schema["properties"].as_object().unwrap();
    for field in connect_session::Field::ALL {
        let property = &properties[field.name()];
        assert_eq!(property["description"], field.doc(), "{}", field.name());
    }
    assert_eq!(properties.len(), connect_session::Field::COUNT);
    let spellings = schema["$defs"]["ConnectSessionCreateCategories"]["enum"]
        .as_array()
        .unwrap();
    for category in connect_session::Category::ALL {
        assert!(spellings.contains(&category.as_str().into()), "{category}");
    }
    assert!(spellings.contains(&"hrisLegacy".into()));
    assert_eq!(schema["additionalProperties"], true);
}
