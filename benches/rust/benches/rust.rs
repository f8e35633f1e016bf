//! connect-session's `from_json`/`to_json` against a plain serde_json struct.
//! Group names are read by `benches/report.py`: `<operation>/<payload>/<implementation>`.

use std::hint::black_box;

use connect_session::ConnectSessionCreate;
use connect_session_bench::{PlainConnectSessionCreate, MINIMAL, REFERENCE};
use criterion::{criterion_group, criterion_main, Criterion};

fn decode(c: &mut Criterion) {
    for (payload, bytes) in [("reference", REFERENCE), ("minimal", MINIMAL)] {
        let mut group = c.benchmark_group(format!("rust_decode/{payload}"));
        group.bench_function("connect_session", |b| {
            b.iter(|| ConnectSessionCreate::from_json(black_box(bytes)).unwrap())
        });
        group.bench_function("serde_json_struct", |b| {
            b.iter(|| serde_json::from_slice::<PlainConnectSessionCreate>(black_box(bytes)).unwrap())
        });
        group.finish();
    }
}

fn encode(c: &mut Criterion) {
    let ours = ConnectSessionCreate::from_json(REFERENCE).unwrap();
    let plain: PlainConnectSessionCreate = serde_json::from_slice(REFERENCE).unwrap();
    assert_eq!(ours.to_json().as_bytes(), REFERENCE, "both sides write the reference bytes");
    // The plain struct writes `1800.0` for the f64 expiry; the bytes differ only there.
    let mut group = c.benchmark_group("rust_encode/reference");
    group.bench_function("connect_session", |b| b.iter(|| black_box(&ours).to_json()));
    group.bench_function("serde_json_struct", |b| b.iter(|| serde_json::to_string(black_box(&plain)).unwrap()));
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
