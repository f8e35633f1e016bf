#!/usr/bin/env bash
# `make test-version`: the version is written once, as [workspace.package] version in
# Cargo.toml, and everything else follows it or names it: every crate (cargo metadata), the
# dependencies on the core by path and version, the Python package (maturin takes it from
# Cargo.toml: pyproject.toml declares it dynamic), the C header's macros (cbindgen.toml's
# placeholders, filled in by make header and checked by make check-header) and the top entry
# of CHANGELOG.md. The artifacts of make dist are checked by make test-dist.
set -euo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
check() { # check DESCRIPTION GOT WANT
    if [ "$2" = "$3" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "test-version: FAILED: $1: got '$2', want '$3'" >&2
    fi
}

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml)
echo "test-version: the workspace version is $version"
check "Cargo.toml has one [workspace.package] version" "$(printf '%s\n' "$version" | wc -l | tr -d ' ')" 1
# mk/c.mk and tests/c/test_install.sh read the first `version = ` line of Cargo.toml.
check "the first version line of Cargo.toml is the workspace's" \
    "$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)" "$version"

metadata=$(${CARGO:-cargo} metadata --no-deps --format-version 1 --offline 2>/dev/null ||
    ${CARGO:-cargo} metadata --no-deps --format-version 1)
for package in connect-session connect-session-ffi connect-session-py; do
    check "$package's version" "$(printf '%s' "$metadata" | python3 -c '
import json, sys
print(*[p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == sys.argv[1]])
' "$package")" "$version"
done
# A path dependency's version is what the packaged crate asks of the registry.
deps=$(printf '%s' "$metadata" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    for d in p["dependencies"]:
        if d["name"] == "connect-session":
            print(p["name"], d["req"])
')
check "crates depending on the core" "$(printf '%s\n' "$deps" | cut -d' ' -f1 | sort | tr '\n' ' ')" \
    "connect-session-ffi connect-session-py xtask "
while read -r package req; do
    check "$package's requirement on connect-session" "$req" "^$version"
done <<<"$deps"

check "pyproject.toml takes the version from Cargo.toml" \
    "$(grep -c '^dynamic = \["version"\]$' pyproject.toml)" 1
check "pyproject.toml states no version of its own" "$(grep -c '^version *=' pyproject.toml || true)" 0

IFS=. read -r major minor patch <<<"${version%%[-+]*}"
header=include/connect_session.h
check "CONNECT_SESSION_VERSION" "$(sed -n 's/^#define CONNECT_SESSION_VERSION "\(.*\)"$/\1/p' "$header")" "$version"
check "CONNECT_SESSION_VERSION_MAJOR" "$(sed -n 's/^#define CONNECT_SESSION_VERSION_MAJOR //p' "$header")" "$major"
check "CONNECT_SESSION_VERSION_MINOR" "$(sed -n 's/^#define CONNECT_SESSION_VERSION_MINOR //p' "$header")" "$minor"
check "CONNECT_SESSION_VERSION_PATCH" "$(sed -n 's/^#define CONNECT_SESSION_VERSION_PATCH //p' "$header")" "$patch"

check "CHANGELOG.md's top entry" "$(sed -n 's/^## \([^ ]*\).*/\1/p' CHANGELOG.md | head -n 1)" "$version"

echo "test-version: $passed passed, $failed failed"
test "$failed" -eq 0
