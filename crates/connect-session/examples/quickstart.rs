//! Builds a request, prints its canonical JSON, reads StackOne's answer, and shows a
//! validation error.

use connect_session::{
    ConnectSessionCreate, ConnectSessionCreateCategories as Category, ConnectSessionTokenAuthLink,
    ErrorKind, Metadata, PathItem,
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

    // StackOne's answer to the request: the session it made, and the link that opens the hub.
    let link = ConnectSessionTokenAuthLink::from_json(
        r#"{"account_id":"acc_4f2b9c1e7d3a",
        "auth_link_url":"https://hub.stackone.com/embedded/integrations?token=cst_8f3c2a9b1d",
        "categories":["ats","hris"],"created_at":"2024-12-02T04:42:35.999Z",
        "external_trigger_token":"ett_9b1c2d3e","id":123456,"integration_id":"int_01HX3QB7",
        "label":"Acme HRIS","metadata":{"source":"onboarding","tenant":{"id":"t-42"}},
        "organization_id":"org_01HX3Q9Z","origin_owner_id":"owner-8f3c2a",
        "origin_owner_name":"Acme Corporation","origin_username":"jane.doe@acme.example",
        "project_id":"proj_01HX3QA1","provider":"hibob","token":"cst_8f3c2a9b1d",
        "type":"production"}"#,
    )?;
    println!("{}", link.auth_link_url());

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
