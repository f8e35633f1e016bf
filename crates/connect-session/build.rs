//! Writes each model's Rust surface from the table (`src/models.rs`): its
//! type alias and definition type, its constructor from the required fields
//! and a typed getter and setter per row, named by the wire key. The per-kind
//! templates are here; what they call is the generic `Model` (src/model.rs).
//! The other languages' surfaces come from the same rows through `make
//! generate` (xtask/).

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/def.rs"]
mod def;
#[allow(dead_code)]
#[path = "src/models.rs"]
mod models;

use def::{FieldDef, FieldKind, ModelDef};

/// Rust's keywords: a wire key that is one is written as a raw identifier
/// (`r#type`), the one documented exception to "accessors are named by the
/// wire key".
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

fn ident(key: &str) -> String {
    assert!(
        !matches!(key, "self" | "super" | "crate"),
        "the wire key {key:?} cannot be a Rust identifier"
    );
    if KEYWORDS.contains(&key) {
        format!("r#{key}")
    } else {
        key.to_owned()
    }
}

/// `text` as `///` lines of at most 96 characters, indented by `indent`.
fn doc(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + 4 + line.len() + 1 + word.len() > 96 {
            let _ = writeln!(out, "{indent}/// {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    let _ = writeln!(out, "{indent}/// {line}");
    out
}

/// What a getter returns and how, for `(kind, required)`: the return type
/// and the expression that reads slot `i`.
fn getter(kind: FieldKind, required: bool) -> (&'static str, &'static str) {
    match (kind, required) {
        (FieldKind::Text, false) => ("Option<&str>", "self.text_at($i)"),
        (FieldKind::Text, true) => ("&str", "self.text_at($i).unwrap_or_default()"),
        (FieldKind::Boolean, false) => ("Option<bool>", "self.boolean_at($i)"),
        (FieldKind::Boolean, true) => ("bool", "self.boolean_at($i).unwrap_or_default()"),
        (FieldKind::Seconds, false) => ("Option<f64>", "self.seconds_at($i)"),
        (FieldKind::Categories, false) => ("Option<&[Category]>", "self.categories_at($i)"),
        (FieldKind::Object, false) => ("Option<&Metadata>", "self.metadata_at($i)"),
        (FieldKind::Type, false) => ("Option<&ConnectSessionCreateType>", "self.type_at($i)"),
        (FieldKind::Integer, false) => ("Option<i64>", "self.integer_at($i)"),
        (FieldKind::Integer, true) => ("i64", "self.integer_at($i).unwrap_or_default()"),
        (FieldKind::DateTime, false) => ("Option<&DateTime>", "self.date_time_at($i)"),
        (FieldKind::DateTime, true) => (
            "&DateTime",
            "self.date_time_at($i).unwrap_or(&datetime::EPOCH)",
        ),
        // Not in the table; a row that needs one adds its template here.
        (kind, true) => panic!("a required field of kind {kind:?} is not supported yet"),
    }
}

/// What a setter takes and how it keeps it: the parameter's type, the
/// expression that makes the slot's `Option<Data>` of `value`, and whether
/// the kind's rule can refuse a value of that type (then the setter returns
/// a `Result`).
fn setter(kind: FieldKind, required: bool) -> (&'static str, &'static str, bool) {
    let (one, make, fallible) = match kind {
        FieldKind::Text => (
            "impl Into<String>",
            "Data::Text(CompactString::from(Into::<String>::into($v)))",
            false,
        ),
        FieldKind::Boolean => ("bool", "Data::Boolean($v)", false),
        FieldKind::Seconds => ("impl Into<f64>", "Value::Float($v.into())", true),
        FieldKind::Categories => (
            "impl IntoIterator<Item = Category>",
            "Data::Categories($v.into_iter().collect())",
            false,
        ),
        FieldKind::Object => ("Metadata", "Data::Object($v)", false),
        FieldKind::Type => (
            "impl Into<ConnectSessionCreateType>",
            "Data::Type($v.into())",
            false,
        ),
        FieldKind::Integer => ("i64", "Data::Integer($v)", false),
        FieldKind::DateTime => ("DateTime", "Data::DateTime($v)", false),
    };
    match (required, fallible) {
        (true, _) => (one, make, fallible),
        (false, _) => (
            match kind {
                FieldKind::Text => "Option<impl Into<String>>",
                FieldKind::Boolean => "Option<bool>",
                FieldKind::Seconds => "Option<impl Into<f64>>",
                FieldKind::Categories => "Option<impl IntoIterator<Item = Category>>",
                FieldKind::Object => "Option<Metadata>",
                FieldKind::Type => "Option<impl Into<ConnectSessionCreateType>>",
                FieldKind::Integer => "Option<i64>",
                FieldKind::DateTime => "Option<DateTime>",
            },
            make,
            fallible,
        ),
    }
}

/// The `effective_` accessor of a row with a server default: the type and
/// the expression, `GET` standing for the getter's call.
fn effective(field: &FieldDef, default: &str) -> (&'static str, String) {
    match field.kind {
        FieldKind::Seconds => ("f64", format!("GET.unwrap_or({default}_f64)")),
        FieldKind::Boolean => ("bool", format!("GET.unwrap_or({default})")),
        FieldKind::Integer => ("i64", format!("GET.unwrap_or({default})")),
        FieldKind::Text => ("&str", format!("GET.unwrap_or({default})")),
        FieldKind::Type => (
            "ConnectSessionCreateType",
            format!("GET.cloned().unwrap_or_else(|| ConnectSessionCreateType::from({default}))"),
        ),
        kind => panic!("a server default for a field of kind {kind:?} is not supported"),
    }
}

fn model(out: &mut String, index: usize, model: &ModelDef) {
    let name = model.name;
    out.push_str(&doc(model.doc, ""));
    let _ = writeln!(
        out,
        "///\n/// A [`Model`] of [`defs::{name}`]: the API common to every model, and the\n\
         /// typed accessors of its rows below (generated from `src/models.rs`).\n\
         pub type {name} = Model<defs::{name}>;\n"
    );
    let _ = writeln!(
        out,
        "impl Model<defs::{name}> {{\n    /// A value with the required fields and nothing else."
    );
    let required: Vec<&FieldDef> = model.fields.iter().filter(|f| f.required).collect();
    if required.len() > 7 {
        out.push_str("    #[allow(clippy::too_many_arguments)]\n");
    }
    let params: Vec<String> = required
        .iter()
        .map(|f| {
            let (ty, _, fallible) = setter(f.kind, true);
            assert!(
                !fallible,
                "a required {:?} field needs a fallible constructor",
                f.kind
            );
            format!("{}: {ty}", ident(f.key))
        })
        .collect();
    let _ = writeln!(out, "    pub fn new({}) -> Self {{", params.join(", "));
    out.push_str("        let mut model = Self::empty();\n");
    for f in &required {
        let _ = writeln!(out, "        model.set_{}({});", f.key, ident(f.key));
    }
    out.push_str("        model\n    }\n");
    for (i, field) in model.fields.iter().enumerate() {
        let id = ident(field.key);
        let key = field.key;
        let (ty, get) = getter(field.kind, field.required);
        let _ = writeln!(out);
        out.push_str(&doc(&format!("`{key}`: {}", field.doc), "    "));
        let _ = writeln!(
            out,
            "    pub fn {id}(&self) -> {ty} {{\n        {}\n    }}",
            get.replace("$i", &i.to_string())
        );
        let (param, make, fallible) = setter(field.kind, field.required);
        let _ = writeln!(out);
        let what = if field.required {
            "Sets"
        } else {
            "Sets or (with `None`) clears"
        };
        out.push_str(&doc(
            &format!(
                "{what} `{key}`{}.",
                if fallible {
                    " by its rule; a refused value changes nothing"
                } else {
                    ""
                }
            ),
            "    ",
        ));
        let ret = if fallible {
            " -> Result<(), ValidationError>"
        } else {
            ""
        };
        let made = |v: &str| make.replace("$v", v);
        let body = match (field.required, fallible) {
            (true, false) => format!("self.put({i}, Some({}));", made("value")),
            // `Ctor($v)` maps with the constructor itself (a closure around it is redundant).
            (false, false) => match make.strip_suffix("($v)") {
                Some(ctor) if !ctor.contains('(') => format!("self.put({i}, value.map({ctor}));"),
                _ => format!("self.put({i}, value.map(|v| {}));", made("v")),
            },
            (true, true) => format!("self.set_at({i}, {})", made("value")),
            (false, true) => format!(
                "self.set_at({i}, value.map_or(Value::Null, |v| {}))",
                made("v")
            ),
        };
        let _ = writeln!(
            out,
            "    pub fn set_{key}(&mut self, value: {param}){ret} {{\n        {body}\n    }}"
        );
        if let Some(default) = field.default {
            let (ty, expr) = effective(field, default);
            let _ = writeln!(out);
            out.push_str(&doc(
                &format!(
                    "`{key}`, or the value the server applies when it is unset ({default}), \
                     which is never written."
                ),
                "    ",
            ));
            let _ = writeln!(
                out,
                "    pub fn effective_{key}(&self) -> {ty} {{\n        {}\n    }}",
                expr.replace("GET", &format!("self.{id}()"))
            );
        }
    }
    out.push_str("}\n\n");
    let _ = index;
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/def.rs");
    println!("cargo:rerun-if-changed=src/models.rs");
    let mut out =
        String::from("// Generated by build.rs from src/models.rs: each model's Rust surface.\n\n");
    for (index, def) in models::ALL.iter().enumerate() {
        model(&mut out, index, def);
    }
    out.push_str(
        "/// Calls `visitor` with the definition type of the model named `name`\n\
         /// (`\"ConnectSessionCreate\"`), for code generic over every model.\n\
         #[doc(hidden)]\n\
         pub fn with_model<V: binding::ModelVisitor>(name: &str, visitor: V) -> Option<V::Output> {\n    \
         match name {\n",
    );
    for def in models::ALL {
        let name = def.name;
        let _ = writeln!(
            out,
            "        {name:?} => Some(visitor.visit::<defs::{name}>()),"
        );
    }
    out.push_str("        _ => None,\n    }\n}\n\n");
    out.push_str(
        "/// The definition types of the models: what [`Model`] is generic over.\n\
         pub mod defs {\n    use crate::def::ModelDef;\n    use crate::model::{sealed, Def};\n",
    );
    for (index, def) in models::ALL.iter().enumerate() {
        let name = def.name;
        let _ = write!(
            out,
            "\n    /// The definition of [`{name}`](crate::{name}): its table.\n    \
             #[derive(Debug)]\n    pub enum {name} {{}}\n\n    \
             impl sealed::Sealed for {name} {{}}\n\n    \
             impl Def for {name} {{\n        \
             const MODEL: &'static ModelDef = crate::models::ALL[{index}];\n    }}\n"
        );
    }
    out.push_str("}\n");
    let path = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("models.rs");
    fs::write(path, out).expect("OUT_DIR is writable");
}
