#!/usr/bin/env bash
# make test-extending (docs/extending.md): adding an optional field is one row. In a copy of
# the tree it adds an optional text field `origin_email` to ConnectSessionCreate's table,
# runs `make generate`, checks that the table is the only file changed by hand, then builds
# and checks that Rust, C, C++ and Python read, set, validate and write the field.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/tests/extending
# Its own target directory, kept between runs (the copy's paths differ from the tree's, so
# sharing target/ would rebuild both), and the tree's pinned cbindgen.
target=${CARGO_TARGET_DIR:-$root/target}/extending
venv_py=$root/.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "copy the tree (tracked and new files) to $work"
mkdir -p "$work/before" "$work/tree"
(cd "$root" && git ls-files -z -co --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$work/before"
cp -a "$work/before/." "$work/tree"
tree=$work/tree

step "add one row to the table"
python3 - "$tree/crates/connect-session/src/models.rs" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
anchor = '        F::required(\n            "origin_owner_id",'
row = '''        F::optional(
            "origin_email",
            Text,
            "The e-mail address of the account's owner in your system.",
        ),
'''
assert text.count(anchor) >= 1, "ConnectSessionCreate's origin_owner_id row not found"
open(path, "w").write(text.replace(anchor, row + anchor, 1))
PY

step "make generate"
make -C "$tree" --no-print-directory generate CARGO_TARGET_DIR="$target" \
    CBINDGEN_ROOT="$root/target/tools" >"$work/generate.log" 2>&1 || {
    cat "$work/generate.log"
    exit 1
}
grep '^wrote' "$work/generate.log" || true

step "the table is the only file changed by hand"
(cd "$tree" && CARGO_TARGET_DIR="$target" cargo run -q -p xtask -- list) >"$work/outputs"
python3 "$here/changed.py" "$work/before" "$tree" "$work/outputs"
# What the test adds below is not part of the change it checks.
expected=$(cat "$here/expected.json")
invalid=$(cat "$here/invalid.json")

step "Rust"
cp "$here/check.rs" "$tree/crates/connect-session/examples/extending_check.rs"
cp "$here/expected.json" "$here/invalid.json" "$tree/crates/connect-session/examples/"
(cd "$tree" && CARGO_TARGET_DIR="$target" cargo run -q -p connect-session --example extending_check)

step "C and C++"
(cd "$tree" && CARGO_TARGET_DIR="$target" cargo build -q -p connect-session-ffi)
lib=$target/debug/libconnect_session.a
cc -std=c99 -Wall -Wextra -Werror -I"$tree/include" "$here/check.c" "$lib" -lpthread -ldl -lm \
    -o "$work/check_c"
"$work/check_c" "$expected" "$invalid"
c++ -std=c++17 -Wall -Wextra -Werror -I"$tree/include" "$here/check.cpp" "$lib" -lpthread -ldl \
    -lm -o "$work/check_cpp"
"$work/check_cpp" "$expected" "$invalid"

step "Python"
(cd "$tree" && PYO3_PYTHON="$venv_py" CARGO_TARGET_DIR="$target" \
    cargo build -q -p connect-session-py)
suffix=$("$venv_py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
cp "$target/debug/libconnect_session_py.so" "$tree/python/connect_session/_native$suffix"
PYTHONPATH="$tree/python" "$venv_py" "$here/check.py" "$expected" "$invalid" "$tree/python"
# The generated stubs know the field: mypy --strict accepts the check against them.
MYPYPATH="$tree/python" "$root/.venv/bin/mypy" --strict --cache-dir "$work/mypy" \
    --python-version 3.10 "$here/check.py"

printf '\ntest-extending: one row added origin_email to Rust, C, C++ and Python\n'
