"""Fixtures of the routes tests: a store with the small hand-written trade file and list, on
SQLite and (when ``TRACEWIRE_TEST_PG_URL`` names a server) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tracewire.routes.build import build_graph
from tracewire.routes.load import load_trade
from tracewire.routes.records import parse_columns
from tracewire.store import Store, open_store

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "routes"
TRADE = HERE / "trade_small.csv"
LIST = HERE / "list_small.ftm.jsonl"


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = (
        str(tmp_path / "s.db")
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    store = open_store(url)
    yield store
    store.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(str(tmp_path / "s.db"))
    yield store
    store.close()


def _load_list(store: Store, path: Path = LIST) -> None:
    entities = [orjson.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    store.import_entities(
        dataset=entities[0]["datasets"][0],
        fmt="ftm",
        source=str(path),
        sha256=path.name,
        entities=entities,
    )


def _fill(store: Store) -> Store:
    _load_list(store)
    load_trade(store, str(TRADE), parse_columns(None))
    build_graph(store, screen=False)
    return store


@pytest.fixture
def small(sqlite_store: Store) -> Store:
    """The small list and trade file loaded, the graph built (identifiers only)."""
    return _fill(sqlite_store)


@pytest.fixture
def small_any(any_store: Store) -> Store:
    """The same on SQLite and PostgreSQL."""
    return _fill(any_store)


@pytest.fixture
def list_only(sqlite_store: Store) -> Store:
    """A store holding the small list and no trade yet."""
    _load_list(sqlite_store)
    return sqlite_store
