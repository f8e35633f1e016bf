"""Paths and helpers shared by the test modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from connect_session import ValidationError

REPO_ROOT = Path(__file__).resolve().parents[2]
VECTORS_DIR = REPO_ROOT / "tests" / "vectors"


def as_json_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """errors() in the shape of the core's error JSON: loc as a list."""
    return [{**e, "loc": list(e["loc"])} for e in exc.errors()]


def kinds_and_locs(exc: ValidationError) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(e["type"], e["loc"]) for e in exc.errors()]
