"""Shared fixtures: where the real reference data lives (read it there, never copy it), and
a fresh PostgreSQL database for the tests that run on every backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

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


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server ``TRACEWIRE_TEST_PG_URL`` names
    (``.ci/run`` starts one), dropped afterwards; skipped without a server, failed in CI."""
    server = os.environ.get("TRACEWIRE_TEST_PG_URL")
    if not server:
        if os.environ.get("CI"):
            pytest.fail("TRACEWIRE_TEST_PG_URL is not set in CI")
        pytest.skip("TRACEWIRE_TEST_PG_URL not set")
    name = f"tw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
