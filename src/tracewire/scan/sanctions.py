"""The sanctions of a listed party (authority, program, dates), as ``entities show`` reads
them: the Sanction entities of its datasets that point at it; read once per dataset."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tracewire.store import Store

_KEEP = ("authority", "authorityId", "program", "provisions", "listingDate", "startDate",
         "endDate", "reason", "sourceUrl")  # fmt: skip


def _summary(sanction: dict[str, Any]) -> dict[str, Any]:
    props = sanction.get("properties") or {}
    out: dict[str, Any] = {"id": sanction["id"], "dataset": (sanction.get("datasets") or [""])[0]}
    for key in _KEEP:
        values = props.get(key)
        if values:
            out[key] = values if key in ("program", "provisions") else values[0]
    return out


class SanctionBook:
    """Sanctions by the entity they name, for the datasets asked so far."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self._by_dataset: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def _dataset(self, dataset: str) -> dict[str, list[dict[str, Any]]]:
        known = self._by_dataset.get(dataset)
        if known is not None:
            return known
        book: dict[str, list[dict[str, Any]]] = {}
        if self.store is not None:
            for sanction in self.store.iter_entities(datasets=[dataset], schemata=["Sanction"]):
                for entity_id in (sanction.get("properties") or {}).get("entity") or ():
                    book.setdefault(str(entity_id), []).append(_summary(sanction))
        self._by_dataset[dataset] = book
        return book

    def of(self, entity_id: str, datasets: Iterable[str]) -> list[dict[str, Any]]:
        """The sanctions naming ``entity_id`` in ``datasets`` (one per Sanction id)."""
        seen: dict[str, dict[str, Any]] = {}
        for dataset in sorted(datasets):
            for sanction in self._dataset(dataset).get(entity_id, ()):
                seen.setdefault(sanction["id"], sanction)
        return list(seen.values())
