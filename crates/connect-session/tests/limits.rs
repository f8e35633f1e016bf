//! Resource limits, measured: parsing is linear in time and memory, and no
//! nesting, however deep and wherever it sits, overflows the stack.
//!
//! `make test-limits` runs this in release mode with full sizes (a ~100 MB
//! document). A debug build (plain `cargo test`) runs the same checks on
//! inputs a few times smaller so the suite stays quick.
//!
//! Peak heap use is measured by a counting global allocator in this test
//! binary; the tests take one lock so their allocations are not mixed.

use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use connect_session::{ConnectSessionCreate, ErrorKind, Metadata, ParseMode, MAX_DEPTH};

// The counting allocator of the memory-bound tests, shared (this file uses
// only the allocator and `peak_heap_of`).
#[path = "../../../fuzz/invariants/memory_bound.rs"]
#[allow(dead_code)]
mod memory_bound;

use memory_bound::peak_heap_of;

#[global_allocator]
static ALLOCATOR: memory_bound::Counting = memory_bound::Counting;

/// Serializes the tests of this file: memory counts and timings are global.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Full sizes in release builds; a debug build divides them by this.
const SCALE_DOWN: usize = if cfg!(debug_assertions) { 16 } else { 1 };

/// A small deterministic generator, so every run builds the same documents.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// A valid document of at least `size` bytes whose bulk is metadata of
/// varied shape: strings with escapes and non-ASCII text, number text that
/// must be kept exactly, nested objects and arrays.
fn big_document(size: usize) -> String {
    let mut rng = Lcg(size as u64);
    let mut doc = String::with_capacity(size + 1024);
    doc.push_str(r#"{"categories":["ats","hrisLegacy"],"expires_in":1800,"metadata":{"#);
    let mut i = 0u64;
    while doc.len() < size {
        if i > 0 {
            doc.push(',');
        }
        let r = rng.next();
        let _ = write!(doc, "\"entry-{i}\":");
        match r % 5 {
            0 => {
                let _ = write!(
                    doc,
                    r#""tenant \"{r}\" caf\u00e9 ünïcödé 😀 line\nbreak {}""#,
                    "x".repeat((r % 40) as usize)
                );
            }
            1 => {
                let _ = write!(doc, "[{r},1.50,1E2,-0,12345678901234567890123,true,null]");
            }
            2 => {
                let _ = write!(
                    doc,
                    r#"{{"id":"t-{r}","tier":"gold","limits":{{"seats":{},"ratio":0.{r}}},"tags":["a","b"]}}"#,
                    r % 1000
                );
            }
            3 => {
                let _ = write!(doc, "{}.{}e-{}", r % 100_000, r % 977, r % 300);
            }
            _ => {
                let _ = write!(doc, r#"{{"deep":{{"er":{{"still":[[[{{"k":{r}}}]]]}}}}}}"#);
            }
        }
        i += 1;
    }
    doc.push_str(r#"},"origin_owner_id":"owner-8f3c2a","origin_owner_name":"Acme Corporation","beta":{"on":true}}"#);
    doc
}

#[test]
fn a_large_document_parses_within_a_small_multiple_of_its_size() {
    let _serial = serial();
    let size = 100_000_000 / SCALE_DOWN;
    let doc = big_document(size);
    let (parsed, peak) = peak_heap_of(|| ConnectSessionCreate::from_json(doc.as_bytes()));
    let model = parsed.expect("the large document is valid");
    let multiple = peak as f64 / doc.len() as f64;
    println!(
        "from_json of {} bytes: peak heap {} bytes above the input = {multiple:.2} x the input size",
        doc.len(),
        peak
    );
    // Documented in the README's "Safety and limits": at most 3 x. A moving
    // realloc counts both blocks, so these figures are upper bounds.
    assert!(
        multiple <= 3.0,
        "peak heap while parsing was {multiple:.2} x the input size"
    );
    // The model holds about one copy of the input, not a tree of it.
    let (json, peak_out) = peak_heap_of(|| model.to_json());
    let out_multiple = peak_out as f64 / doc.len() as f64;
    println!("to_json: peak heap {peak_out} bytes = {out_multiple:.2} x the input size");
    // to_json reserves about the final length up front: one allocation.
    assert!(out_multiple <= 1.5, "to_json peaked at {out_multiple:.2} x");
    assert!(json.len() <= doc.len(), "canonical output is compact");
    drop(json);
    let (pretty, peak_pretty) = peak_heap_of(|| model.to_json_pretty());
    println!(
        "to_json_pretty: peak heap {peak_pretty} bytes = {:.2} x the input size",
        peak_pretty as f64 / doc.len() as f64
    );
    assert!(peak_pretty as f64 <= 4.0 * doc.len() as f64);
    drop(pretty);
}

/// The best time of one parse of `doc`.
fn time_parse(doc: &[u8]) -> Duration {
    let start = Instant::now();
    let _ = ConnectSessionCreate::from_json(doc);
    start.elapsed()
}

/// Asserts that parsing `make(n)` takes nearer 8x as long as `make(n / 8)`
/// (linear) than 64x (quadratic): under 32x, room for the memory hierarchy's
/// higher cost per byte of the larger input and for a busy machine, which
/// together have reached 3.4x in one doubling on a loaded 2-core host.
/// `bytes` is the size of the larger input. The two are timed alternately
/// (after one untimed run each), best of seven, so that the state of the
/// allocator and the machine's load weigh on both alike.
fn scales_linearly(
    name: &str,
    bytes: usize,
    make: impl Fn(usize) -> Vec<u8>,
    check: impl Fn(&[u8]),
) {
    let n = bytes / SCALE_DOWN;
    let small = make(n / 8);
    let large = make(n);
    check(&small);
    check(&large);
    let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
    for _ in 0..7 {
        t_small = t_small.min(time_parse(&small));
        t_large = t_large.min(time_parse(&large));
    }
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
    println!(
        "{name}: {} bytes in {t_small:?}, {} bytes in {t_large:?}, ratio {ratio:.2}",
        small.len(),
        large.len()
    );
    assert!(
        ratio < 32.0,
        "{name}: 8x the input multiplied the time by {ratio:.2}"
    );
}

fn wrap(members: &str) -> Vec<u8> {
    format!(r#"{{"origin_owner_id":"o","origin_owner_name":"n"{members}}}"#).into_bytes()
}

fn accepted(doc: &[u8]) {
    assert!(ConnectSessionCreate::from_json(doc).is_ok());
}

fn refused_with(kind: ErrorKind) -> impl Fn(&[u8]) {
    move |doc| {
        let err = ConnectSessionCreate::from_json(doc).expect_err("refused");
        assert!(err.errors().iter().all(|e| e.kind() == kind), "{kind}");
    }
}

/// Inputs that are mostly keys of one object fill a hash set with one entry
/// per key (and, for extra keys, two small allocations each); past the size
/// of the CPU caches each key costs more (measured: extra keys 11 ns/byte at
/// 1 MB, 26 ns/byte at 8 MB; about 1.25x per doubling), a constant-factor
/// effect of the memory hierarchy, not of the algorithm, which would show as
/// 4x per doubling if it were quadratic. These shapes are timed where the
/// set stays cache-sized, so the ratio shows the algorithm.
const KEYED_BYTES: usize = 1_000_000;

#[test]
fn time_is_linear_in_the_input() {
    let _serial = serial();
    scales_linearly(
        "big metadata",
        8_000_000,
        |n| big_document(n).into_bytes(),
        accepted,
    );
    scales_linearly(
        "one metadata object with many keys",
        KEYED_BYTES,
        |n| {
            // Fixed-width keys, so the larger input is exactly twice as many bytes.
            let keys: Vec<String> = (0..n / 14).map(|i| format!("\"k{i:08}\":1")).collect();
            wrap(&format!(r#","metadata":{{{}}}"#, keys.join(",")))
        },
        accepted,
    );
    scales_linearly(
        "many extra keys",
        KEYED_BYTES,
        |n| {
            let keys: String = (0..n / 14).map(|i| format!(",\"x{i:08}\":1")).collect();
            wrap(&keys)
        },
        accepted,
    );
    scales_linearly(
        "one long string full of escapes",
        8_000_000,
        |n| {
            wrap(&format!(
                r#","provider":"{}""#,
                "a\\n\\u00e9\\ud83d\\ude00".repeat(n / 22)
            ))
        },
        accepted,
    );
    scales_linearly(
        "one long array of numbers",
        8_000_000,
        |n| {
            wrap(&format!(
                r#","metadata":{{"a":[{}1]}}"#,
                "123.456e7,".repeat(n / 10)
            ))
        },
        accepted,
    );
    scales_linearly(
        "many categories",
        8_000_000,
        |n| {
            wrap(&format!(
                r#","categories":[{}"ats"]"#,
                "\"hris\",".repeat(n / 7)
            ))
        },
        accepted,
    );
    scales_linearly(
        "many bad categories (one error each)",
        1_000_000,
        |n| {
            wrap(&format!(
                r#","categories":[{}"hirs"]"#,
                "\"hirs\",".repeat(n / 7)
            ))
        },
        refused_with(ErrorKind::InvalidValue),
    );
    scales_linearly(
        "many duplicate keys (one error each)",
        2_000_000,
        |n| {
            let items = "{\"a\":1,\"a\":2},".repeat(n / 14);
            wrap(&format!(r#","metadata":{{"l":[{items}{{}}]}}"#))
        },
        refused_with(ErrorKind::DuplicateKey),
    );
    scales_linearly(
        "many containers at the depth limit",
        8_000_000,
        |n| {
            // The list sits at depth 3, so each item may nest 125 levels.
            let deep = format!("{}{}", "[".repeat(125), "]".repeat(125));
            let items = vec![deep; n / 251].join(",");
            wrap(&format!(r#","metadata":{{"l":[{items}]}}"#))
        },
        accepted,
    );
}

/// `depth` nested arrays (or objects with key "a") around `inner`.
fn nest(depth: usize, objects: bool, inner: &str) -> String {
    let (open, close) = if objects {
        ("{\"a\":", "}")
    } else {
        ("[", "]")
    };
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

const DEEP: usize = 100_000;

/// Every place a deep value can sit, with the error kind it must produce.
/// A value under a repeated key may be refused as a duplicate without being
/// read; either kind is a refusal without a crash.
fn deep_documents() -> Vec<(String, Vec<u8>, &'static [ErrorKind])> {
    let mut docs = Vec::new();
    for objects in [false, true] {
        let shape = if objects { "objects" } else { "arrays" };
        let deep = nest(DEEP, objects, "1");
        for (place, members) in [
            ("metadata", format!(r#","metadata":{{"m":{deep}}}"#)),
            (
                "metadata itself",
                format!(r#","metadata":{}"#, nest(DEEP, true, "1")),
            ),
            ("an extra key", format!(r#","x":{deep}"#)),
            ("categories", format!(r#","categories":[{deep}]"#)),
            ("categories itself", format!(r#","categories":{deep}"#)),
            (
                "expires_in (wrong type)",
                format!(r#","expires_in":{deep}"#),
            ),
            ("provider (wrong type)", format!(r#","provider":{deep}"#)),
        ] {
            docs.push((
                format!("{shape} in {place}"),
                wrap(&members),
                &[ErrorKind::TooDeep][..],
            ));
        }
        for (place, members) in [
            (
                "a repeated field's value",
                format!(r#","provider":"p","provider":{deep}"#),
            ),
            (
                "a repeated extra key's value",
                format!(r#","x":1,"x":{deep}"#),
            ),
        ] {
            docs.push((
                format!("{shape} in {place}"),
                wrap(&members),
                &[ErrorKind::TooDeep, ErrorKind::DuplicateKey][..],
            ));
        }
        docs.push((
            format!("{shape} in the required owner id"),
            format!(r#"{{"origin_owner_id":{deep},"origin_owner_name":"n"}}"#).into_bytes(),
            &[ErrorKind::TooDeep],
        ));
        docs.push((
            format!("{shape}, unclosed"),
            wrap(&format!(r#","metadata":{{"m":{}"#, &deep[..deep.len() / 2])),
            // A one-pass reader meets the depth limit before the missing end.
            &[ErrorKind::Syntax, ErrorKind::TooDeep][..],
        ));
    }
    docs.push((
        "strict mode, in an unknown key".into(),
        wrap(&format!(r#","x":{}"#, nest(DEEP, false, "1"))),
        &[ErrorKind::TooDeep],
    ));
    docs
}

/// The stack of the threads below. Parsing recurses once per level up to the
/// limit of 128 and no further; measured at the deepest accepted document, a
/// release build needs under 96 KiB and an unoptimized build under 768 KiB,
/// so a release build fits musl's 128 KiB default thread stack.
const SMALL_STACK: usize = if cfg!(debug_assertions) { 1024 } else { 256 } * 1024;

/// Runs `f` on a thread with a small stack, as a caller's worker thread might have.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic, no overflow on a small stack");
}

#[test]
fn deep_nesting_is_refused_everywhere_without_overflow() {
    let _serial = serial();
    on_small_stack(|| {
        for (place, doc, allowed) in deep_documents() {
            let mode = if place.starts_with("strict") {
                ParseMode::Strict
            } else {
                ParseMode::KeepExtra
            };
            let err = ConnectSessionCreate::from_json_with(&doc, mode).expect_err(&place);
            let kinds: Vec<ErrorKind> = err.errors().iter().map(|e| e.kind()).collect();
            assert!(
                kinds.iter().any(|k| allowed.contains(k)),
                "{place}: expected one of {allowed:?}, got {kinds:?}"
            );
            println!("{place}: refused with {kinds:?}");
        }
    });
}

#[test]
fn deep_nesting_in_single_values_is_refused_without_overflow() {
    let _serial = serial();
    on_small_stack(|| {
        for objects in [false, true] {
            let deep = nest(DEEP, objects, "null");
            let err = Metadata::from_json(nest(DEEP, true, "1")).expect_err("deep metadata");
            assert_eq!(err.errors()[0].kind(), ErrorKind::TooDeep);
            for field in ConnectSessionCreate::fields() {
                let mut model = ConnectSessionCreate::new("o", "n");
                let err = model.set_json(field, &deep).expect_err(field.name());
                let kinds: Vec<ErrorKind> = err.errors().iter().map(|e| e.kind()).collect();
                assert!(
                    kinds.contains(&ErrorKind::TooDeep),
                    "{}: {kinds:?}",
                    field.name()
                );
                assert_eq!(model, ConnectSessionCreate::new("o", "n"));
            }
            let mut model = ConnectSessionCreate::new("o", "n");
            let err = model.insert_extra("x", &deep).expect_err("deep extra");
            assert_eq!(err.errors()[0].kind(), ErrorKind::TooDeep);
        }
    });
}

#[test]
fn deep_nesting_through_serde_embedding_is_refused_without_overflow() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Envelope {
        session: ConnectSessionCreate,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct MetadataEnvelope {
        metadata: Metadata,
    }
    let _serial = serial();
    on_small_stack(|| {
        for objects in [false, true] {
            let deep = nest(DEEP, objects, "1");
            let session = format!(
                r#"{{"session":{{"origin_owner_id":"o","origin_owner_name":"n","metadata":{{"m":{deep}}}}}}}"#
            );
            assert!(serde_json::from_str::<Envelope>(&session).is_err());
            let session = format!(r#"{{"session":{deep}}}"#);
            assert!(serde_json::from_str::<Envelope>(&session).is_err());
            let metadata = format!(r#"{{"metadata":{{"m":{deep}}}}}"#);
            assert!(serde_json::from_str::<MetadataEnvelope>(&metadata).is_err());
            assert!(serde_json::from_str::<ConnectSessionCreate>(&deep).is_err());
            assert!(serde_json::from_str::<Metadata>(&deep).is_err());
        }
    });
}

#[test]
fn the_deepest_accepted_document_works_on_a_small_stack() {
    let _serial = serial();
    on_small_stack(|| {
        // Depth 1 is the document, 2 is metadata: MAX_DEPTH - 2 more levels inside it.
        let at_limit = wrap(&format!(
            r#","metadata":{{"m":{}}},"x":{}"#,
            nest(MAX_DEPTH - 2, true, "1"),
            nest(MAX_DEPTH - 1, false, "1")
        ));
        let model = ConnectSessionCreate::from_json(&at_limit).expect("depth 128 is accepted");
        let back = ConnectSessionCreate::from_json(model.to_json_pretty()).expect("pretty form");
        assert_eq!(back, model);
        let over = wrap(&format!(
            r#","metadata":{{"m":{}}}"#,
            nest(MAX_DEPTH - 1, true, "1")
        ));
        let err = ConnectSessionCreate::from_json(&over).expect_err("depth 129 is refused");
        assert_eq!(err.errors()[0].kind(), ErrorKind::TooDeep);
        // Serialization through serde of the deepest accepted value.
        let value = serde_json::to_string(&model).expect("serializes");
        assert!(value.contains("\"m\""));
    });
}
