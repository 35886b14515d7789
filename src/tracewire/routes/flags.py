"""Red flags: named rules, each documented by its docstring and returning its explanation.

Every rule reads one route (its parties, its trade records, the graph around it) and returns
the reasons it fires, or nothing. The rules follow what investigators of chips reaching
Russia and Iran looked for in customs data (goods on the Common High Priority List routed
through third countries to consignees close to sanctioned parties, by companies that
appeared just before the shipments).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracewire.routes.graph import Graph
from tracewire.routes.paths import near_listed
from tracewire.routes.present import Route
from tracewire.routes.reference import chpl_tier, chpl_version, control_date


@dataclass(frozen=True)
class FlagContext:
    """What the rules read besides the route."""

    graph: Graph
    data_start: str | None  # the earliest record date in the store
    near_hops: int = 2
    first_seen_days: int = 90
    history_days: int = 365


Rule = Callable[[Route, FlagContext], list[str]]


def _records(route: Route) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(trade edge, record) of every record on the route."""
    return [(e, r) for e in route.edges if e["kind"] == "shipped_to" for r in e.get("records", [])]


def _party(route: Route, node_id: str) -> dict[str, Any]:
    return next(n for n in route.nodes if n["id"] == node_id)


def _consignee(route: Route) -> dict[str, Any] | None:
    trade = [e for e in route.edges if e["kind"] == "shipped_to"]
    return _party(route, trade[-1]["dst"]) if trade else None


def transshipment(route: Route, ctx: FlagContext) -> list[str]:
    """**Transshipment through a third country.** Goods made in one country reach the
    consignee through a party in a country that is neither the goods' origin nor the
    consignee's, or a record's country of dispatch is neither."""
    consignee = _consignee(route)
    if consignee is None:
        return []
    end = consignee["country"]
    origins = {r["origin_country"] for _e, r in _records(route) if r["origin_country"]}
    reasons = []
    for edge in (e for e in route.edges if e["kind"] == "shipped_to"):
        middle = _party(route, edge["src"])
        country = middle["country"]
        if country and country != end and origins and country not in origins:
            reasons.append(
                f"{middle['label']} ({country.upper()}) ships to {consignee['label']} "
                f"({(end or '?').upper()}) goods of origin {', '.join(sorted(origins)).upper()}"
            )
    for edge, record in _records(route):
        dispatch, origin = record["dispatch_country"], record["origin_country"]
        importer = _party(route, edge["dst"])["country"]
        if dispatch and origin and dispatch not in (origin, importer):
            reasons.append(
                f"declaration {record['declaration_id']}: origin {origin.upper()}, dispatched "
                f"from {dispatch.upper()} to {(importer or '?').upper()}"
            )
            break
    return reasons


def chpl_goods(route: Route, ctx: FlagContext) -> list[str]:
    """**HS codes on the Common High Priority List.** A record on the route declares goods
    whose HS code is on the CHPL (tier 1: integrated circuits; tier 2: GNSS, radio modules,
    capacitors ...)."""
    tiers: dict[str, tuple[str, int]] = {}
    for _edge, record in _records(route):
        tier = chpl_tier(record["hs_code"])
        if tier:
            code = record["hs_code"][:6]
            seen = tiers.get(code, (tier, 0))
            tiers[code] = (tier, seen[1] + 1)
    return [
        f"HS {code} is on the CHPL ({chpl_version()}) tier {tier}: {count} record(s)"
        for code, (tier, count) in sorted(tiers.items(), key=lambda x: (x[1][0], x[0]))
    ]


def after_control_date(route: Route, ctx: FlagContext) -> list[str]:
    """**Shipments after the control date.** Records dated on or after the control date of
    the regime of the importer's country (Russia and Belarus: 2022-02-24; Iran's UAV
    programme: 2023-02-24, from the parts side's one table of control dates)."""
    reasons = []
    for edge, record in _records(route):
        importer = _party(route, edge["dst"])
        rule = control_date(importer["country"])
        if rule and record["date"] >= rule[1]:
            reasons.append(
                f"declaration {record['declaration_id']} of {record['date']} to "
                f"{importer['label']} is after the {rule[0]} control date {rule[1]}"
            )
    return reasons[:1] + ([f"and {len(reasons) - 1} more record(s)"] if len(reasons) > 1 else [])


def consignee_near_listed(route: Route, ctx: FlagContext) -> list[str]:
    """**Consignee within N hops of a listed party.** The route's last importer is a list
    entity, or reaches one in at most ``near_hops`` (default 2) steps through resolution,
    list relationships or shared addresses."""
    consignee = _consignee(route)
    if consignee is None:
        return []
    graph = ctx.graph
    found = near_listed(graph, graph.node(consignee["id"]), ctx.near_hops)
    return [
        f"consignee {consignee['label']} is {hops} step(s) from listed {graph.ids[node]}"
        for node, hops in found[:5]
    ]


def shared_address_or_identifier(route: Route, ctx: FlagContext) -> list[str]:
    """**Address or identifier shared with a listed party.** A party on the route has the tax
    or registration number of a list entity, or an address a list entity is also at."""
    reasons = []
    graph = ctx.graph
    for node in (n for n in route.nodes if n["kind"] == "party"):
        index = graph.node(node["id"])
        for edge_index, other in _neighbours(graph, index):
            kind = graph.kind_of(other)
            same_number = graph.edge_kind_of(edge_index) == "same_identifier"
            if kind == "entity" and graph.listed[other] and same_number:
                reasons.append(f"{node['label']} has the identifier of listed {graph.ids[other]}")
            elif kind == "address":
                for _e, member in _neighbours(graph, other):
                    if graph.kind_of(member) == "entity" and graph.listed[member]:
                        reasons.append(
                            f"{node['label']} shares an address with listed {graph.ids[member]}"
                        )
    return sorted(set(reasons))


def _neighbours(graph: Graph, node: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for ptr, nodes, edges in (
        (graph.fwd_ptr, graph.fwd_node, graph.fwd_edge),
        (graph.bwd_ptr, graph.bwd_node, graph.bwd_edge),
    ):
        lo, hi = int(ptr[node]), int(ptr[node + 1])
        out.extend(zip(edges[lo:hi].tolist(), nodes[lo:hi].tolist(), strict=True))
    return out


def first_seen_recently(route: Route, ctx: FlagContext) -> list[str]:
    """**Party first seen shortly before the shipments.** A party's first record in the data
    is at most ``first_seen_days`` (default 90) before its first shipment on the route, while
    the data reaches at least ``history_days`` (default 365) further back: a company that
    appears just in time to move the goods."""
    if ctx.data_start is None:
        return []
    start = date.fromisoformat(ctx.data_start)
    reasons = []
    done: set[str] = set()
    for edge in (e for e in route.edges if e["kind"] == "shipped_to"):
        records = edge.get("records", [])
        if not records:
            continue
        first_shipment = date.fromisoformat(records[0]["date"])
        for node_id in (edge["src"], edge["dst"]):
            if node_id in done:
                continue
            done.add(node_id)
            party = _party(route, node_id)
            seen = (party.get("data") or {}).get("first_seen")
            if not seen:
                continue
            first = date.fromisoformat(seen)
            if (first - start).days >= ctx.history_days and (
                0 <= (first_shipment - first).days <= ctx.first_seen_days
            ):
                reasons.append(
                    f"{party['label']} first seen {seen}, {(first_shipment - first).days} days "
                    f"before its shipment of {records[0]['date']} (data from {ctx.data_start})"
                )
    return reasons


#: every rule by name, in the order they are reported
RULES: dict[str, Rule] = {
    "transshipment": transshipment,
    "chpl_goods": chpl_goods,
    "after_control_date": after_control_date,
    "consignee_near_listed": consignee_near_listed,
    "shared_address_or_identifier": shared_address_or_identifier,
    "first_seen_recently": first_seen_recently,
}


def describe_rules() -> list[dict[str, str]]:
    """Name and documentation of every rule (``tracewire routes flags``, ``/routes/flags``)."""
    return [
        {"name": name, "description": " ".join((rule.__doc__ or "").split())}
        for name, rule in RULES.items()
    ]


def apply_flags(route: Route, ctx: FlagContext) -> Route:
    """Set ``route.flags``: each rule that fires, with its explanations."""
    route.flags = [
        {"rule": name, "explanation": reasons}
        for name, rule in RULES.items()
        if (reasons := rule(route, ctx))
    ]
    return route
