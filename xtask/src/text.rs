//! Naming and layout shared by the templates.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use connect_session::{FieldDef, ModelDef};

/// The lines around a generated part of a file, commented for its language.
pub(crate) fn markers(path: &str, name: &str) -> (String, String) {
    let comment = if path.ends_with(".md") {
        ("<!-- ", " -->")
    } else if path.ends_with(".py") || path.ends_with(".pyi") {
        ("# ", "")
    } else {
        ("// ", "")
    };
    (
        format!(
            "{}BEGIN GENERATED: {name} (make generate){}\n",
            comment.0, comment.1
        ),
        format!("{}END GENERATED: {name}{}", comment.0, comment.1),
    )
}

/// `text` wrapped to lines of at most `width` characters, each with `prefix`.
pub(crate) fn wrap(text: &str, prefix: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && prefix.len() + line.len() + 1 + word.len() > width {
            let _ = writeln!(out, "{prefix}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{prefix}{line}");
    }
    out
}

/// `ConnectSessionTokenAuthLink` → `connect_session_token_auth_link`.
pub(crate) fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `origin_owner_id` → `originOwnerId`, the API's own name of a key.
pub(crate) fn camel(key: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One item of a list-valued key (`categories` → `category`), for the
/// accessors of one item.
pub(crate) fn singular(key: &str) -> String {
    if let Some(stem) = key.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        key.strip_suffix('s').unwrap_or(key).to_owned()
    }
}

/// The required rows of a model, in table order: a constructor's parameters.
pub(crate) fn required(model: &ModelDef) -> impl Iterator<Item = (usize, &FieldDef)> {
    model.fields.iter().enumerate().filter(|(_, f)| f.required)
}

/// Formats Rust code as `cargo fmt` would, so the checked-in file passes
/// `cargo fmt --check`.
pub(crate) fn rustfmt(code: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("rustfmt runs (rustup component add rustfmt)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(code.as_bytes())
        .expect("rustfmt reads the code");
    let out = child.wait_with_output().expect("rustfmt finishes");
    assert!(out.status.success(), "rustfmt refused the generated code");
    String::from_utf8(out.stdout).expect("rustfmt writes UTF-8")
}
