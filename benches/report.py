"""Collects every benchmark's times into one table of ratios: docs/benchmarks.md.

Usage: report.py RUST_RESULTS PYTHON_RESULTS C_RESULTS OUT
The inputs come from one `make bench` run, so every ratio compares numbers
measured on the same machine in the same session. Each time is the fastest
batch, the two sides' batches taken in turn (for a row measured more than
once, the fastest): this machine has slow spells lasting seconds, which
decided rows by which side of a ratio they fell on when the sides were
measured one after the other, or by a median.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

# Why each missed target is missed, with profile evidence; kept by hand, copied into the report.
NOTES = Path(__file__).resolve().parent / "NOTES.md"

# (operation, payload, peer, target ratio or None, stretch target or None)
TARGETS = [
    ("py decode", "reference", "msgspec", 1.0, None),
    ("py decode", "reference", "pydantic", 0.25, None),
    ("py decode", "minimal", "msgspec", 1.0, None),
    ("py decode", "minimal", "pydantic", 0.25, None),
    ("py encode", "reference", "msgspec", 1.0, None),
    ("py encode", "reference", "pydantic", 0.25, None),
    ("py construct", "reference", "pydantic", 0.2, None),
    ("py construct", "reference", "msgspec", 4.0, None),
    ("py read_attributes", "reference", "pydantic", 1.0, None),
    ("py read_attributes", "reference", "msgspec", 3.0, None),
    # The same reads as plain statements under timeit (issue 24): no call or tuple around them.
    ("py read_attributes_statements", "reference", "msgspec", 2.0, None),
    # The response of "Create Connect Session" (issue 25): a date-time and an integer besides.
    ("py decode", "token_auth_link", "msgspec", 1.0, None),
    ("py decode", "token_auth_link", "pydantic", 0.3, None),
    ("py encode", "token_auth_link", "msgspec", 1.0, None),
    ("py memory_per_instance", "reference", "msgspec", 1.0, None),
    # Time per 1 MiB document with two threads against one: the GIL is released.
    ("py decode_large_two_threads", "1mib", "one_thread", 0.6, None),
    ("py encode_large_two_threads", "1mib", "one_thread", 0.6, None),
    ("rust decode", "reference", "serde_json_struct", 0.5, None),
    ("rust decode", "minimal", "serde_json_struct", 0.5, None),
    ("rust decode", "token_auth_link", "serde_json_struct", 0.5, None),
    ("rust encode", "reference", "serde_json_struct", 1.0, None),
    ("c roundtrip", "reference", "rust", 1.15, None),
    ("c roundtrip", "minimal", "rust", 1.15, None),
]


# Lower bounds measured beside the peers: (operation, payload, impl, what it is, peer). The
# time of doing only part of what the operation must do, with the fastest peer's code: a
# target below it cannot be met by any implementation of the operation.
FLOORS = [
    (
        "py construct",
        "reference",
        "msgspec_encoding_metadata",
        "a msgspec struct made from the same keywords and its metadata written by msgspec's "
        "JSON encoder, nothing checked: the least a constructor that owns its values and keeps "
        "metadata as JSON does",
        "pydantic",
    ),
]


def json_lines(path: Path, prefix: str) -> dict[tuple[str, str, str], float]:
    out: dict[tuple[str, str, str], float] = {}
    for line in path.read_text().splitlines():
        row = json.loads(line)
        key = (f"{prefix} {row['op']}", row["payload"], row["impl"])
        out[key] = min(out.get(key, row["value"]), row["value"])
    return out


def fmt(value: float, op: str) -> str:
    if "memory" in op:
        return f"{value:.0f} B"
    return f"{value / 1000:.3f} µs" if value >= 1000 else f"{value:.0f} ns"


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {system}; {rustc}; Python {platform.python_version()}"


def main() -> None:
    rust_results, py_results, c_results, out_path = (Path(a) for a in sys.argv[1:5])
    results = (
        json_lines(rust_results, "rust") | json_lines(py_results, "py") | json_lines(c_results, "c")
    )
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "freeze"], capture_output=True, text=True
    ).stdout.split()
    peers = ", ".join(
        v for v in versions if v.split("==")[0] in ("pydantic", "pydantic_core", "msgspec")
    )
    rows = []
    misses = []
    for op, payload, peer, target, stretch in TARGETS:
        ours_key = (op, payload, "connect_session")
        ours = results.get(ours_key)
        theirs = results.get((op, payload, peer))
        if ours is None or theirs is None:
            rows.append(f"| {op} | {payload} | {peer} | missing | missing | | |")
            misses.append(f"{op} {payload} vs {peer}: not measured")
            continue
        ratio = ours / theirs
        goal = f"≤ {target}" if target is not None else ""
        if stretch is not None:
            goal += f" (stretch ≤ {stretch})"
        met = "" if target is None else ("yes" if ratio <= target else "**no**")
        if target is not None and ratio > target:
            misses.append(f"{op} {payload} vs {peer}: {ratio:.2f} (target {target})")
        times = f"{fmt(ours, op)} | {fmt(theirs, op)}"
        rows.append(f"| {op} | {payload} | {peer} | {times} | {ratio:.2f} | {goal} | {met} |")
    floors = []
    for op, payload, impl, what, peer in FLOORS:
        floor, theirs = results.get((op, payload, impl)), results.get((op, payload, peer))
        if floor is None or theirs is None:
            floors.append(f"- {op}, {payload}: the floor was not measured.")
            continue
        floors.append(
            f"- {op}, {payload}: {what}: {fmt(floor, op)}, {floor / theirs:.2f} of {peer}'s"
            f" {fmt(theirs, op)}."
        )
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `make bench`; every number below was measured in the same run.",
            "Ratios are connect-session ÷ peer (lower is better); each time is the fastest of",
            "several batches, taken in turn with the peer's (`benches/report.py` says why).",
            "",
            f"Machine: {machine()}. Peers: {peers}; serde_json from `benches/rust/Cargo.lock`.",
            "",
            "| operation | payload | peer | connect-session | peer | ratio | target | met |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Targets missed in this run: " + ("none" if not misses else "; ".join(misses)) + ".",
            "",
            "Floors measured in this run (part of an operation's work, done by a peer's code):",
            "",
            *floors,
            "",
            NOTES.read_text().strip(),
            "",
        ]
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
