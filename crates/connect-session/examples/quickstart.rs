//! Builds a request, prints its canonical JSON, and shows a validation error.

use connect_session::{ConnectSessionCreate, ConnectSessionCreateCategories as Category, Metadata};

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
        Err(err) => eprintln!("{err}"),
    }
    Ok(())
}
