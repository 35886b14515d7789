"""Paths as the CLI and the API show them: every node with its label, every edge with its
evidence (the trade records, the list version and entity of a relationship, the teardown's
report, the resolution's score and explanation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, select

from tracewire.routes import tables as t
from tracewire.routes.graph import Graph
from tracewire.routes.paths import RawPath

#: records shown per trade edge (all are counted; the flags read up to RECORDS_READ)
RECORDS_SHOWN = 5
RECORDS_READ = 200


@dataclass
class Route:
    """One path with what supports each of its edges, and the red flags it raises."""

    strength: float
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    prefix: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hops(self) -> int:
        return len(self.edges)

    def to_dict(self) -> dict[str, Any]:
        edges = [
            {**e, "records": e["records"][:RECORDS_SHOWN]} if "records" in e else e
            for e in self.edges
        ]
        return {
            "strength": round(self.strength, 4),
            "hops": self.hops,
            "via": self.prefix,
            "nodes": self.nodes,
            "edges": edges,
            "flags": self.flags,
        }


def _nodes(conn: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    chunk = list(ids)
    for start in range(0, len(chunk), 500):
        rows = conn.execute(
            select(t.route_nodes).where(t.route_nodes.c.id.in_(chunk[start : start + 500]))
        )
        for row in rows:
            out[row.id] = {
                "id": row.id,
                "kind": row.kind,
                "label": row.label,
                "country": row.country,
                "listed": bool(row.listed),
                **({"data": orjson.loads(row.data)} if row.data else {}),
            }
    return out


def _edges(conn: Connection, ids: set[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    chunk = list(ids)
    for start in range(0, len(chunk), 500):
        rows = conn.execute(
            select(t.route_edges).where(t.route_edges.c.id.in_(chunk[start : start + 500]))
        )
        for row in rows:
            edge = {
                "id": row.id,
                "src": row.src,
                "dst": row.dst,
                "kind": row.kind,
                "directed": bool(row.directed),
                "strength": row.strength,
                "evidence": orjson.loads(row.evidence),
            }
            if row.kind == "shipped_to":
                edge["records"] = trade_records(conn, row.src, row.dst)
            out[row.id] = edge
    return out


def trade_records(conn: Connection, exporter: str, importer: str) -> list[dict[str, Any]]:
    """The records behind one trade edge, oldest first (at most RECORDS_READ)."""
    r = t.trade_records.c
    rows = conn.execute(
        select(
            r.id,
            r.load_id,
            r.line,
            r.declaration_id,
            r.date,
            r.hs_code,
            r.description,
            r.maker,
            r.part_number,
            r.quantity,
            r.value,
            r.currency,
            r.origin_country,
            r.dispatch_country,
        )
        .where(r.exporter == exporter)
        .where(r.importer == importer)
        .order_by(r.date, r.id)
        .limit(RECORDS_READ)
    )
    return [dict(row._mapping) for row in rows]


def present(graph: Graph, engine: Any, paths: list[RawPath]) -> list[Route]:
    """Routes with labels and evidence for in-memory paths."""
    node_ids = {graph.ids[n] for p in paths for n in (*p.nodes, *p.prefix)}
    edge_ids = {int(graph.edge_id[e]) for p in paths for e in p.edges}
    with engine.connect() as conn:
        nodes = _nodes(conn, node_ids)
        edges = _edges(conn, edge_ids)
    return [
        Route(
            strength=p.strength,
            nodes=[nodes[graph.ids[n]] for n in p.nodes],
            edges=[edges[int(graph.edge_id[e])] for e in p.edges],
            prefix=[nodes[graph.ids[n]] for n in p.prefix],
        )
        for p in paths
    ]
