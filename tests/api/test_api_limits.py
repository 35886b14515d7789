"""Every request limit is a setting: a server made with smaller ones refuses at them, in the
one error shape, and accepts what is at the limit."""

from __future__ import annotations

from collections.abc import Iterator

import orjson
import pytest
from api_error_shape import assert_error
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.api.budget import Deadline
from tracewire.api.errors import Timeout
from tracewire.api.settings import ApiSettings
from tracewire.errors import UsageError
from tracewire.store import Store

SMALL = ApiSettings(
    max_body_bytes=400,
    max_url_chars=120,
    max_json_depth=5,
    max_names=2,
    max_name_chars=20,
    max_value_chars=30,
    max_values=3,
    max_limit=6,
    max_candidates=50,
)


@pytest.fixture(scope="module")
def small(api_store: Store) -> Iterator[TestClient]:
    app = create_app(store=api_store, settings=SMALL, wait_ready=True)
    with TestClient(app) as test_client:
        yield test_client


def query(**properties: list[str]) -> dict[str, object]:
    return {"queries": {"q": {"schema": "Person", "properties": properties}}}


def test_at_the_limits_is_accepted(small: TestClient) -> None:
    body = query(name=["Nikolai Patrushev", "n" * 20], idNumber=["1", "2", "x" * 30])
    response = small.post("/match/default?limit=6&candidates=50", json=body)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("body", "params", "needle"),
    [
        (query(name=["A B", "C D", "E F"]), {}, "TRACEWIRE_MAX_NAMES"),
        (query(name=["n" * 21]), {}, "20 characters"),
        (query(firstName=["f" * 12], lastName=["l" * 12]), {}, "TRACEWIRE_MAX_NAME_CHARS"),
        (query(name=["A B"], notes=["y" * 31]), {}, "30 characters"),
        (query(name=["A B"], idNumber=["1", "2", "3", "4"]), {}, "TRACEWIRE_MAX_VALUES"),
        (query(name=["A B"]), {"limit": 7}, "TRACEWIRE_MAX_LIMIT"),
        (query(name=["A B"]), {"candidates": 51}, "TRACEWIRE_MAX_CANDIDATES"),
    ],
)
def test_query_limits_are_the_settings(
    small: TestClient, body: dict[str, object], params: dict[str, int], needle: str
) -> None:
    detail = assert_error(small.post("/match/default", json=body, params=params), 400)
    assert needle in str(detail["detail"]), detail


def test_body_url_and_depth_limits_are_the_settings(small: TestClient) -> None:
    big = orjson.dumps(query(name=["A B"], notes=["z" * 25] * 20))
    body = assert_error(small.post("/match/default", content=big), 413, "payload_too_large")
    assert "TRACEWIRE_MAX_BODY_BYTES" in str(body["detail"])
    long_url = "/search/default?q=" + "a" * 120
    assert_error(small.get(long_url), 414, "uri_too_long")
    deep = b'{"queries": {}, "config": [[[[[]]]]]}'
    body = assert_error(small.post("/match/default", content=deep), 400, "malformed_json")
    assert "5 levels" in str(body["detail"])
    shallow = b'{"queries": {}, "config": [[[[]]]]}'  # depth 5: parsed, then refused by type
    assert_error(small.post("/match/default", content=shallow), 422, "validation_error")


def test_limits_below_the_request_defaults_are_refused() -> None:
    with pytest.raises(UsageError, match="TRACEWIRE_MAX_LIMIT must be at least 5"):
        ApiSettings(max_limit=4)
    with pytest.raises(UsageError, match="TRACEWIRE_MAX_CANDIDATES must be at least 50"):
        ApiSettings(max_candidates=49)


def test_a_deadline_past_its_budget_says_where_it_stopped() -> None:
    deadline = Deadline(0.0)
    with pytest.raises(Timeout, match="3 of 7 queries"):
        deadline.check("3 of 7 queries screened")
    Deadline(60.0).check("nothing yet")  # within budget: no error


def test_a_batch_past_its_budget_is_a_503_timeout(api_store: Store) -> None:
    app = create_app(
        store=api_store, settings=ApiSettings(time_budget_seconds=1e-9), wait_ready=True
    )
    with TestClient(app) as client:
        response = client.post("/match/default", json=query(name=["Nikolai Patrushev"]))
    body = assert_error(response, 503, "timeout")
    assert "0 of 1 queries" in str(body["detail"])
    assert response.headers["retry-after"]
