//! Runs every case of the shared cross-language vectors in `tests/vectors/`,
//! each against the model its `model` file names (`ConnectSessionCreate`
//! when there is none).
//!
//! With `UPDATE_VECTORS=1` it writes the expected files from this
//! implementation instead of checking them (`make update-vectors`); review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use connect_session::binding::{with_model, ModelVisitor};
use connect_session::{models, ConnectSessionCreate, Def, Model, ParseMode};

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
    model: String,
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
            let model = expected(&dir.join("model"))
                .map_or("ConnectSessionCreate".to_owned(), |name| {
                    String::from_utf8(name).expect("a model name")
                });
            Case {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                input: fs::read(dir.join("input.json")).expect("input.json"),
                dir,
                mode,
                model,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// Runs one case with its model; a failure's description.
struct RunCase<'a> {
    case: &'a Case,
    update: bool,
}

impl ModelVisitor for RunCase<'_> {
    type Output = Result<(), String>;

    fn visit<D: Def>(self) -> Result<(), String> {
        let case = self.case;
        let result = Model::<D>::from_json_with(&case.input, case.mode);
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
        if self.update {
            fs::write(case.dir.join(file), format!("{actual}\n")).unwrap();
            let _ = fs::remove_file(case.dir.join(other));
        }
        if result.is_ok() != valid {
            return Err(format!(
                "{}: expected {}, got {actual}",
                case.name,
                if valid { "success" } else { "errors" }
            ));
        }
        if expected(&case.dir.join(file)).as_deref() != Some(actual.as_bytes()) {
            return Err(format!("{}: {file} differs; got {actual}", case.name));
        }
        if let Ok(value) = result {
            let canonical = value.to_json();
            let again = Model::<D>::from_json(&canonical).expect("canonical output parses");
            assert_eq!(
                again, value,
                "{}: canonical output reads back equal",
                case.name
            );
            assert_eq!(again.to_json(), canonical, "{}: a fixed point", case.name);
            let pretty = Model::<D>::from_json(value.to_json_pretty()).expect("pretty parses");
            assert_eq!(
                pretty, value,
                "{}: pretty output reads back equal",
                case.name
            );
            if case.mode == ParseMode::KeepExtra {
                let strict = Model::<D>::from_json_with(&case.input, ParseMode::Strict);
                assert_eq!(
                    strict.is_ok(),
                    value.extra().len() == 0,
                    "{}: strict accepts exactly the documents without extras",
                    case.name
                );
            }
            // Through serde_json, alone and embedded in a caller's struct.
            let text = serde_json::to_string(&value).unwrap();
            let back: Model<D> = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {text} does not read back: {e}", case.name));
            assert_eq!(back, value, "{}", case.name);
            let job = Job { id: 7, body: value };
            let text = serde_json::to_string_pretty(&job).unwrap();
            let back: Job<D> = serde_json::from_str(&text).unwrap();
            assert_eq!(back.body, job.body, "{}", case.name);
        }
        Ok(())
    }
}

/// A caller's own serde type holding a model.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(bound = "")]
struct Job<D: Def> {
    id: u32,
    body: Model<D>,
}

#[test]
fn every_vector_matches() {
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let ran = with_model(&case.model, RunCase { case, update })
            .unwrap_or_else(|| panic!("{}: no model named {:?}", case.name, case.model));
        failures.extend(ran.err());
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // Every model has its cases (at least 60 for each of contract section 9's).
    for model in models::ALL {
        let count = cases.iter().filter(|c| c.model == model.name).count();
        assert!(count >= 60, "{}: only {count} vectors", model.name);
    }
    println!("{} vectors passed", cases.len());
}

/// serde_json reads a case at the depth limit as `from_json` does.
struct AtTheLimit<'a>(&'a Case);

impl ModelVisitor for AtTheLimit<'_> {
    type Output = ();

    fn visit<D: Def>(self) {
        let case = self.0;
        let direct = Model::<D>::from_json(&case.input).unwrap();
        let text = String::from_utf8(case.input.clone()).unwrap();
        let through_serde: Model<D> = serde_json::from_str(&text).unwrap();
        assert_eq!(through_serde, direct, "{}", case.name);
    }
}

#[test]
fn serde_json_reads_what_from_json_reads_at_the_depth_limit() {
    for case in cases().iter().filter(|c| c.name.contains("depth_128")) {
        with_model(&case.model, AtTheLimit(case)).unwrap();
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

/// Every field of every model has shared cases: one that sets it, one that
/// gives it the wrong JSON type, and one that gives it `null`. A field
/// added to the table without them fails here.
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
    let mut missing = Vec::new();
    for model in models::ALL {
        let mine: Vec<&Case> = cases.iter().filter(|c| c.model == model.name).collect();
        for field in model.fields {
            let name = field.key;
            let set = mine
                .iter()
                .any(|c| output(c).is_some_and(|o| o.get(name).is_some()));
            let wrong_type = mine.iter().any(|c| {
                errors(c)
                    .iter()
                    .any(|e| e["type"] == "invalid_type" && e["loc"] == serde_json::json!([name]))
            });
            let null = mine.iter().any(|c| {
                let input = String::from_utf8_lossy(&c.input);
                input.contains(&format!("\"{name}\":null"))
                    || input.contains(&format!("\"{name}\": null"))
            });
            for (ok, what) in [
                (set, "sets"),
                (wrong_type, "gives the wrong type to"),
                (null, "gives null to"),
            ] {
                if !ok {
                    missing.push(format!("no {} vector {what} {name}", model.name));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
