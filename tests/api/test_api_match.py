"""POST /match/{dataset}: yente's request and response shape on the real engine."""

from __future__ import annotations

from typing import Any

import pytest
from api_error_shape import assert_error
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.api.models import EntityMatchResponse
from tracewire.api.settings import ApiSettings
from tracewire.store import Store

PATRUSHEV = {
    "schema": "Person",
    "properties": {
        "name": ["Nikolay Patrushev"],
        "birthDate": ["1951-07-11"],
        "nationality": ["ru"],
    },
}
RESULT_KEYS = {
    "id",
    "caption",
    "schema",
    "properties",
    "datasets",
    "referents",
    "target",
    "first_seen",
    "last_seen",
    "last_change",
    "score",
    "features",
    "match",
    "token",
    "explanations",
}


def match(client: TestClient, body: dict[str, Any], path: str = "/match/default", **params: Any):
    return client.post(path, json=body, params=params)


def test_round_trip_in_yente_shape(client: TestClient, api_store: Store) -> None:
    response = match(client, {"queries": {"q1": PATRUSHEV}})
    assert response.status_code == 200, response.text
    assert response.headers["x-batch-size"] == "1"
    assert response.headers["server-timing"].startswith("screen;dur=")
    data = response.json()
    assert set(data) == {"responses", "matcher", "limit"}
    EntityMatchResponse.model_validate(data)  # the documented response model
    assert data["limit"] == 5
    assert data["matcher"]["name"] and data["matcher"]["features"]
    answer = data["responses"]["q1"]
    assert answer["status"] == 200
    assert answer["total"]["relation"] in ("eq", "gte")
    assert answer["total"]["value"] >= len(answer["results"]) >= 1
    assert answer["query"]["schema"] == "Person"
    assert answer["query"]["properties"]["name"] == ["Nikolay Patrushev"]
    top = answer["results"][0]
    assert set(top) >= RESULT_KEYS
    assert top["id"] == "t-sdn-9647"
    assert top["match"] is True
    assert 0.0 <= top["score"] <= 1.0
    assert top["datasets"] == ["test_sdn"]
    assert set(top["features"]) == set(top["explanations"])
    for name, explanation in top["explanations"].items():
        assert explanation["score"] == top["features"][name]
        assert {"score", "weight", "detail", "query", "candidate"} <= set(explanation)
    versions = {v.dataset: v.id for v in api_store.active_versions()}
    assert f"test_sdn={versions['test_sdn']}" in top["token"]
    assert answer["audit"]["list_versions"] == versions
    assert answer["audit"]["algorithm"] == data["matcher"]["name"]
    scores = [r["score"] for r in answer["results"]]
    assert scores == sorted(scores, reverse=True)


def test_request_exactly_as_yente_documents_it(client: TestClient) -> None:
    body = {
        "weights": {"name_literal": 0.8},
        "config": {"nm_number_mismatch": 0.3},
        "queries": {
            "entity1": {
                "schema": "Person",
                "properties": {
                    "name": ["John Doe"],
                    "birthDate": ["1975-04-21"],
                    "nationality": ["us"],
                },
            },
            "entity2": {
                "schema": "Company",
                "properties": {
                    "name": ["Brilliant Amazing Limited"],
                    "jurisdiction": ["hk"],
                    "registrationNumber": ["84BA99810"],
                },
            },
        },
    }
    params = {
        "limit": 5,
        "threshold": 0.7,
        "cutoff": 0.5,
        "algorithm": "logic-v2",
        "topics": ["sanction"],
        "changed_since": "2024-01-01",
        "exclude_entity_ids": ["x-1"],
        "exclude_schema": ["Vessel"],
    }
    response = match(client, body, **params)
    assert response.status_code == 200, response.text
    responses = response.json()["responses"]
    assert set(responses) == {"entity1", "entity2"}
    # a property value given as a plain string and an unknown property are accepted too
    loose = {"queries": {"a": {"schema": "Person", "properties": {"name": "John Doe", "x": ["1"]}}}}
    assert match(client, loose).status_code == 200


def test_unknown_dataset_is_404(client: TestClient) -> None:
    assert_error(match(client, {"queries": {"q1": PATRUSHEV}}, "/match/nope"), 404)


def test_dataset_scope_and_filters(client: TestClient) -> None:
    def ids(path: str = "/match/default", **params: Any) -> list[str]:
        response = match(client, {"queries": {"q1": PATRUSHEV}}, path, **params)
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()["responses"]["q1"]["results"]]

    assert "t-sdn-9647" in ids()
    assert "t-sdn-9647" in ids("/match/test_sdn")
    assert "t-sdn-9647" not in ids("/match/test_un")
    assert "t-sdn-9647" not in ids(exclude_dataset=["test_sdn"])
    assert "t-sdn-9647" not in ids(include_dataset=["test_un"])
    assert ids("/match/test_un", include_dataset=["test_sdn"]) == []
    assert "t-sdn-9647" not in ids(exclude_entity_ids=["t-sdn-9647"])
    assert ids(include_dataset=["not_held"]) == []
    assert "t-sdn-9647" in ids(exclude_dataset=["not_held"])
    assert all(i != "t-sdn-30001" for i in ids(exclude_schema=["Vessel"]))
    assert "t-sdn-9647" not in ids(topics=["crime"])
    assert "t-sdn-9647" in ids(topics=["sanction"])


def test_limit_and_threshold(client: TestClient) -> None:
    body = {"queries": {"q1": PATRUSHEV}}
    one = match(client, body, limit=1).json()
    assert one["limit"] == 1 and len(one["responses"]["q1"]["results"]) <= 1
    strict = match(client, body, threshold=1.0).json()["responses"]["q1"]
    assert strict["audit"]["threshold"] == 1.0
    assert all(r["match"] is (r["score"] >= 1.0) for r in strict["results"])


def test_cutoff_drops_low_scores(client: TestClient) -> None:
    body = {"queries": {"q1": PATRUSHEV}}
    everything = match(client, body, limit=20).json()["responses"]["q1"]["results"]
    cut = match(client, body, limit=20, cutoff=0.6, threshold=0.8).json()["responses"]["q1"]
    assert all(r["score"] >= 0.6 for r in cut["results"])
    kept = [r["id"] for r in everything if r["score"] >= 0.6]
    assert [r["id"] for r in cut["results"]] == kept
    # cutoff above threshold is capped at the threshold (yente)
    high = match(client, body, limit=20, cutoff=1.0, threshold=0.5).json()["responses"]["q1"]
    assert [r["id"] for r in high["results"]] == [r["id"] for r in everything if r["score"] >= 0.5]


def test_names_from_name_parts(client: TestClient) -> None:
    body = {
        "queries": {
            "q1": {
                "schema": "Person",
                "properties": {"firstName": ["Nikolai"], "lastName": ["Patrushev"]},
            }
        }
    }
    data = match(client, body).json()["responses"]["q1"]
    assert data["query"]["properties"]["firstName"] == ["Nikolai"]
    assert data["results"] and data["results"][0]["id"] == "t-sdn-9647"


def test_query_without_a_name_is_matched_by_identifier(client: TestClient) -> None:
    # yente accepts a query without a name; so do we: it is matched by its identifiers
    by_imo = {"schema": "Vessel", "properties": {"imoNumber": ["IMO9876543"]}}
    nothing = {"schema": "Person", "properties": {"birthDate": ["1951-07-11"]}}
    body = {"queries": {"imo": by_imo, "dob": nothing}}
    data = match(client, body).json()["responses"]
    top = data["imo"]["results"][0]
    assert top["id"] == "t-sdn-30001" and top["match"] is True
    assert top["explanations"]["identifier_match"]["score"] == 1.0
    assert top["explanations"]["name_similarity"]["score"] == 0.0
    assert data["dob"]["status"] == 200 and data["dob"]["results"] == []
    # with a name too, the identifier still brings the entity in
    named = {
        "schema": "Vessel",
        "properties": {"name": ["Unrelated"], "imoNumber": ["imo 9876543"]},
    }
    results = match(client, {"queries": {"q": named}}).json()["responses"]["q"]["results"]
    assert [r["id"] for r in results][:1] == ["t-sdn-30001"]


BAD_QUERIES = [
    pytest.param({"name": [""]}, "Person", 400, id="empty-name"),
    pytest.param({"name": ["   "]}, "Person", 400, id="whitespace-name"),
    pytest.param({"firstName": [" "], "lastName": [""]}, "Person", 400, id="blank-name-parts"),
    pytest.param({"name": ["x" * 1001]}, "Person", 400, id="name-over-1000"),
    pytest.param({"name": ["Nikolai\x00Patrushev"]}, "Person", 400, id="nul"),
    pytest.param({"name": ["Nikolai\x1bPatrushev"]}, "Person", 400, id="escape"),
    pytest.param({"name": ["Nikolai\nPatrushev"]}, "Person", 400, id="newline-in-name"),
    pytest.param({"name": ["A B"]}, "Spaceship", 400, id="unknown-schema"),
    pytest.param({"name": [{"nested": "object"}]}, "Person", 400, id="nested-value"),
    pytest.param({"name": ["A B"], "notes": ["y" * 1001]}, "Person", 400, id="long-other-prop"),
]


@pytest.mark.parametrize(("properties", "schema", "status"), BAD_QUERIES)
def test_bad_queries_are_rejected_in_the_shape(
    client: TestClient, properties: dict[str, Any], schema: str, status: int
) -> None:
    body = {"queries": {"q1": {"schema": schema, "properties": properties}}}
    error = assert_error(match(client, body), status, "invalid_query")
    assert "q1" in str(error["detail"])
    # the server stays up and keeps answering
    assert match(client, {"queries": {"q1": PATRUSHEV}}).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="no-queries-key"),
        pytest.param({"queries": []}, id="queries-not-object"),
        pytest.param({"queries": {"q1": {"properties": {"name": ["A"]}}}}, id="no-schema"),
        pytest.param({"queries": {"q1": {"schema": "Person", "properties": 3}}}, id="props-int"),
        pytest.param({"queries": {"q1": PATRUSHEV}, "weights": {"a": "heavy"}}, id="bad-weight"),
    ],
)
def test_invalid_bodies_are_422_in_the_shape(client: TestClient, body: dict[str, Any]) -> None:
    assert_error(match(client, body), 422, "validation_error")


def test_empty_batch_is_400(client: TestClient) -> None:
    assert_error(match(client, {"queries": {}}), 400, "invalid_query")
    assert_error(match(client, {"queries": {"q1": None}}), 400, "invalid_query")


def test_unknown_algorithm_is_400(client: TestClient) -> None:
    body = {"queries": {"q1": PATRUSHEV}}
    assert_error(match(client, body, algorithm="no-such-algo"), 400, "invalid_query")


def test_batch_limit(client: TestClient, api_store: Store) -> None:
    many = {"queries": {f"q{i}": PATRUSHEV for i in range(101)}}
    body = assert_error(match(client, many), 400, "batch_too_large")
    assert "100" in str(body["detail"])
    hundred = {"queries": {f"q{i}": PATRUSHEV for i in range(100)}}
    response = match(client, hundred, limit=1)
    assert response.status_code == 200
    assert len(response.json()["responses"]) == 100
    small = create_app(store=api_store, settings=ApiSettings(batch_limit=2), wait_ready=True)
    with TestClient(small) as small_client:
        three = {"queries": {f"q{i}": PATRUSHEV for i in range(3)}}
        assert_error(match(small_client, three), 400, "batch_too_large")
        two = {"queries": {f"q{i}": PATRUSHEV for i in range(2)}}
        assert match(small_client, two).status_code == 200
