"""Download official lists: timeouts, retries, conditional requests, then an atomic import.

A list is fetched to a temporary folder first; only a complete download that parses is
imported, so a dropped connection or a corrupt file leaves the active version in place.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import httpx

from tracewire import __version__
from tracewire.errors import InputError, TracewireError
from tracewire.lists.catalog import CatalogEntry
from tracewire.lists.importer import LoadResult, load_path
from tracewire.store import Store

RETRIES = 3
BACKOFF = 0.5
TIMEOUT = httpx.Timeout(60.0, connect=10.0)
USER_AGENT = f"tracewire/{__version__} (+sanctions list updater)"


class DownloadError(TracewireError):
    """A list could not be fetched (network, HTTP status, incomplete body)."""

    status = 502


@dataclass
class UpdateResult:
    dataset: str
    status: str  # imported | unchanged | not-modified | skipped | failed
    message: str
    load: LoadResult | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "dataset": self.dataset,
            "status": self.status,
            "message": self.message,
        }
        if self.load is not None:
            out["version"] = self.load.version.to_dict()
        return out


def _file_name(url: str, index: int) -> str:
    name = Path(unquote(urlparse(url).path)).name
    return name or f"download-{index}"


def fetch(
    client: httpx.Client, url: str, target: Path, state: dict[str, Any] | None
) -> tuple[bool, str | None, str | None, str]:
    """Fetch ``url`` to ``target``. Returns (modified, etag, last_modified, sha256); a 304
    answer to our conditional request gives modified False."""
    headers = {}
    if state:
        if state.get("etag"):
            headers["If-None-Match"] = state["etag"]
        if state.get("last_modified"):
            headers["If-Modified-Since"] = state["last_modified"]
    last_error: Exception | None = None
    for attempt in range(RETRIES):
        if attempt:
            time.sleep(BACKOFF * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return (
                        False,
                        (state or {}).get("etag"),
                        None,
                        str((state or {}).get("sha256", "")),
                    )
                if response.status_code in (429, 500, 502, 503, 504):
                    last_error = DownloadError(f"{url}: HTTP {response.status_code}")
                    continue
                if response.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {response.status_code}")
                digest = hashlib.sha256()
                received = 0
                with target.open("wb") as out:
                    for chunk in response.iter_bytes(1 << 16):
                        out.write(chunk)
                        digest.update(chunk)
                        received += len(chunk)
                expected = response.headers.get("Content-Length")
                if expected is not None and int(expected) != received:
                    last_error = DownloadError(
                        f"{url}: incomplete body ({received} of {expected} bytes)"
                    )
                    continue
                return (
                    True,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                    digest.hexdigest(),
                )
        except httpx.HTTPError as exc:
            last_error = DownloadError(f"{url}: {type(exc).__name__}: {exc}")
    raise last_error or DownloadError(f"{url}: download failed")


def update_entry(
    store: Store, entry: CatalogEntry, client: httpx.Client | None = None
) -> UpdateResult:
    """Download one catalog entry and import it if it changed."""
    urls = list(entry.urls)
    if entry.token_env:
        token = os.environ.get(entry.token_env)
        if not token:
            return UpdateResult(entry.dataset, "skipped", entry.notes or "token required")
        urls = [u.replace("{token}", token) for u in urls]
    own_client = client is None
    http = client or httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )
    workdir = Path(tempfile.mkdtemp(prefix="tracewire-update-"))
    try:
        fetched = []
        any_modified = False
        for index, url in enumerate(urls):
            target = workdir / _file_name(url, index)
            state = store.download_state(url)
            modified, etag, last_modified, sha = fetch(http, url, target, state)
            any_modified = any_modified or modified
            fetched.append((url, modified, etag, last_modified, sha))
        if not any_modified:
            return UpdateResult(entry.dataset, "not-modified", "server says not modified")
        source_path = workdir if len(urls) > 1 else workdir / _file_name(urls[0], 0)
        try:
            result = load_path(
                store, source_path, dataset=entry.dataset, fmt=entry.format, source=urls[0]
            )
        except InputError as exc:
            raise InputError(f"downloaded file rejected: {exc.message}", path=urls[0]) from exc
        for url, modified, etag, last_modified, sha in fetched:
            if modified:
                store.save_download_state(url, etag, last_modified, sha)
        if result.skipped:
            return UpdateResult(entry.dataset, "unchanged", "content already loaded", result)
        return UpdateResult(entry.dataset, "imported", f"version {result.version.id}", result)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if own_client:
            http.close()
