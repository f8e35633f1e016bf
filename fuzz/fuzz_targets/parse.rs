//! Arbitrary bytes through every parsing entry point of the core; the
//! invariants live in `invariants/parse.rs`, shared with the stable replay test
//! `crates/connect-session/tests/fuzz_corpus.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../invariants/parse.rs"]
mod parse_invariants;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = parse_invariants::check(data) {
        panic!("invariant broken: {broken}");
    }
});
