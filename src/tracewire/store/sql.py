"""The SQL store: SQLite by default, PostgreSQL (or any SQLAlchemy URL) for teams."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event, inspect, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

from tracewire.errors import InputError, NotFound, UsageError
from tracewire.store import schema
from tracewire.store.base import AlreadyLoaded, ListVersion, Store
from tracewire.store.locking import WriteLock, install_sqlite_locking
from tracewire.store.scripts import detect_script

BATCH = 2000
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")


def to_url(db: str) -> str:
    """A SQLAlchemy URL for a file path or URL."""
    if "://" in db:
        try:
            make_url(db)
        except ArgumentError as exc:
            raise UsageError(f"not a valid database URL: {db!r}") from exc
        return db
    path = Path(db).expanduser()
    if path.parent and not path.parent.exists():
        raise UsageError(f"directory of the store does not exist: {path.parent}")
    return f"sqlite:///{path}"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def entity_row(version_id: int, entity: dict[str, Any], dataset: str) -> dict[str, Any]:
    """The stored row of an FtM entity dict (canonical JSON, content hash, name scripts)."""
    props = entity.get("properties") or {}
    canonical = {k: sorted(set(v)) for k, v in sorted(props.items()) if v}
    data = orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS)
    datasets = entity.get("datasets") or [dataset]
    if dataset not in datasets:
        datasets = [dataset, *datasets]
    scripts: dict[str, str] = {}
    for prop in NAME_PROPS:
        for value in canonical.get(prop, []):
            script = detect_script(value)
            if script != "Latn":
                scripts[value] = script
    schema_name = entity["schema"]
    digest = hashlib.sha1(schema_name.encode() + b"\x00" + data).hexdigest()
    return {
        "version_id": version_id,
        "id": entity["id"],
        "schema": schema_name,
        "caption": entity.get("caption") or _caption(canonical) or entity["id"],
        "datasets": orjson.dumps(datasets).decode(),
        "properties": data.decode(),
        "scripts": orjson.dumps(scripts).decode() if scripts else None,
        "hash": digest,
    }


def _caption(props: dict[str, list[str]]) -> str | None:
    for prop in ("name", "alias", "lastName", "title", "imoNumber"):
        values = props.get(prop)
        if values:
            return min(values, key=len) if prop != "name" else sorted(values, key=len)[-1]
    return None


def row_entity(row: Any) -> dict[str, Any]:
    """An FtM entity dict from a stored row."""
    out: dict[str, Any] = {
        "id": row.id,
        "schema": row.schema,
        "caption": row.caption,
        "properties": orjson.loads(row.properties),
        "datasets": orjson.loads(row.datasets),
    }
    if row.scripts:
        out["scripts"] = orjson.loads(row.scripts)
    return out


class SqlStore(Store):
    """The store on any SQLAlchemy database. Every import is one transaction, and writes
    run one at a time (see :mod:`tracewire.store.locking`).

    The tables are those of :data:`tracewire.store.schema.metadata`, created on open: other
    packages add theirs to that metadata when they are imported (the store imports none)."""

    def __init__(
        self,
        db: str,
        *,
        lock_timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.url = to_url(db)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            install_sqlite_locking(self.engine)
        self.lock = WriteLock(self.engine, timeout=lock_timeout, on_wait=on_wait)
        with self.engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
        if any(t.name not in present for t in schema.metadata.sorted_tables):
            # only a store missing tables takes the write lock on open: readers never wait
            with self.lock.transaction() as conn:
                schema.metadata.create_all(conn)

    # -- writing ---------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[Connection]:
        """A write transaction that holds the store's write lock, for packages that keep
        tables of their own in the store (so their writes wait for an import, and say so,
        instead of failing on SQLite's busy timeout)."""
        return self.lock.transaction()

    def import_entities(
        self,
        *,
        dataset: str,
        fmt: str,
        source: str,
        sha256: str,
        entities: Iterable[dict[str, Any]],
        published: Any = None,
        progress: Callable[[int], None] | None = None,
        skip_if_loaded: bool = False,
    ) -> ListVersion:
        counts: dict[str, int] = {}
        seen: set[str] = set()
        with self.lock.transaction() as conn:
            if skip_if_loaded:
                # under the write lock: a concurrent import of the same file has either
                # committed its version (found here) or not started its transaction yet
                existing = conn.execute(
                    select(schema.versions)
                    .where(schema.versions.c.dataset == dataset)
                    .where(schema.versions.c.sha256 == sha256)
                    .where(schema.versions.c.status != "loading")
                    .order_by(schema.versions.c.id.desc())
                    .limit(1)
                ).first()
                if existing is not None:
                    raise AlreadyLoaded(_version(existing))
            loaded_at = _now()
            result = conn.execute(
                schema.versions.insert().values(
                    dataset=dataset,
                    format=fmt,
                    source=source,
                    sha256=sha256,
                    published=None,
                    loaded_at=loaded_at,
                    counts="{}",
                    status="loading",
                )
            )
            pkey = result.inserted_primary_key
            if pkey is None:
                raise RuntimeError("database returned no id for the new version")
            version_id = int(pkey[0])
            batch: list[dict[str, Any]] = []
            total = 0
            for entity in entities:
                entity_id = entity.get("id")
                if not entity_id:
                    raise UsageError(f"entity without id in {source}")
                if entity_id in seen:
                    # a list may repeat a record: the first one stands, the rest are merged
                    # by the loader; here a duplicate id is skipped, never stored twice
                    continue
                seen.add(entity_id)
                batch.append(entity_row(version_id, entity, dataset))
                counts[entity["schema"]] = counts.get(entity["schema"], 0) + 1
                if len(batch) >= BATCH:
                    conn.execute(schema.entities.insert(), batch)
                    total += len(batch)
                    batch = []
                    if progress is not None:
                        progress(total)
            if batch:
                conn.execute(schema.entities.insert(), batch)
                total += len(batch)
                if progress is not None:
                    progress(total)
            if total == 0:
                # an import that found nothing is almost always a wrong file: keep it out
                raise InputError("no entities found", path=source)
            pub = published() if callable(published) else published
            conn.execute(
                update(schema.versions)
                .where(schema.versions.c.dataset == dataset)
                .where(schema.versions.c.status == "active")
                .values(status="superseded")
            )
            conn.execute(
                update(schema.versions)
                .where(schema.versions.c.id == version_id)
                .values(
                    status="active",
                    published=pub,
                    counts=orjson.dumps(counts, option=orjson.OPT_SORT_KEYS).decode(),
                )
            )
        return self.get_version(version_id)

    def activate(self, version_id: int) -> ListVersion:
        """Make a stored version the active one of its dataset (roll back or forward)."""
        version = self.get_version(version_id)
        with self.lock.transaction() as conn:
            conn.execute(
                update(schema.versions)
                .where(schema.versions.c.dataset == version.dataset)
                .where(schema.versions.c.status == "active")
                .values(status="superseded")
            )
            conn.execute(
                update(schema.versions)
                .where(schema.versions.c.id == version_id)
                .values(status="active")
            )
        return self.get_version(version_id)

    # -- versions ----------------------------------------------------------------------------

    def _versions(self, *where: Any) -> list[ListVersion]:
        query = select(schema.versions).where(schema.versions.c.status != "loading")
        for clause in where:
            query = query.where(clause)
        query = query.order_by(schema.versions.c.id.desc())
        with self.engine.connect() as conn:
            return [_version(row) for row in conn.execute(query)]

    def find_version_by_hash(self, dataset: str | None, sha256: str) -> ListVersion | None:
        clauses = [schema.versions.c.sha256 == sha256]
        if dataset is not None:
            clauses.append(schema.versions.c.dataset == dataset)
        found = self._versions(*clauses)
        return found[0] if found else None

    def versions(self, dataset: str | None = None) -> list[ListVersion]:
        if dataset is None:
            return self._versions()
        return self._versions(schema.versions.c.dataset == dataset)

    def active_versions(self) -> list[ListVersion]:
        found = self._versions(schema.versions.c.status == "active")
        return sorted(found, key=lambda v: v.dataset)

    def get_version(self, version_id: int) -> ListVersion:
        found = self._versions(schema.versions.c.id == version_id)
        if not found:
            raise NotFound(f"no list version {version_id}")
        return found[0]

    def datasets(self) -> list[str]:
        return sorted({v.dataset for v in self.versions()})

    def state_token(self) -> str:
        with self.engine.connect() as conn:
            ids = conn.execute(
                select(schema.versions.c.id)
                .where(schema.versions.c.status == "active")
                .order_by(schema.versions.c.id)
            ).scalars()
            return ",".join(str(i) for i in ids)

    # -- entities ----------------------------------------------------------------------------

    def _active_ids(self, conn: Connection, datasets: Iterable[str] | None) -> list[int]:
        query = select(schema.versions.c.id).where(schema.versions.c.status == "active")
        if datasets is not None:
            query = query.where(schema.versions.c.dataset.in_(list(datasets)))
        return list(conn.execute(query).scalars())

    def iter_entities(
        self,
        datasets: Iterable[str] | None = None,
        schemata: Iterable[str] | None = None,
        version_id: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            ids = [version_id] if version_id is not None else self._active_ids(conn, datasets)
            if not ids:
                return
            query = select(schema.entities).where(schema.entities.c.version_id.in_(ids))
            if schemata is not None:
                query = query.where(schema.entities.c.schema.in_(list(schemata)))
            query = query.order_by(schema.entities.c.version_id, schema.entities.c.id)
            result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
            for row in result:
                yield row_entity(row)

    def get_entity(self, entity_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            ids = self._active_ids(conn, None)
            row = conn.execute(
                select(schema.entities)
                .where(schema.entities.c.id == entity_id)
                .where(schema.entities.c.version_id.in_(ids))
                .order_by(schema.entities.c.version_id.desc())
                .limit(1)
            ).first()
        return row_entity(row) if row is not None else None

    def entity_hashes(self, version_id: int) -> dict[str, tuple[str, str, str]]:
        """id -> (hash, schema, caption) of every entity in a version."""
        cols = schema.entities.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(cols.id, cols.hash, cols.schema, cols.caption).where(
                    cols.version_id == version_id
                )
            )
            return {r.id: (r.hash, r.schema, r.caption) for r in rows}

    def entities_by_id(self, version_id: int, ids: list[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = conn.execute(
                    select(schema.entities)
                    .where(schema.entities.c.version_id == version_id)
                    .where(schema.entities.c.id.in_(chunk))
                )
                for row in rows:
                    out[row.id] = row_entity(row)
        return out

    # -- downloads ---------------------------------------------------------------------------

    def download_state(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.downloads).where(schema.downloads.c.url == url)
            ).first()
        return dict(row._mapping) if row is not None else None

    def save_download_state(
        self, url: str, etag: str | None, last_modified: str | None, sha256: str
    ) -> None:
        with self.lock.transaction() as conn:
            conn.execute(schema.downloads.delete().where(schema.downloads.c.url == url))
            conn.execute(
                schema.downloads.insert().values(
                    url=url,
                    etag=etag,
                    last_modified=last_modified,
                    sha256=sha256,
                    fetched_at=_now(),
                )
            )

    def close(self) -> None:
        self.engine.dispose()


def _version(row: Any) -> ListVersion:
    return ListVersion(
        id=row.id,
        dataset=row.dataset,
        format=row.format,
        source=row.source,
        sha256=row.sha256,
        published=row.published,
        loaded_at=row.loaded_at,
        counts=orjson.loads(row.counts),
        active=row.status == "active",
    )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
