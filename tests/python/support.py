"""Paths and helpers shared by the test modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import connect_session
from connect_session import ValidationError, _native

REPO_ROOT = Path(__file__).resolve().parents[2]
VECTORS_DIR = REPO_ROOT / "tests" / "vectors"


def as_json_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """errors() in the shape of the core's error JSON: loc as a list."""
    return [{**e, "loc": list(e["loc"])} for e in exc.errors()]


def kinds_and_locs(exc: ValidationError) -> list[tuple[str, tuple[str | int, ...]]]:
    return [(e["type"], e["loc"]) for e in exc.errors()]


# ConnectSessionCreate's rows, (name, kind, required, doc) each, in canonical order.
CREATE_FIELDS = tuple(row[:4] for row in _native.MODELS["ConnectSessionCreate"])
CREATE_FIELD_NAMES = tuple(row[0] for row in CREATE_FIELDS)


def model_name(case: Path) -> str:
    """The model a vector is for: its `model` file, ConnectSessionCreate when it has none."""
    model = case / "model"
    if not model.exists():
        return "ConnectSessionCreate"
    return model.read_text().rstrip("\n")


def model_of(case: Path) -> Any:
    """The class of the model a vector is for."""
    return getattr(connect_session, model_name(case))


def field_names(case: Path) -> tuple[str, ...]:
    """The wire keys of the model a vector is for."""
    return tuple(row[0] for row in _native.MODELS[model_name(case)])


# Every vector, and the schema file of each model (docs/<model in snake case>.schema.json).
CASES = sorted(p for p in VECTORS_DIR.iterdir() if p.is_dir())


def schema_file(model: str) -> Path:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in model).lstrip("_")
    return REPO_ROOT / "docs" / f"{snake}.schema.json"
