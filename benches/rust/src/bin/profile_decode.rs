//! A loop for profilers (`valgrind --tool=callgrind`, `perf`): decodes one
//! payload N times with the chosen implementation, or (`roundtrip`) decodes
//! and writes it again, as `benches/c/bench.c` does through the C ABI, or
//! (`encode`) writes the decoded payload N times.
//! Usage: profile_decode (ours|serde|roundtrip|encode) [N] [reference|minimal]

use std::hint::black_box;

use connect_session::ConnectSessionCreate;
use connect_session_bench::{PlainConnectSessionCreate, MINIMAL, REFERENCE};

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "ours".to_owned());
    let n: usize = std::env::args()
        .nth(2)
        .map_or(20_000, |s| s.parse().expect("a count"));
    let payload = match std::env::args().nth(3).as_deref() {
        None | Some("reference") => REFERENCE,
        Some("minimal") => MINIMAL,
        Some(other) => panic!("unknown payload {other}"),
    };
    let decoded = ConnectSessionCreate::from_json(payload).unwrap();
    for _ in 0..n {
        match which.as_str() {
            "ours" => drop(black_box(
                ConnectSessionCreate::from_json(black_box(payload)).unwrap(),
            )),
            "roundtrip" => {
                let req = ConnectSessionCreate::from_json(black_box(payload)).unwrap();
                drop(black_box(req.to_json()));
            }
            "encode" => drop(black_box(black_box(&decoded).to_json())),
            "serde" => drop(black_box(
                serde_json::from_slice::<PlainConnectSessionCreate>(black_box(payload)).unwrap(),
            )),
            other => panic!("unknown implementation {other}"),
        }
    }
}
