"""Every store behaviour test runs against every backend: SQLite, and PostgreSQL when
``TRACEWIRE_TEST_PG_URL`` names a server (``.ci/run`` starts one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tracewire.store.sql import SqlStore


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def store(store_url: str) -> Iterator[SqlStore]:
    s = SqlStore(store_url)
    yield s
    s.close()
