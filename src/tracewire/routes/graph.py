"""The stored routes graph in memory, as compressed sparse rows (numpy).

``routes from`` walks a graph that may hold a million parties and tens of millions of
records, so nodes are integers and adjacency is two CSR arrays (forward and backward) of
int32; an undirected edge (a list relationship, a resolution, a shared address) is walked
both ways, a directed one (a shipment, weapon → part → maker) only forward. networkx is used
for the small subgraphs that are exported (:mod:`tracewire.routes.export`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select

from tracewire.errors import NotFound, UsageError
from tracewire.routes import tables as t

IntArray = npt.NDArray[np.int64]
KINDS = ("party", "entity", "maker", "part", "teardown", "weapon", "address")
#: edge kinds the build writes (list relationships are the FtM edge schema, lower case)
EDGE_KINDS = (
    "shipped_to",
    "declared_maker",
    "same_as",
    "same_identifier",
    "at_address",
    "contains",
    "made_by",
    "relation",
)


@dataclass
class Graph:
    """Nodes, edges and both adjacencies of one stored build."""

    build_id: int
    token: str
    ids: list[str]
    index: dict[str, int]
    kind: npt.NDArray[np.int8]
    listed: npt.NDArray[np.bool_]
    edge_id: npt.NDArray[np.int64]  # database id of each edge
    edge_src: npt.NDArray[np.int32]
    edge_dst: npt.NDArray[np.int32]
    strength: npt.NDArray[np.float32]
    edge_kind: npt.NDArray[np.int8]  # index into EDGE_KINDS
    fwd_ptr: IntArray
    fwd_node: npt.NDArray[np.int32]
    fwd_edge: npt.NDArray[np.int32]
    bwd_ptr: IntArray
    bwd_node: npt.NDArray[np.int32]
    bwd_edge: npt.NDArray[np.int32]
    #: results computed once per loaded graph (e.g. hops to the nearest listed node)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def nodes(self) -> int:
        return len(self.ids)

    @property
    def edges(self) -> int:
        return len(self.edge_id)

    def node(self, node_id: str) -> int:
        try:
            return self.index[node_id]
        except KeyError:
            raise NotFound(f"no node {node_id!r} in the routes graph") from None

    def kind_of(self, node: int) -> str:
        return KINDS[int(self.kind[node])]

    def out(self, node: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        """Neighbours reachable from ``node`` in one step, and the edges used."""
        lo, hi = self.fwd_ptr[node], self.fwd_ptr[node + 1]
        return self.fwd_node[lo:hi], self.fwd_edge[lo:hi]

    def edge_kind_of(self, edge: int) -> str:
        return EDGE_KINDS[int(self.edge_kind[edge])]

    def memory_bytes(self) -> int:
        arrays = (
            self.kind,
            self.listed,
            self.edge_id,
            self.edge_src,
            self.edge_dst,
            self.strength,
            self.edge_kind,
            self.fwd_ptr,
            self.fwd_node,
            self.fwd_edge,
            self.bwd_ptr,
            self.bwd_node,
            self.bwd_edge,
        )
        return int(sum(a.nbytes for a in arrays))


def _csr(
    n: int, src: npt.NDArray[np.int32], dst: npt.NDArray[np.int32], edge: npt.NDArray[np.int32]
) -> tuple[IntArray, npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    order = np.argsort(src, kind="stable")
    counts = np.bincount(src, minlength=n)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    return ptr, dst[order].astype(np.int32), edge[order].astype(np.int32)


def load_graph(store: Any) -> Graph:
    """The last build stored in ``store``; UsageError when there is none."""
    engine = t.store_engine(store)
    with engine.connect() as conn:
        build = conn.execute(
            select(t.route_builds).order_by(t.route_builds.c.id.desc()).limit(1)
        ).first()
        if build is None:
            raise UsageError("no routes graph in this store yet: run `tracewire routes build`")
        kinds = {k: i for i, k in enumerate(KINDS)}
        ids: list[str] = []
        kind: list[int] = []
        listed: list[bool] = []
        raw = conn.exec_driver_sql("SELECT id, kind, listed FROM route_nodes")
        for node_id, node_kind, is_listed in raw:
            ids.append(node_id)
            kind.append(kinds.get(node_kind, 0))
            listed.append(bool(is_listed))
        index = {node_id: i for i, node_id in enumerate(ids)}
        edge_kinds = {k: i for i, k in enumerate(EDGE_KINDS)}
        relation = edge_kinds["relation"]
        columns: tuple[list[Any], ...] = ([], [], [], [], [], [])
        cursor = conn.exec_driver_sql(
            "SELECT id, src, dst, strength, directed, kind FROM route_edges ORDER BY id"
        )
        while chunk := cursor.fetchmany(100_000):
            for column, values in zip(columns, zip(*chunk, strict=True), strict=True):
                column.extend(values)
    edge_id = np.asarray(columns[0], dtype=np.int64)
    src = np.fromiter(map(index.__getitem__, columns[1]), dtype=np.int32, count=len(edge_id))
    dst = np.fromiter(map(index.__getitem__, columns[2]), dtype=np.int32, count=len(edge_id))
    strength = np.asarray(columns[3], dtype=np.float32)
    directed = np.asarray(columns[4], dtype=np.bool_)
    edge_kind = np.fromiter(
        (edge_kinds.get(k, relation) for k in columns[5]), dtype=np.int8, count=len(edge_id)
    )
    total = len(edge_id)
    n = len(ids)
    numbers = np.arange(total, dtype=np.int32)
    undirected = ~directed
    half_src = np.concatenate([src, dst[undirected]])
    half_dst = np.concatenate([dst, src[undirected]])
    half_edge = np.concatenate([numbers, numbers[undirected]])
    fwd = _csr(n, half_src, half_dst, half_edge)
    bwd = _csr(n, half_dst, half_src, half_edge)
    return Graph(
        build_id=int(build.id),
        token=str(build.token),
        ids=ids,
        index=index,
        kind=np.asarray(kind, dtype=np.int8),
        listed=np.asarray(listed, dtype=np.bool_),
        edge_id=edge_id,
        edge_src=src,
        edge_dst=dst,
        strength=strength,
        edge_kind=edge_kind,
        fwd_ptr=fwd[0],
        fwd_node=fwd[1],
        fwd_edge=fwd[2],
        bwd_ptr=bwd[0],
        bwd_node=bwd[1],
        bwd_edge=bwd[2],
    )


_LOCK = threading.Lock()
_CACHE: dict[str, Graph] = {}


def graph_for(store: Any) -> Graph:
    """The store's graph, loaded once per process and again after a new build."""
    engine = t.store_engine(store)
    with engine.connect() as conn:
        last = conn.execute(select(func.max(t.route_builds.c.id))).scalar()
    key = str(engine.url)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached.build_id == last:
            return cached
        graph = load_graph(store)
        _CACHE[key] = graph
        return graph


def expand(
    ptr: IntArray, nodes: npt.NDArray[np.int32], frontier: npt.NDArray[np.int32]
) -> npt.NDArray[np.int32]:
    """Every neighbour of every node of ``frontier`` (with repeats), vectorised."""
    starts = ptr[frontier]
    counts = ptr[frontier + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int32)
    offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    found: npt.NDArray[np.int32] = nodes[offsets + np.arange(total)]
    return found


def distances(
    ptr: IntArray, nodes: npt.NDArray[np.int32], sources: list[int], n: int, max_hops: int
) -> npt.NDArray[np.int16]:
    """Hops from ``sources`` to every node (-1: not within ``max_hops``)."""
    dist = np.full(n, -1, dtype=np.int16)
    frontier = np.unique(np.asarray(sources, dtype=np.int32))
    dist[frontier] = 0
    for hop in range(1, max_hops + 1):
        reached = expand(ptr, nodes, frontier)
        reached = np.unique(reached[dist[reached] < 0])
        if len(reached) == 0:
            break
        dist[reached] = hop
        frontier = reached
    return dist
