"""A small store built from tests/fixtures/api and an app on it (the real engine)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_fixtures import DATASET_FILES, load_dataset, read_fixture
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.store import Store, open_store


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
