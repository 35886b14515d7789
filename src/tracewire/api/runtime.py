"""The app's screening index: built once at start-up, rebuilt when the store changes.

The screener comes from the process's one cache (:func:`tracewire.screening.screener_of`),
so a CLI command or report in the same process shares the index the server built.

Readers take the current :class:`IndexState` reference and never wait: a rebuild runs in a
background thread and swaps the reference when done. Whether the store changed is checked
at most every ``refresh_seconds`` (``store.state_token()`` is one cheap query).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tracewire.api.errors import NotReady
from tracewire.api.links import LinkIndex
from tracewire.match.running.engine import Screener
from tracewire.screening import screener_of
from tracewire.store import ListVersion, Store, open_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IndexState:
    """One built index and what it was built from."""

    screener: Screener
    links: LinkIndex
    versions: tuple[ListVersion, ...]
    state_token: str | None
    built_at: float
    build_seconds: float
    #: names of the datasets indexed
    datasets: frozenset[str] = field(default_factory=frozenset)

    def list_versions(self) -> dict[str, int]:
        return {version.dataset: version.id for version in self.versions}


class Runtime:
    """Owns the store and the current index of one app."""

    def __init__(
        self,
        db: str | None = None,
        *,
        store: Store | None = None,
        refresh_seconds: float = 5.0,
    ) -> None:
        if store is None and db is None:
            raise ValueError("Runtime needs a store or a db URL")
        self._db = db
        self._store = store
        self._owns_store = store is None
        self.refresh_seconds = refresh_seconds
        self._state: IndexState | None = None
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self._last_check = 0.0
        self.last_error: str | None = None

    @property
    def store(self) -> Store:
        """The store (opened on first use)."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(str(self._db))
        return self._store

    @property
    def state(self) -> IndexState | None:
        """The current index, or None while the first one is being built."""
        return self._state

    def require(self) -> IndexState:
        """The current index; :class:`NotReady` while the first is being built."""
        self.maybe_refresh()
        state = self._state
        if state is None:
            reason = f" (last build failed: {self.last_error})" if self.last_error else ""
            raise NotReady(f"the screening index is being built; retry shortly{reason}")
        return state

    def start(self) -> None:
        """Build the first index in the background."""
        self._start_build()

    def build_now(self) -> IndexState:
        """Build an index in this thread and make it current (start-up in tests, CLI)."""
        self._build()
        state = self._state
        if state is None:
            raise NotReady(f"the screening index could not be built: {self.last_error}")
        return state

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Block until the first index is built (or ``timeout`` seconds passed)."""
        deadline = time.monotonic() + timeout
        while self._state is None and time.monotonic() < deadline:
            thread = self._building
            if thread is not None:
                thread.join(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
            elif self.last_error is not None:
                return False
            else:
                time.sleep(0.01)
        return self._state is not None

    def is_stale(self) -> bool:
        """Whether the store's active versions changed since the index was built."""
        state = self._state
        if state is None:
            return True
        return self.store.state_token() != state.state_token

    def maybe_refresh(self) -> None:
        """Look for new list versions at most every ``refresh_seconds``; the look (one store
        query) and any rebuild run in a background thread, never on the request path."""
        now = time.monotonic()
        if now - self._last_check < self.refresh_seconds:
            return
        self._last_check = now
        self._start_build(check=True)

    def _start_build(self, check: bool = False) -> None:
        with self._lock:
            if self._building is not None and self._building.is_alive():
                return
            target = self._refresh if check else self._build
            thread = threading.Thread(target=target, name="tracewire-index", daemon=True)
            self._building = thread
            thread.start()

    def _refresh(self) -> None:
        try:
            stale = self.is_stale()
        except Exception as exc:  # a store hiccup must not take readers down
            log.warning("cannot check the store state: %s", exc)
            return
        if stale:
            self._build()

    def _build(self) -> None:
        started = time.monotonic()
        try:
            store = self.store
            screener = screener_of(store, self._db)
            token = screener.state_token
            versions = tuple(store.active_versions())
            links = LinkIndex.from_store(store)
        except Exception as exc:
            log.exception("building the screening index failed")
            self.last_error = str(exc) or type(exc).__name__
            return
        seconds = time.monotonic() - started
        self._state = IndexState(
            screener=screener,
            links=links,
            versions=versions,
            state_token=token,
            built_at=time.time(),
            build_seconds=seconds,
            datasets=frozenset(version.dataset for version in versions),
        )
        self.last_error = None
        log.info("screening index built in %.2fs (%d datasets)", seconds, len(versions))

    def describe(self) -> dict[str, Any]:
        """What the index holds, for /readyz and /catalog."""
        state = self._state
        if state is None:
            return {"ready": False, "error": self.last_error}
        return {
            "ready": True,
            "state_token": state.state_token,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(state.built_at)),
            "build_seconds": round(state.build_seconds, 3),
            "datasets": sorted(state.datasets),
        }

    def close(self) -> None:
        """Release the store if this runtime opened it."""
        thread = self._building
        if thread is not None and thread.is_alive():
            thread.join(timeout=30)
        if self._owns_store and self._store is not None:
            self._store.close()
            self._store = None
