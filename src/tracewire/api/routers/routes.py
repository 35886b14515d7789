"""``/routes/...``: paths from a part, maker, teardown or weapon to listed parties, an
entity's neighbourhood, the red-flag rules and exports (the CLI's ``routes`` commands)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from tracewire.api.deps import StoreDep
from tracewire.api.errors import error_responses
from tracewire.errors import NotFound

router = APIRouter(tags=["Routes"])

MEDIA = {
    "ftm": "application/x-ndjson",
    "graphml": "application/graphml+xml",
    "gexf": "application/xml",
    "svg": "image/svg+xml",
}


@router.get(
    "/routes/from/{spec:path}",
    summary="Paths from a part, maker, teardown or weapon to listed parties",
    responses=error_responses(400, 404, 422),
)
def routes_from(
    store: StoreDep,
    spec: str = Path(
        ..., description="Weapon, teardown, part number, maker or node id", examples=["Shahed-136"]
    ),
    to: Literal["listed", "any"] = Query(
        "listed", description="End at listed entities, or any party."
    ),
    max_hops: int = Query(6, ge=1, le=12, description="Most edges after the makers."),
    limit: int = Query(20, ge=1, le=200),
) -> dict[str, Any]:
    """Ranked paths (strength = product of the edges' evidence strengths), each edge with
    its evidence (records, list version, teardown report, resolution score) and each path
    with the red flags it raises. The same answer as `tracewire routes from --json`."""
    from tracewire.routes.service import routes_from as find

    answer, _ = find(store, spec, to=to, max_hops=max_hops, limit=limit)
    return answer


@router.get(
    "/routes/entity/{entity_id:path}",
    summary="An entity's neighbourhood in the routes graph",
    responses=error_responses(400, 404, 422),
)
def routes_entity(
    store: StoreDep,
    entity_id: str = Path(..., description="List entity id, or any node id of the graph"),
    hops: int = Query(1, ge=1, le=3),
    limit: int = Query(200, ge=1, le=2000),
) -> dict[str, Any]:
    """Every edge around the entity out to `hops` steps, with its evidence."""
    from tracewire.routes.service import entity_routes

    answer, _ = entity_routes(store, entity_id, hops=hops, limit=limit)
    return answer


@router.get("/routes/flags", summary="The red-flag rules")
def routes_flags() -> dict[str, Any]:
    """Name and documentation of every red-flag rule."""
    from tracewire.routes.flags import describe_rules

    return {"results": describe_rules()}


@router.get(
    "/routes/export/{spec:path}",
    summary="The routes from SPEC as FtM, GraphML, GEXF or SVG",
    responses=error_responses(400, 404, 422),
)
def routes_export(
    store: StoreDep,
    spec: str = Path(..., description="Weapon, teardown, part number, maker or node id"),
    format: Literal["ftm", "graphml", "gexf", "svg"] = Query("gexf"),
    to: Literal["listed", "any"] = Query("listed"),
    max_hops: int = Query(6, ge=1, le=12),
    limit: int = Query(20, ge=1, le=200),
) -> Response:
    """The subgraph of the routes: FtM JSON lines, GraphML or GEXF (Gephi), an SVG picture."""
    from tracewire.cli.common import dumps
    from tracewire.routes.export import to_ftm, write_graph, write_svg
    from tracewire.routes.service import routes_from as find

    _, routes = find(store, spec, to=to, max_hops=max_hops, limit=limit)
    if not routes:
        raise NotFound(f"no routes from {spec!r}")
    if format == "ftm":
        body = "".join(dumps(e) + "\n" for e in to_ftm(routes))
    elif format == "svg":
        body = write_svg(routes, f"routes from {spec}")
    else:
        body = write_graph(routes, format)
    return Response(body, media_type=MEDIA[format])
