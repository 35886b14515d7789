"""Shared fixtures: where the real reference data lives (read it there, never copy it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` beside the project (or ``TRACEWIRE_SHARED_DATA``)."""
    path = Path(os.environ.get("TRACEWIRE_SHARED_DATA", ROOT.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def lists_dir(shared_data: Path) -> Path:
    return shared_data / "lists"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES
