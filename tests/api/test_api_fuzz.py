"""Any Unicode name, any JSON body, any value at any field of the request models: a 2xx or
a 4xx in the one error shape, never a 5xx."""

from __future__ import annotations

import httpx
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


#: any JSON value (including lone surrogates in text, which must never reach a serialiser)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
TEXT = st.text(alphabet=st.characters(), max_size=30)  # surrogates included
VALUE = JSON | TEXT
#: a /match body shaped like the request model, with any value at any field
MATCH_BODIES = st.fixed_dictionaries(
    {
        "queries": st.dictionaries(
            TEXT,
            st.fixed_dictionaries(
                {
                    "schema": st.sampled_from(["Person", "Company", "Vessel", "Nope"]) | VALUE,
                    "properties": st.dictionaries(
                        st.sampled_from(["name", "birthDate", "idNumber", "firstName", "x"]),
                        st.lists(VALUE, max_size=3) | VALUE,
                        max_size=4,
                    )
                    | VALUE,
                },
                optional={"id": TEXT | VALUE},
            )
            | VALUE,
            max_size=3,
        )
        | VALUE,
    },
    optional={"weights": VALUE, "config": VALUE},
)


def _dumps(body: object) -> bytes:
    """JSON text as a client would write it: lone surrogates as \\uXXXX escapes."""
    import json

    return json.dumps(body, allow_nan=True).encode("ascii")


def _assert_answered(response: httpx.Response) -> None:
    """A 2xx, or a 4xx in the one error shape; never a 5xx."""
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert set(response.json()) == ERROR_KEYS


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=MATCH_BODIES, limit=st.integers(-5, 700) | st.just(10**30))
def test_match_request_model_never_fails(client: TestClient, body: object, limit: int) -> None:
    response = client.post(
        "/match/default",
        content=_dumps(body),
        params={"limit": str(limit)},
        headers={"content-type": "application/json"},
    )
    _assert_answered(response)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=VALUE, path=st.sampled_from(["/match/default", "/parts/decode", "/parts/resolve"]))
def test_any_json_body_never_fails(client: TestClient, body: object, path: str) -> None:
    response = client.post(path, content=_dumps(body), headers={"content-type": "application/json"})
    _assert_answered(response)
