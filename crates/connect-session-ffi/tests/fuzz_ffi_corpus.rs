//! Replays the committed corpus of the `ffi_calls` fuzz target
//! (`fuzz/corpus/ffi_calls/`) and any committed crash regressions
//! (`fuzz/artifacts/ffi_calls/`) on stable Rust: each file is a sequence of C
//! ABI calls checked against the core, exactly as under the fuzzer. Under
//! `make test-ffi-corpus-valgrind` the same replay runs under valgrind, which
//! reports any leak or invalid access.

use std::path::PathBuf;

use connect_session as c_api;
use connect_session_core as core_model;

#[path = "../../../fuzz/invariants/ffi_calls.rs"]
mod ffi_calls;

#[path = "../../../fuzz/invariants/corpus.rs"]
mod corpus;

fn repo() -> PathBuf {
    corpus::repo(env!("CARGO_MANIFEST_DIR"))
}

fn replay(paths: &[PathBuf]) -> Vec<String> {
    corpus::replay(paths, ffi_calls::run)
}

#[test]
fn ffi_corpus_agrees_with_the_core() {
    let corpus = corpus::files(&repo().join("fuzz/corpus/ffi_calls"));
    assert!(
        corpus.len() >= 50,
        "expected the committed seed corpus in fuzz/corpus/ffi_calls, found {} files",
        corpus.len()
    );
    let failures = replay(&corpus);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} corpus files replayed", corpus.len());
}

#[test]
fn ffi_regressions_agree_with_the_core() {
    let failures = replay(&corpus::files(&repo().join("fuzz/artifacts/ffi_calls")));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_driver_runs_every_kind_of_call() {
    // Each op kind (op byte 0..=20) on slot 0, after a sample document was
    // parsed into it and before it is checked again: the driver must run each
    // against the real library without finding a disagreement.
    for op in 0u8..=20 {
        let data = [1, 0, 2, 1, 0, op, 0, 1, 1, 1, 1, 1, 1, 1, 1, 4, 0];
        let ran = ffi_calls::run(&data);
        assert!(ran.as_ref().is_ok_and(|n| *n >= 2), "op {op}: {ran:?}");
    }
    assert_eq!(ffi_calls::run(&[]), Ok(0));
    assert_eq!(
        ffi_calls::run(&[4; 1000]),
        Ok(64),
        "at most 64 ops per input"
    );
}
