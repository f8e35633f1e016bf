//! Random sequences of C ABI calls (create, set, get, clone, to_json,
//! from_json, free, misuse) checked against the core; the driver lives in
//! `invariants/ffi_calls.rs`, shared with the stable replay test
//! `crates/connect-session-ffi/tests/fuzz_ffi_corpus.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

use connect_session as core_model;
use ffi as c_api;

#[path = "../invariants/ffi_calls.rs"]
mod ffi_calls;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = ffi_calls::run(data) {
        panic!("C ABI disagrees with the core: {broken}");
    }
});
