//! The endpoint's other models through the Rust API (contract section 9):
//! the typed accessors of the integer and date-time kinds, serde embedding,
//! and the names every model shares. Their JSON is the vectors' (vectors.rs).

use connect_session::time::macros::datetime;
use connect_session::{
    ConnectSession, ConnectSessionAuthenticate, ConnectSessionCreate, ConnectSessionCreateType,
    ConnectSessionTokenAuthLink, DateTime, ErrorKind, Metadata,
};

const SESSION: &str = r#"{"created_at":"2024-02-29T23:59:59.123456789-12:00","id":-9223372036854775808,"metadata":{"price":1.50,"n":12345678901234567890123},"organization_id":"org","origin_owner_id":"o","origin_owner_name":"n","project_id":"p","type":"test"}"#;

#[test]
fn a_session_reads_its_integer_and_date_time_kinds() {
    let session = ConnectSession::from_json(SESSION).unwrap();
    assert_eq!(session.id(), i64::MIN);
    assert_eq!(
        session.created_at().as_str(),
        "2024-02-29T23:59:59.123456789-12:00"
    );
    assert_eq!(
        session.created_at().value(),
        datetime!(2024-02-29 23:59:59.123456789 -12:00)
    );
    assert_eq!(
        session.r#type(),
        Some(&ConnectSessionCreateType::from("test"))
    );
    assert_eq!(session.to_json(), SESSION);
}

#[test]
fn a_date_time_is_checked_and_written_in_one_form() {
    let mut link = ConnectSessionTokenAuthLink::new(
        "https://hub.example/?t=1",
        DateTime::parse("2024-12-02T04:42:35.999Z").unwrap(),
        i64::MAX,
        "org",
        "o",
        "n",
        "p",
        "cst_1",
    );
    for refused in [
        "2024-02-30T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-12-02T24:00:00Z",
        "2024-12-02T04:42:35",
    ] {
        assert!(DateTime::parse(refused).is_err(), "{refused}");
    }
    let typed = DateTime::try_from(datetime!(2024-02-29 12:00:00.5 +14:00)).unwrap();
    assert_eq!(typed.as_str(), "2024-02-29T12:00:00.5+14:00");
    link.set_created_at(typed);
    assert!(link
        .to_json()
        .contains(r#""created_at":"2024-02-29T12:00:00.5+14:00","#));
    assert!(DateTime::try_from(datetime!(-0001-01-01 00:00 UTC)).is_err());
}

#[test]
fn the_integer_refuses_what_is_not_a_64_bit_integer() {
    for (id, kind) in [
        ("9223372036854775808", ErrorKind::InvalidValue),
        ("-9223372036854775809", ErrorKind::InvalidValue),
        ("7.0", ErrorKind::InvalidType),
        ("7e0", ErrorKind::InvalidType),
        (r#""7""#, ErrorKind::InvalidType),
    ] {
        let doc = SESSION.replace("-9223372036854775808", id);
        let err = ConnectSession::from_json(&doc).unwrap_err();
        let kinds: Vec<ErrorKind> = err.errors().iter().map(|e| e.kind()).collect();
        assert_eq!(kinds, [kind], "{id}");
    }
}

/// A user's struct holding the models, through serde_json: metadata's number
/// text and the date-time's text survive, as they do through `to_json`.
#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct Exchange {
    sent: ConnectSessionAuthenticate,
    answer: ConnectSession,
}

#[test]
fn the_models_embed_in_a_serde_struct_without_loss() {
    let exchange = Exchange {
        sent: ConnectSessionAuthenticate::new("cst_1"),
        answer: ConnectSession::from_json(SESSION).unwrap(),
    };
    let json = serde_json::to_string(&exchange).unwrap();
    assert_eq!(
        json,
        format!(r#"{{"sent":{{"token":"cst_1"}},"answer":{SESSION}}}"#)
    );
    assert_eq!(serde_json::from_str::<Exchange>(&json).unwrap(), exchange);
}

#[test]
fn accessors_are_named_for_the_wire_key_in_every_model() {
    // `type` is a Rust keyword: its getter is the raw identifier, its setter `set_type`.
    let mut create = ConnectSessionCreate::new("o", "n");
    create.set_type(Some("production"));
    assert_eq!(create.r#type().map(|t| t.as_str()), Some("production"));
    let mut session = ConnectSession::from_json(SESSION).unwrap();
    session.set_type(None::<ConnectSessionCreateType>);
    session.set_metadata(Some(r#"{"k":1E2}"#.parse::<Metadata>().unwrap()));
    assert_eq!(session.r#type(), None);
    assert!(session.to_json().contains(r#""metadata":{"k":1E2}"#));
}
