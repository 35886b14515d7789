"""The entity store: list versions, entities, diffs. SQLite by default, PostgreSQL by URL."""

from tracewire.store.base import ListVersion, Store, open_store

__all__ = ["ListVersion", "Store", "open_store"]
