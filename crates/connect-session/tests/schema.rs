//! Every model's JSON Schema names its rows, their documentation and the
//! categories (the files in `docs/` are written from it by `make generate`,
//! which `xtask check` keeps current).

use connect_session::binding::{with_model, ModelVisitor};
use connect_session::{models, Def, Model};

struct Check;

impl ModelVisitor for Check {
    type Output = ();

    fn visit<D: Def>(self) {
        let schema: serde_json::Value = serde_json::from_str(&Model::<D>::json_schema()).unwrap();
        let name = D::MODEL.name;
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["title"], name);
        let properties = schema["properties"].as_object().unwrap();
        for field in Model::<D>::fields() {
            let property = &properties[field.name()];
            assert_eq!(
                property["description"],
                field.doc(),
                "{name}.{}",
                field.name()
            );
        }
        assert_eq!(properties.len(), D::MODEL.fields.len());
        let required: Vec<&str> = D::MODEL
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect();
        assert_eq!(schema["required"], serde_json::json!(required));
        if let Some(spellings) =
            schema["$defs"]["ConnectSessionCreateCategories"]["enum"].as_array()
        {
            for category in connect_session::Category::ALL {
                assert!(spellings.contains(&category.as_str().into()), "{category}");
            }
            assert!(spellings.contains(&"hrisLegacy".into()));
        }
        assert_eq!(schema["additionalProperties"], true);
    }
}

#[test]
fn every_schema_names_every_field_and_required_key() {
    for model in models::ALL {
        with_model(model.name, Check).unwrap();
    }
    assert_eq!(
        connect_session::ConnectSessionCreate::json_schema(),
        connect_session::json_schema()
    );
}
