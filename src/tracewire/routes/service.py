"""What the CLI and the API both answer (one response shape for ``--json`` and ``/routes``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tracewire.routes import tables as t
from tracewire.routes.build import build_token
from tracewire.routes.flags import FlagContext, apply_flags
from tracewire.routes.graph import Graph, graph_for
from tracewire.routes.paths import find_paths, neighbourhood, start_nodes
from tracewire.routes.present import Route, present


def flag_context(graph: Graph, engine: Any) -> FlagContext:
    """What the rules read; the earliest record date is read once per loaded graph (it
    scans every record)."""
    if "data_start" not in graph.cache:
        with engine.connect() as conn:
            start = conn.execute(select(func.min(t.trade_records.c.date))).scalar()
        graph.cache["data_start"] = start
    return FlagContext(graph=graph, data_start=graph.cache["data_start"])


def _stale(store: Any, graph: Graph) -> bool:
    engine = t.store_engine(store)
    with engine.connect() as conn:
        return build_token(store, conn) != graph.token


def routes_from(
    store: Any, spec: str, *, to: str = "listed", max_hops: int = 6, limit: int = 20
) -> tuple[dict[str, Any], list[Route]]:
    """Ranked routes from a part, maker, teardown or weapon, with evidence and red flags."""
    graph = graph_for(store)
    engine = t.store_engine(store)
    starts = start_nodes(graph, spec)
    raw = find_paths(graph, starts[0], to=to, max_hops=max_hops, limit=limit)
    routes = present(graph, engine, raw)
    ctx = flag_context(graph, engine)
    for route in routes:
        apply_flags(route, ctx)
    answer = {
        "from": graph.ids[starts[0]],
        "to": to,
        "max_hops": max_hops,
        "graph": {
            "build": graph.build_id,
            "nodes": graph.nodes,
            "edges": graph.edges,
            "stale": _stale(store, graph),
        },
        "total": len(routes),
        "routes": [r.to_dict() for r in routes],
    }
    return answer, routes


def entity_routes(
    store: Any, node_id: str, *, hops: int = 1, limit: int = 200
) -> tuple[dict[str, Any], list[Route]]:
    """An entity's (or any node's) neighbourhood: its edges with their evidence."""
    graph = graph_for(store)
    engine = t.store_engine(store)
    node = graph.index.get(node_id)
    if node is None:
        node = graph.node(f"entity:{node_id}")
    routes = present(graph, engine, neighbourhood(graph, node, hops=hops, limit=limit))
    answer = {
        "node": graph.ids[node],
        "hops": hops,
        "graph": {
            "build": graph.build_id,
            "nodes": graph.nodes,
            "edges": graph.edges,
            "stale": _stale(store, graph),
        },
        "total": len(routes),
        "edges": [r.to_dict()["edges"][0] | {"nodes": r.nodes} for r in routes],
    }
    return answer, routes
