"""The process's one screener cache: reused while the store is unchanged, rebuilt when its
lists change, the store it opened closed, and the server's runtime building through it."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

import tracewire.store
from tracewire import screening
from tracewire.api.runtime import Runtime
from tracewire.match.types import Query
from tracewire.screening import screener_for, screener_of
from tracewire.store import Store, open_store


def _company(entity_id: str, name: str) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Company", "caption": name,
            "properties": {"name": [name]}, "datasets": ["cache_list"]}  # fmt: skip


QODS = _company("c1", "QODS AVIATION INDUSTRIES")
SHAHED = _company("c2", "SHAHED AVIATION INDUSTRIES")


def _load(db: str, entities: list[dict[str, Any]], sha: str) -> None:
    store = open_store(db)
    try:
        store.import_entities(
            dataset="cache_list", fmt="ftm", source="test", sha256=sha * 64, entities=entities
        )
    finally:
        store.close()


def _ids(screener: Any, name: str) -> list[str]:
    found = screener.screen(Query(names=(name,), schema="Company"), limit=5)
    return [result.id for result in found.results if result.match]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cache.db")
    _load(path, [QODS], "1")
    return path


def test_reused_while_unchanged_and_rebuilt_when_the_lists_change(db: str) -> None:
    first = screener_for(db)
    assert screener_for(db) is first
    assert _ids(first, "Shahed Aviation Industries") == []
    _load(db, [QODS, SHAHED], "2")  # a new version of the list: the state token changes
    second = screener_for(db)
    assert second is not first
    assert _ids(second, "Shahed Aviation Industries") == ["c2"]
    assert screener_for(db) is second


def test_the_store_it_opens_is_closed(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Store] = []
    closed: list[Store] = []

    def recording_open(url: str, **options: Any) -> Store:
        store = open_store(url, **options)
        opened.append(store)
        real_close = store.close

        def close() -> None:
            closed.append(store)
            real_close()

        monkeypatch.setattr(store, "close", close)
        return store

    monkeypatch.setattr(tracewire.store, "open_store", recording_open)
    screener_for(db)
    screener_for(db)
    assert len(opened) == 2 and closed == opened


def test_a_store_without_a_url_is_cached_by_the_store_object(db: str) -> None:
    gc.collect()  # (stores other tests let go of leave the cache now, not below)
    others = len(screening._BY_STORE)  # entries of stores other tests still hold
    one, two = open_store(db), open_store(db)
    try:
        built = screener_of(one)
        assert screener_of(one) is built
        assert screener_of(two) is not built  # another store object: its own entry
        assert one in screening._BY_STORE and len(screening._BY_STORE) == others + 2
    finally:
        one.close()
        two.close()
    del one, two
    gc.collect()
    assert len(screening._BY_STORE) == others  # an entry lives no longer than its store


def test_the_runtime_builds_through_the_cache(db: str) -> None:
    runtime = Runtime(db)
    try:
        state = runtime.build_now()
        assert state.screener is screener_for(db)
        assert state.state_token == runtime.store.state_token()
    finally:
        runtime.close()
