"""Load list files into the store: detect the format, skip what is loaded, import atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracewire.errors import InputError, UnknownFormat
from tracewire.lists.registry import detect
from tracewire.store import AlreadyLoaded, ListVersion, Store

#: file names that make a directory one multi-file list (the OFAC legacy CSV sets)
SET_MARKERS = ("sdn.csv", "cons_prim.csv")
#: files in a folder of lists that are not lists (schemas, readmes)
NOT_LISTS = (".xsd", ".md", ".txt.sig", ".sha256", ".pdf", ".html")


@dataclass
class LoadResult:
    """What one ``lists load`` of one source did."""

    path: str
    dataset: str
    format: str
    version: ListVersion
    skipped: bool
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "dataset": self.dataset,
            "format": self.format,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "version": self.version.to_dict(),
        }


def expand(paths: list[str]) -> Iterator[Path]:
    """Each list source in the given paths: files, multi-file set folders, and the lists in
    a folder of lists (schemas and readmes in such a folder are passed over)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError("no such file or directory", path=raw)
        if path.is_dir() and not any((path / m).exists() for m in SET_MARKERS):
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or child.name.lower().endswith(NOT_LISTS):
                    continue
                yield from expand([str(child)])
        else:
            yield path


def load_path(
    store: Store,
    path: Path | str,
    *,
    dataset: str | None = None,
    fmt: str | None = None,
    source: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Import one list source as a new version of its dataset, all or nothing.

    A source whose content hash is already stored for the dataset is not imported again
    (``skipped``): checked once before parsing, and again under the store's write lock, so
    two concurrent loads of one file make one version. Any error leaves the store as it was.
    """
    started = time.perf_counter()
    loader = detect(path, fmt)
    sha256 = loader.source.sha256()
    name = dataset or loader.default_dataset()
    existing = store.find_version_by_hash(name, sha256)
    if existing is not None:
        return LoadResult(
            str(path), name, loader.format, existing, True, time.perf_counter() - started
        )

    def entities() -> Iterator[dict[str, Any]]:
        for proxy in loader.entities():
            data: dict[str, Any] = proxy.to_dict()
            data["caption"] = proxy.caption
            yield data

    try:
        version = store.import_entities(
            dataset=name,
            fmt=loader.format,
            source=source or str(path),
            sha256=sha256,
            entities=entities(),
            published=lambda: loader.published,
            progress=progress,
            skip_if_loaded=True,
        )
    except AlreadyLoaded as loaded:
        return LoadResult(
            str(path), name, loader.format, loaded.version, True, time.perf_counter() - started
        )
    return LoadResult(str(path), name, loader.format, version, False, time.perf_counter() - started)


__all__ = ["LoadResult", "UnknownFormat", "expand", "load_path"]
