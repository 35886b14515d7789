"""The storage interface every backend implements (no backend is imported here: the
factory is :func:`tracewire.store.open_store`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tracewire.errors import TracewireError


class StoreBusy(TracewireError):
    """Another import held the store's write lock for longer than the lock timeout."""


class AlreadyLoaded(Exception):
    """Raised by :meth:`Store.import_entities` with ``skip_if_loaded`` when the dataset
    already holds a version with this content hash (checked under the write lock)."""

    def __init__(self, version: ListVersion) -> None:
        super().__init__(f"already loaded as version {version.id}")
        self.version = version


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
        skip_if_loaded: bool = False,
    ) -> ListVersion:
        """Store a new version of ``dataset`` all or nothing and make it active.

        ``published`` may be a string or a callable returning one, called after
        ``entities`` is exhausted (loaders learn the date while parsing). Imports into one
        store run one at a time (a write lock; :class:`StoreBusy` after the lock timeout).
        With ``skip_if_loaded``, a version of ``dataset`` with the same ``sha256`` found
        under that lock raises :class:`AlreadyLoaded` instead of importing again."""

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
    def download_state(self, url: str) -> dict[str, Any] | None:
        """The conditional-request state (``etag``, ``last_modified``, ``sha256``) saved for
        a download URL, or None."""

    @abstractmethod
    def save_download_state(
        self, url: str, etag: str | None, last_modified: str | None, sha256: str
    ) -> None:
        """Remember a download's conditional-request state."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""
