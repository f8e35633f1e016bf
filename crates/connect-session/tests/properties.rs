//! Property tests: valid models round-trip, arbitrary input never panics.
//! `PROPTEST_CASES` sets the number of cases (small in `make test`, large in `make test-slow`).

use connect_session::{
    ConnectSessionCreate, ConnectSessionCreateCategories as Category, Field, Metadata, ParseMode,
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

fn model() -> impl Strategy<Value = ConnectSessionCreate> {
    let categories = prop::option::of(prop::collection::vec(
        prop::sample::select(Category::ALL.to_vec()),
        0..8,
    ));
    let expires_in =
        prop::option::of(any::<f64>().prop_filter("valid expiry", |f| f.is_finite() && *f > 0.0));
    let extras = prop::collection::vec(
        (
            any::<String>().prop_filter("not a field", |k| Field::from_name(k).is_none()),
            json_value(),
        ),
        0..4,
    );
    (
        categories,
        expires_in,
        prop::option::of(metadata()),
        any::<String>(),
        any::<String>(),
        prop::option::of(any::<String>()),
        prop::option::of(any::<String>()),
        extras,
    )
        .prop_map(
            |(categories, expires_in, metadata, id, name, username, provider, extras)| {
                let mut m = ConnectSessionCreate::new(id, name);
                m.set_categories(categories);
                m.set_expires_in(expires_in).unwrap();
                m.set_metadata(metadata);
                m.set_origin_username(username);
                m.set_provider(provider);
                for (key, value) in extras {
                    m.insert_extra(&key, value.to_string()).unwrap();
                }
                m
            },
        )
}

proptest! {
    #[test]
    fn valid_models_round_trip(m in model()) {
        let json = m.to_json();
        let back = ConnectSessionCreate::from_json(&json).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_json(), json.clone());
        let pretty = ConnectSessionCreate::from_json(m.to_json_pretty()).unwrap();
        prop_assert_eq!(pretty.to_json(), json);
    }

    #[test]
    fn serde_embedding_round_trips(m in model()) {
        // Through serde_json's text: always, exactly.
        let text = serde_json::to_string(&m).unwrap();
        let back: ConnectSessionCreate = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &m);
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
