"""`lists update` against a local HTTP server on 127.0.0.1 serving the shared list files:
conditional requests, retries, and a server that drops the connection halfway."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tracewire.errors import InputError
from tracewire.lists.catalog import CatalogEntry, load_catalog
from tracewire.lists.download import DownloadError, update_entry
from tracewire.store.sql import SqlStore

UN_FILE = "un_consolidated_2026-02-27.xml"


class ListServer(ThreadingHTTPServer):
    root: Path
    hits: list[str]


class Handler(BaseHTTPRequestHandler):
    server: ListServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        mode, _, name = self.path.strip("/").partition("/")
        path = self.server.root / name
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if mode == "ok" and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        if mode == "truncated":
            body = body[: len(body) // 2]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        if mode == "drop":
            # promise the whole file, send half, hang up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


@pytest.fixture
def server(lists_dir: Path) -> Iterator[ListServer]:
    srv = ListServer(("127.0.0.1", 0), Handler)
    srv.root = lists_dir
    srv.hits = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def entry(server: ListServer, mode: str) -> CatalogEntry:
    host, port = server.server_address[:2]
    return CatalogEntry(
        "un_sc_sanctions", "UN", (f"http://{host!s}:{port}/{mode}/{UN_FILE}",), "un_sc"
    )


def test_update_imports_then_uses_conditional_request(server: ListServer, tmp_path: Path) -> None:
    store = SqlStore(str(tmp_path / "s.db"))
    first = update_entry(store, entry(server, "ok"))
    assert first.status == "imported"
    assert first.load is not None and first.load.version.total > 1000
    second = update_entry(store, entry(server, "ok"))
    assert second.status == "not-modified"
    assert len(store.versions("un_sc_sanctions")) == 1


def test_dropped_connection_keeps_previous_version(server: ListServer, tmp_path: Path) -> None:
    store = SqlStore(str(tmp_path / "s.db"))
    update_entry(store, entry(server, "ok"))
    token = store.state_token()
    with pytest.raises(DownloadError, match=r"incomplete|RemoteProtocolError|peer closed"):
        update_entry(store, entry(server, "drop"))
    assert store.state_token() == token
    assert len(server.hits) == 1 + 3  # one good fetch, then three tries of the broken one


def test_truncated_download_is_rejected_and_previous_stays(
    server: ListServer, tmp_path: Path
) -> None:
    store = SqlStore(str(tmp_path / "s.db"))
    update_entry(store, entry(server, "ok"))
    token = store.state_token()
    with pytest.raises(InputError, match="downloaded file rejected"):
        update_entry(store, entry(server, "truncated"))
    assert store.state_token() == token
    assert len(store.versions("un_sc_sanctions")) == 1


def test_catalog_file_overrides_urls(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(
        json.dumps({"un_sc_sanctions": {"urls": ["http://127.0.0.1:1/x.xml"], "format": "un_sc"}})
    )
    catalog = load_catalog(str(path))
    assert catalog["un_sc_sanctions"].urls == ("http://127.0.0.1:1/x.xml",)
    assert "us_ofac_sdn" in catalog
    path.write_text('{"broken": ')
    with pytest.raises(InputError, match="catalog is not JSON"):
        load_catalog(str(path))


def test_token_list_is_skipped_without_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACEWIRE_EU_TOKEN", raising=False)
    store = SqlStore(str(tmp_path / "s.db"))
    result = update_entry(store, load_catalog()["eu_fsf"])
    assert result.status == "skipped"
