"""`pip install .` works from a clean copy of the repository, into a fresh virtual
environment, with nothing but Rust and Python present (pip fetches maturin itself)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from support import REPO_ROOT

CHECK = """
import json, pickle, sys
from pathlib import Path
import connect_session
from connect_session import ConnectSessionCreate, ValidationError
package = Path(connect_session.__file__).parent
assert str(package).startswith(sys.prefix), package
assert (package / "py.typed").exists() and (package / "_native.pyi").exists()
req = ConnectSessionCreate(origin_owner_id="o", origin_owner_name="n", categories=["stackOne"])
assert pickle.loads(pickle.dumps(req)) == req
try:
    ConnectSessionCreate.from_json("{}")
except ValidationError as exc:
    assert exc.error_count() == 2
print(connect_session.__version__, req.to_json())
"""


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout
    return [name for name in listing.decode().split("\0") if name]


@pytest.mark.install
def test_pip_install_from_a_clean_copy(tmp_path: Path) -> None:
    source = tmp_path / "src"
    for name in tracked_files():
        origin = REPO_ROOT / name
        if origin.is_file():  # a tracked file deleted in the work tree is not copied
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, source / name)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    # Reuse compiled dependencies between runs; the package itself is always rebuilt.
    env["CARGO_TARGET_DIR"] = str(REPO_ROOT / "target" / "pip-install-test")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", str(source)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    check = subprocess.run(
        [str(python), "-c", CHECK], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.split(" ", 1) == [
        sys.modules["connect_session"].__version__,
        '{"categories":["stackone"],"origin_owner_id":"o","origin_owner_name":"n"}\n',
    ]
