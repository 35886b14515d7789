"""GET routes: search, entities, catalog, algorithms, health, OpenAPI."""

from __future__ import annotations

import pytest
from api_error_shape import assert_error
from fastapi.testclient import TestClient

from tracewire.match.scoring.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, describe_algorithms
from tracewire.store import Store


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    index = ready.json()["index"]
    assert index["ready"] is True
    assert set(index["datasets"]) == {"test_sdn", "test_un"}


def test_algorithms_document_every_feature(client: TestClient) -> None:
    data = client.get("/algorithms").json()
    assert data["default"] == DEFAULT_ALGORITHM
    assert {a["name"] for a in data["algorithms"]} == set(ALGORITHMS)
    described = {d["name"]: d for d in describe_algorithms()}
    for algo in data["algorithms"]:
        source = described[algo["name"]]
        assert algo["version"] == source["version"]
        assert [f["name"] for f in algo["features"]] == [f["name"] for f in source["features"]]
        assert algo["features"], algo["name"]
        for feature in algo["features"]:
            assert len(feature["description"].strip()) > 20, feature["name"]
            assert feature["weight"] == pytest.approx(
                next(f["weight"] for f in source["features"] if f["name"] == feature["name"])
            )


def test_catalog_lists_active_versions(client: TestClient, api_store: Store) -> None:
    data = client.get("/catalog").json()
    active = {v.dataset: v for v in api_store.active_versions()}
    assert [d["name"] for d in data["datasets"]] == sorted(active)
    for entry in data["datasets"]:
        version = active[entry["name"]]
        assert entry["version"]["id"] == version.id
        assert entry["version"]["sha256"] == version.sha256
        assert entry["version"]["counts"] == version.counts
        assert entry["index_current"] is True
    assert sorted(data["current"]) == sorted(active)
    assert data["outdated"] == [] and data["index_stale"] is False
    assert "default" in data["collections"]


def test_search_ranks_by_name(client: TestClient) -> None:
    data = client.get("/search/default", params={"q": "Shahed Aviation Industries"}).json()
    assert data["results"][0]["id"] == "t-sdn-20001"
    assert data["results"][0]["score"] > 0
    assert data["total"]["value"] >= 1
    datasets = {v["name"]: v["count"] for v in data["facets"]["datasets"]["values"]}
    assert datasets.get("test_sdn", 0) >= 1


def test_search_scope_schema_and_filters(client: TestClient) -> None:
    def ids(path: str = "/search/default", **params: object) -> list[str]:
        response = client.get(path, params={"q": "Patrushev", **params})
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()["results"]]

    assert "t-sdn-9647" in ids()
    assert "t-sdn-9647" not in ids("/search/test_un")
    assert "t-sdn-30001" not in ids(schema="Person")
    assert "t-sdn-9647" not in ids(schema="Vessel")
    assert "t-sdn-9647" not in ids(countries=["ir"])
    assert "t-sdn-9647" in ids(countries=["ru"])
    assert ids(datasets=["not_held"]) == []


def test_search_without_text_browses(client: TestClient) -> None:
    data = client.get("/search/test_un", params={"limit": 2}).json()
    assert len(data["results"]) == 2
    assert all(r["datasets"] == ["test_un"] for r in data["results"])
    assert data["total"]["relation"] == "gte"
    everything = client.get("/search/test_un", params={"limit": 50}).json()
    assert {r["id"] for r in everything["results"]} == {"t-un-501", "t-un-502", "t-un-503"}
    assert everything["total"] == {"value": 3, "relation": "eq"}


def test_search_bad_input(client: TestClient) -> None:
    assert_error(client.get("/search/nope", params={"q": "x"}), 404)
    assert_error(client.get("/search/default", params={"q": "a\x00b"}), 400)
    assert_error(client.get("/search/default", params={"q": "a" * 1001}), 400)
    assert_error(client.get("/search/default", params={"q": "a", "schema": "Nope"}), 400)
    assert_error(client.get("/search/default", params={"limit": 0}), 422)


def test_entity_with_sanctions_and_links_nested(client: TestClient) -> None:
    data = client.get("/entities/t-sdn-20001").json()
    assert data["caption"] == "SHAHED AVIATION INDUSTRIES RESEARCH CENTER"
    sanctions = data["properties"]["sanctions"]
    assert [s["id"] for s in sanctions] == ["t-sdn-20001-sanction"]
    assert sanctions[0]["properties"]["program"] == ["IRAN-CON-ARMS-EO"]
    # the Sanction points back at the entity by id, not by nesting it again
    assert sanctions[0]["properties"]["entity"] == ["t-sdn-20001"]
    owners = data["properties"]["ownershipAsset"]
    assert owners[0]["schema"] == "Ownership"
    assert owners[0]["properties"]["owner"][0]["id"] == "t-sdn-20002"
    flat = client.get("/entities/t-sdn-20001", params={"nested": False}).json()
    assert "sanctions" not in flat["properties"]


def test_unknown_entity_is_404(client: TestClient) -> None:
    body = assert_error(client.get("/entities/no-such-id"), 404, "not_found")
    assert "no-such-id" in str(body["detail"])


def test_openapi_documents_routes_and_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/match/{dataset}",
        "/search/{dataset}",
        "/entities/{entity_id}",
        "/catalog",
        "/algorithms",
        "/healthz",
        "/readyz",
        "/parts/decode",
        "/parts/resolve",
        "/weapons",
        "/weapons/{weapon}/report",
        "/reports/chokepoints",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert schemas["EntityMatchQuery"]["examples"][0]["queries"]["q1"]["schema"] == "Person"
    assert set(schemas["ErrorResponse"]["properties"]) == {"status", "type", "detail"}
    match_responses = spec["paths"]["/match/{dataset}"]["post"]["responses"]
    assert {"200", "400", "404", "503"} <= set(match_responses)
    assert client.get("/docs").status_code == 200
