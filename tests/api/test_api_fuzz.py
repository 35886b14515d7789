"""Any Unicode name gets a 200 or an error in the one shape; the server never fails."""

from __future__ import annotations

from api_error_shape import ERROR_KEYS
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = st.text(min_size=0, max_size=60) | st.text(
    alphabet=st.characters(codec="utf-8"), min_size=1, max_size=1100
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES, schema=st.sampled_from(["Person", "Company", "LegalEntity", "Vessel"]))
def test_match_never_fails_on_any_name(client: TestClient, name: str, schema: str) -> None:
    body = {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}
    response = client.post("/match/default", json=body)
    assert response.status_code in (200, 400), response.text
    data = response.json()
    if response.status_code == 400:
        assert set(data) == ERROR_KEYS
    else:
        for result in data["responses"]["q"]["results"]:
            assert 0.0 <= result["score"] <= 1.0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=st.text(max_size=80))
def test_search_never_fails_on_any_text(client: TestClient, q: str) -> None:
    response = client.get("/search/default", params={"q": q})
    assert response.status_code in (200, 400), response.text
