//! The documentation that follows from the table: each model's JSON Schema
//! file (`docs/<model>.schema.json`) and the tables of fields in the README
//! and the contract (`docs/contract.md`).

use std::fmt::Write as _;

use connect_session::binding::{with_model, ModelVisitor};
use connect_session::{models, Def, FieldKind, Model, ModelDef};

use crate::text::{camel, snake};
use crate::Output;

struct Schema;

impl ModelVisitor for Schema {
    type Output = String;

    fn visit<D: Def>(self) -> String {
        let schema: serde_json::Value =
            serde_json::from_str(&Model::<D>::json_schema()).expect("the core writes JSON");
        serde_json::to_string_pretty(&schema).expect("a JSON value") + "\n"
    }
}

/// How the tables name a kind.
fn kind(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "string",
        FieldKind::Boolean => "boolean",
        FieldKind::Seconds => "number of seconds",
        FieldKind::Categories => "array of categories",
        FieldKind::Object => "any JSON object",
        FieldKind::Type => "string: `production`, `test` or any other",
        FieldKind::Integer => "integer (signed 64-bit)",
        FieldKind::DateTime => "RFC 3339 date-time string",
        other => panic!("no documentation for the kind {other:?}"),
    }
}

fn table(model: &ModelDef, api_names: bool) -> String {
    let mut out = String::new();
    if api_names {
        out.push_str("| wire key | API name | type | required | rule |\n|---|---|---|---|---|\n");
    } else {
        out.push_str("| key | type | required | rule |\n|---|---|---|---|\n");
    }
    for field in model.fields {
        let required = if field.required { "**yes**" } else { "no" };
        let api = if api_names {
            format!(" `{}` |", camel(field.key))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| `{}` |{api} {} | {required} | {} |",
            field.key,
            kind(field.kind),
            field.doc.replace('|', "\\|")
        );
    }
    out
}

fn tables(api_names: bool) -> String {
    let mut out = String::new();
    for model in models::ALL {
        let _ = write!(
            out,
            "\n`{}` ({}): {}\n\n{}",
            model.name,
            model.value_name,
            model.doc,
            table(model, api_names)
        );
    }
    out.push('\n');
    out
}

pub(crate) fn outputs() -> Vec<Output> {
    let mut all: Vec<Output> = models::ALL
        .iter()
        .map(|model| Output {
            path: format!("docs/{}.schema.json", snake(model.name)),
            region: None,
            content: with_model(model.name, Schema).expect("a model of the table"),
        })
        .collect();
    all.push(Output {
        path: "README.md".to_owned(),
        region: Some("model tables"),
        content: tables(false),
    });
    all.push(Output {
        path: "docs/contract.md".to_owned(),
        region: Some("model tables"),
        content: tables(true),
    });
    all
}
