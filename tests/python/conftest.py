"""Hypothesis settings for the suite."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Examples per property: small for `make test`, large for `make test-py-slow` (the same
# variable sets the number of Rust proptest cases).
settings.register_profile(
    "connect-session",
    max_examples=int(os.environ.get("PROPTEST_CASES", "200")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("connect-session")
