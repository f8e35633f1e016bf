//! The new field from Rust (run by tests/extending/run.sh in its copy of the
//! tree, as an example of the core crate).

use connect_session::{ConnectSessionCreate, ErrorKind};

fn main() {
    let mut req = ConnectSessionCreate::new("owner-1", "Acme");
    assert_eq!(req.origin_email(), None);
    req.set_origin_email(Some("jane@acme.example"));
    assert_eq!(req.origin_email(), Some("jane@acme.example"));
    let json = req.to_json();
    assert_eq!(json, include_str!("expected.json").trim_end());
    let back = ConnectSessionCreate::from_json(&json).expect("its own JSON reads back");
    assert_eq!(back.origin_email(), Some("jane@acme.example"));

    let err = ConnectSessionCreate::from_json(include_str!("invalid.json")).unwrap_err();
    let found: Vec<_> = err.errors().iter().map(|e| (e.kind(), e.loc_string())).collect();
    assert_eq!(found, [(ErrorKind::InvalidType, "origin_email".to_owned())]);
    println!("rust: {json}");
}
