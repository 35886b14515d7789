"""A small store built from tests/fixtures/api and an app on it (the real engine)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.store import Store, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "api"
DATASET_FILES = {"test_sdn": "entities.jsonl", "test_un": "entities_un.jsonl"}


def read_fixture(name: str) -> list[dict[str, Any]]:
    path = FIXTURES / name
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def load_dataset(store: Store, dataset: str, entities: list[dict[str, Any]]) -> int:
    """Import entities as a new version of ``dataset``; returns the version id."""
    digest = hashlib.sha256(orjson.dumps(entities)).hexdigest()
    version = store.import_entities(
        dataset=dataset, fmt="ftm", source=f"fixture:{dataset}", sha256=digest, entities=entities
    )
    return version.id


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("api") / "api.db"))
    for dataset, name in DATASET_FILES.items():
        load_dataset(store, dataset, read_fixture(name))
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(api_store: Store) -> Iterator[TestClient]:
    app = create_app(store=api_store, wait_ready=True)
    with TestClient(app) as test_client:
        yield test_client
