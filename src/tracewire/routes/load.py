"""``tracewire trade load``: a CSV or JSON-lines file of trade records into the store.

The load is one transaction: every good row is kept, every bad row is reported with its line
and field, and a load that fails (unreadable file, no good row at all) leaves the store as it
was. Parties are keyed as :mod:`tracewire.routes.records` explains and merged with the parties
of earlier loads (the earliest date a party is seen is kept).
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import Connection, select, update

from tracewire.errors import InputError, TracewireError
from tracewire.routes import tables as t
from tracewire.routes.records import REQUIRED, Party, RowReader, TradeRecord

BATCH = 5000


@dataclass
class BadRow:
    """A row that was not loaded, and why."""

    line: int
    error: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "error": self.error}


@dataclass
class LoadResult:
    """What one load kept and what it reported."""

    load_id: int
    source: str
    records: int
    parties: int
    new_parties: int
    bad: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "load_id": self.load_id,
            "source": self.source,
            "records": self.records,
            "parties": self.parties,
            "new_parties": self.new_parties,
            "bad_rows": len(self.bad),
            "errors": [b.to_dict() for b in self.bad],
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.records / self.seconds) if self.seconds else None,
        }


def detect_format(path: str, fmt: str | None) -> str:
    """``csv`` or ``jsonl``: as given, else from the file name (stdin: jsonl)."""
    if fmt is not None:
        return fmt
    suffix = "".join(Path(path).suffixes).lower()
    return "csv" if path != "-" and ".csv" in suffix else "jsonl"


def iter_rows(handle: IO[str], fmt: str, columns: dict[str, str]) -> Iterator[TradeRecord | BadRow]:
    """Each row as a record, or as a bad row naming its line and field."""
    if fmt == "csv":
        reader = csv.reader(handle)
        header = next(reader, None) or []
        missing = [columns[f] for f in REQUIRED if columns[f] not in header]
        if missing:
            raise InputError(f"CSV has no column {', '.join(map(repr, missing))}", line=1)
        rows = RowReader(columns, header)
        for values in reader:
            if not values:
                continue
            try:
                yield rows.read(values, reader.line_num)
            except TracewireError as exc:
                yield BadRow(reader.line_num, exc.message)
        return
    fields = list(columns.values())
    rows = RowReader(columns, fields)
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            raw = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            yield BadRow(line, f"line {line}: malformed JSON: {exc}")
            continue
        if not isinstance(raw, dict):
            yield BadRow(line, f"line {line}: a JSON line must be an object")
            continue
        try:
            texts = ["" if raw.get(f) is None else str(raw.get(f)) for f in fields]
            yield rows.read(texts, line)
        except TracewireError as exc:
            yield BadRow(line, exc.message)


RECORD_COLUMNS = (
    "load_id",
    "line",
    "declaration_id",
    "date",
    "hs_code",
    "description",
    "brand",
    "maker",
    "part_number",
    "quantity",
    "value",
    "currency",
    "exporter",
    "importer",
    "origin_country",
    "dispatch_country",
)


def _row(load_id: int, rec: TradeRecord) -> tuple[Any, ...]:
    return (
        load_id,
        rec.line,
        rec.declaration_id,
        rec.date,
        rec.hs_code,
        rec.description,
        rec.brand,
        rec.maker,
        rec.part_number,
        rec.quantity,
        rec.value,
        rec.currency,
        rec.exporter.key,
        rec.importer.key,
        rec.origin_country,
        rec.dispatch_country,
    )


def load_trade(
    store: Any,
    path: str,
    columns: dict[str, str],
    fmt: str | None = None,
    handle: IO[str] | None = None,
) -> LoadResult:
    """Load a trade file (``-`` = stdin) into ``store``, all or nothing, under the store's
    write lock (a load waits for a list import instead of failing on a busy database)."""
    engine = t.store_engine(store)
    started = datetime.now(UTC)
    fmt = detect_format(path, fmt)
    opened = handle
    if opened is None:
        try:
            opened = (
                sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")  # noqa: SIM115
            )
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    digest = hashlib.sha256()
    parties: dict[str, tuple[Party, str]] = {}
    bad: list[BadRow] = []
    count = 0
    try:
        insert = t.insert_sql(engine, t.trade_records, RECORD_COLUMNS)
        with store.transaction() as conn:
            load_id = _start(conn, path, started)
            batch: list[tuple[Any, ...]] = []
            for item in iter_rows(opened, fmt, columns):
                if isinstance(item, BadRow):
                    bad.append(item)
                    continue
                batch.append(_row(load_id, item))
                digest.update(item.declaration_id.encode())
                for party in (item.exporter, item.importer):
                    seen = parties.get(party.key)
                    if seen is None or item.date < seen[1]:
                        parties[party.key] = (seen[0] if seen else party, item.date)
                if len(batch) >= BATCH:
                    conn.exec_driver_sql(insert, batch)
                    count += len(batch)
                    batch = []
            if batch:
                conn.exec_driver_sql(insert, batch)
                count += len(batch)
            if count == 0:
                detail = f" (first bad row: {bad[0].error})" if bad else ""
                raise InputError(f"no trade record loaded{detail}", path=path)
            new = _merge_parties(conn, parties)
            conn.execute(
                update(t.trade_loads)
                .where(t.trade_loads.c.id == load_id)
                .values(records=count, bad_rows=len(bad), sha256=digest.hexdigest(), status="done")
            )
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from None
    except InputError as exc:
        if exc.path is None:
            raise InputError(exc.message, path=path) from None
        raise
    finally:
        if handle is None and opened is not sys.stdin:
            opened.close()
    seconds = (datetime.now(UTC) - started).total_seconds()
    return LoadResult(load_id, path, count, len(parties), new, bad, seconds)


def _start(conn: Connection, path: str, started: datetime) -> int:
    result = conn.execute(
        t.trade_loads.insert().values(
            source=path,
            sha256="",
            loaded_at=started.replace(microsecond=0).isoformat(),
            records=0,
            bad_rows=0,
            status="loading",
        )
    )
    pkey = result.inserted_primary_key
    if pkey is None:
        raise RuntimeError("database returned no id for the new trade load")
    return int(pkey[0])


def _merge_parties(conn: Connection, parties: dict[str, tuple[Party, str]]) -> int:
    """Insert parties not seen before; move ``first_seen`` earlier where this load is."""
    keys = list(parties)
    known: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = conn.execute(
            select(t.trade_parties.c.id, t.trade_parties.c.first_seen).where(
                t.trade_parties.c.id.in_(chunk)
            )
        )
        known.update({r.id: r.first_seen for r in rows})
    new_rows = []
    for key, (party, first) in parties.items():
        if key not in known:
            new_rows.append(
                {
                    "id": key,
                    "name": party.name,
                    "country": party.country,
                    "address": party.address,
                    "identifier": party.identifier,
                    "first_seen": first,
                    "key_reason": party.key_reason,
                }
            )
        elif first < known[key]:
            conn.execute(
                update(t.trade_parties).where(t.trade_parties.c.id == key).values(first_seen=first)
            )
    for start in range(0, len(new_rows), BATCH):
        conn.execute(t.trade_parties.insert(), new_rows[start : start + BATCH])
    return len(new_rows)
