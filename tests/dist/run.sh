#!/usr/bin/env bash
# `make test-dist`: checks each artifact in dist/ (made by `make dist`) from a temporary
# directory, never from the build tree.
#
# - dist/ holds exactly the expected artifacts, SHA256SUMS matches them, and each carries
#   the workspace version; twine check --strict passes on the wheels and the sdist.
# - Each wheel: tagged manylinux only (and auditwheel agrees with the tag), stripped, one
#   extension module; installed with pip --no-index into a fresh venv of its CPython with
#   no Rust toolchain on PATH, it passes tests/dist/smoke.py; then, with
#   examples/requirements.txt added (Python 3.11+), smoke.py's pydantic part and the FastAPI
#   example too.
# - The sdist: pip builds and installs it into a fresh venv (Rust needed here), and the
#   Python suite passes against the installed package, from a directory holding copies of
#   tests/python and tests/vectors (and the few files they read) but no python/.
# - The crates: each holds its licence files and README and no tests; unpacked alone, the
#   core builds and runs its example, and the ffi crate builds its C libraries against the
#   unpacked core.
# - The C archive: the expected files and links, stripped libraries, relocatable pkg-config
#   and CMake files; unpacked and moved, the build lines of its README (C and C++ through
#   pkg-config, static, CMake) and tests/cmake/consumer (C and C++, shared and static, by
#   find_package) build programs that print what the Rust quickstart prints.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

CARGO=${CARGO:-cargo}
CC=${CC:-cc}
CXX=${CXX:-c++}
CMAKE=${CMAKE:-cmake}
PYTHON=${PYTHON:-python3}
DIST_TOOLS_BIN=${DIST_TOOLS_BIN:?the venv of python/requirements-dist.txt (mk/dist.mk)}
VENV_PY=${VENV_PY:-$root/.venv/bin/python}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "test-dist: FAILED: $what" >&2
    fi
}
same() { test "$1" = "$2" || { echo "  got:  $1" >&2; echo "  want: $2" >&2; false; }; }
section() { echo "== test-dist: $*"; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
IFS=. read -r major minor patch <<<"${version%%[-+]*}"
if [ "$major" = 0 ]; then soname=libconnect_session.so.0.$minor; else soname=libconnect_session.so.$major; fi
real=libconnect_session.so.$major.$minor.$patch
triple=$(rustc -vV | sed -n 's/^host: //p' | sed 's/-unknown-/-/')
minors=(9 10 11 12 13)
sdist=connect_session-$version.tar.gz
archive=connect-session-$version-$triple
# What every quickstart prints (the README's word for it, as make test-readme holds it to).
want_out=$("$VENV_PY" -c 'import sys; sys.path.insert(0, "tests"); import check_readme as r
print(*r.quickstart_stdout(), sep="\n")')
stripped() { ! readelf -S --wide "$1" | grep -q ' \.debug_\| \.symtab '; }

# --- dist/ as a whole -----------------------------------------------------------------
section "dist/"
[ -f dist/SHA256SUMS ] || { echo "test-dist: dist/SHA256SUMS is missing: run make dist" >&2; exit 1; }
ls dist >"$work/files"
expected() {
    for m in "${minors[@]}"; do
        grep -x "connect_session-$version-cp3$m-cp3$m-.*\.whl" "$work/files" || echo "(no wheel for CPython 3.$m)"
    done
    printf '%s\n' "$sdist" "connect-session-$version.crate" "connect-session-ffi-$version.crate" \
        "$archive.tar.gz" SHA256SUMS
}
check "dist/ holds exactly one wheel per CPython 3.9-3.13, the sdist, the crates, the archive, SHA256SUMS" \
    same "$(sort "$work/files")" "$(expected | sort)"
check "SHA256SUMS lists every other file" \
    same "$(awk '{print $2}' dist/SHA256SUMS | sort)" "$(grep -vx SHA256SUMS "$work/files" | sort)"
check "SHA256SUMS matches them" bash -c 'cd dist && sha256sum --quiet --strict -c SHA256SUMS'
cat dist/SHA256SUMS
section "twine check --strict"
check "twine check --strict: the wheels and the sdist" \
    "$DIST_TOOLS_BIN/twine" check --strict dist/*.whl "dist/$sdist"

# --- the wheels -------------------------------------------------------------------------
# PATH without any directory that holds a Rust toolchain (rustup's proxies included).
no_rust_path=
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
    [ -n "$dir" ] || continue
    case $dir in */.cargo/bin | */.rustup/*) continue ;; esac
    [ -e "$dir/cargo" ] || [ -e "$dir/rustc" ] || [ -e "$dir/rustup" ] && continue
    no_rust_path=${no_rust_path:+$no_rust_path:}$dir
done
check "the PATH for the wheels has no cargo or rustc" \
    env PATH="$no_rust_path" bash -c '! command -v cargo && ! command -v rustc'
mkdir -p "$work/run"
cp tests/dist/smoke.py examples/pydantic_fastapi.py "$work/run/"
want_fastapi=$("$VENV_PY" -c 'import sys; sys.path.insert(0, "tests"); import check_readme as r
print(r.printed_after(r.README.read_text(), "examples/pydantic_fastapi.py` needs"), end="")')

for m in "${minors[@]}"; do
    wheel=$(ls dist/connect_session-"$version"-cp3"$m"-cp3"$m"-*.whl 2>/dev/null | head -n 1 || true)
    [ -n "$wheel" ] || continue # counted missing above
    name=$(basename "$wheel")
    section "$name"
    platforms=${name#connect_session-"$version"-cp3"$m"-cp3"$m"-}
    platforms=${platforms%.whl}
    check "3.$m: every platform tag is manylinux (no plain linux_x86_64)" \
        bash -c '[ -z "$(tr . "\n" <<<"$1" | grep -v "^manylinux")" ]' _ "$platforms"
    "$DIST_TOOLS_BIN/auditwheel" show "$wheel" >"$work/auditwheel.log" 2>&1 || true
    sed 's/^/    /' "$work/auditwheel.log"
    audited=$(tr -s ' \n' ' ' <"$work/auditwheel.log" | sed -n 's/.*consistent with the following platform tag: "\([^"]*\)".*/\1/p')
    check "3.$m: auditwheel finds the wheel consistent with a tag it has ($audited)" \
        bash -c '[ -n "$2" ] && tr . "\n" <<<"$1" | grep -qx "$2"' _ "$platforms" "$audited"
    unpacked=$work/wheel-3$m
    mkdir -p "$unpacked" && (cd "$unpacked" && "$VENV_PY" -m zipfile -e "$root/$wheel" .)
    modules=$(cd "$unpacked" && find . -name '*.so' | sort)
    check "3.$m: one extension module, for CPython 3.$m" \
        same "$modules" "./connect_session/_native.cpython-3$m-x86_64-linux-gnu.so"
    check "3.$m: the extension is stripped" stripped "$unpacked/connect_session/_native.cpython-3$m-x86_64-linux-gnu.so"

    python=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$m".*/bin/python3."$m" 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$python" ]; then
        check "3.$m: a CPython 3.$m to install the wheel into (pyenv install 3.$m)" false
        continue
    fi
    venv=$work/venv-3$m
    run() { env -u CARGO_HOME -u RUSTUP_HOME -u VIRTUAL_ENV -u PYTHONPATH PATH="$venv/bin:$no_rust_path" "$@"; }
    run "$python" -m venv "$venv"
    check "3.$m: pip installs the wheel with no index and no Rust" \
        run "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$root/$wheel"
    (cd "$work/run" && run "$venv/bin/python" -I smoke.py "$version") >"$work/smoke.out" 2>&1 || true
    cat "$work/smoke.out"
    check "3.$m: smoke test passes" grep -qx 'smoke: [0-9]* passed, 0 failed' "$work/smoke.out"
    check "3.$m: smoke test ran without pydantic" grep -qx 'pydantic: absent' "$work/smoke.out"
    if [ "$m" -lt 11 ]; then
        echo "3.$m: examples/requirements.txt needs Python 3.11 or newer: pydantic's part runs on 3.11-3.13"
        continue
    fi
    check "3.$m: pip installs examples/requirements.txt (binary packages only)" \
        run "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary :all: \
        -r "$root/examples/requirements.txt"
    (cd "$work/run" && run "$venv/bin/python" -I smoke.py "$version") >"$work/smoke.out" 2>&1 || true
    cat "$work/smoke.out"
    check "3.$m: smoke test passes with pydantic" grep -qx 'smoke: [0-9]* passed, 0 failed' "$work/smoke.out"
    check "3.$m: smoke test checked pydantic" grep -qx 'pydantic: checked' "$work/smoke.out"
    check "3.$m: examples/pydantic_fastapi.py prints what the README says" \
        same "$(cd "$work/run" && run "$venv/bin/python" -I -W error pydantic_fastapi.py 2>&1)" "$want_fastapi"
done

# --- the sdist --------------------------------------------------------------------------
section "$sdist: pip install, then the Python suite against the installed package"
tar tzf "dist/$sdist" >"$work/sdist.files"
for file in LICENSE-MIT LICENSE-APACHE README.md pyproject.toml Cargo.lock; do
    check "the sdist holds $file" grep -qx "connect_session-$version/$file" "$work/sdist.files"
done
check "the sdist holds no built module" bash -c '! grep -q "\.so$" "$1"' _ "$work/sdist.files"
"$PYTHON" -m venv "$work/sdist-venv"
spy=$work/sdist-venv/bin/python
# Compiled dependencies are kept between runs (as tests/python/test_install.py does); the
# package itself is always built anew, from the unpacked sdist.
if env -u VIRTUAL_ENV CARGO_TARGET_DIR="$root/target/dist/sdist-target" "$spy" -m pip install --quiet \
    --disable-pip-version-check --no-binary connect-session "dist/$sdist" >"$work/sdist.log" 2>&1; then
    check "pip builds and installs the sdist" true
else
    cat "$work/sdist.log" >&2
    check "pip builds and installs the sdist" false
fi
"$spy" -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
suite=$work/suite
mkdir -p "$suite/tests" "$suite/docs"
cp -r tests/python tests/vectors "$suite/tests/"
rm -rf "$suite/tests/python/__pycache__"
# What the suite reads besides itself: the pytest configuration, the schema, the examples it
# runs and the version it compares.
cp pyproject.toml Cargo.toml "$suite/"
cp docs/*.schema.json "$suite/docs/"
cp -r examples "$suite/"
check "the suite's directory has no python/" test ! -e "$suite/python"
check "the suite imports the installed package" same \
    "$(cd "$suite" && "$spy" -c 'import connect_session, sys; print(connect_session.__file__.startswith(sys.prefix))')" True
# Left out, each for what it reads: the install test copies the git checkout;
# test_package_ships_types reads the stubs under python/ (smoke.py checks the wheels ship
# them); the 3.12 runs of test_memory import the package from python/ with pyenv's 3.12.
echo "not run here (they read the source tree; make test runs them): test_install.py,"
echo "  test_model.py::test_package_ships_types, test_memory.py's runs under pyenv's 3.12"
if (cd "$suite" && env -u PYTHONPATH "$spy" -m pytest -q -m "not install" \
    --deselect tests/python/test_model.py::test_package_ships_types -k "not 3.12" \
    tests/python) >"$work/suite.log" 2>&1; then
    check "the Python suite passes against the sdist's install" true
else
    check "the Python suite passes against the sdist's install" false
fi
tail -n 3 "$work/suite.log"

# --- the crates ---------------------------------------------------------------------------
section "the crates"
mkdir -p "$work/crates"
for crate in connect-session connect-session-ffi; do
    tar xzf "dist/$crate-$version.crate" -C "$work/crates"
    dir=$work/crates/$crate-$version
    for file in LICENSE-MIT LICENSE-APACHE README.md Cargo.toml src/lib.rs; do
        check "$crate: holds $file" test -f "$dir/$file"
    done
    check "$crate: its version" grep -qx "version = \"$version\"" "$dir/Cargo.toml"
    check "$crate: holds no tests (they need the repository)" test ! -e "$dir/tests"
done
crate_target=$root/target/dist/crates-check
core=$work/crates/connect-session-$version
if (cd "$core" && "$CARGO" run -q --locked --example quickstart --target-dir "$crate_target") \
    >"$work/crate.out" 2>"$work/crate.err"; then
    check "connect-session, unpacked alone: its example prints what the quickstart does" \
        same "$(cat "$work/crate.out")" "$want_out"
else
    cat "$work/crate.err" >&2
    check "connect-session, unpacked alone: its example runs" false
fi
# The core is not on crates.io yet: the ffi crate takes the unpacked one in its place.
ffi=$work/crates/connect-session-ffi-$version
if (cd "$ffi" && "$CARGO" build -q --lib --target-dir "$crate_target" \
    --config "patch.crates-io.connect-session.path='$core'") >"$work/ffi.log" 2>&1; then
    check "connect-session-ffi, unpacked: builds libconnect_session.so against the unpacked core" \
        bash -c 'nm -D --defined-only "$1" | grep -q " connect_session_version$"' _ "$crate_target/debug/libconnect_session.so"
else
    cat "$work/ffi.log" >&2
    check "connect-session-ffi, unpacked: builds" false
fi

# --- the C/C++ archive ------------------------------------------------------------------------
section "$archive.tar.gz"
mkdir -p "$work/c"
tar xzf "dist/$archive.tar.gz" -C "$work/c"
check "the archive unpacks to one directory, $archive" same "$(ls "$work/c")" "$archive"
# Used from elsewhere than where it was unpacked: nothing in it may depend on its place.
mkdir -p "$work/elsewhere"
mv "$work/c/$archive" "$work/elsewhere/"
prefix=$work/elsewhere/$archive
check "the archive holds exactly the expected files" same \
    "$(cd "$prefix" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)" \
    "$(printf '%s\n' LICENSE-MIT LICENSE-APACHE README.md include/connect_session.h include/connect_session.hpp \
        "lib/$real" "lib/$soname" lib/libconnect_session.so lib/libconnect_session.a \
        lib/pkgconfig/connect_session.pc lib/cmake/connect_session/connect_sessionConfig.cmake \
        lib/cmake/connect_session/connect_sessionConfigVersion.cmake share/doc/connect-session/contract.md | sort)"
check "$soname links to $real" same "$(readlink "$prefix/lib/$soname")" "$real"
check "libconnect_session.so links to $soname" same "$(readlink "$prefix/lib/libconnect_session.so")" "$soname"
check "the SONAME is $soname" bash -c 'readelf -d "$1" | grep -q "(SONAME) *Library soname: \[$2\]"' _ "$prefix/lib/$real" "$soname"
check "the shared library is stripped" stripped "$prefix/lib/$real"
check "the licence files are the repository's" bash -c 'cmp -s "$1/LICENSE-MIT" LICENSE-MIT && cmp -s "$1/LICENSE-APACHE" LICENSE-APACHE' _ "$prefix"
check "the header's version" grep -q "^#define CONNECT_SESSION_VERSION \"$version\"$" "$prefix/include/connect_session.h"
check "pkg-config's version" same "$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --modversion connect_session)" "$version"
check "the CMake package's version" grep -q "^set(PACKAGE_VERSION \"$version\")$" \
    "$prefix/lib/cmake/connect_session/connect_sessionConfigVersion.cmake"
check "no file of the archive records the directory it was made in" \
    bash -c '! grep -rqF "$1" "$2/lib/pkgconfig" "$2/lib/cmake"' _ "$root" "$prefix"
echo "the shared library needs $(objdump -T "$prefix/lib/$real" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n 1)"

# The archive's README, as a C user follows it.
if CC=$CC CXX=$CXX "$VENV_PY" tests/check_readme.py --prefix "$prefix" --cmake "$CMAKE" \
    --builds-only "$prefix/README.md" >"$work/readme.log" 2>&1; then
    check "the build lines of the archive's README work against it" true
else
    check "the build lines of the archive's README work against it" false
fi
cat "$work/readme.log"

# find_package from a CMake project outside the repository: C and C++, shared and static.
mkdir -p "$work/consumer/tests/cmake" "$work/consumer/examples"
cp -r tests/cmake/consumer "$work/consumer/tests/cmake/"
cp examples/quickstart.c examples/quickstart.cpp "$work/consumer/examples/"
if "$CMAKE" -S "$work/consumer/tests/cmake/consumer" -B "$work/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" >"$work/cmake.log" 2>&1 &&
    "$CMAKE" --build "$work/consumer/build" >>"$work/cmake.log" 2>&1; then
    check "CMake found the archive's package" \
        grep -q "connect_session $version from $prefix/lib/cmake/connect_session" "$work/cmake.log"
    for program in c_shared cpp_shared c_static cpp_static; do
        check "CMake's quickstart_$program prints what the quickstart does" \
            same "$(env -u LD_LIBRARY_PATH "$work/consumer/build/quickstart_$program" 2>/dev/null)" "$want_out"
    done
else
    cat "$work/cmake.log" >&2
    check "the CMake consumer configures and builds against the archive" false
fi

echo "test-dist: $passed passed, $failed failed"
test "$failed" -eq 0
