//! Property tests: valid models round-trip, arbitrary input never panics.
//! `PROPTEST_CASES` sets the number of cases (small in `make test`, large in `make test-slow`).

use connect_session::binding::NativeWriter;
use connect_session::{
    ConnectSessionCreate, ConnectSessionCreateCategories as Category, Field, FieldKind, Metadata,
    ParseMode, Value as CoreValue,
};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn metadata() -> impl Strategy<Value = Metadata> {
    prop::collection::vec((any::<String>(), json_value()), 0..6)
        .prop_map(|members| Metadata::try_from(members.into_iter().collect::<Map<_, _>>()).unwrap())
}

/// JSON text as a binding hands it over: as text, or written by the core's
/// writer (which the rules take without reading it again where they can).
fn as_given(text: String, by_writer: bool) -> CoreValue<'static> {
    if !by_writer {
        return CoreValue::Json(text.into());
    }
    let mut w = NativeWriter::new(&[]);
    w.json_text(&text).expect("the strategies make valid JSON");
    w.into_value()
}

/// An array of strings as a binding hands it over: as JSON text, written by
/// the core's writer, or item by item.
fn strings_as_given(items: &[&str], door: u8) -> CoreValue<'static> {
    match door {
        0 | 1 => as_given(serde_json::to_string(items).unwrap(), door == 1),
        _ => CoreValue::Strings(items.iter().map(|s| (*s).to_owned().into()).collect()),
    }
}

/// A valid value for a field of `kind`, as a binding would give it.
fn field_value(kind: FieldKind) -> BoxedStrategy<CoreValue<'static>> {
    match kind {
        FieldKind::Text => any::<String>().prop_map(CoreValue::from).boxed(),
        FieldKind::Boolean => any::<bool>().prop_map(CoreValue::Bool).boxed(),
        FieldKind::Seconds => any::<f64>()
            .prop_filter("valid expiry", |f| f.is_finite() && *f > 0.0)
            .prop_map(CoreValue::Float)
            .boxed(),
        FieldKind::Categories => (
            prop::collection::vec(prop::sample::select(Category::ALL.to_vec()), 0..8),
            0..4u8,
        )
            .prop_map(|(list, door)| {
                let names: Vec<&str> = list.iter().map(|c| c.as_str()).collect();
                match door {
                    3 => CoreValue::Categories(list),
                    _ => strings_as_given(&names, door),
                }
            })
            .boxed(),
        FieldKind::Object => (metadata(), any::<bool>())
            .prop_map(|(m, by_writer)| as_given(m.as_json().to_owned(), by_writer))
            .boxed(),
        FieldKind::Type => prop_oneof![
            Just("production".to_owned()),
            Just("test".to_owned()),
            any::<String>()
        ]
        .prop_map(CoreValue::from)
        .boxed(),
    }
}

/// Any valid model: every field set or not, and a few extra keys.
fn model() -> impl Strategy<Value = ConnectSessionCreate> {
    let fields: Vec<_> = Field::ALL
        .iter()
        .map(|field| prop::option::of(field_value(field.kind())))
        .collect();
    let extras = prop::collection::vec(
        (
            any::<String>().prop_filter("not a field", |k| Field::from_name(k).is_none()),
            json_value(),
        ),
        0..4,
    );
    (any::<String>(), any::<String>(), fields, extras).prop_map(|(id, name, values, extras)| {
        let mut m = ConnectSessionCreate::new(id, name);
        for (field, value) in Field::ALL.into_iter().zip(values) {
            if let Some(value) = value {
                m.set(field, value).unwrap();
            }
        }
        for (key, value) in extras {
            m.insert_extra(&key, value.to_string()).unwrap();
        }
        m
    })
}

/// Any JSON value, as JSON text and as the value a binding would hand over
/// (scalars as themselves, containers as their text).
fn member_value() -> impl Strategy<Value = (String, CoreValue<'static>)> {
    let scalar = prop_oneof![
        Just(("null".to_owned(), CoreValue::Null)),
        any::<bool>().prop_map(|b| (b.to_string(), CoreValue::Bool(b))),
        any::<i64>().prop_map(|i| (i.to_string(), CoreValue::Int(i))),
        (-1e3f64..1e6).prop_map(|f| {
            // As the canonical JSON writes a double, so both doors read one number.
            (
                ryu_js::Buffer::new().format_finite(f).to_owned(),
                CoreValue::Float(f),
            )
        }),
        prop_oneof![
            prop::sample::select(
                Category::ALL
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .chain(["hirs".to_owned(), "production".to_owned(), "".to_owned()])
                    .collect::<Vec<_>>()
            ),
            any::<String>()
        ]
        .prop_map(|s| (serde_json::to_string(&s).unwrap(), CoreValue::from(s))),
    ];
    let container = (
        json_value().prop_filter("a container", |v| v.is_array() || v.is_object()),
        any::<bool>(),
    )
        .prop_map(|(v, by_writer)| {
            let text = v.to_string();
            (text.clone(), as_given(text, by_writer))
        });
    let categories = (
        prop::collection::vec(
            prop_oneof![Just("ats"), Just("hirs"), Just("stackOne"), Just("iam")],
            0..4,
        ),
        0..3u8,
    )
        .prop_map(|(list, door)| {
            let text = serde_json::to_string(&list).unwrap();
            (text, strings_as_given(&list, door))
        });
    // Categories a binding has as such (its enum's members): read as their wire values.
    let typed = prop::collection::vec(prop::sample::select(Category::ALL.to_vec()), 0..4).prop_map(
        |list| {
            let names: Vec<&str> = list.iter().map(|c| c.as_str()).collect();
            (
                serde_json::to_string(&names).unwrap(),
                CoreValue::Categories(list),
            )
        },
    );
    prop_oneof![4 => scalar, 1 => container, 1 => categories, 1 => typed]
}

/// A document's members: keys of the model (sometimes twice) and others.
fn members() -> impl Strategy<Value = Vec<(String, (String, CoreValue<'static>))>> {
    let key = prop_oneof![
        3 => prop::sample::select(Field::ALL.iter().map(|f| f.name().to_owned()).collect::<Vec<_>>()),
        1 => "[a-z]{1,3}",
    ];
    prop::collection::vec((key, member_value()), 0..10)
}

proptest! {
    #[test]
    fn valid_models_round_trip(m in model()) {
        let json = m.to_json();
        let back = ConnectSessionCreate::from_json(&json).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_json(), json.clone());
        let pretty = ConnectSessionCreate::from_json(m.to_json_pretty()).unwrap();
        prop_assert_eq!(pretty.to_json(), json.clone());
        // In pieces (as the Python binding writes large documents), the same text.
        let mut pieces = String::new();
        connect_session::binding::json_pieces(&m, |piece| pieces.push_str(piece));
        prop_assert_eq!(pieces, json);
    }

    #[test]
    fn serde_embedding_round_trips(m in model()) {
        // Through serde_json's text: always, exactly.
        let text = serde_json::to_string(&m).unwrap();
        let back: ConnectSessionCreate = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &m);
    }

    #[test]
    fn values_and_json_text_are_read_alike(members in members(), strict in any::<bool>()) {
        let mode = if strict { ParseMode::Strict } else { ParseMode::KeepExtra };
        let text = format!(
            "{{{}}}",
            members
                .iter()
                .map(|(key, (json, _))| format!("{}:{json}", serde_json::to_string(key).unwrap()))
                .collect::<Vec<_>>()
                .join(",")
        );
        let from_text = ConnectSessionCreate::from_json_with(&text, mode);
        let from_values = ConnectSessionCreate::from_values(
            members.iter().map(|(key, (_, value))| (key.as_str(), value.clone())),
            mode,
        );
        prop_assert_eq!(from_values, from_text, "{}", text);
    }

    #[test]
    fn typed_categories_are_read_as_their_wire_values(
        list in prop::collection::vec(prop::sample::select(Category::ALL.to_vec()), 0..6),
        // The categories field, a field of another kind, a key outside the model.
        key in prop_oneof![Just("categories"), Just("label"), Just("extra")],
    ) {
        let names: Vec<&str> = list.iter().map(|c| c.as_str()).collect();
        let text = format!(
            r#"{{"origin_owner_id":"o","origin_owner_name":"n","{key}":{}}}"#,
            serde_json::to_string(&names).unwrap()
        );
        let from_values = ConnectSessionCreate::from_values(
            [
                ("origin_owner_id", CoreValue::from("o")),
                ("origin_owner_name", CoreValue::from("n")),
                (key, CoreValue::Categories(list)),
            ],
            ParseMode::KeepExtra,
        );
        prop_assert_eq!(from_values, ConnectSessionCreate::from_json(&text), "{}", text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        check_invariants(&bytes)?;
    }

    #[test]
    fn mutated_documents_never_panic(
        m in model(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = m.to_json().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        check_invariants(&bytes)?;
    }
}

/// What must hold for any input: accepted documents have a canonical form
/// that reads back equal and is a fixed point; strict acceptance implies default acceptance.
fn check_invariants(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lax = ConnectSessionCreate::from_json(bytes);
    if let Ok(m) = &lax {
        let json = m.to_json();
        let back = ConnectSessionCreate::from_json(&json).unwrap();
        prop_assert_eq!(&back, m);
        prop_assert_eq!(back.to_json(), json);
    }
    if ConnectSessionCreate::from_json_with(bytes, ParseMode::Strict).is_ok() {
        prop_assert!(lax.is_ok());
    }
    Ok(())
}
