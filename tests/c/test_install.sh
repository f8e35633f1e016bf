#!/usr/bin/env bash
# `make test-install`: installs the C library the ways a distribution and a
# user do, and uses it the ways C and CMake users do.
#
# - The default layout (PREFIX): exactly the expected files; the versioned
#   shared library (cargo-c's naming, SONAME checked with readelf -d) and its
#   links; stripped libraries (target/ keeps the unstripped ones); only
#   connect_session_* exported; pkg-config and the CMake package pointing at
#   what was installed. The quickstarts built with pkg-config (shared, static)
#   and with CMake (connect_session::connect_session and ::connect_session_static)
#   print exactly what the Rust quickstart prints.
# - A multiarch LIBDIR and a custom INCLUDEDIR, installed in one place and
#   moved to another: the same consumers still work (connect_session.pc and the
#   CMake package find everything from their own directory).
# - A staged install (DESTDIR, LIBDIR=lib64): files land under DESTDIR, and
#   nothing records an absolute path, so neither DESTDIR nor PREFIX.
# - uninstall removes exactly what install put there, and nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

CC=${CC:-cc}
CXX=${CXX:-c++}
CARGO=${CARGO:-cargo}
MAKE=${MAKE:-make}
CMAKE=${CMAKE:-cmake}

for tool in pkg-config readelf "$CMAKE"; do
    command -v "$tool" >/dev/null || { echo "test-install: $tool is required" >&2; exit 1; }
done

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
        echo "test-install: FAILED: $what" >&2
    fi
}
same() { test "$1" = "$2" || { echo "  got:  $1" >&2; echo "  want: $2" >&2; false; }; }
# The paths are relative to the .pc file's directory: compare where they lead.
same_dir() { same "$(realpath -e "$1" 2>&1)" "$(realpath -e "$2" 2>&1)"; }

# The names, derived here from Cargo.toml on their own (cargo-c's rule for
# the SONAME: 0.y.z -> .so.0.y, x.y.z -> .so.x), to check what the build did.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
IFS=. read -r major minor patch <<<"${version%%[-+]*}"
if [ "$major" = 0 ]; then soname=libconnect_session.so.0.$minor; else soname=libconnect_session.so.$major; fi
real=libconnect_session.so.$major.$minor.$patch

installed_files() { # every file and link under $1, relative, sorted
    (cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)
}
expected_files() { # LIBDIR INCLUDEDIR
    printf '%s\n' "$1/$real" "$1/$soname" "$1/libconnect_session.so" "$1/libconnect_session.a" \
        "$1/pkgconfig/connect_session.pc" "$1/cmake/connect_session/connect_sessionConfig.cmake" \
        "$1/cmake/connect_session/connect_sessionConfigVersion.cmake" \
        "$2/connect_session.h" "$2/connect_session.hpp" share/doc/connect-session/contract.md | sort
}
make_install() { "$MAKE" --no-print-directory -s "$@" >"$work/make.log" 2>&1 || { cat "$work/make.log" >&2; exit 1; }; }

# What the Rust quickstart prints is what every program here must print.
"$CARGO" run -q -p connect-session --example quickstart >"$work/want.out" 2>"$work/want.err"
check "the Rust quickstart printed its two lines (the request, the link)" test "$(wc -l <"$work/want.out")" -eq 2
runs_like_rust() { # NAME PROGRAM [ENV...]: runs it and compares stdout and stderr with Rust's
    local name=$1 program=$2
    shift 2
    if env "$@" "$program" >"$work/$name.out" 2>"$work/$name.err"; then
        check "$name: stdout matches the Rust quickstart" cmp -s "$work/want.out" "$work/$name.out"
        check "$name: stderr matches the Rust quickstart" cmp -s "$work/want.err" "$work/$name.err"
    else
        check "$name exits with 0" false
    fi
}
needs() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
links_shared() { needs "$1" | grep -qx "$soname"; }
links_static() { ! needs "$1" | grep -q libconnect_session; }

# use_installed PREFIX LIBDIR INCLUDEDIR TAG: pkg-config and CMake consumers.
use_installed() {
    local prefix=$1 libdir=$2 includedir=$3 tag=$4 out=$work/use-$4
    mkdir -p "$out"
    export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
    check "$tag: pkg-config --modversion is the workspace version" \
        same "$(pkg-config --modversion connect_session)" "$version"
    check "$tag: pkg-config's libdir is the installed one" \
        same_dir "$(pkg-config --variable=libdir connect_session)" "$prefix/$libdir"
    check "$tag: pkg-config's includedir is the installed one" \
        same_dir "$(pkg-config --variable=includedir connect_session)" "$prefix/$includedir"
    check "$tag: Libs.private is what rustc printed" same \
        "$(sed -n 's/^Libs.private: //p' "$prefix/$libdir/pkgconfig/connect_session.pc")" \
        "$(cat "${CARGO_TARGET_DIR:-target}/release/connect_session.native-libs")"

    # shellcheck disable=SC2046 # pkg-config prints a list of flags
    "$CC" -std=c99 -Wall -Wextra -Wpedantic -Werror examples/quickstart.c \
        $(pkg-config --cflags --libs connect_session) -o "$out/c_shared"
    # Static, as the README says: the archive, then what it needs (--static adds Libs.private).
    # shellcheck disable=SC2046
    "$CC" -std=c99 -Wall -Wextra -Wpedantic -Werror examples/quickstart.c \
        $(pkg-config --cflags connect_session) \
        "$(pkg-config --variable=libdir connect_session)/libconnect_session.a" \
        $(pkg-config --static --libs-only-l connect_session | sed 's/-lconnect_session//') \
        -o "$out/c_static"
    # shellcheck disable=SC2046
    "$CXX" -std=c++17 -Wall -Wextra -Wpedantic -Werror examples/quickstart.cpp \
        $(pkg-config --cflags --libs connect_session) -o "$out/cpp_shared"
    check "$tag: the shared build needs $soname" links_shared "$out/c_shared"
    check "$tag: the static build does not need the shared library" links_static "$out/c_static"
    runs_like_rust "$tag-pkg-config-c_shared" "$out/c_shared" LD_LIBRARY_PATH="$prefix/$libdir"
    # What the README says about run time: without ldconfig, an rpath or
    # LD_LIBRARY_PATH the loader refuses, naming the SONAME; with the rpath it runs.
    check "$tag: the loader names $soname when it cannot find it" \
        bash -c 'env -u LD_LIBRARY_PATH "$1" >/dev/null 2>"$3"; [ $? -ne 0 ] && grep -q "$2: cannot open shared object file" "$3"' \
        _ "$out/c_shared" "$soname" "$out/loader.err"
    # shellcheck disable=SC2046
    "$CC" -std=c99 examples/quickstart.c $(pkg-config --cflags --libs connect_session) \
        -Wl,-rpath,"$(pkg-config --variable=libdir connect_session)" -o "$out/c_rpath"
    runs_like_rust "$tag-pkg-config-c_rpath" "$out/c_rpath"
    runs_like_rust "$tag-pkg-config-c_static" "$out/c_static"
    runs_like_rust "$tag-pkg-config-cpp_shared" "$out/cpp_shared" LD_LIBRARY_PATH="$prefix/$libdir"

    # CMake: find_package(connect_session 0.1 CONFIG REQUIRED), both targets.
    if "$CMAKE" -S tests/cmake/consumer -B "$out/cmake" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" >"$out/cmake.log" 2>&1 &&
        "$CMAKE" --build "$out/cmake" >>"$out/cmake.log" 2>&1; then
        check "$tag: CMake found the installed package" \
            grep -q "connect_session $version from $prefix/$libdir/cmake/connect_session" "$out/cmake.log"
        for program in c_shared cpp_shared; do
            check "$tag: CMake's quickstart_$program needs $soname" links_shared "$out/cmake/quickstart_$program"
            # No LD_LIBRARY_PATH: CMake gives the build tree an rpath.
            runs_like_rust "$tag-cmake-$program" "$out/cmake/quickstart_$program"
        done
        for program in c_static cpp_static; do
            check "$tag: CMake's quickstart_$program does not need the shared library" \
                links_static "$out/cmake/quickstart_$program"
            runs_like_rust "$tag-cmake-$program" "$out/cmake/quickstart_$program"
        done
    else
        cat "$out/cmake.log" >&2
        check "$tag: the CMake consumer configures and builds" false
    fi
    cp "$out/cmake.log" "$work/last-cmake.log"
}

# --- the default layout ---------------------------------------------------------
prefix=$work/prefix
make_install install PREFIX="$prefix"
check "install puts exactly the expected files" \
    same "$(installed_files "$prefix")" "$(expected_files lib include)"
lib=$prefix/lib
check "$soname links to $real" same "$(readlink "$lib/$soname")" "$real"
check "libconnect_session.so links to $soname" same "$(readlink "$lib/libconnect_session.so")" "$soname"
check "$real is a file" test -f "$lib/$real" -a ! -L "$lib/$real"
echo "test-install: readelf -d $lib/$real"
readelf -d "$lib/$real" | tee "$work/dynamic" | sed 's/^/    /'
check "the SONAME is $soname" grep -q "(SONAME) *Library soname: \[$soname\]" "$work/dynamic"

# Stripped when installed; the build's own copies keep their debug info.
has_debug() { readelf -S --wide "$1" 2>/dev/null | grep -q ' \.debug_'; }
check "the installed .so is stripped" bash -c '! readelf -S --wide "$1" | grep -q " \.debug_\| \.symtab "' _ "$lib/$real"
check "the installed .a has no debug sections or bitcode" \
    bash -c '! readelf -S --wide "$1" | grep -q " \.debug_\| \.llvmbc "' _ \
    "$lib/libconnect_session.a"
check "target/ keeps the unstripped .so" has_debug "${CARGO_TARGET_DIR:-target}/release/libconnect_session.so"
echo "test-install: installed sizes: $(du -h "$lib/$real" "$lib/libconnect_session.a" | awk '{printf "%s %s  ", $2, $1}')"

# The shared library exports the C API and nothing else.
nm -D --defined-only "$lib/$real" | awk '{print $3}' >"$work/symbols"
check "the .so exports symbols" test -s "$work/symbols"
check "every exported symbol starts with connect_session_" bash -c '! grep -v "^connect_session_" "$1"' _ "$work/symbols"

use_installed "$prefix" lib include default
echo "test-install: CMake consumer (default layout):"
grep -v 'make\[[0-9]*\]:' "$work/last-cmake.log" | sed 's/^/    /' || true

# find_package refuses the versions this ABI does not satisfy, and takes the exact one.
for request in "$major.$((minor + 1))" "$((major + 1)).0" "$version"; do
    if "$CMAKE" -S tests/cmake/consumer -B "$work/request-$request" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCONNECT_SESSION_REQUEST="$request" >"$work/request.log" 2>&1; then found=yes; else found=no; fi
    if [ "$request" = "$version" ]; then want=yes; else want=no; fi
    check "find_package(connect_session $request) found: $want" same "$found" "$want"
done

make_install uninstall PREFIX="$prefix"
check "uninstall leaves no file behind" same "$(installed_files "$prefix")" ""

# --- a multiarch LIBDIR and a custom INCLUDEDIR, moved after install ---------------
multiarch=$("$CC" -print-multiarch 2>/dev/null || true)
libdir=lib/${multiarch:-x86_64-linux-gnu}
prefix=$work/multiarch
make_install install PREFIX="$work/installed-here" LIBDIR="$libdir" INCLUDEDIR=include/connect-session
mv "$work/installed-here" "$prefix"
check "$libdir: install puts exactly the expected files" \
    same "$(installed_files "$prefix")" "$(expected_files "$libdir" include/connect-session)"
use_installed "$prefix" "$libdir" include/connect-session multiarch
mv "$prefix" "$work/installed-here"
make_install uninstall PREFIX="$work/installed-here" LIBDIR="$libdir" INCLUDEDIR=include/connect-session
prefix=$work/installed-here
check "$libdir: uninstall leaves no file behind" same "$(installed_files "$prefix")" ""

# --- staged for a package: DESTDIR, PREFIX=/usr, LIBDIR=lib64 ---------------------
stage=$work/stage
mkdir -p "$stage/usr/lib64/pkgconfig" "$stage/usr/include"
echo keep >"$stage/usr/lib64/pkgconfig/other.pc"
echo keep >"$stage/usr/include/other.h"
make_install install DESTDIR="$stage" PREFIX=/usr LIBDIR=lib64
check "DESTDIR: exactly the expected files, next to the others" same "$(installed_files "$stage/usr")" \
    "$( (expected_files lib64 include; echo lib64/pkgconfig/other.pc; echo include/other.h) | sort)"
check "DESTDIR: the header's pointer to the contract leads to a file" \
    test -f "$stage/usr/$(sed -n 's|.*installed as \(share/[^ ]*contract.md\).*|\1|p' include/connect_session.h)"
# shellcheck disable=SC2016 # the .pc file's own variables, not the shell's
check "DESTDIR: connect_session.pc finds PREFIX from its own directory" \
    grep -qx 'prefix=${pcfiledir}/../..' "$stage/usr/lib64/pkgconfig/connect_session.pc"
# shellcheck disable=SC2016
check "DESTDIR: connect_session.pc's libdir is lib64" \
    grep -qx 'libdir=${prefix}/lib64' "$stage/usr/lib64/pkgconfig/connect_session.pc"
check "DESTDIR: connect_session.pc records no absolute path" \
    bash -c '! grep -q "=/\|-[IL]/" "$1"' _ "$stage/usr/lib64/pkgconfig/connect_session.pc"
check "DESTDIR: the CMake package records no absolute path" \
    bash -c '! grep -v "^ *#" "$1" | grep -q "\"/"' _ "$stage/usr/lib64/cmake/connect_session/connect_sessionConfig.cmake"
check "DESTDIR: nothing records the staging directory" \
    bash -c '! grep -rq "$1" "$2"/usr/lib64/pkgconfig "$2"/usr/lib64/cmake' _ "$stage" "$stage"
make_install uninstall DESTDIR="$stage" PREFIX=/usr LIBDIR=lib64
check "DESTDIR: uninstall removes exactly what install put there" same "$(installed_files "$stage/usr")" \
    "$(printf '%s\n' include/other.h lib64/pkgconfig/other.pc)"
check "DESTDIR: uninstall removes the package's CMake directory" test ! -e "$stage/usr/lib64/cmake/connect_session"
check "DESTDIR: uninstall removes the package's doc directory" test ! -e "$stage/usr/share/doc/connect-session"

echo "test-install: $passed passed, $failed failed"
test "$failed" -eq 0
