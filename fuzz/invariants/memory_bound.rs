//! The memory bound, as a check that any input must pass: peak heap during
//! a call stays within `K` x the input's size + `C` (issue 12), for every
//! way in of the core. Shared by the `memory_bound` fuzz target (which adds
//! the C ABI) and the stable test `crates/connect-session/tests/memory.rs`
//! (both include this file with `#[path]` and make [`Counting`] their global
//! allocator), so the bound is stated once, here, and in the README.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use connect_session::{ConnectSessionCreate, Metadata, ParseMode, Value, MAX_DEPTH};

/// The multiple of the input's size in the bound.
pub const K: usize = 4;
/// The constant of the bound, in bytes: the kept errors (at most
/// `MAX_ERRORS`, with paths up to 128 deep, and `MAX_ERROR_BYTES` of keys
/// and messages, rendered for `Display` and `to_json`) and small tables.
pub const C: usize = 8 << 20;

/// The bound for an input of `input` bytes.
pub fn bound(input: usize) -> usize {
    K.saturating_mul(input).saturating_add(C)
}

/// A global allocator that counts the bytes live and their peak.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments and
// only adds bookkeeping on atomics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which we pass on.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (through this allocator).
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Count the worst case of a moving realloc: old and new blocks both live.
        grew(new_size);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract, which we pass on.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if new.is_null() {
            LIVE.fetch_sub(new_size, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

/// Runs `f` and returns its result with the heap's peak above what was live
/// before it (the result itself included). Not for concurrent use: the
/// counters are global.
pub fn peak_heap_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let value = f();
    (value, PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

/// Runs `f`, failing if its peak heap exceeds the bound for `input` bytes.
pub fn held<T>(what: &str, input: usize, f: impl FnOnce() -> T) -> Result<T, String> {
    let (value, peak) = peak_heap_of(f);
    if peak > bound(input) {
        return Err(format!(
            "{what}: peak heap {peak} bytes for {input} bytes of input, over {K} x input + {C}"
        ));
    }
    Ok(value)
}

/// The size of the compact document with the same content as `items`
/// (`{"key":value,...}`, strings escaped as JSON escapes them): what the
/// bound for `from_values` is stated against.
pub fn values_size(items: &[(&str, Value<'_>)]) -> usize {
    items
        .iter()
        .map(|(key, value)| {
            let value = match value {
                Value::Json(text) => text.len(),
                Value::Str(text) => quoted_len(text),
                Value::Int(int) => int.to_string().len(),
                _ => 5,
            };
            quoted_len(key) + 2 + value
        })
        .sum::<usize>()
        + 1
}

/// The length of `text` as a JSON string, quotes included.
fn quoted_len(text: &str) -> usize {
    let escaped: usize = text
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum();
    escaped + 2
}

/// Lets a small input stand for a large one, where a cost that grows faster
/// than the input shows: `<count><prefix>\0<unit>\0<suffix>` is the prefix,
/// then the unit `64 x count` times (up to about 1 MiB), then the suffix. Other inputs are taken
/// as they are.
pub fn expand(data: &[u8]) -> Option<Vec<u8>> {
    let (&count, rest) = data.split_first()?;
    let mut parts = rest.splitn(3, |&b| b == 0);
    let (prefix, unit, suffix) = (parts.next()?, parts.next()?, parts.next()?);
    // At most about 1 MiB: large enough that a cost growing faster than
    // the input would break the bound, small enough to run fast.
    let times = (64 * usize::from(count)).min((1 << 20) / unit.len().max(1));
    let mut doc = Vec::with_capacity(prefix.len() + unit.len() * times + suffix.len());
    doc.extend_from_slice(prefix);
    for _ in 0..times {
        doc.extend_from_slice(unit);
    }
    doc.extend_from_slice(suffix);
    Some(doc)
}

/// Checks the bound for `data` through every way in of the core: a whole
/// document in both modes (with its errors rendered as the C ABI and Python
/// render them), writing an accepted one back compact and pretty, metadata
/// alone, each field alone, and the input's lines as values given key by
/// key (`key=json`, or a line alone as a key with itself as a string).
pub fn check(data: &[u8]) -> Result<(), String> {
    let n = data.len();
    for mode in [ParseMode::KeepExtra, ParseMode::Strict] {
        let parsed = held(&format!("from_json ({mode:?})"), n, || {
            ConnectSessionCreate::from_json_with(data, mode)
                .map_err(|err| (err.to_string(), err.to_json(), err))
        })?;
        if let Ok(model) = parsed {
            written(&model, n)?;
        }
    }
    let _metadata = held("Metadata::from_json", n, || {
        Metadata::from_json(data).map_err(|err| err.to_json())
    })?;
    let base = ConnectSessionCreate::new("o", "n");
    for field in ConnectSessionCreate::fields() {
        let mut model = base.clone();
        let _set = held(&format!("set_json({})", field.name()), n, || {
            model.set_json(field, data).map_err(|err| err.to_json())
        })?;
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let items: Vec<(&str, Value<'_>)> = text
            .lines()
            .map(|line| match line.split_once('=') {
                Some((key, json)) => (key, Value::Json(json.into())),
                None => (line, Value::Str(line.into())),
            })
            .collect();
        let size = values_size(&items);
        for mode in [ParseMode::KeepExtra, ParseMode::Strict] {
            let items = items.clone();
            let made = held(&format!("from_values ({mode:?})"), size, || {
                ConnectSessionCreate::from_values(items, mode)
                    .map_err(|err| (err.to_string(), err.to_json(), err))
            })?;
            if let Ok(model) = made {
                written(&model, size)?;
            }
        }
    }
    Ok(())
}

/// Writing an accepted model back: compact within the bound; the pretty form
/// within its own size plus the bound, and its size within what the README
/// states (`(2 + 128 x indent) x` the compact size).
fn written(model: &ConnectSessionCreate, input: usize) -> Result<(), String> {
    let compact = held("to_json", input, || model.to_json())?;
    let (pretty, peak) = peak_heap_of(|| model.to_json_pretty());
    if peak > pretty.len().saturating_add(bound(input)) {
        return Err(format!(
            "to_json_pretty: peak heap {peak} bytes for {} bytes of output, over the output + {K} x {input} + {C}",
            pretty.len()
        ));
    }
    if pretty.len() > (2 + MAX_DEPTH * 2) * compact.len() {
        return Err(format!(
            "to_json_pretty: {} bytes for {} compact",
            pretty.len(),
            compact.len()
        ));
    }
    Ok(())
}
