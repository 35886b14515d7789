"""Build the routes graph and keep it in the store.

One graph holds:

* trade: exporter → importer, one edge per pair of parties, the records as its evidence;
  maker → exporter where records declare the maker's goods (``maker``/``brand`` column);
  part → maker where records declare a part number with its maker;
* teardowns: weapon → teardown → part → maker, from :class:`~tracewire.routes.inputs.TeardownLink`;
* the lists' relationships: every FtM edge schema (Ownership, Directorship, UnknownLink,
  Family, Associate, Representation ...) between list entities, with its list version;
* resolution: a trade party → the list entity with the same tax/registration number, or the
  one the screening engine matches (score and explanation kept); trade parties → each other
  when the engine matches them; a maker → the trade party of the same name;
* shared addresses: an address node between every party and list entity written there.

The graph is rebuilt as a whole in one transaction, so a failed build leaves the last one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from followthemoney import model
from sqlalchemy import Connection, delete, func, select

from tracewire.routes import tables as t
from tracewire.routes import weights as w
from tracewire.routes.inputs import TeardownLink
from tracewire.routes.records import clean_identifier, name_key
from tracewire.routes.resolve import Link, identifier_links, party_links, screening_links

BATCH = 5000
#: FtM properties that hold a tax or registration number
ID_PROPS = (
    "innCode",
    "ogrnCode",
    "taxNumber",
    "registrationNumber",
    "idNumber",
    "vatCode",
    "leiCode",
    "okpoCode",
    "kppCode",
)
#: list entities that become nodes (relations become edges; Sanction, Address ... neither)
NODE_SCHEMATA = (
    "Person",
    "Company",
    "Organization",
    "LegalEntity",
    "PublicBody",
    "Vessel",
    "Airplane",
)


EDGE_COLUMNS = ("src", "dst", "kind", "directed", "strength", "evidence")
NODE_COLUMNS = ("id", "kind", "label", "country", "listed", "data")


def maker_node(name: str) -> str:
    return f"maker:{name_key(name)}"


def entity_node(entity_id: str) -> str:
    return f"entity:{entity_id}"


def address_node(address: str) -> str:
    return "address:" + hashlib.sha1(name_key(address).encode()).hexdigest()[:20]


@dataclass
class GraphRows:
    """Nodes (kept by id; a node added twice keeps its first label) and edges (written to
    ``sink`` in batches once it is set, so a graph of millions of edges is never held)."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sink: Callable[[list[dict[str, Any]]], None] | None = None

    def node(
        self,
        node_id: str,
        kind: str,
        label: str,
        country: str | None = None,
        listed: bool = False,
        data: dict[str, Any] | None = None,
    ) -> None:
        if node_id in self.nodes:
            if listed:
                self.nodes[node_id]["listed"] = 1
            return
        self.counts[f"node:{kind}"] += 1
        self.nodes[node_id] = {
            "id": node_id,
            "kind": kind,
            "label": label,
            "country": country,
            "listed": int(listed),
            "data": orjson.dumps(data).decode() if data else None,
        }

    def edge(
        self,
        src: str,
        dst: str,
        kind: str,
        strength: float,
        evidence: dict[str, Any],
        directed: bool = True,
    ) -> None:
        # an edge may name a list entity that is not in the store (a relation to an entity of
        # a list not loaded): it gets a node of its own so every edge has both ends
        for end in (src, dst):
            if end not in self.nodes:
                self.node(end, end.partition(":")[0] if ":" in end else "party", end)
        self.counts[f"edge:{kind}"] += 1
        self.pending.append(
            {
                "src": src,
                "dst": dst,
                "kind": kind,
                "directed": int(directed),
                "strength": round(strength, 4),
                "evidence": orjson.dumps(evidence).decode(),
            }
        )
        if self.sink is not None and len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.sink is not None and self.pending:
            self.sink(self.pending)
            self.pending = []


def build_token(store: Any, conn: Connection) -> str:
    """What a build depends on: the active list versions and the trade loads."""
    loads = conn.execute(select(func.max(t.trade_loads.c.id))).scalar() or 0
    return f"lists={store.state_token()};trade={loads}"


def build_graph(
    store: Any,
    links: Iterable[TeardownLink] = (),
    *,
    screen: bool = True,
    processes: int | None = None,
) -> dict[str, int]:
    """Rebuild the graph in ``store`` from its trade records, its lists and ``links``; with
    ``screen``, trade parties are also matched to list entities by the screening engine.
    Returns counts by node and edge kind."""
    engine = t.store_engine(store)
    with engine.connect() as conn:
        parties = _parties(conn)
        token = build_token(store, conn)
    rows = GraphRows()
    ids, addresses = _lists(store, rows)
    resolved = identifier_links(parties, ids)
    if screen and store.active_versions():
        done = {x.party for x in resolved}
        unresolved = [p for p in parties.values() if p["id"] not in done]
        resolved += screening_links(store, unresolved, processes=processes)
    between = party_links(list(parties.values()), processes=processes) if screen else []
    # screening (forked workers) is done before the write transaction opens
    with store.transaction() as write, engine.connect() as read:
        write.execute(delete(t.route_edges))
        write.execute(delete(t.route_nodes))
        edge_sql = t.insert_sql(engine, t.route_edges, EDGE_COLUMNS)
        node_sql = t.insert_sql(engine, t.route_nodes, NODE_COLUMNS)
        rows.sink = lambda batch: _insert(write, edge_sql, EDGE_COLUMNS, batch)
        rows.flush()
        for party in parties.values():
            data = {k: party[k] for k in ("first_seen", "identifier", "address")}
            rows.node(party["id"], "party", party["name"], party["country"], data=data)
        _trade(read, rows)
        _teardowns(links, rows)
        _makers_as_parties(parties, rows)
        for link in resolved:
            _resolution(link, rows)
        for link in between:
            evidence = {
                "reason": "screening, party to party",
                "score": link.score,
                "explanation": link.explanation,
            }
            rows.edge(link.party, link.entity, "same_as", link.score, evidence, directed=False)
        _addresses(parties, addresses, rows)
        rows.flush()
        counts = dict(sorted(rows.counts.items()))
        nodes = list(rows.nodes.values())
        for start in range(0, len(nodes), BATCH):
            _insert(write, node_sql, NODE_COLUMNS, nodes[start : start + BATCH])
        write.execute(
            t.route_builds.insert().values(
                built_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
                token=token,
                counts=orjson.dumps(counts).decode(),
            )
        )
    return counts


def _insert(
    conn: Connection, sql: str, columns: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    conn.exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows])


def _parties(conn: Connection) -> dict[str, dict[str, Any]]:
    return {p.id: dict(p._mapping) for p in conn.execute(select(t.trade_parties))}


def _trade(conn: Connection, rows: GraphRows) -> None:
    r = t.trade_records.c
    pairs = conn.execute(
        select(
            r.exporter,
            r.importer,
            func.count(),
            func.min(r.date),
            func.max(r.date),
            func.sum(r.value),
        ).group_by(r.exporter, r.importer)
    )
    for exporter, importer, count, first, last, value in pairs:
        evidence = {"records": count, "first": first, "last": last, "value": value}
        rows.edge(exporter, importer, "shipped_to", w.records_strength(count), evidence)
    declared = conn.execute(
        select(func.coalesce(r.maker, r.brand), r.exporter, func.count())
        .where(func.coalesce(r.maker, r.brand).is_not(None))
        .group_by(func.coalesce(r.maker, r.brand), r.exporter)
    )
    for maker, exporter, count in declared:
        node = maker_node(maker)
        rows.node(node, "maker", maker)
        evidence = {"records": count, "declared_maker": maker}
        rows.edge(node, exporter, "declared_maker", w.DECLARED_MAKER, evidence)
    maker = func.coalesce(r.maker, r.brand)
    parts = conn.execute(
        select(r.part_number, maker, func.count())
        .where(r.part_number.is_not(None))
        .where(maker.is_not(None))
        .group_by(r.part_number, maker)
    )
    for part_number, declared_maker, count in parts:
        part = f"part:{part_number.upper()}"
        rows.node(part, "part", part_number)
        evidence = {"records": count, "part_number": part_number, "declared_maker": declared_maker}
        rows.edge(part, maker_node(declared_maker), "made_by", w.DECLARED_MAKER, evidence)


def _lists(store: Any, rows: GraphRows) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """List entities as nodes, their relationships as edges; returns identifier → entity
    nodes and address → nodes for resolution and shared addresses."""
    versions = {v.dataset: v.id for v in store.active_versions()}
    ids: dict[str, set[str]] = defaultdict(set)
    addresses: dict[str, set[str]] = defaultdict(set)
    edge_schemata = [s.name for s in model.schemata.values() if s.edge and not s.abstract]
    for entity in store.iter_entities(schemata=NODE_SCHEMATA):
        props = entity["properties"]
        node = entity_node(entity["id"])
        dataset = entity["datasets"][0] if entity["datasets"] else None
        countries = props.get("country") or props.get("jurisdiction") or [None]
        rows.node(
            node,
            "entity",
            entity["caption"],
            (countries[0] or "")[:2] or None,
            listed=True,
            data={
                "dataset": dataset,
                "schema": entity["schema"],
                "list_version": versions.get(dataset or ""),
            },
        )
        for prop in ID_PROPS:
            for value in props.get(prop, []):
                cleaned = clean_identifier(value)
                if cleaned and len(cleaned) >= 6:
                    ids[cleaned].add(node)
        for value in props.get("address", []):
            addresses[name_key(value)].add(node)
    for entity in store.iter_entities(schemata=edge_schemata):
        schema = model.get(entity["schema"])
        if schema is None or not schema.edge_source or not schema.edge_target:
            continue
        props = entity["properties"]
        dataset = entity["datasets"][0] if entity["datasets"] else None
        for src in props.get(schema.edge_source, []):
            for dst in props.get(schema.edge_target, []):
                evidence = {
                    "schema": schema.name,
                    "entity": entity["id"],
                    "dataset": dataset,
                    "list_version": versions.get(dataset or ""),
                }
                rows.edge(
                    entity_node(src),
                    entity_node(dst),
                    schema.name.lower(),
                    w.LIST_RELATION,
                    evidence,
                    directed=False,
                )
    return ids, addresses


def _teardowns(links: Iterable[TeardownLink], rows: GraphRows) -> None:
    seen: set[tuple[str, str]] = set()
    for link in links:
        weapon, teardown = f"weapon:{link.weapon}", f"teardown:{link.teardown}"
        part = f"part:{link.part.upper()}"
        rows.node(weapon, "weapon", link.weapon_name)
        rows.node(teardown, "teardown", link.teardown)
        rows.node(part, "part", link.part)
        evidence = {"teardown": link.teardown, "source": link.source}
        for src, dst in ((weapon, teardown), (teardown, part)):
            if (src, dst) not in seen:
                seen.add((src, dst))
                rows.edge(src, dst, "contains", w.TEARDOWN, evidence)
        if link.maker:
            for name in (link.maker, *link.maker_aliases):
                node = maker_node(name)
                rows.node(node, "maker", name, link.maker_country)
                if (part, node) not in seen:
                    seen.add((part, node))
                    rows.edge(part, node, "made_by", w.TEARDOWN, evidence)


def _makers_as_parties(parties: dict[str, dict[str, Any]], rows: GraphRows) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for party in parties.values():
        by_name[name_key(party["name"])].append(party["id"])
    for node_id, node in list(rows.nodes.items()):
        if node["kind"] != "maker":
            continue
        for party_id in by_name.get(node_id.removeprefix("maker:"), []):
            evidence = {"reason": "same name", "name": node["label"]}
            rows.edge(node_id, party_id, "same_as", w.SAME_NAME, evidence, directed=False)


def _resolution(link: Link, rows: GraphRows) -> None:
    evidence = {"reason": link.reason, "score": link.score, "explanation": link.explanation}
    kind = "same_identifier" if link.reason == "identifier" else "same_as"
    rows.edge(link.party, link.entity, kind, link.score, evidence, directed=False)


def _addresses(
    parties: dict[str, dict[str, Any]], addresses: dict[str, set[str]], rows: GraphRows
) -> None:
    by_address: dict[str, set[str]] = defaultdict(set)
    for key, nodes in addresses.items():
        by_address[key] |= nodes
    labels: dict[str, str] = {}
    for party in parties.values():
        if party["address"]:
            key = name_key(party["address"])
            by_address[key].add(party["id"])
            labels.setdefault(key, party["address"])
    for key, nodes in by_address.items():
        if len(nodes) < 2:
            continue
        node = address_node(key)
        rows.node(node, "address", labels.get(key, key))
        for member in sorted(nodes):
            evidence = {"address": labels.get(key, key)}
            rows.edge(member, node, "at_address", w.SHARED_ADDRESS, evidence, directed=False)
