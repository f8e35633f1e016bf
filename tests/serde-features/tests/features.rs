//! With serde_json's `arbitrary_precision` and `preserve_order` on (as some
//! other crate of a user's build may turn them on), embedding the model
//! through serde reads and writes exactly what `from_json`/`to_json` do.

use connect_session::ConnectSessionCreate;
use serde::{Deserialize, Serialize};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Job {
    id: u32,
    session: ConnectSessionCreate,
}

const DOC: &str = r#"{"origin_owner_id":"o","origin_owner_name":"n","expires_in":0.5,"multiple":true,"metadata":{"z":1.50,"a":123456789012345678901234567890,"e":1E2,"neg":-0.0},"zeta":[1.0,2]}"#;

fn direct() -> ConnectSessionCreate {
    ConnectSessionCreate::from_json(DOC).unwrap()
}

#[test]
fn reading_through_serde_json_keeps_every_number() {
    let job: Job = serde_json::from_str(&format!(r#"{{"id":1,"session":{DOC}}}"#)).unwrap();
    assert_eq!(job.session, direct());
    assert_eq!(job.session.to_json(), direct().to_json());
}

#[test]
fn writing_through_serde_json_keeps_every_number() {
    let job = Job { id: 1, session: direct() };
    let text = serde_json::to_string(&job).unwrap();
    assert!(text.contains(r#""z":1.50,"a":123456789012345678901234567890,"e":1E2"#), "{text}");
    let back: Job = serde_json::from_str(&text).unwrap();
    assert_eq!(back, job);
}

#[test]
fn reading_from_a_value_tree_keeps_every_number() {
    // With arbitrary_precision, a Value hands numbers over as serde_json's
    // private wrapper, which the core reads as the number it wraps.
    // (serde_json's own Value rewrites `1E2` and `-0.0`, so they are left out.)
    let doc = r#"{"origin_owner_id":"o","origin_owner_name":"n","expires_in":0.5,"metadata":{"z":1.50,"a":123456789012345678901234567890},"zeta":[1.0,2]}"#;
    let value: serde_json::Value = serde_json::from_str(doc).unwrap();
    let model: ConnectSessionCreate = serde_json::from_value(value).unwrap();
    assert_eq!(model, ConnectSessionCreate::from_json(doc).unwrap());
}

#[test]
fn the_depth_limit_is_the_core_s() {
    let depth = |levels: usize| {
        format!(
            r#"{{"origin_owner_id":"o","origin_owner_name":"n","metadata":{{"a":{}{}}}}}"#,
            "[".repeat(levels - 2),
            "]".repeat(levels - 2)
        )
    };
    // The document is level 1 and metadata level 2, so its arrays reach `levels`.
    let deepest = depth(128);
    let direct = ConnectSessionCreate::from_json(&deepest).unwrap();
    let through: ConnectSessionCreate = serde_json::from_str(&deepest).unwrap();
    assert_eq!(through, direct);
    let err = serde_json::from_str::<ConnectSessionCreate>(&depth(129)).unwrap_err();
    assert!(err.to_string().contains("deeper than the limit of 128"), "{err}");
}
