#!/bin/sh
# prereqs.sh: checks, before `make test` starts, for everything it needs that
# `make` cannot install into the project itself, and stops with one line
# naming what is missing and how to get it. (What `make` installs on its own,
# from the network, on the first run: cbindgen under target/tools, the Python
# tools and CMake into .venv, the crates.)
missing=""
need() { # need DESCRIPTION-AND-HOW COMMAND...
    what=$1
    shift
    "$@" >/dev/null 2>&1 || missing="${missing:+$missing; }$what"
}
rust_at_least() { # the workspace's rust-version
    want=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
    have=$(rustc --version | sed 's/^rustc \([0-9.]*\).*/\1/')
    [ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -n 1)" = "$want" ]
}

need "Rust (stable, with cargo: https://rustup.rs)" cargo --version
need "Rust $(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n 1) or newer (rustup update stable)" rust_at_least
need "a nightly Rust toolchain, for ThreadSanitizer (rustup toolchain install nightly)" cargo +nightly --version
need "a C compiler (apt-get install gcc)" "${CC:-cc}" --version
need "a C++17 compiler (apt-get install g++)" "${CXX:-c++}" --version
need "Python 3.9 or newer (apt-get install python3)" python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))'
need "Python's venv and pip (apt-get install python3-venv python3-pip)" python3 -c 'import venv, ensurepip'
need "valgrind (apt-get install valgrind)" valgrind --version
need "pkg-config (apt-get install pkg-config)" pkg-config --version
need "binutils: readelf, nm, strip (apt-get install binutils)" sh -c 'readelf --version && nm --version && strip --version'

if [ -n "$missing" ]; then
    echo "make test needs: $missing" >&2
    exit 1
fi
