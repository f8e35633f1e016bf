//! Calls the exported functions directly, as C would: NULLs, bad UTF-8,
//! undersized buffers, the last-error slot, and (with the `test-panic`
//! feature, which this package's tests always enable) panics caught at the
//! boundary.

use std::ffi::{c_char, CStr};
use std::ptr::{self, null, null_mut};

use connect_session::test_panic::panic_on_next_call;
use connect_session::*;
use ConnectSessionStatus::*;

/// The text of the last error, read the way the header tells C to.
fn last_error(
    reader: unsafe extern "C" fn(*mut c_char, usize, *mut usize) -> ConnectSessionStatus,
) -> String {
    let mut need = 0usize;
    // SAFETY: a size query: NULL buffer with capacity 0, and a valid out_len.
    let status = unsafe { reader(null_mut(), 0, &mut need) };
    assert!(matches!(
        status,
        CONNECT_SESSION_OK | CONNECT_SESSION_BUFFER_TOO_SMALL
    ));
    let mut buf = vec![0u8; need];
    let mut len = 0usize;
    // SAFETY: `buf` holds `need` writable bytes.
    let status = unsafe { reader(buf.as_mut_ptr().cast(), buf.len(), &mut len) };
    assert_eq!(status, CONNECT_SESSION_OK);
    assert_eq!(len, need);
    String::from_utf8(buf).expect("the last error is UTF-8")
}

fn last_message() -> String {
    last_error(connect_session_last_error_message)
}

fn last_json() -> String {
    last_error(connect_session_last_error_json)
}

fn from_json(json: &[u8]) -> (ConnectSessionStatus, *mut ConnectSessionCreate) {
    let mut out = null_mut();
    // SAFETY: `json` is a live slice and `out` a valid out-pointer.
    let status = unsafe { connect_session_create_from_json(json.as_ptr(), json.len(), &mut out) };
    (status, out)
}

fn new_request() -> *mut ConnectSessionCreate {
    let (status, h) = from_json(br#"{"origin_owner_id":"o","origin_owner_name":"n"}"#);
    assert_eq!(status, CONNECT_SESSION_OK);
    h
}

fn free(h: *mut ConnectSessionCreate) {
    // SAFETY: `h` came from this library and is freed once.
    unsafe { connect_session_create_free(h) };
}

fn to_json(h: *const ConnectSessionCreate) -> String {
    let mut ptr = null_mut();
    let mut len = 0;
    // SAFETY: `h` is live; the out-pointers are valid.
    let status = unsafe { connect_session_create_to_json(h, &mut ptr, &mut len) };
    assert_eq!(status, CONNECT_SESSION_OK);
    // SAFETY: the library returned `len` bytes of text plus a NUL at `ptr`.
    let text = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) };
    assert_eq!(text[len], 0, "owned text is NUL-terminated");
    let out = String::from_utf8(text[..len].to_vec()).expect("UTF-8");
    // SAFETY: owned by us, freed once.
    unsafe { connect_session_string_free(ptr) };
    out
}

#[test]
fn validation_errors_are_the_core_errors() {
    let doc = br#"{"origin_owner_name":"Acme","categories":["hirs"],"expires_in":0}"#;
    let core = connect_session_core::ConnectSessionCreate::from_json(doc).unwrap_err();
    let (status, h) = from_json(doc);
    assert_eq!(status, CONNECT_SESSION_INVALID_VALUE);
    assert!(h.is_null(), "out_request is not written on failure");
    assert_eq!(last_json(), core.to_json());
    assert_eq!(last_message(), core.to_string());
}

#[test]
fn nulls_are_named_and_reported_as_json() {
    let mut out = null_mut();
    // SAFETY: NULL json with a length is refused before any read.
    let status = unsafe { connect_session_create_from_json(null(), 4, &mut out) };
    assert_eq!(status, CONNECT_SESSION_NULL_ARGUMENT);
    assert_eq!(last_message(), "json is NULL");
    assert_eq!(
        last_json(),
        r#"[{"type":"null_argument","loc":[],"msg":"json is NULL"}]"#
    );

    let h = new_request();
    // SAFETY: NULL out-pointers are refused before any write.
    let status = unsafe { connect_session_create_to_json(h, null_mut(), &mut 0) };
    assert_eq!(status, CONNECT_SESSION_NULL_ARGUMENT);
    assert_eq!(last_message(), "out_json is NULL");
    // SAFETY: as above.
    let status =
        unsafe { connect_session_create_get_provider(null(), &mut false, &mut null(), &mut 0) };
    assert_eq!(status, CONNECT_SESSION_NULL_ARGUMENT);
    assert_eq!(last_message(), "request is NULL");
    free(h);
}

#[test]
fn bad_utf8_in_text_is_refused_but_json_goes_to_the_parser() {
    let h = new_request();
    let bad = [b'x', 0xC3];
    // SAFETY: `h` is live and `bad` a live slice.
    let status = unsafe { connect_session_create_set_provider(h, bad.as_ptr(), bad.len()) };
    assert_eq!(status, CONNECT_SESSION_INVALID_UTF8);
    assert!(last_message().starts_with("value is not valid UTF-8"));
    // SAFETY: as above.
    let status = unsafe { connect_session_create_set_metadata(h, bad.as_ptr(), bad.len()) };
    assert_eq!(status, CONNECT_SESSION_SYNTAX);
    assert_eq!(
        to_json(h),
        r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#
    );
    free(h);
}

#[test]
fn interior_nul_survives_a_round_trip() {
    let h = new_request();
    let value = b"a\0b";
    // SAFETY: `h` is live and `value` a live slice.
    let status =
        unsafe { connect_session_create_set_origin_username(h, value.as_ptr(), value.len()) };
    assert_eq!(status, CONNECT_SESSION_OK);
    let json = to_json(h);
    assert_eq!(
        json,
        r#"{"origin_owner_id":"o","origin_owner_name":"n","origin_username":"a\u0000b"}"#
    );
    let (status, back) = from_json(json.as_bytes());
    assert_eq!(status, CONNECT_SESSION_OK);
    let (mut set, mut ptr, mut len) = (false, null(), 0);
    // SAFETY: `back` is live; the out-pointers are valid.
    let status =
        unsafe { connect_session_create_get_origin_username(back, &mut set, &mut ptr, &mut len) };
    assert_eq!(status, CONNECT_SESSION_OK);
    assert!(set);
    // SAFETY: a view of `len` bytes borrowed from `back`, which is unchanged.
    let view = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    assert_eq!(view, value);
    free(back);
    free(h);
}

#[test]
fn undersized_buffers_write_nothing_and_report_the_size() {
    let (status, _) = from_json(b"[");
    assert_eq!(status, CONNECT_SESSION_SYNTAX);
    let full = last_message();
    let mut buf = vec![b'#'; full.len()];
    let mut len = 0;
    // SAFETY: `buf` holds `full.len() - 1` writable bytes at least.
    let status = unsafe {
        connect_session_last_error_message(buf.as_mut_ptr().cast(), full.len() - 1, &mut len)
    };
    assert_eq!(status, CONNECT_SESSION_BUFFER_TOO_SMALL);
    assert_eq!(len, full.len());
    assert!(buf.iter().all(|b| *b == b'#'));
    // The failed read did not replace the error.
    assert_eq!(last_message(), full);
    // SAFETY: a non-NULL `buf` is required once `cap` is not 0.
    let status = unsafe { connect_session_last_error_json(null_mut(), 1, &mut len) };
    assert_eq!(status, CONNECT_SESSION_NULL_ARGUMENT);
    assert_eq!(last_message(), full);
}

#[test]
fn the_last_error_belongs_to_its_thread() {
    let (status, _) = from_json(b"{");
    assert_eq!(status, CONNECT_SESSION_SYNTAX);
    let here = last_message();
    let there = std::thread::spawn(|| {
        let before = last_message();
        let h = new_request();
        free(h);
        (before, last_message())
    })
    .join()
    .expect("the thread ran");
    assert_eq!(there, (String::new(), String::new()));
    assert_eq!(last_message(), here);
}

#[test]
fn out_of_range_enumerators_and_indexes() {
    let h = new_request();
    // SAFETY: `h` is live.
    let status = unsafe { connect_session_create_add_category(h, 14) };
    assert_eq!(status, CONNECT_SESSION_INVALID_ARGUMENT);
    let list = [0u32, 99];
    // SAFETY: `h` is live and `list` a live slice.
    let status = unsafe { connect_session_create_set_categories(h, list.as_ptr(), list.len()) };
    assert_eq!(status, CONNECT_SESSION_INVALID_ARGUMENT);
    let mut c = ConnectSessionCategory::CONNECT_SESSION_CATEGORY_CRM;
    // SAFETY: `h` is live; `c` is a valid out-pointer.
    let status = unsafe { connect_session_create_get_category(h, 0, &mut c) };
    assert_eq!(status, CONNECT_SESSION_INDEX_OUT_OF_RANGE);
    assert_eq!(c, ConnectSessionCategory::CONNECT_SESSION_CATEGORY_CRM);
    assert_eq!(
        to_json(h),
        r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#
    );
    free(h);
}

#[test]
fn version_and_status_names() {
    // SAFETY: static NUL-terminated text.
    let version = unsafe { CStr::from_ptr(connect_session_version()) };
    assert_eq!(version.to_str(), Ok(connect_session_core::VERSION));
    for status in ConnectSessionStatus::ALL {
        // SAFETY: static NUL-terminated text.
        let name = unsafe { CStr::from_ptr(connect_session_status_name(status as i32)) };
        assert_eq!(name.to_str(), Ok(status.as_str()));
    }
    // SAFETY: static NUL-terminated text.
    let unknown = unsafe { CStr::from_ptr(connect_session_status_name(42)) };
    assert_eq!(unknown.to_str(), Ok("unknown"));
}

/// Keeps the forced panics out of the test output; any other panic is
/// reported as usual.
fn quiet_forced_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let forced = info
                .payload()
                .downcast_ref::<&str>()
                .is_some_and(|m| m.contains("forced by the test-panic feature"));
            if !forced {
                default(info);
            }
        }));
    });
}

/// Arms the panic, runs `call`, and checks that the panic became
/// `CONNECT_SESSION_INTERNAL` with a message, and no out-parameter was written.
fn assert_panic_is_internal(name: &str, call: impl FnOnce() -> ConnectSessionStatus) {
    quiet_forced_panics();
    panic_on_next_call();
    let status = call();
    assert_eq!(status, CONNECT_SESSION_INTERNAL, "{name}");
    let message = last_message();
    assert!(
        message.contains("panic") && message.contains("forced by the test-panic feature"),
        "{name}: {message}"
    );
    assert!(
        last_json().starts_with(r#"[{"type":"internal","loc":[],"msg":"#),
        "{name}"
    );
}

#[test]
fn every_status_function_turns_a_panic_into_internal() {
    let h = new_request();
    let other = new_request();
    let (mut out_h, mut out_s, mut out_p) = (null_mut(), null_mut(), null());
    let (mut n, mut b, mut f) = (0usize, false, 0f64);
    let mut cat = ConnectSessionCategory::CONNECT_SESSION_CATEGORY_ATS;
    let mut kind = ConnectSessionType::CONNECT_SESSION_TYPE_OTHER;
    let mut b2 = false;
    let text = b"x";
    let (t, tl) = (text.as_ptr(), text.len());
    let json = b"{}";
    let (j, jl) = (json.as_ptr(), json.len());
    let list = [0u32];

    // SAFETY: every call below panics on entry to the guard,
    // before any argument is used; the arguments are valid anyway.
    unsafe {
        assert_panic_is_internal("new", || {
            connect_session_create_new(t, tl, t, tl, &mut out_h)
        });
        assert_panic_is_internal("from_json", || {
            connect_session_create_from_json(j, jl, &mut out_h)
        });
        assert_panic_is_internal("from_json_strict", || {
            connect_session_create_from_json_strict(j, jl, &mut out_h)
        });
        assert_panic_is_internal("to_json", || {
            connect_session_create_to_json(h, &mut out_s, &mut n)
        });
        assert_panic_is_internal("to_json_pretty", || {
            connect_session_create_to_json_pretty(h, &mut out_s, &mut n)
        });
        assert_panic_is_internal("clone", || connect_session_create_clone(h, &mut out_h));
        assert_panic_is_internal("equals", || connect_session_create_equals(h, other, &mut b));
        assert_panic_is_internal("get_categories_count", || {
            connect_session_create_get_categories_count(h, &mut b, &mut n)
        });
        assert_panic_is_internal("get_category", || {
            connect_session_create_get_category(h, 0, &mut cat)
        });
        assert_panic_is_internal("set_categories", || {
            connect_session_create_set_categories(h, list.as_ptr(), 1)
        });
        assert_panic_is_internal("add_category", || connect_session_create_add_category(h, 0));
        assert_panic_is_internal("clear_categories", || {
            connect_session_create_clear_categories(h)
        });
        assert_panic_is_internal("get_expires_in", || {
            connect_session_create_get_expires_in(h, &mut b, &mut f)
        });
        assert_panic_is_internal("get_effective_expires_in", || {
            connect_session_create_get_effective_expires_in(h, &mut f)
        });
        assert_panic_is_internal("set_expires_in", || {
            connect_session_create_set_expires_in(h, 1.0)
        });
        assert_panic_is_internal("clear_expires_in", || {
            connect_session_create_clear_expires_in(h)
        });
        assert_panic_is_internal("get_metadata", || {
            connect_session_create_get_metadata(h, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_metadata", || {
            connect_session_create_set_metadata(h, j, jl)
        });
        assert_panic_is_internal("clear_metadata", || {
            connect_session_create_clear_metadata(h)
        });
        assert_panic_is_internal("get_origin_owner_id", || {
            connect_session_create_get_origin_owner_id(h, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_origin_owner_id", || {
            connect_session_create_set_origin_owner_id(h, t, tl)
        });
        assert_panic_is_internal("get_origin_owner_name", || {
            connect_session_create_get_origin_owner_name(h, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_origin_owner_name", || {
            connect_session_create_set_origin_owner_name(h, t, tl)
        });
        assert_panic_is_internal("get_origin_username", || {
            connect_session_create_get_origin_username(h, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_origin_username", || {
            connect_session_create_set_origin_username(h, t, tl)
        });
        assert_panic_is_internal("clear_origin_username", || {
            connect_session_create_clear_origin_username(h)
        });
        assert_panic_is_internal("get_provider", || {
            connect_session_create_get_provider(h, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_provider", || {
            connect_session_create_set_provider(h, t, tl)
        });
        assert_panic_is_internal("clear_provider", || {
            connect_session_create_clear_provider(h)
        });
        // Contract v2: a generated text field, multiple, type, the schema,
        // and the bulk category read.
        assert_panic_is_internal("get_label", || {
            connect_session_create_get_label(h, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_label", || connect_session_create_set_label(h, t, tl));
        assert_panic_is_internal("clear_label", || connect_session_create_clear_label(h));
        assert_panic_is_internal("get_multiple", || {
            connect_session_create_get_multiple(h, &mut b, &mut b2)
        });
        assert_panic_is_internal("set_multiple", || {
            connect_session_create_set_multiple(h, true)
        });
        assert_panic_is_internal("clear_multiple", || {
            connect_session_create_clear_multiple(h)
        });
        assert_panic_is_internal("get_type", || {
            connect_session_create_get_type(h, &mut b, &mut kind)
        });
        assert_panic_is_internal("get_type_text", || {
            connect_session_create_get_type_text(h, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_type", || connect_session_create_set_type(h, t, tl));
        assert_panic_is_internal("clear_type", || connect_session_create_clear_type(h));
        assert_panic_is_internal("json_schema", || {
            connect_session_create_json_schema(&mut out_s, &mut n)
        });
        assert_panic_is_internal("get_categories", || {
            connect_session_create_get_categories(h, &mut cat, 1, &mut n)
        });
        assert_panic_is_internal("set_field_json", || {
            connect_session_create_set_field_json(h, t, tl, j, jl)
        });
        assert_panic_is_internal("get_extra_count", || {
            connect_session_create_get_extra_count(h, &mut n)
        });
        assert_panic_is_internal("get_extra_at", || {
            connect_session_create_get_extra_at(h, 0, &mut out_p, &mut n, &mut null(), &mut 0)
        });
        assert_panic_is_internal("get_extra", || {
            connect_session_create_get_extra(h, t, tl, &mut b, &mut out_p, &mut n)
        });
        assert_panic_is_internal("set_extra", || {
            connect_session_create_set_extra(h, t, tl, j, jl)
        });
        assert_panic_is_internal("remove_extra", || {
            connect_session_create_remove_extra(h, t, tl, &mut b)
        });
        assert_panic_is_internal("clear_extra", || connect_session_create_clear_extra(h));
        assert_panic_is_internal("category_name", || {
            connect_session_category_name(0, &mut out_p, &mut n)
        });
        assert_panic_is_internal("category_from_name", || {
            connect_session_category_from_name(t, tl, &mut cat)
        });
    }
    // Nothing was written or changed by the calls that panicked.
    assert!(out_h.is_null() && out_s.is_null() && out_p.is_null());
    assert_eq!(
        to_json(h),
        r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#
    );

    // The readers report a panic as INTERNAL and keep the stored error.
    let (status, _) = from_json(b"{");
    assert_eq!(status, CONNECT_SESSION_SYNTAX);
    let kept = last_message();
    panic_on_next_call();
    // SAFETY: a size query.
    let status = unsafe { connect_session_last_error_message(null_mut(), 0, &mut n) };
    assert_eq!(status, CONNECT_SESSION_INTERNAL);
    assert_eq!(last_message(), kept);

    // Functions without a status return their neutral value.
    panic_on_next_call();
    assert!(connect_session_version().is_null());
    panic_on_next_call();
    assert!(connect_session_status_name(0).is_null());
    panic_on_next_call();
    // SAFETY: the panic comes before `h` is freed, so it stays live.
    unsafe { connect_session_create_free(h) };
    panic_on_next_call();
    // SAFETY: NULL is allowed.
    unsafe { connect_session_string_free(ptr::null_mut()) };
    // None of them touched the last error.
    assert_eq!(last_message(), kept);
    assert_eq!(
        to_json(h),
        r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#
    );

    free(other);
    free(h);
}

#[test]
fn misaligned_pointers_are_refused() {
    let h = new_request();
    let mut words = [0usize; 3];
    let odd = words
        .as_mut_ptr()
        .cast::<u8>()
        .wrapping_add(1)
        .cast::<usize>();
    // SAFETY: the misaligned out-pointer is refused before any write.
    let status = unsafe { connect_session_create_get_extra_count(h, odd) };
    assert_eq!(status, CONNECT_SESSION_INVALID_ARGUMENT);
    assert_eq!(
        last_message(),
        format!(
            "out_count is not aligned to {} bytes",
            std::mem::align_of::<usize>()
        )
    );
    let list = [0u32; 2];
    let odd_list = list.as_ptr().cast::<u8>().wrapping_add(1).cast::<u32>();
    // SAFETY: the misaligned list is refused before any read.
    let status = unsafe { connect_session_create_set_categories(h, odd_list, 1) };
    assert_eq!(status, CONNECT_SESSION_INVALID_ARGUMENT);
    let odd_handle = h
        .cast::<u8>()
        .wrapping_add(1)
        .cast::<ConnectSessionCreate>();
    // SAFETY: the misaligned handle is refused before it is read.
    let status = unsafe { connect_session_create_clear_extra(odd_handle) };
    assert_eq!(status, CONNECT_SESSION_INVALID_ARGUMENT);
    assert_eq!(words, [0; 3]);
    free(h);
}
