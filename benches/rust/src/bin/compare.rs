//! connect-session's `from_json` and `to_json` against a plain serde_json
//! struct. Prints one JSON line per implementation and operation:
//! `{"op","payload","impl","value","unit"}`, read by `benches/report.py`.
//!
//! The two sides of a comparison are timed in turn, batch by batch, and each
//! reports its fastest batch: this machine has slow spells lasting seconds,
//! long enough to cover all of one function's measurement when functions are
//! measured one after the other (as criterion does), which decided rows by
//! which side a spell fell on.

use std::hint::black_box;
use std::time::Instant;

use connect_session::{ConnectSessionCreate, ConnectSessionTokenAuthLink};
use connect_session_bench::{
    PlainConnectSessionCreate, PlainConnectSessionTokenAuthLink, MINIMAL, REFERENCE,
    TOKEN_AUTH_LINK,
};

/// Batches per implementation.
const BATCHES: usize = 41;
/// About how long one batch runs.
const BATCH_NS: f64 = 5e6;

/// Nanoseconds per call of the fastest batch of `ours` and of `theirs`,
/// their batches taken in turn.
fn fastest(mut ours: impl FnMut(), mut theirs: impl FnMut()) -> (f64, f64) {
    let (ours_calls, theirs_calls) = (calls_per_batch(&mut ours), calls_per_batch(&mut theirs));
    let (mut ours_best, mut theirs_best) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..BATCHES {
        ours_best = ours_best.min(batch(&mut ours, ours_calls));
        theirs_best = theirs_best.min(batch(&mut theirs, theirs_calls));
    }
    (ours_best, theirs_best)
}

/// Nanoseconds per call of `calls` calls.
fn batch(call: &mut impl FnMut(), calls: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..calls {
        call();
    }
    start.elapsed().as_nanos() as f64 / f64::from(calls)
}

/// How many calls make a batch of about [`BATCH_NS`] (after a warm-up).
fn calls_per_batch(call: &mut impl FnMut()) -> u32 {
    let mut calls = 1_u32;
    loop {
        let per_call = batch(call, calls);
        if per_call * f64::from(calls) >= BATCH_NS / 10.0 || calls >= 1 << 24 {
            return ((BATCH_NS / per_call.max(0.1)) as u32).max(1);
        }
        calls *= 2;
    }
}

fn emit(op: &str, payload: &str, (ours, theirs): (f64, f64)) {
    for (name, ns) in [("connect_session", ours), ("serde_json_struct", theirs)] {
        println!(
            r#"{{"op":"{op}","payload":"{payload}","impl":"{name}","value":{ns:.1},"unit":"ns"}}"#
        );
    }
}

fn main() {
    for (payload, json) in [("reference", REFERENCE), ("minimal", MINIMAL)] {
        let times = fastest(
            || {
                drop(black_box(
                    ConnectSessionCreate::from_json(black_box(json)).unwrap(),
                ))
            },
            || {
                let plain = serde_json::from_slice::<PlainConnectSessionCreate>(black_box(json));
                drop(black_box(plain.unwrap()));
            },
        );
        emit("decode", payload, times);
    }

    // The response of "Create Connect Session" (issue 25): every field set, a date-time.
    let ours = ConnectSessionTokenAuthLink::from_json(TOKEN_AUTH_LINK).unwrap();
    assert_eq!(ours.to_json().as_bytes(), TOKEN_AUTH_LINK);
    let plain: PlainConnectSessionTokenAuthLink = serde_json::from_slice(TOKEN_AUTH_LINK).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ours.to_json()).unwrap(),
        serde_json::to_value(&plain).unwrap(),
        "both sides read the same document"
    );
    let times = fastest(
        || {
            drop(black_box(
                ConnectSessionTokenAuthLink::from_json(black_box(TOKEN_AUTH_LINK)).unwrap(),
            ))
        },
        || {
            let plain = serde_json::from_slice::<PlainConnectSessionTokenAuthLink>(black_box(
                TOKEN_AUTH_LINK,
            ));
            drop(black_box(plain.unwrap()));
        },
    );
    emit("decode", "token_auth_link", times);

    let ours = ConnectSessionCreate::from_json(REFERENCE).unwrap();
    let plain: PlainConnectSessionCreate = serde_json::from_slice(REFERENCE).unwrap();
    assert_eq!(
        ours.to_json().as_bytes(),
        REFERENCE,
        "both sides write the reference bytes"
    );
    // The plain struct writes `1800.0` for the f64 expiry; the bytes differ only there.
    let times = fastest(
        || drop(black_box(black_box(&ours).to_json())),
        || drop(black_box(serde_json::to_string(black_box(&plain)).unwrap())),
    );
    emit("encode", "reference", times);
}
