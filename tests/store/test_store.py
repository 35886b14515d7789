"""One behaviour test of the store interface, run against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tracewire.errors import InputError, NotFound, UsageError
from tracewire.store.diff import DiffSummary, diff, pick_versions
from tracewire.store.sql import SqlStore


def person(pid: str, name: str, **props: list[str]) -> dict[str, Any]:
    return {"id": pid, "schema": "Person", "properties": {"name": [name], **props}}


V1 = [
    person("p-1", "Nikolai Patrushev", birthDate=["1951-07-11"], alias=["Николай Патрушев"]),
    person("p-2", "Ali Hosseini"),
    {"id": "c-1", "schema": "Company", "properties": {"name": ["Shahed Aviation Industries"]}},
]
V2 = [
    person("p-1", "Nikolai Patrushev", birthDate=["1951-07-11"], nationality=["ru"]),
    {"id": "c-1", "schema": "Company", "properties": {"name": ["Shahed Aviation Industries"]}},
    person("p-3", "New Person"),
]


def load(store: SqlStore, entities: list[dict[str, Any]], sha: str, ds: str = "test") -> int:
    version = store.import_entities(
        dataset=ds, fmt="ftm", source=f"{sha}.json", sha256=sha, entities=iter(entities)
    )
    return version.id


def test_import_creates_active_version_with_counts(store: SqlStore) -> None:
    vid = load(store, V1, "a" * 64)
    version = store.get_version(vid)
    assert version.active
    assert version.counts == {"Person": 2, "Company": 1}
    assert [v.id for v in store.active_versions()] == [vid]
    assert store.find_version_by_hash("test", "a" * 64) is not None
    assert store.find_version_by_hash("other", "a" * 64) is None


def test_entities_round_trip_with_scripts(store: SqlStore) -> None:
    load(store, V1, "a" * 64)
    entity = store.get_entity("p-1")
    assert entity is not None
    assert entity["properties"]["birthDate"] == ["1951-07-11"]
    assert entity["datasets"] == ["test"]
    assert entity["scripts"] == {"Николай Патрушев": "Cyrl"}
    assert store.get_entity("nope") is None
    ids = sorted(e["id"] for e in store.iter_entities())
    assert ids == ["c-1", "p-1", "p-2"]
    assert [e["id"] for e in store.iter_entities(schemata=["Company"])] == ["c-1"]


def test_new_version_supersedes_and_only_active_is_served(store: SqlStore) -> None:
    v1 = load(store, V1, "a" * 64)
    v2 = load(store, V2, "b" * 64)
    assert not store.get_version(v1).active
    assert store.get_version(v2).active
    assert store.get_entity("p-2") is None  # removed in v2
    assert {e["id"] for e in store.iter_entities()} == {"p-1", "c-1", "p-3"}
    assert {e["id"] for e in store.iter_entities(version_id=v1)} == {"p-1", "p-2", "c-1"}
    token = store.state_token()
    store.activate(v1)
    assert store.state_token() != token
    assert store.get_entity("p-2") is not None


def test_failed_import_leaves_previous_version_active(store: SqlStore) -> None:
    v1 = load(store, V1, "a" * 64)
    token = store.state_token()

    def broken() -> Iterator[dict[str, Any]]:
        yield from V2[:2]
        raise InputError("truncated", path="broken.xml", line=3)

    with pytest.raises(InputError):
        store.import_entities(
            dataset="test", fmt="ftm", source="broken.xml", sha256="c" * 64, entities=broken()
        )
    assert store.state_token() == token
    assert [v.id for v in store.versions("test")] == [v1]
    assert store.get_entity("p-2") is not None
    assert store.find_version_by_hash("test", "c" * 64) is None


def test_empty_import_is_refused(store: SqlStore) -> None:
    with pytest.raises(InputError, match="no entities"):
        load(store, [], "d" * 64)
    assert store.versions() == []


def test_datasets_are_independent(store: SqlStore) -> None:
    load(store, V1, "a" * 64, ds="one")
    load(store, V2, "b" * 64, ds="two")
    assert sorted(v.dataset for v in store.active_versions()) == ["one", "two"]
    assert {e["id"] for e in store.iter_entities(datasets=["one"])} == {"p-1", "p-2", "c-1"}


def test_diff_reports_added_removed_changed(store: SqlStore) -> None:
    load(store, V1, "a" * 64)
    load(store, V2, "b" * 64)
    old, new = pick_versions(store, "test", None, None)
    summary = DiffSummary("test", old, new)
    records = {r["id"]: r for r in diff(store, old, new, summary)}
    assert records["p-3"]["op"] == "added"
    assert records["p-2"]["op"] == "removed"
    assert records["p-1"]["op"] == "changed"
    assert records["p-1"]["changes"]["nationality"] == {"added": ["ru"], "removed": []}
    assert records["p-1"]["changes"]["alias"] == {"added": [], "removed": ["Николай Патрушев"]}
    assert "c-1" not in records
    assert (summary.added, summary.removed, summary.changed, summary.unchanged) == (1, 1, 1, 1)


def test_diff_needs_two_versions(store: SqlStore) -> None:
    load(store, V1, "a" * 64)
    with pytest.raises(UsageError):
        pick_versions(store, "test", None, None)
    with pytest.raises(NotFound):
        pick_versions(store, "missing", None, None)


def test_duplicate_ids_in_one_import_are_stored_once(store: SqlStore) -> None:
    vid = load(store, [*V1, V1[0]], "e" * 64)
    assert store.get_version(vid).total == 3


def test_download_state_round_trip(store: SqlStore) -> None:
    assert store.download_state("http://127.0.0.1/x") is None
    store.save_download_state("http://127.0.0.1/x", '"etag"', "Mon", "f" * 64)
    store.save_download_state("http://127.0.0.1/x", '"etag2"', None, "f" * 64)
    state = store.download_state("http://127.0.0.1/x")
    assert state is not None and state["etag"] == '"etag2"'
