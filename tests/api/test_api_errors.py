"""One error shape for every error: ours, FastAPI's validation errors, 404/405, 500, 503."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_error_shape import assert_error
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.api.runtime import Runtime
from tracewire.store import Store


def test_unknown_route_is_404_in_the_shape(client: TestClient) -> None:
    body = assert_error(client.get("/no/such/route"), 404, "not_found")
    assert "/no/such/route" in str(body["detail"])


def test_wrong_method_is_405_in_the_shape(client: TestClient) -> None:
    assert_error(client.get("/match/default"), 405, "method_not_allowed")


def test_validation_error_is_422_in_the_shape(client: TestClient) -> None:
    body = assert_error(client.post("/match/default", json={"nothing": 1}), 422)
    assert "queries" in str(body["detail"])


def test_bad_query_parameter_is_422_in_the_shape(client: TestClient) -> None:
    query = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["A B"]}}}}
    body = assert_error(client.post("/match/default?limit=0", json=query), 422)
    assert "limit" in str(body["detail"])


def test_malformed_json_is_400_in_the_shape(client: TestClient) -> None:
    response = client.post(
        "/match/default", content=b'{"queries": {', headers={"content-type": "application/json"}
    )
    assert_error(response, 400, "malformed_json")


def test_unexpected_exception_is_500_without_internals(api_store: Store) -> None:
    app = create_app(store=api_store, wait_ready=True)

    def boom() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        body = assert_error(test_client.get("/boom"), 500, "internal_error")
    assert "secret" not in str(body["detail"])


@pytest.fixture
def unready_client(api_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(Runtime, "_start_build", lambda self, check=False: None)
    app = create_app(store=api_store)
    with TestClient(app) as test_client:
        yield test_client


def test_not_ready_is_503_in_the_shape(unready_client: TestClient) -> None:
    assert unready_client.get("/healthz").status_code == 200
    response = unready_client.get("/readyz")
    assert_error(response, 503, "not_ready")
    assert response.headers["retry-after"]
    query = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["A B"]}}}}
    assert_error(unready_client.post("/match/default", json=query), 503, "not_ready")
