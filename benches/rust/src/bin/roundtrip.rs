//! The Rust side of the C round-trip comparison: the same operations as
//! `benches/c/bench.c` (from_json, to_json, drop), timed the same way: the
//! time per call of the fastest batch.

use std::hint::black_box;
use std::time::Instant;

use connect_session::ConnectSessionCreate;
use connect_session_bench::{MINIMAL, REFERENCE};

const BATCHES: usize = 31;
const CALLS_PER_BATCH: u32 = 20_000;

fn main() {
    for (name, json) in [("reference", REFERENCE), ("minimal", MINIMAL)] {
        let best = (0..BATCHES)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..CALLS_PER_BATCH {
                    let req =
                        ConnectSessionCreate::from_json(black_box(json)).expect("valid payload");
                    let out = req.to_json();
                    assert_eq!(out.len(), json.len());
                    drop(black_box(out));
                }
                start.elapsed().as_nanos() as f64 / f64::from(CALLS_PER_BATCH)
            })
            .fold(f64::INFINITY, f64::min);
        println!(
            r#"{{"op":"roundtrip","payload":"{name}","impl":"rust","value":{best:.1},"unit":"ns"}}"#
        );
    }
}
