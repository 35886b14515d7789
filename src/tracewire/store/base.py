"""The storage interface every backend implements, and how a store is opened."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ListVersion:
    """One import of one list: what was loaded, from where, when, and how much."""

    id: int
    dataset: str
    format: str
    source: str
    sha256: str
    published: str | None
    loaded_at: str
    counts: dict[str, int] = field(default_factory=dict)
    active: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "dataset": self.dataset,
            "format": self.format,
            "source": self.source,
            "sha256": self.sha256,
            "published": self.published,
            "loaded_at": self.loaded_at,
            "counts": self.counts,
            "total": self.total,
            "active": self.active,
        }


class Store(ABC):
    """Entities as FtM dicts (``id``, ``schema``, ``caption``, ``properties``, ``datasets``),
    grouped in list versions; one version per dataset is active."""

    @abstractmethod
    def import_entities(
        self,
        *,
        dataset: str,
        fmt: str,
        source: str,
        sha256: str,
        entities: Iterable[dict[str, Any]],
        published: Any = None,
        progress: Callable[[int], None] | None = None,
    ) -> ListVersion:
        """Store a new version of ``dataset`` all or nothing and make it active.

        ``published`` may be a string or a callable returning one, called after
        ``entities`` is exhausted (loaders learn the date while parsing)."""

    @abstractmethod
    def find_version_by_hash(self, dataset: str | None, sha256: str) -> ListVersion | None:
        """A stored version with this content hash (of ``dataset`` when given)."""

    @abstractmethod
    def versions(self, dataset: str | None = None) -> list[ListVersion]:
        """Every version, newest first."""

    @abstractmethod
    def active_versions(self) -> list[ListVersion]:
        """The active version of each dataset."""

    @abstractmethod
    def get_version(self, version_id: int) -> ListVersion:
        """One version; NotFound if there is none."""

    @abstractmethod
    def iter_entities(
        self,
        datasets: Iterable[str] | None = None,
        schemata: Iterable[str] | None = None,
        version_id: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Entities of the active versions (or of one version), streamed."""

    @abstractmethod
    def get_entity(self, entity_id: str) -> dict[str, Any] | None:
        """An entity of an active version by id (the first dataset holding it)."""

    @abstractmethod
    def state_token(self) -> str:
        """Changes whenever the set of active versions changes (to rebuild indexes)."""

    @abstractmethod
    def activate(self, version_id: int) -> ListVersion:
        """Make a stored version the active one of its dataset."""

    @abstractmethod
    def entity_hashes(self, version_id: int) -> dict[str, tuple[str, str, str]]:
        """id -> (content hash, schema, caption) of every entity in a version."""

    @abstractmethod
    def entities_by_id(self, version_id: int, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The entities of a version with these ids."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""


def open_store(url: str) -> Store:
    """Open (and create) a store from a file path or a SQLAlchemy URL."""
    from tracewire.store.sql import SqlStore

    return SqlStore(url)
