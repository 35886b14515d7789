"""Tables of the store (SQLAlchemy Core), portable across SQLite and PostgreSQL.

Other packages add their tables to the same ``metadata`` when they are imported (the
teardowns package does); the store opens with every table registered by then and imports no
domain module itself.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

#: one row per import of a list file: a list version
versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(200), nullable=False, index=True),
    Column("format", String(50), nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("published", String(40)),
    Column("loaded_at", String(40), nullable=False),
    Column("counts", Text, nullable=False),  # JSON {schema: n}
    Column("status", String(20), nullable=False),  # active | superseded
)

#: every entity of every version; (version_id, id) is unique
entities = Table(
    "entities",
    metadata,
    Column("version_id", Integer, primary_key=True),
    Column("id", String(500), primary_key=True),
    Column("schema", String(50), nullable=False),
    Column("caption", Text, nullable=False),
    Column("datasets", Text, nullable=False),  # JSON list
    Column("properties", Text, nullable=False),  # JSON {prop: [values]}
    Column("scripts", Text),  # JSON {name: ISO 15924 script} for names not in Latin
    Column("hash", String(40), nullable=False),
    Index("ix_entities_id", "id"),
)

#: conditional-request state of downloaded sources (ETag, Last-Modified)
downloads = Table(
    "downloads",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("sha256", String(64)),
    Column("fetched_at", String(40), nullable=False),
)
