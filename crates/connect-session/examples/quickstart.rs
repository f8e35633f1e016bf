//! Builds a request, prints its canonical JSON, and shows a validation error.

use connect_session::{
    ConnectSessionCreate, ConnectSessionCreateCategories as Category, ErrorKind, Metadata, PathItem,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut req = ConnectSessionCreate::new("owner-8f3c2a", "Acme Corporation");
    req.set_categories(Some([
        Category::Ats,
        Category::Hris,
        Category::HrisLegacy,
        Category::Crm,
    ]));
    req.set_expires_in(Some(1800))?;
    req.set_metadata(Some(Metadata::from_json(
        r#"{"source":"onboarding","tenant":{"id":"t-42","tier":"gold"},"tags":["a","b"],"retries":3}"#,
    )?));
    req.set_origin_username(Some("jane.doe@acme.example"));
    req.set_provider(Some("hibob"));
    println!("{}", req.to_json());

    let parsed = ConnectSessionCreate::from_json(req.to_json())?;
    assert_eq!(parsed, req);

    match ConnectSessionCreate::from_json(br#"{"origin_owner_id":"o","categories":["hirs"]}"#) {
        Ok(_) => unreachable!("the document is invalid"),
        Err(err) => {
            // One line per problem: `loc: msg [type=kind]`.
            eprintln!("{err}");
            // The same problems for code: each has a kind, a path and a message.
            let paths: Vec<String> = err.errors().iter().map(|e| e.loc_string()).collect();
            assert_eq!(paths, ["categories[0]", "origin_owner_name"]);
            let missing = &err.errors()[1];
            assert_eq!(missing.kind(), ErrorKind::MissingField);
            assert_eq!(missing.loc(), [PathItem::from("origin_owner_name")]); // keys, indexes
            assert_eq!(missing.msg(), "field required");
        }
    }
    Ok(())
}
