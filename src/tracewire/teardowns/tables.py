"""SQLAlchemy Core tables for weapons, teardowns, their sources and components.

They live on the store's ``metadata`` so every store (SQLite or PostgreSQL) creates them. Only
portable types are used; JSON is kept as Text.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, String, Table, Text

from tracewire.store.schema import metadata

#: the weapon models referenced by stored teardowns (a snapshot of data/weapons.yaml)
weapons = Table(
    "weapons",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("country", String(2)),
    Column("data", Text, nullable=False),  # JSON: WeaponModel.to_dict()
)

#: one recovered unit of a weapon
teardowns = Table(
    "teardowns",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("weapon_id", String(100), nullable=False, index=True),
    Column("weapon_name", String(200), nullable=False),
    Column("recovery_date", String(10)),
    Column("recovery_place", Text),
    Column("notes", Text),
    Column("updated_at", String(40), nullable=False),
)

#: the public reports a teardown comes from
teardown_sources = Table(
    "teardown_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("teardown_id", String(100), ForeignKey("teardowns.id"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("publisher", Text),
    Column("title", Text),
    Column("date", String(10)),
)

#: one row per component row of a teardown file (several rows may describe one component)
components = Table(
    "components",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("teardown_id", String(100), ForeignKey("teardowns.id"), nullable=False),
    Column("fingerprint", String(40), nullable=False),
    Column("key", String(200), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("function", Text),
    Column("marking", Text),
    Column("part_number", String(200)),
    Column("year", Integer),
    Column("week", Integer),
    Column("status", String(20), nullable=False),
    Column("maker_id", String(100)),
    Column("hq_country", String(2)),
    Column("attribution", String(20), nullable=False),
    Column("confidence", Float),
    Column("hs6", String(6)),
    Column("chpl_tier", String(8)),
    Column("source_url", Text),
    Column("data", Text, nullable=False),  # JSON: Component.to_dict()
    Index("ux_components_fingerprint", "teardown_id", "fingerprint", unique=True),
    Index("ix_components_maker", "maker_id"),
)

ALL_TABLES = [weapons, teardowns, teardown_sources, components]
