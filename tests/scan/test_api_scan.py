"""``POST /scan``: text and base64 files, findings as the CLI gives them, errors in the one
error shape."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from scan_fixtures import make_store
from scan_pdfs import text_pdf

from tracewire.api import create_app
from tracewire.store import open_store

TEXT = "Dmitri Volkanov met the board of the Kestrel Trading House in Vienna.\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = open_store(make_store(tmp_path_factory.mktemp("scan-api")))
    with TestClient(create_app(store=store, wait_ready=True)) as test_client:
        yield test_client
    store.close()


def test_scan_text(client: TestClient) -> None:
    response = client.post("/scan", json={"text": TEXT, "name": "a.txt"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["document"]["source"] == "a.txt"
    assert [(f["kind"], f["id"]) for f in body["findings"]] == [
        ("listed", "t-volkanov"), ("listed", "t-kestrel"),
    ]  # fmt: skip
    first = body["findings"][0]
    assert first["citations"][0]["text"] == "Dmitri Volkanov"
    assert first["sanctions"][0]["program"] == ["TEST-PROGRAM-1"]


def test_scan_pdf_as_base64_with_kinds(client: TestClient) -> None:
    data = base64.b64encode(text_pdf(["Intro.", "Dmitri Volkanov signed."])).decode()
    response = client.post(
        "/scan", json={"content_base64": data, "name": "r.pdf", "kinds": ["listed"]}
    )
    assert response.status_code == 200, response.text
    [finding] = response.json()["findings"]
    assert finding["citations"][0]["page"] == 2


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"name": "a.txt"}, "either text or content_base64"),
        ({"content_base64": "***", "name": "a.pdf"}, "base64"),
        ({"content_base64": base64.b64encode(b"%PDF-1.4 cut").decode(), "name": "a.pdf"},
         "a.pdf: a truncated PDF"),
        ({"text": "", "name": "e.txt"}, "e.txt: an empty file"),
        ({"text": TEXT, "kinds": ["ships"]}, "unknown kind"),
    ],
)  # fmt: skip
def test_errors_in_the_one_shape(client: TestClient, body: dict[str, object], detail: str) -> None:
    response = client.post("/scan", json=body)
    assert response.status_code == 400, response.text
    error = response.json()
    assert set(error) >= {"status", "type", "detail"} and error["status"] == 400
    assert detail in error["detail"]
