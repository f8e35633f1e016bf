//! Runs every case of the shared cross-language vectors in `tests/vectors/`.
//!
//! With `UPDATE_VECTORS=1` it writes the expected files from this
//! implementation instead of checking them (`make update-vectors`); review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use connect_session::{ConnectSessionCreate, ParseMode};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// An expected file's bytes, less one trailing newline.
fn expected(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = fs::read(path).ok()?;
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    Some(bytes)
}

struct Case {
    name: String,
    dir: PathBuf,
    input: Vec<u8>,
    mode: ParseMode,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|dir| dir.is_dir())
        .map(|dir| {
            let mode = match expected(&dir.join("mode")).as_deref() {
                None => ParseMode::KeepExtra,
                Some(b"strict") => ParseMode::Strict,
                Some(other) => panic!(
                    "{}: unknown mode {:?}",
                    dir.display(),
                    String::from_utf8_lossy(other)
                ),
            };
            Case {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                input: fs::read(dir.join("input.json")).expect("input.json"),
                dir,
                mode,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

#[test]
fn every_vector_matches() {
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let cases = cases();
    assert!(
        cases.len() >= 80,
        "expected at least 80 vectors, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let result = ConnectSessionCreate::from_json_with(&case.input, case.mode);
        let valid = case.name.starts_with("valid_");
        assert!(
            valid || case.name.starts_with("invalid_"),
            "{}: name must start with valid_ or invalid_",
            case.name
        );
        let (file, actual, other) = match &result {
            Ok(value) => ("output.json", value.to_json(), "errors.json"),
            Err(err) => ("errors.json", err.to_json(), "output.json"),
        };
        if update {
            fs::write(case.dir.join(file), format!("{actual}\n")).unwrap();
            let _ = fs::remove_file(case.dir.join(other));
        }
        if result.is_ok() != valid {
            failures.push(format!(
                "{}: expected {}, got {actual}",
                case.name,
                if valid { "success" } else { "errors" }
            ));
        } else if expected(&case.dir.join(file)).as_deref() != Some(actual.as_bytes()) {
            failures.push(format!("{}: {file} differs; got {actual}", case.name));
        }
        if let Ok(value) = result {
            let canonical = value.to_json();
            let again =
                ConnectSessionCreate::from_json(&canonical).expect("canonical output parses");
            assert_eq!(
                again, value,
                "{}: canonical output reads back equal",
                case.name
            );
            assert_eq!(
                again.to_json(),
                canonical,
                "{}: canonical output is a fixed point",
                case.name
            );
            let pretty = ConnectSessionCreate::from_json(value.to_json_pretty())
                .expect("pretty output parses");
            assert_eq!(
                pretty, value,
                "{}: pretty output reads back equal",
                case.name
            );
            if case.mode == ParseMode::KeepExtra {
                let strict = ConnectSessionCreate::from_json_with(&case.input, ParseMode::Strict);
                assert_eq!(
                    strict.is_ok(),
                    value.extra().len() == 0,
                    "{}: strict accepts exactly the documents without extras",
                    case.name
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    println!("{} vectors passed", cases.len());
}

/// A caller's own serde type holding the model.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Job {
    id: u32,
    session: ConnectSessionCreate,
}

#[test]
fn every_valid_vector_survives_serde_json_exactly() {
    let mut count = 0;
    for case in cases().iter().filter(|c| c.name.starts_with("valid_")) {
        let model = ConnectSessionCreate::from_json_with(&case.input, case.mode).unwrap();
        // The model itself, and embedded in a caller's struct.
        let text = serde_json::to_string(&model).unwrap();
        let back: ConnectSessionCreate = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: {text} does not read back: {e}", case.name));
        assert_eq!(back, model, "{}", case.name);
        let job = Job {
            id: 7,
            session: model,
        };
        let text = serde_json::to_string_pretty(&job).unwrap();
        let back: Job = serde_json::from_str(&text).unwrap();
        assert_eq!(back, job, "{}", case.name);
        count += 1;
    }
    assert!(count > 50, "only {count} valid vectors");
}

#[test]
fn serde_json_reads_what_from_json_reads_at_the_depth_limit() {
    for case in cases().iter().filter(|c| c.name.contains("depth_128")) {
        let direct = ConnectSessionCreate::from_json(&case.input).unwrap();
        let text = String::from_utf8(case.input.clone()).unwrap();
        let through_serde: ConnectSessionCreate = serde_json::from_str(&text).unwrap();
        assert_eq!(through_serde, direct, "{}", case.name);
    }
    let too_deep =
        fs::read(vectors_dir().join("invalid_too_deep_metadata_129/input.json")).unwrap();
    let err = serde_json::from_slice::<ConnectSessionCreate>(&too_deep).unwrap_err();
    assert!(
        err.to_string()
            .contains("nesting is deeper than the limit of 128"),
        "{err}"
    );
}

#[test]
fn a_serializer_that_cannot_carry_a_number_refuses_it() {
    let model = ConnectSessionCreate::from_json(
        br#"{"origin_owner_id":"o","origin_owner_name":"n","metadata":{"price":1.50,"n":7,"x":0.5}}"#,
    )
    .unwrap();
    // A tree of values would turn 1.50 into 1.5: refused, not changed.
    let err = serde_json::to_value(&model).unwrap_err();
    assert!(err.to_string().contains("1.50"), "{err}");
    let fine = ConnectSessionCreate::from_json(
        br#"{"origin_owner_id":"o","origin_owner_name":"n","metadata":{"big":18446744073709551615,"n":7,"x":0.5}}"#,
    )
    .unwrap();
    let value = serde_json::to_value(&fine).unwrap();
    let back: ConnectSessionCreate = serde_json::from_value(value).unwrap();
    assert_eq!(back, fine);
}

/// Every field of the table has shared cases: one that sets it, one that
/// gives it the wrong JSON type, and one that gives it `null`. A field
/// added to the core without them fails here.
#[test]
fn every_field_has_vectors() {
    let cases = cases();
    let output = |case: &Case| -> Option<serde_json::Value> {
        serde_json::from_slice(&expected(&case.dir.join("output.json"))?).ok()
    };
    let errors = |case: &Case| -> Vec<serde_json::Value> {
        expected(&case.dir.join("errors.json"))
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    };
    for field in connect_session::Field::ALL {
        let name = field.name();
        let set = cases
            .iter()
            .any(|c| output(c).is_some_and(|o| o.get(name).is_some()));
        let wrong_type = cases.iter().any(|c| {
            errors(c)
                .iter()
                .any(|e| e["type"] == "invalid_type" && e["loc"] == serde_json::json!([name]))
        });
        let null = cases.iter().any(|c| {
            let input = String::from_utf8_lossy(&c.input);
            input.contains(&format!("\"{name}\":null"))
        });
        assert!(set, "no valid vector sets {name}");
        assert!(wrong_type, "no vector gives {name} the wrong type");
        assert!(null, "no vector gives {name} null");
    }
}
