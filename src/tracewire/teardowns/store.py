"""Save, load and query teardowns in the store (one transaction per save).

Saving is idempotent: a component row is identified by its teardown, component key, source URL,
marking, asserted maker and function, so loading the same file twice changes nothing, and a
file from another source adds its rows beside the existing ones (never over them).
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.engine import Connection

from tracewire.store.schema import metadata
from tracewire.teardowns import tables as t
from tracewire.teardowns.model import Component, SourceReport, Teardown
from tracewire.teardowns.weapons import WeaponModel, load_weapons

#: engines whose teardown tables exist (weak: a closed store's engine does not linger here)
_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


def engine_of(store: Any) -> Engine:
    """The SQLAlchemy engine of a store (or an engine given directly), with the teardown
    tables created on it once: they sit on the store's shared metadata, and this package, not
    the store, creates them."""
    engine = store if isinstance(store, Engine) else getattr(store, "engine", None)
    if not isinstance(engine, Engine):
        raise TypeError("expected a tracewire SQL store or a SQLAlchemy Engine")
    if engine not in _READY:
        metadata.create_all(engine, tables=t.ALL_TABLES)
        _READY.add(engine)
    return engine


def fingerprint(comp: Component) -> str:
    """A row's identity: same teardown, component, source, marking, maker and function."""
    parts = [
        comp.teardown_id,
        comp.key,
        comp.source.url if comp.source else "",
        comp.marking or "",
        comp.asserted_maker or "",
        comp.function or "",
    ]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def _component_values(comp: Component) -> dict[str, Any]:
    return {
        "teardown_id": comp.teardown_id,
        "fingerprint": fingerprint(comp),
        "key": comp.key,
        "quantity": comp.quantity,
        "function": comp.function,
        "marking": comp.marking,
        "part_number": comp.part_number,
        "year": comp.year,
        "week": comp.week,
        "status": comp.status,
        "maker_id": comp.maker_id,
        "hq_country": comp.hq_country,
        "attribution": comp.attribution,
        "confidence": comp.confidence,
        "hs6": comp.hs6,
        "chpl_tier": comp.chpl_tier,
        "source_url": comp.source.url if comp.source else None,
        "data": _dumps(comp.to_dict()),
    }


def _save_weapon(conn: Connection, model: WeaponModel) -> None:
    values = {"name": model.name, "country": model.country, "data": _dumps(model.to_dict())}
    done = conn.execute(update(t.weapons).where(t.weapons.c.id == model.id).values(**values))
    if done.rowcount == 0:
        conn.execute(insert(t.weapons).values(id=model.id, **values))


def save_teardowns(
    store: Any, teardowns: Iterable[Teardown], weapons: Mapping[str, WeaponModel] | None = None
) -> dict[str, int]:
    """Store teardowns and their component rows in one transaction; returns counts.
    ``weapons`` adds weapon models that are not in ``weapons.yaml`` (GUR's, say)."""
    engine = engine_of(store)
    models = {**load_weapons(), **(weapons or {})}
    counts = {"teardowns": 0, "inserted": 0, "updated": 0}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    # a store's writes take its write lock (they wait for a list import, and say so); a bare
    # engine, as tests give, is written to directly
    lock = getattr(store, "transaction", None)
    with lock() if lock is not None else engine.begin() as conn:
        for td in teardowns:
            if td.weapon_id in models:
                _save_weapon(conn, models[td.weapon_id])
            row = {
                "weapon_id": td.weapon_id,
                "weapon_name": td.weapon_name,
                "recovery_date": td.recovery_date,
                "recovery_place": td.recovery_place,
                "notes": td.notes,
                "updated_at": now,
            }
            old = conn.execute(select(t.teardowns).where(t.teardowns.c.id == td.id)).first()
            if old is None:
                conn.execute(insert(t.teardowns).values(id=td.id, **row))
            else:
                merged = {k: v if v is not None else old._mapping[k] for k, v in row.items()}
                conn.execute(update(t.teardowns).where(t.teardowns.c.id == td.id).values(**merged))
            known = {
                r.url
                for r in conn.execute(
                    select(t.teardown_sources.c.url).where(
                        t.teardown_sources.c.teardown_id == td.id
                    )
                )
            }
            for src in td.sources:
                if src.url not in known:
                    conn.execute(
                        insert(t.teardown_sources).values(teardown_id=td.id, **src.to_dict())
                    )
                    known.add(src.url)
            stored = {
                r.fingerprint
                for r in conn.execute(
                    select(t.components.c.fingerprint).where(t.components.c.teardown_id == td.id)
                )
            }
            new: list[dict[str, Any]] = []
            changed: list[dict[str, Any]] = []
            for comp in td.components:  # a fingerprint seen before updates its row
                values = _component_values(comp)
                if values["fingerprint"] in stored:
                    changed.append({**values, "td": td.id, "fp": values["fingerprint"]})
                else:
                    stored.add(values["fingerprint"])
                    new.append(values)
            if new:  # one executemany each, not a statement per component
                conn.execute(insert(t.components), new)
            if changed:
                conn.execute(
                    update(t.components)
                    .where(t.components.c.teardown_id == bindparam("td"))
                    .where(t.components.c.fingerprint == bindparam("fp")),
                    changed,
                )
            counts["inserted"] += len(new)
            counts["updated"] += len(changed)
            counts["teardowns"] += 1
    return counts


def load_teardowns(
    store: Any, *, weapon_ids: Iterable[str] | None = None, teardown_id: str | None = None
) -> list[Teardown]:
    """Stored teardowns (with sources and component rows), ordered by id."""
    engine = engine_of(store)
    query = select(t.teardowns).order_by(t.teardowns.c.id)
    if weapon_ids is not None:
        query = query.where(t.teardowns.c.weapon_id.in_(list(weapon_ids)))
    if teardown_id is not None:
        query = query.where(t.teardowns.c.id == teardown_id)
    with engine.connect() as conn:
        found: dict[str, Teardown] = {}
        for row in conn.execute(query):
            found[row.id] = Teardown(
                id=row.id,
                weapon_id=row.weapon_id,
                weapon_name=row.weapon_name,
                recovery_date=row.recovery_date,
                recovery_place=row.recovery_place,
                notes=row.notes,
            )
        if not found:
            return []
        ids = list(found)
        sources = select(t.teardown_sources).where(t.teardown_sources.c.teardown_id.in_(ids))
        for row in conn.execute(sources.order_by(t.teardown_sources.c.id)):
            found[row.teardown_id].sources.append(
                SourceReport(url=row.url, publisher=row.publisher, title=row.title, date=row.date)
            )
        comps = select(t.components).where(t.components.c.teardown_id.in_(ids))
        for row in conn.execute(comps.order_by(t.components.c.id)):
            found[row.teardown_id].components.append(Component.from_dict(orjson.loads(row.data)))
    return list(found.values())
