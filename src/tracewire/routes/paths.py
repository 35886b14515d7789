"""Paths through the routes graph: from a part, maker, teardown or weapon to listed parties,
and an entity's neighbourhood.

A search from a weapon, teardown or part first walks down to the makers of its parts (those
steps are not counted as hops); from the makers it looks ``max_hops`` steps ahead. A path's
strength is the product of its edges' evidence strengths. The search extends the strongest
partial path first and only towards nodes that can still reach a target in the hops left
(hops to the nearest listed node are computed once per loaded graph), so paths come out
strongest first and a query stops after ``limit`` of them.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from tracewire.errors import NotFound, UsageError
from tracewire.routes.graph import Graph, distances
from tracewire.routes.records import name_key

#: most partial paths extended for one query (a dense hub could have millions of paths)
MAX_EXPANDED = 200_000
MAX_HOPS = 12
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
    if max_hops < 1 or max_hops > MAX_HOPS:
        raise UsageError(f"--max-hops must be between 1 and {MAX_HOPS}")
    if to not in ("listed", "any"):
        raise UsageError("--to must be 'listed' or 'any'")
    makers = down_to_makers(graph, start)
    if not makers:
        return []
    sources = list(makers)
    if to == "listed":
        behind = hops_to_listed(graph)
        targets = graph.listed
    else:
        ahead = distances(graph.fwd_ptr, graph.fwd_node, sources, graph.nodes, max_hops)
        targets = (ahead > 0) & np.isin(graph.kind, [0, 1])  # parties, list entities
        if not targets.any():
            return []
        found = np.flatnonzero(targets).tolist()
        behind = distances(graph.bwd_ptr, graph.bwd_node, found, graph.nodes, max_hops)
    paths = _best_first(graph, sources, behind, targets, max_hops, limit)
    for path in paths:
        path.prefix = makers[path.nodes[0]]
    return paths


def hops_to_listed(graph: Graph) -> npt.NDArray[np.int16]:
    """Hops from every node to the nearest listed node (-1: none within MAX_HOPS), computed
    once per loaded graph: a query then only walks nodes that can still reach one."""
    cached = graph.cache.get("hops_to_listed")
    if cached is None:
        listed = np.flatnonzero(graph.listed).tolist()
        cached = distances(graph.bwd_ptr, graph.bwd_node, listed, graph.nodes, MAX_HOPS)
        graph.cache["hops_to_listed"] = cached
    result: npt.NDArray[np.int16] = cached
    return result


def _best_first(
    graph: Graph,
    sources: list[int],
    behind: npt.NDArray[np.int16],
    targets: npt.NDArray[np.bool_],
    max_hops: int,
    limit: int,
) -> list[RawPath]:
    """Paths in order of decreasing strength: a path is never stronger than its prefix
    (strengths are at most 1), so taking the strongest partial path first yields complete
    paths strongest first (shorter first among equals), and the search stops after
    ``limit`` distinct node sequences."""
    strength = graph.strength
    heap: list[tuple[float, int, int, tuple[int, ...], tuple[int, ...]]] = [
        (-1.0, 0, i, (source,), ()) for i, source in enumerate(sources)
    ]
    heapq.heapify(heap)
    counter = len(heap)
    out: list[RawPath] = []
    seen: set[tuple[int, ...]] = set()
    expanded = 0
    while heap and len(out) < limit and expanded < MAX_EXPANDED:
        negative, hops, _, nodes, edges = heapq.heappop(heap)
        node = nodes[-1]
        if hops and targets[node] and nodes not in seen:
            seen.add(nodes)
            out.append(RawPath(list(nodes), list(edges), -negative))
        left = max_hops - hops
        if left == 0:
            continue
        expanded += 1
        neighbours, used = graph.out(node)
        reach = behind[neighbours]
        keep = (reach >= 0) & (reach <= left - 1)
        for target, edge in zip(neighbours[keep].tolist(), used[keep].tolist(), strict=True):
            if target in nodes:
                continue
            counter += 1
            score = negative * float(strength[edge])
            heapq.heappush(heap, (score, hops + 1, counter, (*nodes, target), (*edges, edge)))
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
