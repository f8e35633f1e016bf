//! Property tests over every model of the table: valid values round-trip,
//! values and JSON text are read alike, arbitrary input never panics.
//! `PROPTEST_CASES` sets the number of cases (small in `make test`, large in
//! `make test-slow`).

use connect_session::binding::{with_model, ModelVisitor};
use connect_session::{
    models, ConnectSessionCreateCategories as Category, Def, FieldKind, Metadata, Model, ParseMode,
    Value as CoreValue,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
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

/// A valid RFC 3339 date-time text: any day of any year, 0 to 9 digits of
/// fraction, `T`/`t`, `Z`/`z` or an offset.
fn date_time_text() -> impl Strategy<Value = String> {
    (
        0..=9999i32,
        1..=12u8,
        1..=28u8,
        (0..24u8, 0..60u8, 0..60u8),
        prop_oneof![Just(String::new()), "\\.[0-9]{1,9}"],
        prop::sample::select(vec!["T", "t"]),
        prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            (prop::sample::select(vec!['+', '-']), 0..24u8, 0..60u8)
                .prop_map(|(sign, h, m)| format!("{sign}{h:02}:{m:02}")),
        ],
    )
        .prop_map(|(y, mo, d, (h, mi, s), fraction, t, offset)| {
            format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{fraction}{offset}")
        })
}

/// A valid value for a field of `kind`, as Rust code or a binding gives it.
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
            any::<bool>(),
        )
            .prop_map(|(list, typed)| {
                if typed {
                    CoreValue::Categories(list)
                } else {
                    let names: Vec<&str> = list.iter().map(|c| c.as_str()).collect();
                    CoreValue::Json(serde_json::to_string(&names).unwrap().into())
                }
            })
            .boxed(),
        FieldKind::Object => metadata()
            .prop_map(|m| CoreValue::Json(m.as_json().to_owned().into()))
            .boxed(),
        FieldKind::Type => prop_oneof![
            Just("production".to_owned()),
            Just("test".to_owned()),
            any::<String>()
        ]
        .prop_map(CoreValue::from)
        .boxed(),
        FieldKind::Integer => any::<i64>().prop_map(CoreValue::Int).boxed(),
        FieldKind::DateTime => prop_oneof![
            date_time_text().prop_map(CoreValue::from),
            date_time_text().prop_map(|text| {
                let when = text.parse::<connect_session::DateTime>().unwrap().value();
                CoreValue::DateTime(when)
            }),
        ]
        .boxed(),
        kind => panic!("no strategy for {kind:?}"),
    }
}

/// Any valid value of `D`: every required field set, every optional one set
/// or not, and a few extra keys.
fn model<D: Def>() -> impl Strategy<Value = Model<D>> {
    let fields: Vec<_> = Model::<D>::fields()
        .map(|field| {
            let value = field_value(field.kind());
            if field.is_required() {
                value.prop_map(Some).boxed()
            } else {
                prop::option::of(value).boxed()
            }
        })
        .collect();
    let extras = prop::collection::vec(
        (
            any::<String>().prop_filter("not a field", |k| Model::<D>::field(k).is_none()),
            json_value(),
        ),
        0..4,
    );
    (fields, extras).prop_map(|(values, extras)| {
        let members = Model::<D>::fields()
            .zip(values)
            .filter_map(|(field, value)| Some((field.name(), value?)));
        let mut m = Model::<D>::from_values(members, ParseMode::KeepExtra).unwrap();
        for (key, value) in extras {
            m.insert_extra(&key, value.to_string()).unwrap();
        }
        m
    })
}

/// Any JSON value, as JSON text and as the value Rust code would hand over
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
                    .chain(
                        [
                            "hirs",
                            "production",
                            "",
                            "2024-02-29T12:00:00Z",
                            "2023-02-29T00:00:00Z"
                        ]
                        .map(String::from)
                    )
                    .collect::<Vec<_>>()
            ),
            any::<String>()
        ]
        .prop_map(|s| (serde_json::to_string(&s).unwrap(), CoreValue::from(s))),
    ];
    let container = json_value()
        .prop_filter("a container", |v| v.is_array() || v.is_object())
        .prop_map(|v| {
            let text = v.to_string();
            (text.clone(), CoreValue::Json(text.into()))
        });
    // Categories Rust code has as such: read as their wire values.
    let typed = prop::collection::vec(prop::sample::select(Category::ALL.to_vec()), 0..4).prop_map(
        |list| {
            let names: Vec<&str> = list.iter().map(|c| c.as_str()).collect();
            (
                serde_json::to_string(&names).unwrap(),
                CoreValue::Categories(list),
            )
        },
    );
    prop_oneof![4 => scalar, 1 => container, 1 => typed]
}

/// A document's members: keys of the model (sometimes twice) and others.
fn members<D: Def>() -> impl Strategy<Value = Vec<(String, (String, CoreValue<'static>))>> {
    let keys: Vec<String> = Model::<D>::fields().map(|f| f.name().to_owned()).collect();
    let key = prop_oneof![3 => prop::sample::select(keys), 1 => "[a-z]{1,3}"];
    prop::collection::vec((key, member_value()), 0..10)
}

/// Runs `check` on values of `strategy` for every model, `PROPTEST_CASES` times each.
fn for_every_model<P: ModelVisitor<Output = ()> + Clone>(p: P) {
    for model in models::ALL {
        with_model(model.name, p.clone()).unwrap();
    }
}

fn runner() -> TestRunner {
    TestRunner::new(Config::default())
}

fn check<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>) {
    if let Err(err) = runner().run(&strategy, test) {
        panic!("{err}");
    }
}

#[derive(Clone)]
struct RoundTrip;

impl ModelVisitor for RoundTrip {
    type Output = ();
    fn visit<D: Def>(self) {
        check(model::<D>(), |m| {
            let json = m.to_json();
            let back = Model::<D>::from_json(&json).unwrap();
            prop_assert_eq!(&back, &m);
            prop_assert_eq!(back.to_json(), json.clone());
            let pretty = Model::<D>::from_json(m.to_json_pretty()).unwrap();
            prop_assert_eq!(pretty.to_json(), json.clone());
            // In pieces (as the Python binding writes large documents), the same text.
            let mut pieces = String::new();
            connect_session::binding::json_pieces(&m, |piece| pieces.push_str(piece));
            prop_assert_eq!(pieces, json);
            // Through serde_json's text: always, exactly.
            let text = serde_json::to_string(&m).unwrap();
            let back: Model<D> = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back, &m);
            Ok(())
        });
    }
}

#[test]
fn valid_values_round_trip() {
    for_every_model(RoundTrip);
}

#[derive(Clone)]
struct Alike;

impl ModelVisitor for Alike {
    type Output = ();
    fn visit<D: Def>(self) {
        check((members::<D>(), any::<bool>()), |(members, strict)| {
            let mode = if strict {
                ParseMode::Strict
            } else {
                ParseMode::KeepExtra
            };
            let text = format!(
                "{{{}}}",
                members
                    .iter()
                    .map(|(key, (json, _))| format!(
                        "{}:{json}",
                        serde_json::to_string(key).unwrap()
                    ))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let from_text = Model::<D>::from_json_with(&text, mode);
            let from_values = Model::<D>::from_values(
                members
                    .iter()
                    .map(|(key, (_, value))| (key.as_str(), value.clone())),
                mode,
            );
            prop_assert_eq!(from_values, from_text, "{}", text);
            Ok(())
        });
    }
}

#[test]
fn values_and_json_text_are_read_alike() {
    for_every_model(Alike);
}

#[derive(Clone)]
struct NeverPanics;

impl ModelVisitor for NeverPanics {
    type Output = ();
    fn visit<D: Def>(self) {
        check(prop::collection::vec(any::<u8>(), 0..256), |bytes| {
            invariants::<D>(&bytes)
        });
        check(
            (model::<D>(), any::<prop::sample::Index>(), any::<u8>()),
            |(m, at, byte)| {
                let mut bytes = m.to_json().into_bytes();
                let i = at.index(bytes.len());
                bytes[i] = byte;
                invariants::<D>(&bytes)
            },
        );
    }
}

#[test]
fn arbitrary_and_mutated_documents_never_panic() {
    for_every_model(NeverPanics);
}

/// What must hold for any input: accepted documents have a canonical form
/// that reads back equal and is a fixed point; strict acceptance implies
/// default acceptance.
fn invariants<D: Def>(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lax = Model::<D>::from_json(bytes);
    if let Ok(m) = &lax {
        let json = m.to_json();
        let back = Model::<D>::from_json(&json).unwrap();
        prop_assert_eq!(&back, m);
        prop_assert_eq!(back.to_json(), json);
    }
    if Model::<D>::from_json_with(bytes, ParseMode::Strict).is_ok() {
        prop_assert!(lax.is_ok());
    }
    Ok(())
}
