//! Random sequences of C ABI calls, decoded from arbitrary bytes, each checked
//! against a shadow value kept with the Rust core: every status, every
//! getter's bytes, every error message and error list must be what the core
//! says, and every handle and string is freed (leaks are caught by
//! LeakSanitizer under the fuzzer and by valgrind in the replay).
//!
//! Shared by the `ffi_calls` fuzz target and the stable replay test
//! `crates/connect-session-ffi/tests/fuzz_ffi_corpus.rs`. The including crate
//! root provides two names: `c_api` (the C ABI crate) and `core_model` (the
//! core crate).

use std::ffi::{c_char, c_int, CStr};
use std::ptr::{null, null_mut};

use super::c_api as c;
use super::core_model as model;

use c::{ConnectSessionCreate as Handle, ConnectSessionStatus as Status};
use model::{Category, ConnectSessionCreate as Model, Metadata, ParseMode, ValidationError};

/// Handles live at once; an op on an empty slot passes NULL.
const SLOTS: usize = 4;
/// Ops per input, so one input cannot run for long.
const MAX_OPS: usize = 64;

/// Reads the fuzzer's bytes as a stream of small decisions; past the end
/// every read is 0, so any input decodes.
struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    fn raw(&mut self) -> &'a [u8] {
        let len = usize::from(self.byte() % 48).min(self.data.len());
        let (taken, rest) = self.data.split_at(len);
        self.data = rest;
        taken
    }

    fn u32(&mut self) -> u32 {
        match self.byte() % 8 {
            0..=5 => u32::from(self.byte() % 7),
            6 => u32::MAX - u32::from(self.byte()),
            _ => u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()]),
        }
    }

    fn f64(&mut self) -> f64 {
        const SPECIAL: [f64; 12] = [
            1800.0,
            0.5,
            1e-7,
            1e21,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            0.0,
            -0.0,
            -1.0,
            f64::INFINITY,
            f64::NAN,
        ];
        match self.byte() % 4 {
            0 => f64::from_bits(u64::from_le_bytes(std::array::from_fn(|_| self.byte()))),
            _ => SPECIAL[usize::from(self.byte()) % SPECIAL.len()],
        }
    }

    /// Text for a string parameter: plain words, texts with NULs and
    /// escapes, or raw bytes that may be invalid UTF-8.
    fn text(&mut self) -> Vec<u8> {
        const WORDS: [&str; 8] = [
            "owner-1",
            "Acme",
            "",
            "a\u{0}b",
            "caf\u{e9} \u{1F600}",
            "\"quoted\\\"",
            "provider",
            "x",
        ];
        match self.byte() % 4 {
            0 => self.raw().to_vec(),
            _ => WORDS[usize::from(self.byte()) % WORDS.len()]
                .as_bytes()
                .to_vec(),
        }
    }

    /// JSON text for a document or a value: a sample, a sample with a splice
    /// of raw bytes, or raw bytes.
    fn json(&mut self) -> Vec<u8> {
        const SAMPLES: [&str; 16] = [
            r#"{"origin_owner_id":"o","origin_owner_name":"n"}"#,
            r#"{"categories":["ats","hrisLegacy"],"expires_in":1800,"metadata":{"a":1.50,"b":[1E2]},"origin_owner_id":"o","origin_owner_name":"n","x":null}"#,
            r#"{"origin_owner_id":"o","origin_owner_name":"n","beta":{"on":true},"origin_username":"u","provider":"p"}"#,
            r#"{"origin_owner_id":null,"categories":["hirs",3],"expires_in":-1}"#,
            r#"{"a":{"b":[1,2,{"c":"\u0000"}]},"n":12345678901234567890123}"#,
            r#"{"a":1,"a":2}"#,
            r#"["ats","stackOne","crm"]"#,
            r#""text with \"escapes\" \ud83d\ude00""#,
            "null",
            "1800",
            "1e400",
            "-0",
            "true",
            "{}",
            "[]",
            r#"{"d":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        ];
        match self.byte() % 4 {
            0 => self.raw().to_vec(),
            1 => {
                let mut sample = SAMPLES[usize::from(self.byte()) % SAMPLES.len()]
                    .as_bytes()
                    .to_vec();
                let at = usize::from(self.byte()) % (sample.len() + 1);
                let cut = usize::from(self.byte() % 4).min(sample.len() - at);
                let splice = self.raw();
                sample.splice(at..at + cut, splice.iter().copied());
                sample
            }
            _ => SAMPLES[usize::from(self.byte()) % SAMPLES.len()]
                .as_bytes()
                .to_vec(),
        }
    }

    fn field_name(&mut self) -> Vec<u8> {
        match self.byte() % 8 {
            0 => self.text(),
            n => {
                let fields: Vec<_> = Model::fields().collect();
                fields[usize::from(n - 1) % fields.len()]
                    .name()
                    .as_bytes()
                    .to_vec()
            }
        }
    }
}

/// What a call should return: success, a status of the C API's own, or the
/// core's validation error.
enum Expect {
    Ok,
    Misuse(&'static str),
    Invalid(ValidationError),
}

impl From<Result<(), ValidationError>> for Expect {
    fn from(result: Result<(), ValidationError>) -> Self {
        match result {
            Ok(()) => Expect::Ok,
            Err(err) => Expect::Invalid(err),
        }
    }
}

/// The snake_case name of a status.
fn status_name(status: Status) -> String {
    let ptr = c::connect_session_status_name(status as c_int);
    if ptr.is_null() {
        return "<null>".into();
    }
    // SAFETY: a non-NULL result is static NUL-terminated text.
    unsafe { CStr::from_ptr(ptr) }
        .to_string_lossy()
        .into_owned()
}

/// This thread's last error, as message or JSON, read by asking for the size first.
fn last_error(json: bool) -> Result<String, String> {
    let read = |buf: *mut c_char, cap: usize, len: &mut usize| {
        // SAFETY: `buf` is NULL with `cap` 0 or valid for `cap` bytes; `len` is valid.
        unsafe {
            if json {
                c::connect_session_last_error_json(buf, cap, len)
            } else {
                c::connect_session_last_error_message(buf, cap, len)
            }
        }
    };
    let mut len = usize::MAX;
    let first = read(null_mut(), 0, &mut len);
    let expected_first = if len == 0 { "ok" } else { "buffer_too_small" };
    if status_name(first) != expected_first {
        return Err(format!(
            "size query returned {} for length {len}",
            status_name(first)
        ));
    }
    let mut buf = vec![0xAAu8; len + 1];
    let mut len2 = usize::MAX;
    let second = read(buf.as_mut_ptr().cast(), buf.len(), &mut len2);
    if status_name(second) != "ok" || len2 != len || buf[len] != 0 {
        return Err(format!(
            "read with room returned {} and length {len2} (asked {len})",
            status_name(second)
        ));
    }
    buf.truncate(len);
    String::from_utf8(buf).map_err(|e| format!("last error is not UTF-8: {e}"))
}

/// Compares a call's status and the last error it left with what the core says.
fn check(what: &str, status: Status, expect: &Expect) -> Result<(), String> {
    let got = status_name(status);
    let message = last_error(false).map_err(|e| format!("{what}: {e}"))?;
    let json = last_error(true).map_err(|e| format!("{what}: {e}"))?;
    match expect {
        Expect::Ok => {
            if got != "ok" || !message.is_empty() || json != "[]" {
                return Err(format!(
                    "{what}: expected ok, got {got} ({message:?}, {json})"
                ));
            }
        }
        Expect::Misuse(name) => {
            if got != *name || message.trim().is_empty() {
                return Err(format!("{what}: expected {name}, got {got} ({message:?})"));
            }
            let entries: serde_json::Value = serde_json::from_str(&json)
                .map_err(|e| format!("{what}: error JSON {json:?}: {e}"))?;
            if entries[0]["type"] != *name {
                return Err(format!("{what}: error JSON {json} does not name {name}"));
            }
        }
        Expect::Invalid(err) => {
            let kind = err
                .errors()
                .first()
                .map(|e| e.kind().as_str())
                .unwrap_or("?");
            if got != kind {
                return Err(format!("{what}: expected {kind}, got {got} ({message:?})"));
            }
            if json != err.to_json() {
                return Err(format!(
                    "{what}: error JSON {json} is not the core's {}",
                    err.to_json()
                ));
            }
            if message != err.to_string() {
                return Err(format!(
                    "{what}: message {message:?} is not the core's {:?}",
                    err.to_string()
                ));
            }
        }
    }
    Ok(())
}

/// `bytes` as the core would take them from a text parameter.
fn utf8(bytes: &[u8]) -> Result<&str, Expect> {
    std::str::from_utf8(bytes).map_err(|_| Expect::Misuse("invalid_utf8"))
}

fn category_number(category: Category) -> u32 {
    c::ConnectSessionCategory::from_core(category).map_or(u32::MAX, |c| c as u32)
}

fn category_from_number(raw: u32) -> Option<Category> {
    Category::ALL
        .into_iter()
        .find(|c| category_number(*c) == raw)
}

/// A borrowed (pointer, length) view as bytes.
///
/// # Safety
///
/// `ptr` is NULL with `len` 0, or valid for `len` bytes.
unsafe fn view<'a>(ptr: *const c_char, len: usize) -> &'a [u8] {
    if ptr.is_null() {
        &[]
    } else {
        // SAFETY: per the contract above.
        unsafe { std::slice::from_raw_parts(ptr.cast(), len) }
    }
}

/// Takes an owned string from the library: checks its NUL, copies it, frees it.
///
/// # Safety
///
/// `ptr` came from a `*_to_json` call of this library with length `len`.
unsafe fn take_owned(ptr: *mut c_char, len: usize) -> Result<Vec<u8>, String> {
    if ptr.is_null() {
        return Err("an owned string is NULL".into());
    }
    // SAFETY: owned strings are `len` bytes followed by a NUL.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len + 1) }.to_vec();
    // SAFETY: freed once, with the library's own function.
    unsafe { c::connect_session_string_free(ptr) };
    if bytes[len] != 0 {
        return Err("an owned string is not NUL-terminated".into());
    }
    Ok(bytes[..len].to_vec())
}

/// One slot: a live handle and the value it should hold.
struct Live {
    handle: *mut Handle,
    shadow: Model,
}

struct Session {
    slots: [Option<Live>; SLOTS],
}

impl Drop for Session {
    fn drop(&mut self) {
        for live in self.slots.iter_mut().filter_map(Option::take) {
            // SAFETY: each live handle is freed exactly once, here or by a Free op.
            unsafe { c::connect_session_create_free(live.handle) };
        }
    }
}

impl Session {
    fn handle(&self, slot: usize) -> *mut Handle {
        self.slots[slot].as_ref().map_or(null_mut(), |l| l.handle)
    }

    /// Stores a new handle in `slot`, freeing the one it replaces.
    fn store(&mut self, slot: usize, handle: *mut Handle, shadow: Model) {
        if let Some(old) = self.slots[slot].replace(Live { handle, shadow }) {
            // SAFETY: the replaced handle is live and owned by this session.
            unsafe { c::connect_session_create_free(old.handle) };
        }
    }

    /// Applies a change to slot `slot`'s shadow if the core accepts it; with
    /// no handle in the slot the call must report a NULL argument.
    fn mutate(
        &mut self,
        slot: usize,
        what: &str,
        call: impl FnOnce(*mut Handle) -> Status,
        change: impl FnOnce(&mut Model) -> Expect,
    ) -> Result<(), String> {
        let handle = self.handle(slot);
        let status = call(handle);
        let expect = match self.slots[slot].as_mut() {
            None => Expect::Misuse("null_argument"),
            Some(live) => {
                let mut next = live.shadow.clone();
                let expect = change(&mut next);
                if matches!(expect, Expect::Ok) {
                    live.shadow = next;
                }
                expect
            }
        };
        check(what, status, &expect)?;
        self.verify(slot)
    }

    /// Reads everything back through the getters and compares it with the shadow.
    fn verify(&self, slot: usize) -> Result<(), String> {
        let Some(live) = &self.slots[slot] else {
            return Ok(());
        };
        let (h, m) = (live.handle.cast_const(), &live.shadow);
        let mut ptr: *const c_char = null();
        let mut len = 0usize;
        let mut is_set = false;
        // SAFETY: `h` is live; every out-pointer is a local.
        unsafe {
            for (name, getter, want) in [
                (
                    "origin_owner_id",
                    c::connect_session_create_get_origin_owner_id
                        as unsafe extern "C" fn(_, _, _) -> _,
                    m.origin_owner_id(),
                ),
                (
                    "origin_owner_name",
                    c::connect_session_create_get_origin_owner_name,
                    m.origin_owner_name(),
                ),
            ] {
                check(name, getter(h, &mut ptr, &mut len), &Expect::Ok)?;
                if view(ptr, len) != want.as_bytes() {
                    return Err(format!("{name} reads back different"));
                }
            }
            for (name, getter, want) in [
                (
                    "origin_username",
                    c::connect_session_create_get_origin_username
                        as unsafe extern "C" fn(_, _, _, _) -> _,
                    m.origin_username().map(str::to_owned),
                ),
                (
                    "provider",
                    c::connect_session_create_get_provider,
                    m.provider().map(str::to_owned),
                ),
                (
                    "metadata",
                    c::connect_session_create_get_metadata,
                    m.metadata().map(|md| md.as_json().to_owned()),
                ),
            ] {
                check(
                    name,
                    getter(h, &mut is_set, &mut ptr, &mut len),
                    &Expect::Ok,
                )?;
                let got = is_set.then(|| view(ptr, len).to_vec());
                if got.as_deref() != want.as_ref().map(|w| w.as_bytes()) {
                    return Err(format!("{name} reads back different"));
                }
            }
            let mut seconds = 0.0f64;
            let status = c::connect_session_create_get_expires_in(h, &mut is_set, &mut seconds);
            check("get_expires_in", status, &Expect::Ok)?;
            if is_set.then_some(seconds.to_bits()) != m.expires_in().map(f64::to_bits) {
                return Err("expires_in reads back different".into());
            }
            let status = c::connect_session_create_get_effective_expires_in(h, &mut seconds);
            check("get_effective_expires_in", status, &Expect::Ok)?;
            if seconds.to_bits() != m.effective_expires_in().to_bits() {
                return Err("effective expires_in differs".into());
            }
            let mut count = usize::MAX;
            let status = c::connect_session_create_get_categories_count(h, &mut is_set, &mut count);
            check("get_categories_count", status, &Expect::Ok)?;
            let want = m.categories();
            if is_set != want.is_some() || count != want.map_or(0, <[Category]>::len) {
                return Err("the categories count differs".into());
            }
            let mut category = c::ConnectSessionCategory::CONNECT_SESSION_CATEGORY_ATS;
            for (i, expected) in want.unwrap_or_default().iter().enumerate() {
                let status = c::connect_session_create_get_category(h, i, &mut category);
                check("get_category", status, &Expect::Ok)?;
                if category as u32 != category_number(*expected) {
                    return Err(format!("categories[{i}] reads back different"));
                }
            }
            let status = c::connect_session_create_get_category(h, count, &mut category);
            check(
                "get_category past the end",
                status,
                &Expect::Misuse("index_out_of_range"),
            )?;
            let status = c::connect_session_create_get_extra_count(h, &mut count);
            check("get_extra_count", status, &Expect::Ok)?;
            if count != m.extra().len() {
                return Err("the extra count differs".into());
            }
            let (mut kptr, mut klen) = (null(), 0usize);
            for (i, (key, json)) in m.extra().enumerate() {
                let status = c::connect_session_create_get_extra_at(
                    h, i, &mut kptr, &mut klen, &mut ptr, &mut len,
                );
                check("get_extra_at", status, &Expect::Ok)?;
                if view(kptr, klen) != key.as_bytes() || view(ptr, len) != json.as_bytes() {
                    return Err(format!("extra #{i} reads back different"));
                }
                let mut found = false;
                let status = c::connect_session_create_get_extra(
                    h,
                    key.as_ptr(),
                    key.len(),
                    &mut found,
                    &mut ptr,
                    &mut len,
                );
                check("get_extra", status, &Expect::Ok)?;
                if !found || view(ptr, len) != m.extra_value(key).unwrap_or_default().as_bytes() {
                    return Err(format!("extra {key:?} by key reads back different"));
                }
            }
            let status = c::connect_session_create_get_extra_at(
                h, count, &mut kptr, &mut klen, &mut ptr, &mut len,
            );
            check(
                "get_extra_at past the end",
                status,
                &Expect::Misuse("index_out_of_range"),
            )?;
            for (pretty, want) in [(false, m.to_json()), (true, m.to_json_pretty())] {
                let mut out: *mut c_char = null_mut();
                let status = if pretty {
                    c::connect_session_create_to_json_pretty(h, &mut out, &mut len)
                } else {
                    c::connect_session_create_to_json(h, &mut out, &mut len)
                };
                check("to_json", status, &Expect::Ok)?;
                if take_owned(out, len)? != want.as_bytes() {
                    return Err(format!(
                        "to_json (pretty: {pretty}) differs from the core's"
                    ));
                }
            }
        }
        Ok(())
    }

    fn step(&mut self, input: &mut Input<'_>) -> Result<(), String> {
        let op = input.byte() % 21;
        let slot = usize::from(input.byte()) % SLOTS;
        let mut out: *mut Handle = null_mut();
        match op {
            0 => {
                let (id, name) = (input.text(), input.text());
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    c::connect_session_create_new(
                        id.as_ptr(),
                        id.len(),
                        name.as_ptr(),
                        name.len(),
                        &mut out,
                    )
                };
                match (utf8(&id), utf8(&name)) {
                    (Ok(id), Ok(name)) => {
                        check("new", status, &Expect::Ok)?;
                        self.store(slot, out, Model::new(id, name));
                        self.verify(slot)?;
                    }
                    (Err(e), _) | (_, Err(e)) => check("new", status, &e)?,
                }
            }
            1 => {
                let json = input.json();
                let strict = input.byte() % 2 == 1;
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    if strict {
                        c::connect_session_create_from_json_strict(
                            json.as_ptr(),
                            json.len(),
                            &mut out,
                        )
                    } else {
                        c::connect_session_create_from_json(json.as_ptr(), json.len(), &mut out)
                    }
                };
                let mode = if strict {
                    ParseMode::Strict
                } else {
                    ParseMode::KeepExtra
                };
                match Model::from_json_with(&json, mode) {
                    Ok(shadow) => {
                        check("from_json", status, &Expect::Ok)?;
                        self.store(slot, out, shadow);
                        self.verify(slot)?;
                    }
                    Err(err) => {
                        check("from_json", status, &Expect::Invalid(err))?;
                        if !out.is_null() {
                            return Err("a failed from_json wrote its out-parameter".into());
                        }
                    }
                }
            }
            2 => {
                if let Some(live) = self.slots[slot].take() {
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    unsafe { c::connect_session_create_free(live.handle) };
                } else {
                    // Freeing NULL does nothing.
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    unsafe { c::connect_session_create_free(null_mut()) };
                }
            }
            3 => {
                let to = usize::from(input.byte()) % SLOTS;
                let status =
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    unsafe { c::connect_session_create_clone(self.handle(slot), &mut out) };
                match self.slots[slot].as_ref().map(|l| l.shadow.clone()) {
                    Some(shadow) => {
                        check("clone", status, &Expect::Ok)?;
                        self.store(to, out, shadow);
                        self.verify(to)?;
                        self.verify(slot)?;
                    }
                    None => check("clone", status, &Expect::Misuse("null_argument"))?,
                }
            }
            4 => self.verify(slot)?,
            5 => {
                let other = usize::from(input.byte()) % SLOTS;
                let mut equal = false;
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    c::connect_session_create_equals(
                        self.handle(slot),
                        self.handle(other),
                        &mut equal,
                    )
                };
                match (&self.slots[slot], &self.slots[other]) {
                    (Some(a), Some(b)) => {
                        check("equals", status, &Expect::Ok)?;
                        if equal != (a.shadow == b.shadow) {
                            return Err("equals disagrees with the core".into());
                        }
                    }
                    _ => check("equals", status, &Expect::Misuse("null_argument"))?,
                }
            }
            6 => {
                let which = input.byte() % 4;
                let value = input.text();
                let setter = [
                    c::connect_session_create_set_origin_owner_id
                        as unsafe extern "C" fn(*mut Handle, *const u8, usize) -> Status,
                    c::connect_session_create_set_origin_owner_name,
                    c::connect_session_create_set_origin_username,
                    c::connect_session_create_set_provider,
                ][usize::from(which)];
                self.mutate(
                    slot,
                    "set text",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe { setter(h, value.as_ptr(), value.len()) },
                    |m| match utf8(&value) {
                        Err(e) => e,
                        Ok(v) => {
                            match which {
                                0 => m.set_origin_owner_id(v),
                                1 => m.set_origin_owner_name(v),
                                2 => m.set_origin_username(Some(v.to_owned())),
                                _ => m.set_provider(Some(v.to_owned())),
                            }
                            Expect::Ok
                        }
                    },
                )?;
            }
            7 => {
                let which = input.byte() % 5;
                let clear = [
                    c::connect_session_create_clear_origin_username
                        as unsafe extern "C" fn(*mut Handle) -> Status,
                    c::connect_session_create_clear_provider,
                    c::connect_session_create_clear_expires_in,
                    c::connect_session_create_clear_metadata,
                    c::connect_session_create_clear_categories,
                ][usize::from(which)];
                self.mutate(
                    slot,
                    "clear",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe { clear(h) },
                    |m| {
                        let key = [
                            "origin_username",
                            "provider",
                            "expires_in",
                            "metadata",
                            "categories",
                        ][usize::from(which)];
                        let field = Model::field(key).expect("a field");
                        m.clear(field).into()
                    },
                )?;
            }
            8 => {
                let seconds = input.f64();
                self.mutate(
                    slot,
                    "set_expires_in",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe { c::connect_session_create_set_expires_in(h, seconds) },
                    |m| m.set_expires_in(Some(seconds)).into(),
                )?;
            }
            9 => {
                let raw: Vec<u32> = (0..input.byte() % 9).map(|_| input.u32()).collect();
                self.mutate(
                    slot,
                    "set_categories",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe {
                        c::connect_session_create_set_categories(h, raw.as_ptr(), raw.len())
                    },
                    |m| match raw
                        .iter()
                        .map(|r| category_from_number(*r))
                        .collect::<Option<Vec<_>>>()
                    {
                        Some(list) => {
                            m.set_categories(Some(list));
                            Expect::Ok
                        }
                        None => Expect::Misuse("invalid_argument"),
                    },
                )?;
            }
            10 => {
                let raw = input.u32();
                self.mutate(
                    slot,
                    "add_category",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe { c::connect_session_create_add_category(h, raw) },
                    |m| match category_from_number(raw) {
                        Some(category) => {
                            let mut list = m.categories().unwrap_or_default().to_vec();
                            list.push(category);
                            m.set_categories(Some(list));
                            Expect::Ok
                        }
                        None => Expect::Misuse("invalid_argument"),
                    },
                )?;
            }
            11 => {
                let json = input.json();
                self.mutate(
                    slot,
                    "set_metadata",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe {
                        c::connect_session_create_set_metadata(h, json.as_ptr(), json.len())
                    },
                    |m| match Metadata::from_json(&json) {
                        Ok(md) => {
                            m.set_metadata(Some(md));
                            Expect::Ok
                        }
                        Err(err) => Expect::Invalid(err),
                    },
                )?;
            }
            12 => {
                let (field, json) = (input.field_name(), input.json());
                self.mutate(
                    slot,
                    "set_field_json",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe {
                        c::connect_session_create_set_field_json(
                            h,
                            field.as_ptr(),
                            field.len(),
                            json.as_ptr(),
                            json.len(),
                        )
                    },
                    |m| match utf8(&field).map(Model::field) {
                        Err(e) => e,
                        Ok(None) => Expect::Misuse("invalid_argument"),
                        Ok(Some(f)) => m.set_json(f, &json).into(),
                    },
                )?;
            }
            13 => {
                let (key, json) = (input.text(), input.json());
                self.mutate(
                    slot,
                    "set_extra",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe {
                        c::connect_session_create_set_extra(
                            h,
                            key.as_ptr(),
                            key.len(),
                            json.as_ptr(),
                            json.len(),
                        )
                    },
                    |m| match utf8(&key) {
                        Err(e) => e,
                        Ok(k) => m.insert_extra(k, &json).into(),
                    },
                )?;
            }
            14 => {
                let key = input.text();
                let mut removed = false;
                let mut was_held = None;
                self.mutate(
                    slot,
                    "remove_extra",
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    |h| unsafe {
                        c::connect_session_create_remove_extra(
                            h,
                            key.as_ptr(),
                            key.len(),
                            &mut removed,
                        )
                    },
                    |m| match utf8(&key) {
                        Err(e) => e,
                        Ok(k) => {
                            was_held = Some(m.remove_extra(k).is_some());
                            Expect::Ok
                        }
                    },
                )?;
                if was_held.is_some_and(|held| held != removed) {
                    return Err("remove_extra reports a different outcome".into());
                }
            }
            15 => self.mutate(
                slot,
                "clear_extra",
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                |h| unsafe { c::connect_session_create_clear_extra(h) },
                |m| {
                    m.clear_extra();
                    Expect::Ok
                },
            )?,
            16 => {
                // NULL out-parameters and NULL data with a length: refused, nothing changes.
                let h = self.handle(slot);
                let json = input.json();
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    c::connect_session_create_from_json(json.as_ptr(), json.len(), null_mut())
                };
                check(
                    "from_json without out",
                    status,
                    &Expect::Misuse("null_argument"),
                )?;
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    c::connect_session_create_from_json(null(), 1 + json.len(), &mut out)
                };
                check(
                    "from_json of NULL",
                    status,
                    &Expect::Misuse("null_argument"),
                )?;
                let status =
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    unsafe { c::connect_session_create_to_json(h, null_mut(), null_mut()) };
                check(
                    "to_json without out",
                    status,
                    &Expect::Misuse("null_argument"),
                )?;
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe { c::connect_session_create_set_provider(h, null(), 3) };
                check(
                    "set_provider of NULL",
                    status,
                    &Expect::Misuse("null_argument"),
                )?;
                let status =
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    unsafe { c::connect_session_create_set_metadata(h, json.as_ptr(), usize::MAX) };
                let expect = if h.is_null() {
                    "null_argument"
                } else {
                    "invalid_argument"
                };
                check(
                    "set_metadata of a huge length",
                    status,
                    &Expect::Misuse(expect),
                )?;
                self.verify(slot)?;
            }
            17 => {
                // The last error read with a buffer of any size: never truncated.
                let cap = usize::from(input.byte());
                let mut buf = vec![0x55u8; cap];
                let mut len = usize::MAX;
                let ptr = if cap == 0 {
                    null_mut()
                } else {
                    buf.as_mut_ptr().cast()
                };
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe { c::connect_session_last_error_json(ptr, cap, &mut len) };
                let name = status_name(status);
                let fits = len <= cap;
                if name != if fits { "ok" } else { "buffer_too_small" } {
                    return Err(format!(
                        "last_error_json with cap {cap} for {len} bytes: {name}"
                    ));
                }
                if !fits && buf.iter().any(|b| *b != 0x55) {
                    return Err("a too-small buffer was written".into());
                }
            }
            18 => {
                let raw = input.u32();
                let (mut name, mut len) = (null(), 0usize);
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe { c::connect_session_category_name(raw, &mut name, &mut len) };
                match category_from_number(raw) {
                    Some(category) => {
                        check("category_name", status, &Expect::Ok)?;
                        // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                        if unsafe { view(name, len) } != category.as_str().as_bytes() {
                            return Err(format!("category_name({raw}) differs"));
                        }
                    }
                    None => check("category_name", status, &Expect::Misuse("invalid_argument"))?,
                }
                let text = input.text();
                let mut category = c::ConnectSessionCategory::CONNECT_SESSION_CATEGORY_ATS;
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                let status = unsafe {
                    c::connect_session_category_from_name(text.as_ptr(), text.len(), &mut category)
                };
                let got = status_name(status);
                let want = utf8(&text).ok().and_then(|t| t.parse::<Category>().ok());
                match want {
                    Some(w) if got == "ok" && category as u32 == category_number(w) => {}
                    None if got != "ok" => {}
                    _ => return Err(format!("category_from_name({text:?}) returned {got}")),
                }
            }
            19 => {
                let raw = c_int::from(input.byte()) - 20;
                let name = c::connect_session_status_name(raw);
                if name.is_null() {
                    return Err(format!("status_name({raw}) is NULL"));
                }
                let version = c::connect_session_version();
                if version.is_null()
                    // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                    || unsafe { CStr::from_ptr(version) }.to_bytes() != model::VERSION.as_bytes()
                {
                    return Err("connect_session_version differs from the core's".into());
                }
            }
            _ => {
                // Freeing NULL strings is allowed and leaves the last error alone.
                // SAFETY: handles are NULL or live and owned here; buffers are locals with their lengths.
                unsafe { c::connect_session_string_free(null_mut()) };
            }
        }
        Ok(())
    }
}

/// Decodes `data` into up to [`MAX_OPS`] calls and runs them; returns how
/// many ran, or the first disagreement with the core.
pub fn run(data: &[u8]) -> Result<usize, String> {
    let mut input = Input { data };
    let mut session = Session {
        slots: std::array::from_fn(|_| None),
    };
    let mut ran = 0;
    while ran < MAX_OPS && !input.is_empty() {
        session
            .step(&mut input)
            .map_err(|e| format!("op #{ran}: {e}"))?;
        ran += 1;
    }
    for slot in 0..SLOTS {
        session.verify(slot)?;
    }
    Ok(ran)
}
