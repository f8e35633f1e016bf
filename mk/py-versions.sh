#!/usr/bin/env bash
# The Python suite's interpreter-independent files under every CPython 3.9-3.13 that pyenv has
# besides .venv's own: the extension is built per interpreter and reads CPython's structures
# inline (a `str`'s text, a dict's entries), whose layout differs from version to version.
# Each version gets its own wheel, venv and cargo target directory (target/pyNN, as the 3.12
# build of mk/python.mk). In CI a missing interpreter is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

root=${PYENV_ROOT:-$HOME/.pyenv}
own=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
files=(tests/python/test_{doors,errors,fields,gil,kept_values,model,mutation,properties,threads,vectors}.py)

for version in 3.9 3.10 3.11 3.12 3.13; do
    [ "$version" = "$own" ] && continue
    python=$(ls -d "$root"/versions/"$version".*/bin/python"$version" 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$python" ]; then
        echo "Python $version: not under $root on this machine" >&2
        [ -z "${CI:-}" ] || exit 1
        continue
    fi
    dir=target/py${version/./}
    [ -x "$dir/venv/bin/python" ] || "$python" -m venv "$dir/venv"
    "$dir/venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-versions.txt
    rm -rf "$dir/wheels"
    CARGO_TARGET_DIR="$dir" .venv/bin/maturin build --release --quiet -i "$python" --out "$dir/wheels"
    "$dir/venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$dir"/wheels/*.whl
    echo "Python $version ($python):"
    "$dir/venv/bin/python" -m pytest -q -o cache_dir="$dir/pytest_cache" "${files[@]}"
done
