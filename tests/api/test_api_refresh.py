"""The index is rebuilt when the store's active versions change; readers never wait."""

from __future__ import annotations

import time
from pathlib import Path

from api_error_shape import assert_error
from api_fixtures import load_dataset, read_fixture
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.api.settings import ApiSettings
from tracewire.store import open_store

QODS = {"queries": {"q1": {"schema": "Company", "properties": {"name": ["Qods Aviation"]}}}}


def wait_for(client: TestClient, dataset: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if dataset in client.get("/readyz").json()["index"]["datasets"]:
            return True
        time.sleep(0.05)
    return False


def test_new_list_version_is_picked_up(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "refresh.db"))
    try:
        load_dataset(store, "test_sdn", read_fixture("entities.jsonl"))
        settings = ApiSettings(refresh_seconds=0.0)
        app = create_app(store=store, settings=settings, wait_ready=True)
        with TestClient(app) as client:
            assert_error(client.post("/match/test_un", json=QODS), 404)
            load_dataset(store, "test_un", read_fixture("entities_un.jsonl"))
            catalog = client.get("/catalog").json()
            assert "test_un" in [d["name"] for d in catalog["datasets"]]
            assert wait_for(client, "test_un")
            after = client.get("/catalog").json()
            assert after["outdated"] == [] and after["index_stale"] is False
            response = client.post("/match/test_un", json=QODS)
            assert response.status_code == 200
            results = response.json()["responses"]["q1"]["results"]
            assert results and results[0]["id"] == "t-un-501"
    finally:
        store.close()
