"""The entity store: list versions, entities, diffs. SQLite by default, PostgreSQL by URL.

:func:`open_store` is the one way to open a store; ``base.py`` holds the interface and knows
no implementation, ``sql.py`` is the SQL backend.
"""

from __future__ import annotations

from collections.abc import Callable

from tracewire.store.base import AlreadyLoaded, ListVersion, Store, StoreBusy


def open_store(
    url: str,
    *,
    lock_timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Store:
    """Open (and create) a store from a file path or a SQLAlchemy URL.

    ``lock_timeout`` bounds how long a write waits for another import (default: the
    ``TRACEWIRE_LOCK_TIMEOUT`` environment variable, else 600 s); ``on_wait`` is told once
    when a write has to wait."""
    from tracewire.store.sql import SqlStore

    return SqlStore(url, lock_timeout=lock_timeout, on_wait=on_wait)


__all__ = ["AlreadyLoaded", "ListVersion", "Store", "StoreBusy", "open_store"]
