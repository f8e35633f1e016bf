#!/usr/bin/env bash
# `make test-compile-fail`: each snippet here is code a user could naturally
# write that the headers must refuse at compile time. Its first line is
# `// expect: <extended regex>`, the diagnostic the compiler must give. Each
# snippet is compiled twice: as is, it must fail with that diagnostic; with
# -DCONTROL (the same program written the right way) it must compile, which
# proves the failure comes from the line under test and not from a typo.
set -euo pipefail
cd "$(dirname "$0")/../.."

CC=${CC:-cc}
CXX=${CXX:-c++}
# Compiled to an object: GCC gives warn_unused_result only past -fsyntax-only.
C_FLAGS=(-std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -c -o /dev/null)
CXX_FLAGS=(-std=c++17 -Wall -Wextra -Wpedantic -Werror -Iinclude -c -o /dev/null)

passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for snippet in tests/compile_fail/*.c tests/compile_fail/*.cpp; do
    expect=$(sed -n '1s|^// expect: ||p' "$snippet")
    if [ -z "$expect" ]; then
        echo "$snippet: the first line must be '// expect: <regex>'" >&2
        failed=$((failed + 1))
        continue
    fi
    case $snippet in
    *.c) compile=("$CC" "${C_FLAGS[@]}") ;;
    *) compile=("$CXX" "${CXX_FLAGS[@]}") ;;
    esac
    if "${compile[@]}" "$snippet" >"$log" 2>&1; then
        echo "$snippet: compiled, but must not" >&2
        failed=$((failed + 1))
    elif ! grep -Eq -- "$expect" "$log"; then
        echo "$snippet: failed without the expected diagnostic /$expect/:" >&2
        sed 's/^/    /' "$log" >&2
        failed=$((failed + 1))
    elif ! "${compile[@]}" -DCONTROL "$snippet" >"$log" 2>&1; then
        echo "$snippet: the -DCONTROL version must compile:" >&2
        sed 's/^/    /' "$log" >&2
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done
echo "test-compile-fail: $passed passed, $failed failed"
test "$failed" -eq 0 && test "$passed" -gt 0
