//! `connect_session_create_get_categories`: the whole list in one call, with
//! the buffer contract of the last-error readers.

use std::ptr::{null, null_mut};

use connect_session::*;
use ConnectSessionCategory::*;
use ConnectSessionStatus::*;

fn request(json: &str) -> *mut ConnectSessionCreate {
    let mut h = null_mut();
    // SAFETY: `json` is live for the call and `h` a valid out-pointer.
    let status = unsafe { connect_session_create_from_json(json.as_ptr(), json.len(), &mut h) };
    assert_eq!(status, CONNECT_SESSION_OK);
    h
}

#[test]
fn size_query_then_exact_buffer() {
    let h = request(
        r#"{"origin_owner_id":"o","origin_owner_name":"n","categories":["crm","ats","crm"]}"#,
    );
    let mut len = 0usize;
    // SAFETY: a size query: NULL buffer of capacity 0, valid out_len.
    let status = unsafe { connect_session_create_get_categories(h, null_mut(), 0, &mut len) };
    assert_eq!((status, len), (CONNECT_SESSION_BUFFER_TOO_SMALL, 3));

    let mut buf = [CONNECT_SESSION_CATEGORY_STACKONE; 3];
    // SAFETY: `buf` holds 3 writable categories; the call is told 2.
    let status = unsafe { connect_session_create_get_categories(h, buf.as_mut_ptr(), 2, &mut len) };
    assert_eq!((status, len), (CONNECT_SESSION_BUFFER_TOO_SMALL, 3));
    assert_eq!(
        buf, [CONNECT_SESSION_CATEGORY_STACKONE; 3],
        "nothing written"
    );

    len = 0;
    // SAFETY: `buf` holds 3 writable categories.
    let status = unsafe { connect_session_create_get_categories(h, buf.as_mut_ptr(), 3, &mut len) };
    assert_eq!((status, len), (CONNECT_SESSION_OK, 3));
    assert_eq!(
        buf,
        [
            CONNECT_SESSION_CATEGORY_CRM,
            CONNECT_SESSION_CATEGORY_ATS,
            CONNECT_SESSION_CATEGORY_CRM
        ]
    );
    // SAFETY: made above, freed once.
    unsafe { connect_session_create_free(h) };
}

#[test]
fn unset_and_empty_lists_have_no_items() {
    for json in [
        r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#,
        r#"{"origin_owner_id":"o","origin_owner_name":"n","categories":[]}"#,
    ] {
        let h = request(json);
        let mut len = 7usize;
        // SAFETY: a size query with a valid out_len.
        let status = unsafe { connect_session_create_get_categories(h, null_mut(), 0, &mut len) };
        assert_eq!((status, len), (CONNECT_SESSION_OK, 0), "{json}");
        // SAFETY: made above, freed once.
        unsafe { connect_session_create_free(h) };
    }
}

#[test]
fn nulls_are_refused() {
    let h = request(r#"{"origin_owner_id":"o","origin_owner_name":"n","categories":["crm"]}"#);
    let mut len = 0usize;
    let mut buf = [CONNECT_SESSION_CATEGORY_ATS; 1];
    // SAFETY: each call passes one NULL where a pointer is required; the
    // others are valid.
    unsafe {
        assert_eq!(
            connect_session_create_get_categories(null(), buf.as_mut_ptr(), 1, &mut len),
            CONNECT_SESSION_NULL_ARGUMENT
        );
        assert_eq!(
            connect_session_create_get_categories(h, null_mut(), 1, &mut len),
            CONNECT_SESSION_NULL_ARGUMENT
        );
        assert_eq!(
            connect_session_create_get_categories(h, buf.as_mut_ptr(), 1, null_mut()),
            CONNECT_SESSION_NULL_ARGUMENT
        );
        connect_session_create_free(h);
    }
}
