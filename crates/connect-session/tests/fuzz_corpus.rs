//! Replays the committed fuzz corpus (`fuzz/corpus/parse/`), any committed
//! crash regressions (`fuzz/artifacts/parse/`) and every shared vector input
//! through the invariants of the `parse` fuzz target, on stable Rust, so
//! `make test` checks them without a fuzzer.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "../../../fuzz/invariants/parse.rs"]
mod parse_invariants;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every regular file under `dir`, recursively, sorted; none if it is absent.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries {
        let path = entry.expect("readable directory entry").path();
        if path.is_dir() {
            found.extend(files(&path));
        } else if path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    found
}

fn replay(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .filter_map(|path| {
            let data = fs::read(path).expect("readable corpus file");
            parse_invariants::check(&data)
                .err()
                .map(|broken| format!("{}: {broken}", path.display()))
        })
        .collect()
}

#[test]
fn parse_corpus_keeps_the_invariants() {
    let corpus = files(&repo().join("fuzz/corpus/parse"));
    assert!(
        corpus.len() >= 50,
        "expected the committed seed corpus in fuzz/corpus/parse, found {} files",
        corpus.len()
    );
    let failures = replay(&corpus);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} corpus files replayed", corpus.len());
}

#[test]
fn parse_regressions_keep_the_invariants() {
    // Crash inputs found by the fuzzer are committed here once fixed; the
    // directory may be empty.
    let regressions = files(&repo().join("fuzz/artifacts/parse"));
    let failures = replay(&regressions);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} regressions replayed", regressions.len());
}

#[test]
fn vector_inputs_keep_the_invariants() {
    let inputs: Vec<PathBuf> = files(&repo().join("tests/vectors"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "input.json"))
        .collect();
    assert!(
        inputs.len() >= 80,
        "found only {} vector inputs",
        inputs.len()
    );
    let failures = replay(&inputs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checks_can_fail() {
    use parse_invariants::{escapes_are_minimal, strip_white_space, Oracle};
    assert!(escapes_are_minimal(r#"{"a":"\u0041"}"#).is_err());
    assert!(escapes_are_minimal(r#"{"a":"\u000a"}"#).is_err());
    assert!(escapes_are_minimal(r#"{"a":"\/"}"#).is_err());
    assert!(escapes_are_minimal(r#"{"a":"\n\u001f\\\""}"#).is_ok());
    assert_eq!(strip_white_space("{ \"a b\" :\n [ 1 ] }"), "{\"a b\":[1]}");
    assert!(Oracle::depth_of(r#"{"a":1,"a":2}"#).is_err());
    assert!(Oracle::depth_of(r#"{"a":{"b":1},"c":{"b":2}}"#).is_ok());
    assert_eq!(Oracle::depth_of(r#"{"a":[[{}]]}"#), Ok(4));
    let depth_128 = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert_eq!(Oracle::depth_of(&depth_128), Ok(128));
    assert!(parse_invariants::check(br#"{"origin_owner_id":"o","origin_owner_name":"n"}"#).is_ok());
}
