//! Replays the committed fuzz corpus (`fuzz/corpus/parse/`), any committed
//! crash regressions (`fuzz/artifacts/parse/`) and every shared vector input
//! through the invariants of the `parse` fuzz target, on stable Rust, so
//! `make test` checks them without a fuzzer.

use std::path::PathBuf;

#[path = "../../../fuzz/invariants/parse.rs"]
mod parse_invariants;

#[path = "../../../fuzz/invariants/corpus.rs"]
mod corpus;

fn repo() -> PathBuf {
    corpus::repo(env!("CARGO_MANIFEST_DIR"))
}

fn replay(paths: &[PathBuf]) -> Vec<String> {
    corpus::replay(paths, parse_invariants::check)
}

#[test]
fn parse_corpus_keeps_the_invariants() {
    let corpus = corpus::files(&repo().join("fuzz/corpus/parse"));
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
    let regressions = corpus::files(&repo().join("fuzz/artifacts/parse"));
    let failures = replay(&regressions);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} regressions replayed", regressions.len());
}

#[test]
fn vector_inputs_keep_the_invariants() {
    let inputs: Vec<PathBuf> = corpus::files(&repo().join("tests/vectors"))
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
