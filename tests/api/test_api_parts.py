"""/parts/decode and /parts/resolve pass the decoder's and resolver's answers through, and
report bad markings in the one error shape (per item in a batch)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from api_error_shape import ERROR_KEYS, assert_error
from fastapi.testclient import TestClient

from tracewire.parts import marking
from tracewire.parts.maker_decision import resolve

MARKINGS = ["STM32F405RGT6 GH22U 93 CHN 318", "MAX3485ESA+ 2146", "TSM 0505S 2413"]


def _plain(data: Any) -> Any:
    """JSON round trip, to compare a to_dict() with a response body."""
    return orjson.loads(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))


@pytest.mark.parametrize("text", MARKINGS)
def test_decode_one_is_the_decoder_answer(client: TestClient, text: str) -> None:
    response = client.get("/parts/decode", params={"marking": text})
    assert response.status_code == 200, response.text
    assert response.json() == _plain(marking.decode(text).to_dict())


def test_decode_reads_the_part(client: TestClient) -> None:
    data = client.get("/parts/decode", params={"marking": MARKINGS[0]}).json()
    assert str(data["base_part"]).startswith("STM32F405")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("A\x00B", id="nul"),
    ],
)
def test_decode_bad_marking_is_400(client: TestClient, text: str) -> None:
    assert_error(client.get("/parts/decode", params={"marking": text}), 400)
    assert client.get("/healthz").status_code == 200


def test_decode_overlong_marking_is_400(client: TestClient) -> None:
    assert_error(client.get("/parts/decode", params={"marking": "A" * 1001}), 400)


def test_decode_batch_reports_bad_items_and_keeps_the_rest(client: TestClient) -> None:
    body = {"markings": [MARKINGS[0], "", MARKINGS[1]]}
    results = client.post("/parts/decode", json=body).json()["results"]
    assert len(results) == 3
    assert results[0] == _plain(marking.decode(MARKINGS[0]).to_dict())
    assert results[1]["input"] == ""
    assert set(results[1]["error"]) == ERROR_KEYS and results[1]["error"]["status"] == 400
    assert results[2] == _plain(marking.decode(MARKINGS[1]).to_dict())


def test_decode_batch_limits(client: TestClient) -> None:
    assert_error(client.post("/parts/decode", json={"markings": ["X"] * 1001}), 400)
    assert_error(client.post("/parts/decode", json={"markings": []}), 422)


def test_resolve_one_is_the_resolver_answer(client: TestClient) -> None:
    response = client.get("/parts/resolve", params={"q": "STM32F405RGT6"})
    assert response.status_code == 200, response.text
    expected = _plain(resolve("STM32F405RGT6").to_dict())
    assert response.json() == expected
    assert response.json()["status"] in ("resolved", "ambiguous", "unresolved")


def test_resolve_with_screening(client: TestClient) -> None:
    data = client.get("/parts/resolve", params={"q": "STM32F405RGT6", "screen": True}).json()
    assert isinstance(data["screening"], list)
    assert [s["maker_id"] for s in data["screening"]] == ["st"]
    for maker in data["screening"]:
        assert maker["status"] in ("listed", "clear")
        for hit in maker["matches"]:
            assert {"id", "caption", "score", "match"} <= set(hit)


def test_resolve_batch(client: TestClient) -> None:
    body = {"queries": ["STM32F405RGT6", "", "MAX3485ESA+"], "brand": None}
    results = client.post("/parts/resolve", json=body).json()["results"]
    assert results[0]["query"] and "error" not in results[0]
    assert results[1]["error"]["status"] == 400
    assert "error" not in results[2]
