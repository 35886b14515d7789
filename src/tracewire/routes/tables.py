"""SQLAlchemy Core tables of trade records and the routes graph, on the store's ``metadata``.

The store knows nothing of them: :func:`ensure_tables` creates them on a store's engine the
first time the routes package opens that store. Only portable types (SQLite, PostgreSQL).
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Column, Engine, Float, Index, Integer, String, Table, Text

from tracewire.store.schema import metadata

#: one import of one trade file, all or nothing
trade_loads = Table(
    "trade_loads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("loaded_at", String(40), nullable=False),
    Column("records", Integer, nullable=False),
    Column("bad_rows", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # loading | done
)

#: one customs declaration line / bill of lading / shipment record
trade_records = Table(
    "trade_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("load_id", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    Column("declaration_id", String(200), nullable=False),
    Column("date", String(10), nullable=False),
    Column("hs_code", String(12)),
    Column("description", Text),
    Column("brand", String(300)),
    Column("maker", String(300)),
    Column("part_number", String(200)),
    Column("quantity", Float),
    Column("value", Float),
    Column("currency", String(3)),
    Column("exporter", String(64), nullable=False),
    Column("importer", String(64), nullable=False),
    Column("origin_country", String(2)),
    Column("dispatch_country", String(2)),
    Index("ix_trade_records_pair", "exporter", "importer"),
)

#: the parties of trade records, one row per resolved key (identifier, else name and country)
trade_parties = Table(
    "trade_parties",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(2)),
    Column("address", Text),
    Column("identifier", String(100)),
    Column("first_seen", String(10), nullable=False),
    Column("key_reason", String(40), nullable=False),  # identifier | name+country
)

#: nodes of the routes graph (parts, makers, teardowns, weapons, parties, list entities,
#: addresses), rebuilt as a whole by ``tracewire routes build``
route_nodes = Table(
    "route_nodes",
    metadata,
    Column("id", String(600), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("label", Text, nullable=False),
    Column("country", String(2)),
    Column("listed", Integer, nullable=False),  # 1 when a list entity (or resolved to one)
    Column("data", Text),  # JSON
)

#: edges of the routes graph, each with its evidence and the strength of that evidence
route_edges = Table(
    "route_edges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("src", String(600), nullable=False),
    Column("dst", String(600), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("directed", Integer, nullable=False),
    Column("strength", Float, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON
    Index("ix_route_edges_src", "src"),
    Index("ix_route_edges_dst", "dst"),
)

#: what the stored graph was built from (to know when it is stale)
route_builds = Table(
    "route_builds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("built_at", String(40), nullable=False),
    Column("token", Text, nullable=False),
    Column("counts", Text, nullable=False),  # JSON
)

TABLES = [trade_loads, trade_records, trade_parties, route_nodes, route_edges, route_builds]


def insert_sql(engine: Engine, table: Table, columns: tuple[str, ...]) -> str:
    """A driver-level INSERT for executemany of tuples (an order of magnitude less overhead
    a row than SQLAlchemy's parameter dicts, which loads of millions of rows need)."""
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    return (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )


_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_tables(engine: Engine) -> None:
    """Create the routes tables on this engine if they are missing (once per engine: the
    check is six queries, which every answer would otherwise pay)."""
    if engine in _READY:
        return
    metadata.create_all(engine, tables=TABLES)
    _READY.add(engine)


def store_engine(store: Any) -> Engine:
    """The SQLAlchemy engine of an open store, its routes tables created."""
    engine = getattr(store, "engine", None)
    if not isinstance(engine, Engine):
        raise TypeError("the routes graph needs a SQL store")
    ensure_tables(engine)
    return engine
