"""Batch screening of a CSV or JSON-lines file on every core.

The index is built once in the parent process; worker processes are forked from it and
share it copy-on-write. Each input row becomes a :class:`Query`; a bad row is reported
(line number and reason) and the rest are still screened.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from tracewire import columns as column_spec
from tracewire.errors import InputError, TracewireError
from tracewire.match.output import screening_dict
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query

#: logical field -> default column name
DEFAULT_COLUMNS = {
    "name": "name",
    "schema": "schema",
    "birth_date": "birth_date",
    "country": "country",
    "id": "id",
}


@dataclass(frozen=True)
class Row:
    """One input row: its line number, an optional row id, and the query or an error."""

    line: int
    row_id: str | None
    query: Query | None
    error: str | None = None


def parse_columns(spec: str | None) -> dict[str, str]:
    """``"name=Full Name,country=Nation"`` → column mapping over the defaults."""
    return column_spec.parse_columns(spec, DEFAULT_COLUMNS)


def _split_values(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v.strip() for v in str(value).split(";") if v.strip())


def _query(record: dict[str, Any], columns: dict[str, str], default_schema: str) -> Query:
    if isinstance(record.get("properties"), dict):  # yente/FtM-shaped query
        props = record["properties"]
        names = _split_values(props.get("name"))
        return Query(
            names=names,
            schema=str(record.get("schema") or default_schema),
            birth_dates=_split_values(props.get("birthDate")),
            countries=_split_values(props.get("nationality")) + _split_values(props.get("country")),
            identifiers=_split_values(props.get("idNumber"))
            + _split_values(props.get("passportNumber"))
            + _split_values(props.get("registrationNumber")),
        )
    names = _split_values(record.get(columns["name"]))
    if not names:
        raise InputError(f"no value in column {columns['name']!r}")
    return Query(
        names=names,
        schema=str(record.get(columns["schema"]) or default_schema),
        birth_dates=_split_values(record.get(columns["birth_date"])),
        countries=_split_values(record.get(columns["country"])),
    )


def read_rows(
    handle: io.TextIOBase | Any, fmt: str, columns: dict[str, str], default_schema: str
) -> Iterator[Row]:
    """Rows of a CSV (header line) or JSON-lines stream, with line numbers."""
    if fmt == "csv":
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or columns["name"] not in reader.fieldnames:
            raise InputError(f"CSV has no {columns['name']!r} column", line=1)
        for record in reader:
            line = reader.line_num
            try:
                query = _query(record, columns, default_schema)
                yield Row(line, record.get(columns["id"]) or None, query)
            except TracewireError as exc:
                yield Row(line, None, None, exc.message)
        return
    for line, text in enumerate(handle, start=1):
        if not text.strip():
            continue
        try:
            record = orjson.loads(text)
            if not isinstance(record, dict):
                raise InputError("a JSON line must be an object")
            query = _query(record, columns, default_schema)
            row_id = record.get(columns["id"])
            yield Row(line, str(row_id) if row_id is not None else None, query)
        except orjson.JSONDecodeError as exc:
            yield Row(line, None, None, f"malformed JSON: {exc}")
        except TracewireError as exc:
            yield Row(line, None, None, exc.message)


_WORKER: dict[str, Any] = {}


def _screen_one(row: Row) -> tuple[int, dict[str, Any] | None, str | None]:
    screener: Screener = _WORKER["screener"]
    options: dict[str, Any] = _WORKER["options"]
    if row.query is None:
        return row.line, None, row.error
    try:
        screening = screener.screen(row.query, **options)
    except TracewireError as exc:
        return row.line, None, exc.message
    out = {"line": row.line, "id": row.row_id, **screening_dict(screening)}
    return row.line, out, None


def screen_rows(
    screener: Screener,
    rows: Iterable[Row],
    *,
    processes: int | None = None,
    **options: Any,
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Screen rows in input order on ``processes`` forked workers (default: all cores).
    Yields (line, result or None, error or None)."""
    _WORKER["screener"] = screener
    _WORKER["options"] = options
    count = processes or os.cpu_count() or 1
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for row in rows:
            yield _screen_one(row)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(count) as pool:
        yield from pool.imap(_screen_one, rows, chunksize=64)


def progress(done: int, errors: int, final: bool = False) -> None:
    """A one-line progress counter on stderr (only when stderr is a terminal, or final)."""
    if final or sys.stderr.isatty():
        end = "\n" if final else "\r"
        sys.stderr.write(f"screened {done} rows, {errors} bad{end}")
        sys.stderr.flush()
