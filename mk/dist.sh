#!/usr/bin/env bash
# dist.sh [PART...]: builds the release artifacts into dist/ (`make dist`, which passes the
# tools in the environment; see mk/dist.mk). The parts, all of them by default:
#   wheels  one wheel per CPython 3.9-3.13 (pyenv's), maturin --zig against glibc 2.17, so
#           the tag is manylinux2014 / manylinux_2_17; maturin's auditwheel check must pass
#   sdist   maturin sdist
#   crates  both crates, packaged together by cargo (the ffi crate's dependency on the core
#           is resolved from cargo's temporary local registry) and each verified by building
#           it from the packaged sources alone
#   c       the C/C++ binary archive: `make install` into a directory named after it, the
#           licence files and the C README beside
#   sums    SHA256SUMS over everything in dist/
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO=${CARGO:-cargo}
MAKE=${MAKE:-make}
MATURIN=${MATURIN:-.venv/bin/maturin}
DIST_TOOLS_BIN=${DIST_TOOLS_BIN:?the venv of python/requirements-dist.txt (mk/dist.mk)}
work=${DIST_WORK:-target/dist}
out=dist
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
# x86_64-unknown-linux-gnu -> x86_64-linux-gnu, the triple C toolchains name.
triple=$(rustc -vV | sed -n 's/^host: //p' | sed 's/-unknown-/-/')
# Timestamps in the archives: the last commit's, so that a rebuild gives the same bytes.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

step() { echo "dist: $*"; }

wheels() {
    local root=${PYENV_ROOT:-$HOME/.pyenv} wheel_dir python interpreters=()
    for minor in 3.9 3.10 3.11 3.12 3.13; do
        python=$(ls -d "$root"/versions/"$minor".*/bin/python"$minor" 2>/dev/null | sort -V | tail -n 1 || true)
        if [ -z "$python" ]; then
            echo "dist: no CPython $minor under $root/versions (pyenv install $minor)" >&2
            exit 1
        fi
        interpreters+=(-i "$python")
    done
    wheel_dir=$work/wheels
    rm -rf "$wheel_dir"
    step "wheels for CPython 3.9-3.13"
    # maturin finds Zig as `python3 -m ziglang` of the first python3 on PATH.
    PATH="$DIST_TOOLS_BIN:$PATH" CARGO_TARGET_DIR=$work/wheels-target "$MATURIN" build --release \
        --zig --compatibility manylinux2014 --auditwheel check --strip --quiet \
        "${interpreters[@]}" --out "$wheel_dir"
    cp "$wheel_dir"/*.whl "$out/"
}

sdist() {
    step "sdist"
    rm -rf "$work/sdist"
    "$MATURIN" sdist --out "$work/sdist"
    cp "$work/sdist"/*.tar.gz "$out/"
}

crates() {
    step "crates (cargo package, each verified)"
    rm -rf "$work/crates-target/package"
    # shellcheck disable=SC2086 # CARGO_PACKAGE_FLAGS is a list of flags (--allow-dirty)
    "$CARGO" package -p connect-session -p connect-session-ffi --locked \
        --target-dir "$work/crates-target" ${CARGO_PACKAGE_FLAGS:-}
    cp "$work/crates-target/package"/*.crate "$out/"
}

c_archive() {
    local name=connect-session-$version-$triple stage=$work/c-stage
    step "$name.tar.gz (make install into it)"
    rm -rf "$stage" && mkdir -p "$stage"
    "$MAKE" --no-print-directory -s install PREFIX="$PWD/$stage/$name" >"$work/c-install.log" 2>&1 ||
        { cat "$work/c-install.log" >&2; exit 1; }
    cp LICENSE-MIT LICENSE-APACHE "$stage/$name/"
    cp crates/connect-session-ffi/README.md "$stage/$name/README.md"
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
        -C "$stage" -cf - "$name" | gzip -9n >"$out/$name.tar.gz"
}

sums() {
    step "SHA256SUMS"
    (cd "$out" && rm -f SHA256SUMS && sha256sum -- * >SHA256SUMS.new && mv SHA256SUMS.new SHA256SUMS)
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(wheels sdist crates c sums)
if [ "${parts[*]}" = "wheels sdist crates c sums" ]; then
    rm -rf "$out"
fi
mkdir -p "$out" "$work"
for part in "${parts[@]}"; do
    case $part in
        wheels | sdist | crates | sums) "$part" ;;
        c) c_archive ;;
        *) echo "dist.sh: unknown part $part" >&2; exit 2 ;;
    esac
done
[ "${parts[*]}" != "wheels sdist crates c sums" ] || { echo "dist: $out/"; ls -l "$out"; }
