//! Peak heap memory, measured for every input shape that has been seen to
//! cost more than its size (issue 12), valid or not, through each way in:
//! `from_json` (which the C ABI and Python's `from_json` call), `from_values`
//! (Python's constructor and `from_dict`), `to_json` and `to_json_pretty`.
//!
//! The bound, stated once in `fuzz/invariants/memory_bound.rs` (shared with
//! the `memory_bound` fuzz target) and in the README's "Safety and limits":
//!
//! > peak heap during a call <= `K` x the input's size + `C`
//!
//! Each shape is measured at two sizes, so a cost that grows faster than
//! the input shows as a broken bound at the larger one. The pretty form is
//! measured against its own size, which grows with depth x items.
//!
//! `make test-limits` (part of `make test`) runs this in release mode at
//! 1 MB and 4 MB; a debug build (plain `cargo test`) runs it at 256 KB and
//! 1 MB. `MEMORY_SIZES=a,b` (bytes) overrides the sizes. The same shapes are
//! timed too (release only): four times the input must take about four
//! times as long (under 10x; quadratic time would be 16x), errors included.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use connect_session::{
    defs, ConnectSessionCreate, Def, Model, ParseMode, Value, MAX_DEPTH, MAX_ERRORS,
};

#[path = "../../../fuzz/invariants/memory_bound.rs"]
mod memory_bound;

#[path = "../../../fuzz/invariants/corpus.rs"]
mod corpus;

use memory_bound::{peak_heap_of, values_size, C, K};

#[global_allocator]
static ALLOCATOR: memory_bound::Counting = memory_bound::Counting;

/// Serializes the tests of this file: the counters are global.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The two input sizes, in bytes.
fn sizes() -> [usize; 2] {
    if let Ok(list) = std::env::var("MEMORY_SIZES") {
        let v: Vec<usize> = list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        if let [a, b] = v[..] {
            return [a, b];
        }
    }
    if cfg!(debug_assertions) {
        [256 << 10, 1 << 20]
    } else {
        [1 << 20, 4 << 20]
    }
}

/// One measurement, for the report and the bound.
struct Row {
    shape: &'static str,
    input: usize,
    peak: usize,
}

impl Row {
    fn multiple(&self) -> f64 {
        self.peak as f64 / self.input as f64
    }

    fn within_bound(&self) -> bool {
        self.peak <= K * self.input + C
    }
}

fn report(rows: &[Row]) {
    println!(
        "{:<48} {:>10} {:>14} {:>9}",
        "shape", "input", "peak heap", "multiple"
    );
    for r in rows {
        println!(
            "{:<48} {:>10} {:>14} {:>8.2}x{}",
            r.shape,
            r.input,
            r.peak,
            r.multiple(),
            if r.within_bound() {
                ""
            } else {
                "  OVER THE BOUND"
            }
        );
    }
    let over: Vec<String> = rows
        .iter()
        .filter(|r| !r.within_bound())
        .map(|r| format!("{} at {} bytes: {} bytes", r.shape, r.input, r.peak))
        .collect();
    assert!(
        over.is_empty(),
        "peak heap over {K} x input + {C}:\n{}",
        over.join("\n")
    );
}

/// A valid document around `members` (each starting with a comma).
fn wrap(members: &str) -> String {
    format!(r#"{{"origin_owner_id":"o","origin_owner_name":"n"{members}}}"#)
}

/// `depth` nested objects `{"<key>":` around `inner`.
fn nest_objects(depth: usize, key: &str, inner: &str) -> String {
    let mut s = String::with_capacity(depth * (key.len() + 5) + inner.len() + depth);
    for _ in 0..depth {
        let _ = write!(s, "{{\"{key}\":");
    }
    s.push_str(inner);
    s.push_str(&"}".repeat(depth));
    s
}

/// `"x",` repeated to about `bytes`, in a list, with `item` as each item.
fn repeated(item: &str, bytes: usize, sep: &str) -> String {
    let n = (bytes / (item.len() + sep.len())).max(1);
    let mut s = String::with_capacity(n * (item.len() + sep.len()));
    for i in 0..n {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(item);
    }
    s
}

/// The `i`-th shortest key made of letters and digits.
fn short_key(mut i: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut key = Vec::new();
    loop {
        key.push(ALPHABET[i % ALPHABET.len()]);
        i /= ALPHABET.len();
        if i == 0 {
            break;
        }
        i -= 1;
    }
    String::from_utf8(key).unwrap()
}

/// `"key":0` members with distinct short keys (prefixed) to about `bytes`.
fn short_key_members(prefix: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 32);
    let mut i = 0;
    while s.len() < bytes {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "\"{prefix}{}\":0", short_key(i));
        i += 1;
    }
    s
}

/// Each adversarial document shape: a name, how it is parsed, and a builder
/// for about `n` bytes.
type Shape = (&'static str, ParseMode, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        (
            "deep metadata + many duplicate keys",
            ParseMode::KeepExtra,
            |n| {
                // Metadata nests 126 objects, the innermost at depth 128.
                let dups = format!("{{{}}}", repeated(r#""":0"#, n, ","));
                wrap(&format!(",\"metadata\":{}", nest_objects(126, "a", &dups)))
            },
        ),
        (
            "dups under 100 levels of 40-char keys",
            ParseMode::KeepExtra,
            |n| {
                let key = "k".repeat(40);
                let dups = format!("{{{}}}", repeated(r#""":0"#, n, ","));
                wrap(&format!(",\"metadata\":{}", nest_objects(100, &key, &dups)))
            },
        ),
        ("many unknown categories", ParseMode::KeepExtra, |n| {
            wrap(&format!(",\"categories\":[{}]", repeated(r#""x""#, n, ",")))
        }),
        ("many wrongly typed categories", ParseMode::KeepExtra, |n| {
            wrap(&format!(",\"categories\":[{}]", repeated("{}", n, ",")))
        }),
        (
            "many small errors at depth (1e400)",
            ParseMode::KeepExtra,
            |n| {
                let list = format!("[{}]", repeated("1e400", n, ","));
                wrap(&format!(
                    ",\"metadata\":{}",
                    nest_objects(120, "key", &list)
                ))
            },
        ),
        ("many duplicate top-level keys", ParseMode::KeepExtra, |n| {
            wrap(&format!(",{}", repeated(r#""x":0"#, n, ",")))
        }),
        ("many unknown keys (strict)", ParseMode::Strict, |n| {
            wrap(&format!(",{}", short_key_members("X", n)))
        }),
        ("long duplicate keys", ParseMode::KeepExtra, |n| {
            // Eight copies of one long key whose characters Debug escapes.
            let key = "\u{85}".repeat(n / 20);
            let members: Vec<String> = (0..8).map(|_| format!("\"{key}\":0")).collect();
            wrap(&format!(",\"metadata\":{{{}}}", members.join(",")))
        }),
        ("long keys over many errors", ParseMode::KeepExtra, |n| {
            // Errors below long keys: each error's path holds the keys.
            let key = "k".repeat(n / 8 / 4);
            let dups = format!("{{{}}}", repeated(r#""":0"#, n / 2, ","));
            wrap(&format!(",\"metadata\":{}", nest_objects(4, &key, &dups)))
        }),
        (
            "valid: many short keys in metadata",
            ParseMode::KeepExtra,
            |n| wrap(&format!(",\"metadata\":{{{}}}", short_key_members("", n))),
        ),
        ("valid: many extra keys", ParseMode::KeepExtra, |n| {
            wrap(&format!(",{}", short_key_members("X", n)))
        }),
        ("valid: deep arrays", ParseMode::KeepExtra, |n| {
            let deep = format!("{}{}", "[".repeat(125), "]".repeat(125));
            wrap(&format!(
                ",\"metadata\":{{\"l\":[{}]}}",
                repeated(&deep, n, ",")
            ))
        }),
        ("valid: long list at depth 128", ParseMode::KeepExtra, |n| {
            let list = format!("[{}]", repeated("0", n, ","));
            wrap(&format!(",\"metadata\":{}", nest_objects(126, "a", &list)))
        }),
        (
            "valid: long strings with escapes",
            ParseMode::KeepExtra,
            |n| {
                let s = repeated(r"a\n\u00e9\ud83d\ude00\/", n / 2, "");
                wrap(&format!(
                    ",\"provider\":\"{s}\",\"metadata\":{{\"s\":\"{s}\"}}"
                ))
            },
        ),
        (
            "valid: one long key with escapes",
            ParseMode::KeepExtra,
            |n| {
                let s = repeated(r"\u00e9", n, "");
                wrap(&format!(",\"metadata\":{{\"{s}\":0}}"))
            },
        ),
    ]
}

#[test]
fn parsing_stays_within_the_bound_for_every_shape() {
    let _serial = serial();
    let mut rows = Vec::new();
    for (shape, mode, build) in shapes() {
        for n in sizes() {
            let doc = build(n);
            let (result, peak) = peak_heap_of(|| ConnectSessionCreate::from_json_with(&doc, mode));
            let valid = shape.starts_with("valid");
            assert_eq!(result.is_ok(), valid, "{shape}");
            drop(result);
            rows.push(Row {
                shape,
                input: doc.len(),
                peak,
            });
        }
    }
    report(&rows);
}

#[test]
fn writing_stays_within_the_bound() {
    let _serial = serial();
    let mut rows = Vec::new();
    let mut pretty_rows = Vec::new();
    for (shape, mode, build) in shapes() {
        if !shape.starts_with("valid") {
            continue;
        }
        for n in sizes() {
            let doc = build(n);
            let model = ConnectSessionCreate::from_json_with(&doc, mode).expect(shape);
            let (json, peak) = peak_heap_of(|| model.to_json());
            rows.push(Row {
                shape,
                input: doc.len(),
                peak,
            });
            let compact = json.len();
            drop(json);
            let (pretty, peak) = peak_heap_of(|| model.to_json_pretty());
            // The pretty form's own size is what it is; what it costs beyond
            // that is held to the bound.
            pretty_rows.push((shape, doc.len(), compact, pretty.len(), peak));
            rows.push(Row {
                shape: "  pretty, beyond its own size",
                input: doc.len(),
                peak: peak.saturating_sub(pretty.len()),
            });
        }
    }
    println!("compact output:");
    report(&rows);
    println!("pretty output:");
    for (shape, input, compact, pretty, peak) in pretty_rows {
        println!(
            "{shape:<48} input {input:>9} compact {compact:>9} pretty {pretty:>11} ({:.1}x) peak {peak:>11}",
            pretty as f64 / compact as f64
        );
    }
}

/// `doc` (made by [`wrap`]) with the other model's required members in
/// place of the create body's.
fn rewrap(doc: &str, required: &str) -> String {
    let create = wrap("");
    let prefix = &create[..create.len() - 1];
    match doc.strip_prefix(prefix) {
        Some(rest) => format!("{{{required}{rest}"),
        None => doc.to_owned(),
    }
}

/// Reads and writes every shape as a document of model `D`, recording the
/// peaks; the models share the reader, but each has its own table of rows.
fn model_rows<D: Def>(required: &str, rows: &mut Vec<Row>) {
    for (shape, mode, build) in shapes() {
        for n in sizes() {
            let doc = rewrap(&build(n), required);
            let (result, peak) = peak_heap_of(|| Model::<D>::from_json_with(&doc, mode));
            rows.push(Row {
                shape,
                input: doc.len(),
                peak,
            });
            if let Ok(model) = result {
                let (json, peak) = peak_heap_of(|| model.to_json());
                drop(json);
                rows.push(Row {
                    shape: "  written back",
                    input: doc.len(),
                    peak,
                });
            }
        }
    }
}

#[test]
fn every_model_reads_and_writes_within_the_bound() {
    let _serial = serial();
    let session = r#""created_at":"2024-12-02T04:42:35.999Z","id":123456,"organization_id":"org","origin_owner_id":"o","origin_owner_name":"n","project_id":"p""#;
    let link = format!(r#""auth_link_url":"https://hub.example","token":"t",{session}"#);
    let mut measured = [
        ("ConnectSessionAuthenticate", Vec::new()),
        ("ConnectSessionTokenAuthLink", Vec::new()),
        ("ConnectSession", Vec::new()),
    ];
    model_rows::<defs::ConnectSessionAuthenticate>(r#""token":"t""#, &mut measured[0].1);
    model_rows::<defs::ConnectSessionTokenAuthLink>(&link, &mut measured[1].1);
    model_rows::<defs::ConnectSession>(session, &mut measured[2].1);
    for (name, rows) in measured {
        // Each model reads some shapes as valid: their output is measured too.
        assert!(rows.iter().any(|r| r.shape == "  written back"), "{name}");
        println!("{name}:");
        report(&rows);
    }
}

type ValuesShape = (
    &'static str,
    ParseMode,
    fn(usize) -> Vec<(String, Value<'static>)>,
);

fn values_shapes() -> Vec<ValuesShape> {
    fn owners() -> Vec<(String, Value<'static>)> {
        vec![
            ("origin_owner_id".into(), Value::from("o")),
            ("origin_owner_name".into(), Value::from("n")),
        ]
    }
    vec![
        (
            "from_values: many unknown keys (strict)",
            ParseMode::Strict,
            |n| {
                let mut v = owners();
                v.extend((0..n / 8).map(|i| (format!("X{}", short_key(i)), Value::Int(0))));
                v
            },
        ),
        (
            "from_values: many repeated keys",
            ParseMode::KeepExtra,
            |n| {
                let mut v = owners();
                v.extend((0..n / 8).map(|_| ("x".to_owned(), Value::Int(0))));
                v
            },
        ),
        (
            "from_values: deep metadata + duplicates",
            ParseMode::KeepExtra,
            |n| {
                let dups = format!("{{{}}}", repeated(r#""":0"#, n, ","));
                let mut v = owners();
                v.push((
                    "metadata".into(),
                    Value::Json(nest_objects(126, "a", &dups).into()),
                ));
                v
            },
        ),
        (
            "from_values: many unknown categories",
            ParseMode::KeepExtra,
            |n| {
                let mut v = owners();
                v.push((
                    "categories".into(),
                    Value::Json(format!("[{}]", repeated(r#""x""#, n, ",")).into()),
                ));
                v
            },
        ),
        (
            "from_values, valid: many extra keys",
            ParseMode::KeepExtra,
            |n| {
                let mut v = owners();
                v.extend((0..n / 8).map(|i| (format!("X{}", short_key(i)), Value::Int(0))));
                v
            },
        ),
    ]
}

#[test]
fn from_values_stays_within_the_bound() {
    let _serial = serial();
    let mut rows = Vec::new();
    for (shape, mode, build) in values_shapes() {
        for n in sizes() {
            let values = build(n);
            let items: Vec<(&str, Value<'_>)> = values
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            let input = values_size(&items);
            let (result, peak) = peak_heap_of(|| ConnectSessionCreate::from_values(items, mode));
            assert_eq!(result.is_ok(), shape.contains("valid"), "{shape}");
            drop(result);
            rows.push(Row { shape, input, peak });
        }
    }
    report(&rows);
}

#[test]
fn the_deep_shapes_sit_at_the_depth_limit() {
    // The shapes above nest 126 objects in metadata: the innermost container
    // is at depth 128, the deepest accepted.
    let at_limit = nest_objects(MAX_DEPTH - 2, "a", "{}");
    assert!(ConnectSessionCreate::from_json(wrap(&format!(",\"metadata\":{at_limit}"))).is_ok());
    let over = nest_objects(MAX_DEPTH - 1, "a", "{}");
    let err = ConnectSessionCreate::from_json(wrap(&format!(",\"metadata\":{over}"))).unwrap_err();
    assert_eq!(err.errors()[0].kind(), connect_session::ErrorKind::TooDeep);
}

#[test]
fn many_errors_are_counted_not_kept_and_listed_the_same_everywhere() {
    let _serial = serial();
    let n = 20_000;
    let doc = wrap(&format!(
        ",\"categories\":[{}]",
        repeated(r#""x""#, n * 4, ",")
    ));
    let err = ConnectSessionCreate::from_json(&doc).unwrap_err();
    assert_eq!(err.errors().len(), MAX_ERRORS);
    assert_eq!(err.errors().len() + err.omitted(), n);
    let json = err.to_json();
    let last = json.rsplit("},{").next().unwrap();
    assert!(
        last.starts_with(r#""type":"too_many_errors","loc":[],"msg":"19000 more problems"#),
        "{last}"
    );
    assert!(err.to_string().ends_with("[type=too_many_errors]"));
    // The same content as values gives the same errors.
    let categories = format!("[{}]", repeated(r#""x""#, n * 4, ","));
    let values = [
        ("origin_owner_id", Value::from("o")),
        ("origin_owner_name", Value::from("n")),
        ("categories", Value::Json(categories.into())),
    ];
    let again = ConnectSessionCreate::from_values(values, ParseMode::KeepExtra).unwrap_err();
    assert_eq!(again, err);
    // Errors under long keys: their paths and messages are bounded too.
    let key = "k".repeat(100_000);
    let dups = format!("{{{}}}", repeated(r#""":0"#, 5 * 5000, ","));
    let doc = wrap(&format!(",\"metadata\":{}", nest_objects(3, &key, &dups)));
    let (rendered, peak) = peak_heap_of(|| {
        let err = ConnectSessionCreate::from_json(&doc).unwrap_err();
        (err.errors().len(), err.omitted(), err.to_json().len())
    });
    println!(
        "errors under long keys: {rendered:?}, peak {peak} for {} bytes",
        doc.len()
    );
    assert!(rendered.0 < 10 && rendered.0 + rendered.1 == 4999);
    assert!(peak <= K * doc.len() + C);
}

#[test]
fn the_committed_corpora_and_vectors_keep_the_bound() {
    let _serial = serial();
    let repo = corpus::repo(env!("CARGO_MANIFEST_DIR"));
    let expanded = corpus::files(&repo.join("fuzz/corpus/memory_bound"));
    assert!(!expanded.is_empty(), "the memory_bound corpus is committed");
    let failures = corpus::replay(&expanded, |data| {
        let doc = memory_bound::expand(data);
        memory_bound::check(doc.as_deref().unwrap_or(data))
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let mut plain: Vec<PathBuf> = corpus::files(&repo.join("fuzz/corpus/parse"));
    plain.extend(corpus::files(&repo.join("fuzz/artifacts/memory_bound")));
    plain.extend(
        corpus::files(&repo.join("tests/vectors"))
            .into_iter()
            .filter(|p| p.ends_with("input.json")),
    );
    let failures = corpus::replay(&plain, memory_bound::check);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} + {} inputs replayed", expanded.len(), plain.len());
}

/// The best of three timings of `f`, alternating with `g`'s, so that the
/// machine's load weighs on both alike.
fn best_times(mut f: impl FnMut(), mut g: impl FnMut()) -> (Duration, Duration) {
    f();
    g();
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        let start = Instant::now();
        f();
        a = a.min(start.elapsed());
        let start = Instant::now();
        g();
        b = b.min(start.elapsed());
    }
    (a, b)
}

#[test]
fn time_is_linear_for_every_shape_errors_included() {
    if cfg!(debug_assertions) {
        println!("timed in release builds only (make test-limits)");
        return;
    }
    let _serial = serial();
    // Inputs of 512 KiB and 8 MiB: linear time takes about 16x as long for
    // the larger, quadratic 256x. Past the CPU's caches each byte costs more
    // (a constant factor of the memory hierarchy, not of the algorithm: the
    // duplicate-key table of a million short keys misses the cache on every
    // probe, 3x to 4x per byte on a busy 2-core host), so the limit is 128x,
    // half of quadratic.
    let n = 8 << 20;
    let mut slow = Vec::new();
    let mut check = |shape: &str, small: usize, large: usize, times: (Duration, Duration)| {
        let ratio = times.1.as_secs_f64() / times.0.as_secs_f64().max(1e-9);
        println!(
            "{shape:<48} {small:>9} bytes in {:?}, {large:>9} in {:?}: ratio {ratio:.2}",
            times.0, times.1
        );
        // Under 50 ms the allocator's and the machine's noise dominate; a
        // quadratic cost on 8 MB would take far longer.
        if ratio >= 128.0 && times.1 > Duration::from_millis(50) {
            slow.push(format!("{shape}: 16x the input took {ratio:.2}x the time"));
        }
    };
    for (shape, mode, build) in shapes() {
        let (small, large) = (build(n / 16), build(n));
        let times = best_times(
            || drop(ConnectSessionCreate::from_json_with(&small, mode)),
            || drop(ConnectSessionCreate::from_json_with(&large, mode)),
        );
        check(shape, small.len(), large.len(), times);
    }
    for (shape, mode, build) in values_shapes() {
        let (small, large) = (build(n / 16), build(n));
        let run = |values: &[(String, Value<'static>)]| {
            drop(ConnectSessionCreate::from_values(
                values.iter().map(|(k, v)| (k.as_str(), v.clone())),
                mode,
            ));
        };
        let as_items = |values: &[(String, Value<'static>)]| {
            values_size(
                &values
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.clone()))
                    .collect::<Vec<_>>(),
            )
        };
        let times = best_times(|| run(&small), || run(&large));
        check(shape, as_items(&small), as_items(&large), times);
    }
    assert!(slow.is_empty(), "{}", slow.join("\n"));
}
