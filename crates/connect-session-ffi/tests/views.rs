//! Borrowed views are NUL-terminated (a C caller's `printf("%s")` stops at
//! their end), stable while the handle is unchanged, and safe to take from
//! several threads at once.

use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};

use connect_session::*;
use ConnectSessionStatus::*;

/// A `*const ConnectSessionCreate` that may cross threads (the header allows
/// concurrent read-only calls on one handle).
#[derive(Clone, Copy)]
struct Shared(*const ConnectSessionCreate);
// SAFETY: only read-only functions are called through it while it is shared.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

impl Shared {
    /// Through a method, so that closures capture the whole `Shared`.
    fn ptr(self) -> *const ConnectSessionCreate {
        self.0
    }
}

fn request(json: &str) -> *mut ConnectSessionCreate {
    let mut h = null_mut();
    // SAFETY: `json` is live for the call and `h` a valid out-pointer.
    let status = unsafe { connect_session_create_from_json(json.as_ptr(), json.len(), &mut h) };
    assert_eq!(status, CONNECT_SESSION_OK);
    h
}

/// The view's bytes, checking that a NUL follows them.
fn c_view(ptr: *const c_char, len: usize) -> Vec<u8> {
    assert!(!ptr.is_null());
    // SAFETY: a view holds `len` bytes and, as checked here, a NUL after them.
    let with_nul = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) };
    assert_eq!(with_nul[len], 0, "a view ends with a NUL");
    with_nul[..len].to_vec()
}

const DOC: &str = r#"{"origin_owner_id":"o\u0000x","origin_owner_name":"n","provider":"hibob","metadata":{"a": 1.50},"extra":[1, 2]}"#;

#[test]
fn every_view_is_nul_terminated() {
    let h = request(DOC);
    let (mut ptr, mut len, mut set): (*const c_char, usize, bool) = (null(), 0, false);
    // SAFETY: `h` is live; every out-pointer is valid.
    unsafe {
        assert_eq!(
            connect_session_create_get_origin_owner_id(h, &mut ptr, &mut len),
            CONNECT_SESSION_OK
        );
        assert_eq!(c_view(ptr, len), b"o\0x");
        assert_eq!(
            connect_session_create_get_provider(h, &mut set, &mut ptr, &mut len),
            CONNECT_SESSION_OK
        );
        assert_eq!(CStr::from_ptr(ptr).to_bytes(), b"hibob");
        let first = ptr;
        assert_eq!(
            connect_session_create_get_metadata(h, &mut set, &mut ptr, &mut len),
            CONNECT_SESSION_OK
        );
        assert_eq!(c_view(ptr, len), br#"{"a":1.50}"#);
        let (mut key, mut key_len) = (null(), 0);
        assert_eq!(
            connect_session_create_get_extra_at(h, 0, &mut key, &mut key_len, &mut ptr, &mut len),
            CONNECT_SESSION_OK
        );
        assert_eq!(
            (c_view(key, key_len), c_view(ptr, len)),
            (b"extra".to_vec(), b"[1,2]".to_vec())
        );
        // The same view again, and the earlier one still readable.
        assert_eq!(
            connect_session_create_get_provider(h, &mut set, &mut ptr, &mut len),
            CONNECT_SESSION_OK
        );
        assert_eq!(ptr, first);
        assert_eq!(CStr::from_ptr(first).to_bytes(), b"hibob");
        connect_session_create_free(h);
    }
}

#[test]
fn views_from_many_threads() {
    let h = Shared(request(DOC));
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(move || {
                for _ in 0..200 {
                    let (mut ptr, mut len, mut set): (*const c_char, usize, bool) =
                        (null(), 0, false);
                    // SAFETY: the handle outlives the scope; only read-only calls share it.
                    let status = unsafe {
                        connect_session_create_get_provider(h.ptr(), &mut set, &mut ptr, &mut len)
                    };
                    assert_eq!(status, CONNECT_SESSION_OK);
                    assert_eq!(c_view(ptr, len), b"hibob");
                }
            });
        }
    });
    // SAFETY: made above; no thread uses it any more.
    unsafe { connect_session_create_free(h.ptr().cast_mut()) };
}
