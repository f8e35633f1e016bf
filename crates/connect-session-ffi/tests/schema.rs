//! `connect_session_create_json_schema` hands out the core's schema, byte for byte.

use std::ptr::null_mut;

use connect_session::*;

#[test]
fn the_c_schema_is_the_core_schema() {
    let (mut text, mut len) = (null_mut(), 0usize);
    // SAFETY: valid out-pointers.
    let status = unsafe { connect_session_create_json_schema(&mut text, &mut len) };
    assert_eq!(status, ConnectSessionStatus::CONNECT_SESSION_OK);
    // SAFETY: owned text of `len` bytes plus a NUL.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len + 1) };
    assert_eq!(bytes[len], 0);
    assert_eq!(
        &bytes[..len],
        connect_session_core::json_schema().as_bytes()
    );
    // SAFETY: owned by us, freed once.
    unsafe { connect_session_string_free(text) };
}
