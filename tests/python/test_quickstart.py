"""examples/quickstart.py prints the request the Rust quickstart builds and the link of
StackOne's answer, and shows an error."""

from __future__ import annotations

import subprocess
import sys

from connect_session import _native
from support import REPO_ROOT

EXPECTED_STDOUT = (
    '{"categories":["ats","hris","hris-legacy","crm"],"expires_in":1800,'
    '"metadata":{"source":"onboarding","tenant":{"id":"t-42","tier":"gold"},'
    '"tags":["a","b"],"retries":3},"origin_owner_id":"owner-8f3c2a",'
    '"origin_owner_name":"Acme Corporation","origin_username":"jane.doe@acme.example",'
    '"provider":"hibob"}\n'
    "https://hub.stackone.com/embedded/integrations?token=cst_8f3c2a9b1d\n"
)


def test_quickstart_output() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO_ROOT / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == EXPECTED_STDOUT
    assert run.stderr.splitlines() == [
        'categories[0]: unknown category "hirs" (did you mean "hris"?); expected one of '
        + ", ".join(f'"{c}"' for c in _native.CATEGORY_VALUES)
        + " [type=invalid_value]",
        "origin_owner_name: field required [type=missing_field]",
        "fields to fix: [('categories', 0), ('origin_owner_name',)]",
    ]
