"""What changed between two versions of a dataset: added, removed and changed entities."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tracewire.errors import NotFound, UsageError
from tracewire.store.base import ListVersion, Store


@dataclass
class DiffSummary:
    dataset: str
    old: ListVersion
    new: ListVersion
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    #: property name -> number of changed entities where it changed
    properties: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "old": self.old.id,
            "new": self.new.id,
            "old_published": self.old.published,
            "new_published": self.new.published,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "properties": dict(sorted(self.properties.items(), key=lambda kv: -kv[1])),
        }


def pick_versions(
    store: Store, dataset: str, old: int | None, new: int | None
) -> tuple[ListVersion, ListVersion]:
    """The two versions to compare: given ids, or the active one and the one before it."""
    versions = store.versions(dataset)
    if not versions:
        raise NotFound(f"no versions of dataset {dataset!r}")
    by_id = {v.id: v for v in versions}
    for vid in (old, new):
        if vid is not None and vid not in by_id:
            raise NotFound(f"version {vid} is not a version of {dataset!r}")
    if old is not None and new is not None:
        return by_id[old], by_id[new]
    if old is not None or new is not None:
        raise UsageError("give both OLD and NEW version ids, or neither")
    active = next((v for v in versions if v.active), versions[0])
    older = [v for v in versions if v.id < active.id]
    if not older:
        raise UsageError(f"dataset {dataset!r} has only one version before the active one")
    return older[0], active


def _changed_props(a: dict[str, Any], b: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    pa, pb = a.get("properties", {}), b.get("properties", {})
    for prop in sorted(set(pa) | set(pb)):
        va, vb = set(pa.get(prop, [])), set(pb.get(prop, []))
        if va != vb:
            out[prop] = {"added": sorted(vb - va), "removed": sorted(va - vb)}
    if a.get("schema") != b.get("schema"):
        out["$schema"] = {"added": [b["schema"]], "removed": [a["schema"]]}
    return out


def diff(
    store: Store, old: ListVersion, new: ListVersion, summary: DiffSummary | None = None
) -> Iterator[dict[str, Any]]:
    """Yield one record per added, removed or changed entity (ids are stable across versions,
    so a changed record is the same listed party with other properties)."""
    summ = summary or DiffSummary(old.dataset, old, new)
    before = store.entity_hashes(old.id)
    after = store.entity_hashes(new.id)
    for entity_id in sorted(set(after) - set(before)):
        _, schema_name, caption = after[entity_id]
        summ.added += 1
        yield {"op": "added", "id": entity_id, "schema": schema_name, "caption": caption}
    for entity_id in sorted(set(before) - set(after)):
        _, schema_name, caption = before[entity_id]
        summ.removed += 1
        yield {"op": "removed", "id": entity_id, "schema": schema_name, "caption": caption}
    common = sorted(i for i in set(before) & set(after) if before[i][0] != after[i][0])
    summ.unchanged = len(set(before) & set(after)) - len(common)
    for start in range(0, len(common), 500):
        chunk = common[start : start + 500]
        olds = store.entities_by_id(old.id, chunk)
        news = store.entities_by_id(new.id, chunk)
        for entity_id in chunk:
            changes = _changed_props(olds[entity_id], news[entity_id])
            summ.changed += 1
            for prop in changes:
                summ.properties[prop] = summ.properties.get(prop, 0) + 1
            yield {
                "op": "changed",
                "id": entity_id,
                "schema": news[entity_id]["schema"],
                "caption": news[entity_id]["caption"],
                "changes": changes,
            }
