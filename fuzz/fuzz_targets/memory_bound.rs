//! Arbitrary bytes through every way in (the core's, and the C ABI's
//! `from_json`), with a counting global allocator: the peak heap of each call
//! must stay within `K` x the input + `C`. The invariant lives in
//! `invariants/memory_bound.rs`, shared with the stable test
//! `crates/connect-session/tests/memory.rs`.
#![no_main]

use std::ptr;

use libfuzzer_sys::fuzz_target;

#[path = "../invariants/memory_bound.rs"]
mod memory_bound;

#[global_allocator]
static ALLOCATOR: memory_bound::Counting = memory_bound::Counting;

/// The C ABI's parse in both modes, its error read back as text and JSON.
fn c_abi(data: &[u8]) -> Result<(), String> {
    type Parse = unsafe extern "C" fn(
        *const u8,
        usize,
        *mut *mut ffi::ConnectSessionCreate,
    ) -> ffi::ConnectSessionStatus;
    let parsers: [(&str, Parse); 2] = [
        ("C from_json", ffi::connect_session_create_from_json),
        ("C from_json_strict", ffi::connect_session_create_from_json_strict),
    ];
    for (what, parse) in parsers {
        memory_bound::held(what, data.len(), || {
            let mut out = ptr::null_mut();
            // SAFETY: `data` is readable for its length; `out` is valid for writes.
            let status = unsafe { parse(data.as_ptr(), data.len(), &mut out) };
            if !out.is_null() {
                let mut json = ptr::null_mut();
                let mut len = 0;
                // SAFETY: `out` is a live handle; the out-pointers are valid.
                unsafe { ffi::connect_session_create_to_json(out, &mut json, &mut len) };
                // SAFETY: text and handle from this library, freed once.
                unsafe {
                    ffi::connect_session_string_free(json);
                    ffi::connect_session_create_free(out);
                }
            }
            let mut len = 0;
            // SAFETY: a NULL buffer of capacity 0 asks for the length only.
            unsafe {
                ffi::connect_session_last_error_json(ptr::null_mut(), 0, &mut len);
                ffi::connect_session_last_error_message(ptr::null_mut(), 0, &mut len);
            }
            status
        })?;
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let expanded = memory_bound::expand(data);
    let doc = expanded.as_deref().unwrap_or(data);
    if let Err(broken) = memory_bound::check(doc).and_then(|()| c_abi(doc)) {
        panic!("memory bound broken: {broken}");
    }
});
