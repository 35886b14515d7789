"""/weapons, /weapons/{weapon}/report and /reports/chokepoints on a small teardown set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_error_shape import assert_error
from api_fixtures import DATASET_FILES, FIXTURES, load_dataset, read_fixture
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.store import open_store
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.reading import read_teardowns
from tracewire.teardowns.store import save_teardowns


@pytest.fixture(scope="module")
def weapons_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("weapons") / "weapons.db"
    store = open_store(str(path))
    for dataset, name in DATASET_FILES.items():
        load_dataset(store, dataset, read_fixture(name))
    result = enrich_read(read_teardowns(FIXTURES / "teardowns.csv"))
    assert not result.errors, result.errors
    save_teardowns(store, result.teardowns.values())
    with TestClient(create_app(store=store, wait_ready=True)) as client:
        yield client
    store.close()


def test_weapons_list_counts_teardowns(weapons_client: TestClient) -> None:
    rows = {w["id"]: w for w in weapons_client.get("/weapons").json()["results"]}
    assert rows["shahed-136"]["teardowns"] == 1
    assert rows["shahed-136"]["components"] == 2
    assert rows["orlan-10"]["teardowns"] == 1
    assert rows["mohajer-6"]["teardowns"] == 0


def test_weapon_report_by_alias(weapons_client: TestClient) -> None:
    response = weapons_client.get("/weapons/Geran-2/report")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["weapon"]["id"] == "shahed-136"
    assert [t["id"] for t in report["teardowns"]] == ["API-T1"]
    assert report["teardowns"][0]["components"] == 2
    assert "listed_maker" in report


def test_weapon_report_control_date(weapons_client: TestClient) -> None:
    ok = weapons_client.get("/weapons/shahed-136/report", params={"control_date": "2021-01-01"})
    assert ok.status_code == 200
    bad = weapons_client.get("/weapons/shahed-136/report", params={"control_date": "2021-13"})
    assert_error(bad, 422, "validation_error")


def test_unknown_weapon_is_404(weapons_client: TestClient) -> None:
    body = assert_error(weapons_client.get("/weapons/no-such-drone/report"), 404)
    assert "no-such-drone" in str(body["detail"])


def test_chokepoints(weapons_client: TestClient) -> None:
    data = weapons_client.get("/reports/chokepoints", params={"limit": 5}).json()
    assert data["teardowns"] == 2 and data["weapons"] == 2
    top = data["makers"][0]
    # Texas Instruments is in both weapons, every other maker in one
    assert top["weapon_count"] == 2 and top["teardown_count"] == 2
    assert "texas" in str(top.get("name") or top["key"]).lower()
    assert all(row["weapon_count"] == 1 for row in data["makers"][1:])
    assert len(data["makers"]) <= 5
    assert_error(weapons_client.get("/reports/chokepoints", params={"limit": 0}), 422)
