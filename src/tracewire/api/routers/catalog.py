"""``GET /catalog``: the datasets in the store and their active list versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tracewire.api.deps import COLLECTIONS, RuntimeDep
from tracewire.api.models import DataCatalogModel

router = APIRouter(tags=["System information"])


@router.get("/catalog", summary="Datasets and list versions", response_model=DataCatalogModel)
def catalog(runtime: RuntimeDep) -> dict[str, Any]:
    """Every dataset with its active list version (source, publication date, sha256, counts),
    and whether the screening index holds that version (`index_current`)."""
    state = runtime.state
    indexed = {} if state is None else state.list_versions()
    datasets = []
    for version in sorted(runtime.store.active_versions(), key=lambda v: v.dataset):
        datasets.append(
            {
                "name": version.dataset,
                "title": version.dataset,
                "version": version.to_dict(),
                "index_current": indexed.get(version.dataset) == version.id,
            }
        )
    current = [d["name"] for d in datasets if d["index_current"]]
    outdated = [d["name"] for d in datasets if not d["index_current"]]
    return {
        "datasets": datasets,
        "current": current,
        "outdated": outdated,
        "collections": list(COLLECTIONS),
        "index_stale": bool(outdated) or (state is not None and len(indexed) != len(datasets)),
    }
