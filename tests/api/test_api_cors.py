"""No CORS by default; explicit origins only, never with credentials."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tracewire.api import create_app
from tracewire.api.settings import ApiSettings, split_origins
from tracewire.errors import UsageError
from tracewire.store import Store

ORIGIN = "https://analyst.example.org"


def preflight(client: TestClient, origin: str) -> dict[str, str]:
    response = client.options(
        "/catalog",
        headers={"Origin": origin, "Access-Control-Request-Method": "GET"},
    )
    return {k.lower(): v for k, v in response.headers.items()}


def test_no_cors_by_default(client: TestClient) -> None:
    headers = client.get("/healthz", headers={"Origin": ORIGIN}).headers
    assert "access-control-allow-origin" not in headers


def test_explicit_origins_without_credentials(api_store: Store) -> None:
    app = create_app(store=api_store, settings=ApiSettings(cors_origins=(ORIGIN,)))
    with TestClient(app) as client:
        allowed = preflight(client, ORIGIN)
        assert allowed["access-control-allow-origin"] == ORIGIN
        assert "access-control-allow-credentials" not in allowed
        other = preflight(client, "https://evil.example.com")
        assert other.get("access-control-allow-origin") != "https://evil.example.com"
        simple = client.get("/healthz", headers={"Origin": ORIGIN}).headers
        assert simple["access-control-allow-origin"] == ORIGIN
        assert "access-control-allow-credentials" not in simple


def test_wildcard_origin_refused() -> None:
    with pytest.raises(UsageError):
        ApiSettings(cors_origins=("*",))


def test_split_origins() -> None:
    assert split_origins("https://a.org, https://b.org") == ("https://a.org", "https://b.org")
    assert split_origins("") == ()
