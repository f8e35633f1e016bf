//! The memory bound of `fuzz/invariants/memory_bound.rs` (peak heap within
//! `K` x the input + `C`) through the C ABI: parsing a hostile document and
//! reading the error back as text and JSON, at two sizes, as C callers do.
//! `make test-limits` runs it in release mode.

extern crate connect_session as c_api;
extern crate connect_session_core as connect_session;

use std::fmt::Write as _;
use std::ptr;

// The core's checks are run by the core's own tests; this file uses the bound.
#[allow(dead_code)]
#[path = "../../../fuzz/invariants/memory_bound.rs"]
mod memory_bound;

#[global_allocator]
static ALLOCATOR: memory_bound::Counting = memory_bound::Counting;

/// The C ABI's parse, then the last error's message and JSON copied out.
fn parse(doc: &[u8], strict: bool) -> (c_api::ConnectSessionStatus, String, String) {
    let mut out = ptr::null_mut();
    // SAFETY: `doc` is readable for its length; `out` is valid for writes.
    let status = unsafe {
        if strict {
            c_api::connect_session_create_from_json_strict(doc.as_ptr(), doc.len(), &mut out)
        } else {
            c_api::connect_session_create_from_json(doc.as_ptr(), doc.len(), &mut out)
        }
    };
    if !out.is_null() {
        // SAFETY: a handle this library made, freed once.
        unsafe { c_api::connect_session_create_free(out) };
    }
    type Read = unsafe extern "C" fn(
        *mut std::ffi::c_char,
        usize,
        *mut usize,
    ) -> c_api::ConnectSessionStatus;
    let read = |f: Read| {
        let mut len = 0;
        // SAFETY: a NULL buffer of capacity 0 asks for the length.
        unsafe { f(ptr::null_mut(), 0, &mut len) };
        let mut buf = vec![0u8; len + 1];
        // SAFETY: `buf` holds `len + 1` bytes.
        unsafe { f(buf.as_mut_ptr().cast(), buf.len(), &mut len) };
        buf.truncate(len);
        String::from_utf8(buf).unwrap_or_default()
    };
    (
        status,
        read(c_api::connect_session_last_error_message),
        read(c_api::connect_session_last_error_json),
    )
}

fn wrap(members: &str) -> String {
    format!(r#"{{"origin_owner_id":"o","origin_owner_name":"n"{members}}}"#)
}

fn repeated(item: &str, bytes: usize) -> String {
    vec![item; (bytes / (item.len() + 1)).max(1)].join(",")
}

/// A document shape: its name, whether it is read in strict mode, and a
/// builder for about `n` bytes.
type Shape = (&'static str, bool, fn(usize) -> String);

#[test]
fn hostile_documents_stay_within_the_bound_through_the_c_abi() {
    let shapes: [Shape; 4] = [
        ("deep metadata + many duplicate keys", false, |n| {
            let dups = format!("{{{}}}", repeated(r#""":0"#, n));
            wrap(&format!(",\"metadata\":{}", nest_objects(126, "a", &dups)))
        }),
        ("many unknown categories", false, |n| {
            wrap(&format!(",\"categories\":[{}]", repeated(r#""x""#, n)))
        }),
        ("many unknown keys (strict)", true, |n| {
            let keys: Vec<String> = (0..n / 12).map(|i| format!("\"x{i:07}\":0")).collect();
            wrap(&format!(",{}", keys.join(",")))
        }),
        ("dups under long keys", false, |n| {
            let dups = format!("{{{}}}", repeated(r#""":0"#, n / 2));
            wrap(&format!(
                ",\"metadata\":{}",
                nest_objects(4, &"k".repeat(n / 32), &dups)
            ))
        }),
    ];
    let sizes = if cfg!(debug_assertions) {
        [256 << 10, 1 << 20]
    } else {
        [1 << 20, 4 << 20]
    };
    let mut over = Vec::new();
    for (shape, strict, build) in shapes {
        for n in sizes {
            let doc = build(n);
            // A successful call first, so that the last error of the one
            // before is not freed (and counted against) this one.
            let _ = parse(br#"{"origin_owner_id":"o","origin_owner_name":"n"}"#, false);
            let ((status, message, json), peak) =
                memory_bound::peak_heap_of(|| parse(doc.as_bytes(), strict));
            assert_ne!(
                status,
                c_api::ConnectSessionStatus::CONNECT_SESSION_OK,
                "{shape}"
            );
            assert!(json.ends_with("}]") && !message.is_empty(), "{shape}");
            println!(
                "{shape:<40} {:>9} bytes: peak heap {peak:>9} = {:.2}x",
                doc.len(),
                peak as f64 / doc.len() as f64
            );
            if peak > memory_bound::bound(doc.len()) {
                over.push(format!("{shape} at {} bytes: {peak}", doc.len()));
            }
        }
    }
    assert!(
        over.is_empty(),
        "over {} x input + {}: {over:?}",
        memory_bound::K,
        memory_bound::C
    );
}

fn nest_objects(depth: usize, key: &str, inner: &str) -> String {
    let mut s = String::new();
    for _ in 0..depth {
        let _ = write!(s, "{{\"{key}\":");
    }
    s + inner + &"}".repeat(depth)
}
