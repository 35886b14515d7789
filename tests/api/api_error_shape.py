"""The one error shape every error response must have (used by every API test)."""

from __future__ import annotations

from typing import Any

ERROR_KEYS = {"status", "type", "detail"}


def assert_error(response: Any, status: int, kind: str | None = None) -> dict[str, object]:
    """The response is an error in the one shape with this status (and type)."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS, body
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["type"], str) and body["type"]
    if kind is not None:
        assert body["type"] == kind, body
    return dict(body)
