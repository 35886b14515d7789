"""Paths through the routes graph: from a part, maker, teardown or weapon to listed parties,
and an entity's neighbourhood.

A search from a weapon, teardown or part first walks down to the makers of its parts (those
steps are not counted as hops); from the makers it looks ``max_hops`` steps ahead. Only nodes
that lie on some path of at most ``max_hops`` to a target are kept (a search forward from the
makers and one backward from the targets), and the simple paths through them are enumerated
and ranked by the product of their edges' evidence strength, then by length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tracewire.errors import NotFound, UsageError
from tracewire.routes.graph import Graph, distances
from tracewire.routes.records import name_key

#: most paths enumerated for one query before ranking (a dense hub could have millions)
MAX_ENUMERATED = 20_000
STRUCTURE = ("weapon", "teardown", "part")


@dataclass
class RawPath:
    """A path as node and edge indexes of the in-memory graph."""

    nodes: list[int]
    edges: list[int]
    strength: float
    prefix: list[int] = field(default_factory=list)  # weapon/teardown/part nodes before it

    @property
    def hops(self) -> int:
        return len(self.edges)


def start_nodes(graph: Graph, spec: str) -> list[int]:
    """The node(s) a user names: a node id, or a weapon, teardown, part or maker by name."""
    candidates = [spec] if ":" in spec else []
    candidates += [
        f"weapon:{spec}",
        f"weapon:{spec.lower()}",
        f"teardown:{spec}",
        f"part:{spec.upper()}",
        f"maker:{name_key(spec)}",
    ]
    for candidate in candidates:
        if candidate in graph.index:
            return [graph.index[candidate]]
    raise NotFound(
        f"{spec!r} is no weapon, teardown, part or maker of the routes graph "
        "(a node id such as maker:..., party id or entity:... also works)"
    )


def down_to_makers(graph: Graph, start: int) -> dict[int, list[int]]:
    """Maker (or other non-structural) nodes below a weapon/teardown/part, each with the
    structural chain that leads to it; a maker or party start is its own."""
    if graph.kind_of(start) not in STRUCTURE:
        return {start: []}
    out: dict[int, list[int]] = {}
    stack = [(start, [start])]
    seen = {start}
    while stack:
        node, chain = stack.pop()
        targets, _ = graph.out(node)
        for target in targets.tolist():
            if target in seen:
                continue
            if graph.kind_of(target) in STRUCTURE:
                seen.add(target)
                stack.append((target, [*chain, target]))
            elif graph.kind_of(target) == "maker":
                out.setdefault(target, chain)
    return out


def find_paths(
    graph: Graph, start: int, *, to: str = "listed", max_hops: int = 6, limit: int = 20
) -> list[RawPath]:
    """The strongest paths from ``start`` to listed nodes (``to="listed"``) or to any party
    or list entity (``to="any"``), at most ``max_hops`` edges after the makers."""
    if max_hops < 1 or max_hops > 12:
        raise UsageError("--max-hops must be between 1 and 12")
    if to not in ("listed", "any"):
        raise UsageError("--to must be 'listed' or 'any'")
    makers = down_to_makers(graph, start)
    if not makers:
        return []
    sources = list(makers)
    n = graph.nodes
    ahead = distances(graph.fwd_ptr, graph.fwd_node, sources, n, max_hops)
    reached = ahead > 0
    if to == "listed":
        targets = np.flatnonzero(reached & graph.listed)
    else:
        party_kinds = np.isin(graph.kind, [0, 1])  # party, entity
        targets = np.flatnonzero(reached & party_kinds)
    if len(targets) == 0:
        return []
    behind = distances(graph.bwd_ptr, graph.bwd_node, targets.tolist(), n, max_hops)
    target_set = set(targets.tolist())
    found: list[RawPath] = []
    for source in sources:
        _enumerate(graph, source, behind, target_set, max_hops, found)
        if len(found) >= MAX_ENUMERATED:
            break
    for path in found:
        path.prefix = makers[path.nodes[0]]
    found.sort(key=lambda p: (-p.strength, p.hops, p.nodes))
    return _distinct(found)[:limit]


def _enumerate(
    graph: Graph,
    source: int,
    behind: npt.NDArray[np.int16],
    targets: set[int],
    max_hops: int,
    found: list[RawPath],
) -> None:
    strength = graph.strength
    stack: list[tuple[int, list[int], list[int], float]] = [(source, [source], [], 1.0)]
    while stack and len(found) < MAX_ENUMERATED:
        node, nodes, edges, score = stack.pop()
        left = max_hops - len(edges)
        if left == 0:
            continue
        neighbours, used = graph.out(node)
        for target, edge in zip(neighbours.tolist(), used.tolist(), strict=True):
            hops_to_target = int(behind[target])
            if hops_to_target < 0 or hops_to_target > left - 1 or target in nodes:
                continue
            step = (target, [*nodes, target], [*edges, edge], score * float(strength[edge]))
            if target in targets:
                found.append(RawPath(step[1], step[2], step[3]))
            stack.append(step)


def _distinct(paths: list[RawPath]) -> list[RawPath]:
    """One path per node sequence (parallel edges between the same nodes are alternatives)."""
    seen: set[tuple[int, ...]] = set()
    out = []
    for path in paths:
        key = tuple(path.nodes)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def _incident(graph: Graph, node: int) -> list[tuple[int, int]]:
    """(other node, edge) of every edge at ``node``, out and in."""
    out: list[tuple[int, int]] = []
    for ptr, nodes, edges in (
        (graph.fwd_ptr, graph.fwd_node, graph.fwd_edge),
        (graph.bwd_ptr, graph.bwd_node, graph.bwd_edge),
    ):
        lo, hi = int(ptr[node]), int(ptr[node + 1])
        out.extend(zip(nodes[lo:hi].tolist(), edges[lo:hi].tolist(), strict=True))
    return out


def neighbourhood(graph: Graph, node: int, hops: int = 1, limit: int = 200) -> list[RawPath]:
    """The edges around ``node`` (both directions) out to ``hops`` steps, as one-edge
    paths, strongest first; at most ``limit``, nearest first."""
    if hops < 1 or hops > 3:
        raise UsageError("--hops must be between 1 and 3")
    out: list[RawPath] = []
    seen_edges: set[int] = set()
    visited = {node}
    frontier = [node]
    for _ in range(hops):
        nxt = []
        for current in frontier:
            for other, edge in _incident(graph, current):
                if edge in seen_edges or len(out) >= limit:
                    continue
                seen_edges.add(edge)
                src, dst = int(graph.edge_src[edge]), int(graph.edge_dst[edge])
                out.append(RawPath([src, dst], [edge], float(graph.strength[edge])))
                if other not in visited:
                    visited.add(other)
                    nxt.append(other)
        frontier = nxt
    out.sort(key=lambda p: -p.strength)
    return out


def near_listed(graph: Graph, node: int, hops: int) -> list[tuple[int, int]]:
    """Listed nodes within ``hops`` steps of ``node`` either way: (node, hops)."""
    found = []
    visited = {node}
    frontier = [node]
    for hop in range(1, hops + 1):
        nxt = []
        for current in frontier:
            for other, _edge in _incident(graph, current):
                if other in visited:
                    continue
                visited.add(other)
                nxt.append(other)
                if graph.listed[other]:
                    found.append((other, hop))
        frontier = nxt
    return found
