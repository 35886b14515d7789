"""Check a route against the data it claims: every edge must be supported by the trade
records, the list entities or the party identifiers it names as evidence. Used by the tests
and the benchmark ("no path reported that the data does not support")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tracewire.routes import tables as t
from tracewire.routes.build import ID_PROPS
from tracewire.routes.present import Route
from tracewire.routes.records import clean_identifier, name_key


def _entity_id(node_id: str) -> str:
    return node_id.removeprefix("entity:")


def unsupported(store: Any, route: Route) -> list[str]:
    """What in ``route`` the data does not support (empty: every edge is supported)."""
    engine = t.store_engine(store)
    problems = []
    r = t.trade_records.c
    with engine.connect() as conn:
        for edge in route.edges:
            kind, src, dst = edge["kind"], edge["src"], edge["dst"]
            if kind == "shipped_to":
                count = conn.execute(
                    select(func.count()).where(r.exporter == src).where(r.importer == dst)
                ).scalar_one()
                if count == 0 or count != edge["evidence"]["records"]:
                    problems.append(f"{src} → {dst}: {count} records, edge says {edge['evidence']}")
            elif kind == "declared_maker":
                maker = edge["evidence"]["declared_maker"]
                count = conn.execute(
                    select(func.count())
                    .where(r.exporter == dst)
                    .where(func.coalesce(r.maker, r.brand) == maker)
                ).scalar_one()
                if count == 0:
                    problems.append(f"no record of {dst} declares maker {maker!r}")
            elif kind == "made_by" and "part_number" in edge["evidence"]:
                ev = edge["evidence"]
                count = conn.execute(
                    select(func.count())
                    .where(r.part_number == ev["part_number"])
                    .where(func.coalesce(r.maker, r.brand) == ev["declared_maker"])
                ).scalar_one()
                if count != ev["records"]:
                    problems.append(f"{count} records declare {src} by {dst}, edge says {ev}")
            elif kind == "same_identifier":
                party = conn.execute(
                    select(t.trade_parties.c.identifier).where(t.trade_parties.c.id == src)
                ).scalar()
                entity = store.get_entity(_entity_id(dst)) or {"properties": {}}
                numbers = {
                    clean_identifier(v) for p in ID_PROPS for v in entity["properties"].get(p, [])
                }
                if not party or party not in numbers:
                    problems.append(f"{src} and {dst} share no identifier")
            elif kind == "same_as" and src.startswith("maker:"):
                name = conn.execute(
                    select(t.trade_parties.c.name).where(t.trade_parties.c.id == dst)
                ).scalar()
                if name is None or name_key(name) != src.removeprefix("maker:"):
                    problems.append(f"{src} is not named as party {dst}")
            elif kind == "same_as":
                for end in (src, dst):
                    if end.startswith("entity:"):
                        if store.get_entity(_entity_id(end)) is None:
                            problems.append(f"{end} is in no active list")
                    elif _party_name(conn, end) is None:
                        problems.append(f"{end} is no trade party")
            elif kind == "at_address":
                problems += _address_problems(store, conn, src, edge["evidence"]["address"])
            elif "list_version" in edge["evidence"] and "entity" in edge["evidence"]:
                relation = store.get_entity(edge["evidence"]["entity"])
                ends = set()
                if relation is not None:
                    ends = {v for values in relation["properties"].values() for v in values}
                if {_entity_id(src), _entity_id(dst)} - ends:
                    problems.append(
                        f"relation {edge['evidence']['entity']} does not link {src}, {dst}"
                    )
    return problems


def _party_name(conn: Any, party_id: str) -> str | None:
    name = conn.execute(
        select(t.trade_parties.c.name).where(t.trade_parties.c.id == party_id)
    ).scalar()
    return None if name is None else str(name)


def _address_problems(store: Any, conn: Any, node: str, address: str) -> list[str]:
    if node.startswith("entity:"):
        entity = store.get_entity(_entity_id(node)) or {"properties": {}}
        written = entity["properties"].get("address", [])
    else:
        written = list(
            conn.execute(
                select(t.trade_parties.c.address).where(t.trade_parties.c.id == node)
            ).scalars()
        )
    if name_key(address) not in {name_key(a) for a in written if a}:
        return [f"{node} is not at {address!r}"]
    return []
