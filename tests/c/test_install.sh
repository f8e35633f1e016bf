#!/usr/bin/env bash
# `make test-install`: installs into a temporary prefix, then builds
# examples/quickstart.c (shared and static) and examples/quickstart.cpp against
# it with pkg-config, and checks that each prints exactly what the Rust
# quickstart prints, on stdout and on stderr.
set -euo pipefail
cd "$(dirname "$0")/../.."

CC=${CC:-cc}
CXX=${CXX:-c++}
CARGO=${CARGO:-cargo}
MAKE=${MAKE:-make}

if ! command -v pkg-config >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "test-install: installing pkg-config"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config >/dev/null
    else
        echo "test-install: pkg-config is required (apt-get install pkg-config)" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "test-install: FAILED: $what" >&2
    fi
}

"$MAKE" --no-print-directory install PREFIX="$prefix"

for f in lib/libconnect_session.so lib/libconnect_session.a include/connect_session.h \
    include/connect_session.hpp lib/pkgconfig/connect_session.pc; do
    check "$f is installed" test -f "$prefix/$f"
done

# The shared library exports the C API and nothing else.
nm -D --defined-only "$prefix/lib/libconnect_session.so" | awk '{print $3}' >"$work/symbols"
check "the .so exports symbols" test -s "$work/symbols"
check "every exported symbol starts with connect_session_" \
    bash -c '! grep -v "^connect_session_" "$1"' _ "$work/symbols"

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
check "pkg-config --modversion is the workspace version" \
    test "$(pkg-config --modversion connect_session)" = "$version"

# What the Rust quickstart prints is what every language must print.
"$CARGO" run -q -p connect-session --example quickstart >"$work/want.out" 2>"$work/want.err"

# shellcheck disable=SC2046 # pkg-config output is a list of flags
"$CC" -std=c99 -Wall -Wextra -Wpedantic -Werror examples/quickstart.c \
    $(pkg-config --cflags --libs connect_session) -o "$work/quickstart_c"
# Static: the archive, then what it needs (Libs.private) without the shared library.
# shellcheck disable=SC2046
"$CC" -std=c99 -Wall -Wextra -Wpedantic -Werror examples/quickstart.c \
    $(pkg-config --cflags connect_session) "$prefix/lib/libconnect_session.a" \
    $(pkg-config --static --libs-only-l connect_session | sed 's/-lconnect_session//') \
    -o "$work/quickstart_c_static"
# shellcheck disable=SC2046
"$CXX" -std=c++17 -Wall -Wextra -Wpedantic -Werror examples/quickstart.cpp \
    $(pkg-config --cflags --libs connect_session) -o "$work/quickstart_cpp"

check "the static build does not need the shared library" \
    bash -c '! ldd "$1" | grep -q libconnect_session' _ "$work/quickstart_c_static"

for program in quickstart_c quickstart_c_static quickstart_cpp; do
    if LD_LIBRARY_PATH=$prefix/lib "$work/$program" >"$work/$program.out" 2>"$work/$program.err"; then
        check "$program: stdout matches the Rust quickstart" cmp -s "$work/want.out" "$work/$program.out"
        check "$program: stderr matches the Rust quickstart" cmp -s "$work/want.err" "$work/$program.err"
    else
        check "$program exits with 0" false
    fi
done
check "the Rust quickstart printed one line" test "$(wc -l <"$work/want.out")" -eq 1

echo "test-install: $passed passed, $failed failed"
test "$failed" -eq 0
