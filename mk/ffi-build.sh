#!/bin/sh
# ffi-build.sh OUT_DIR [CARGO ARGS...]: builds libconnect_session.{so,a} with
# `cargo rustc` and records what a program linking the static library also
# needs, exactly as rustc reports it (--print native-static-libs), in
# OUT_DIR/connect_session.native-libs. mk/c.mk reads that file for the C test
# links, connect_session.pc's Libs.private and the CMake static target, and
# mk/hardening.mk for the ThreadSanitizer build, so no hand-kept list can fall
# out of date. CARGO may carry a toolchain (`cargo +nightly`). (cargo replays the note when nothing
# needs rebuilding, so the file is rewritten on every run.)
# Only the two C library types: the crate also declares an rlib (for its Rust
# tests), and cargo applies the profile's LTO to no crate built as an rlib;
# without it the C libraries lost the cross-crate inlining Rust programs get
# (the C round trip of the minimal document took 1.45x the Rust one, 1.18x with).
set -eu
out=$1
shift
mkdir -p "$out"
log=$out/ffi-build.log
status=0
${CARGO:-cargo} rustc "$@" -p connect-session-ffi --lib --crate-type cdylib,staticlib -- --print native-static-libs 2>"$log" || status=$?
# Show what cargo said, except the note this script turns into a file.
grep -v 'native-static-libs\|native artifacts when linking\|^$' "$log" >&2 || true
[ "$status" -eq 0 ] || exit "$status"
libs=$(sed -n 's/^note: native-static-libs: //p' "$log" | tail -n 1)
if [ -z "$libs" ]; then
    echo "ffi-build.sh: rustc printed no native-static-libs (see $log)" >&2
    exit 1
fi
printf '%s\n' "$libs" >"$out/connect_session.native-libs"
