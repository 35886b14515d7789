"""``GET /entities/{entity_id}``: one entity with its sanctions and relationships nested."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query

from tracewire.api.deps import RuntimeDep
from tracewire.api.errors import error_responses
from tracewire.api.links import nest_adjacent
from tracewire.api.models import EntityResponse
from tracewire.api.results import entity_dict
from tracewire.errors import NotFound

router = APIRouter(tags=["Data access"])


@router.get(
    "/entities/{entity_id}",
    summary="Fetch an entity",
    response_model=EntityResponse,
    responses=error_responses(404),
)
def fetch_entity(
    runtime: RuntimeDep,
    entity_id: str = Path(..., description="Id of the entity", examples=["ofac-9647"]),
    nested: bool = Query(True, description="Nest sanctions and related entities."),
) -> dict[str, Any]:
    """An entity of the active list versions, with the entities that point at it
    (`sanctions`, `ownershipOwner`, `unknownLinkSubject` ...) and the entities it points at
    nested one level deep, as yente does."""
    store = runtime.store
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFound(f"no such entity: {entity_id!r}")
    if nested:
        state = runtime.state
        entity = nest_adjacent(store, None if state is None else state.links, entity)
    return entity_dict(entity)
