"""Teardown files in: CSV and JSON lines, validated row by row (writing: ``writing.py``).

CSV has one row per component; the teardown columns repeat on each row of a teardown. JSON lines
take either the same flat rows, or one teardown per line with a ``components`` list. A bad row
is reported (line, field, reason) and skipped; the other rows still load. A file that cannot be
read at all (encoding, missing required columns) is one InputError and nothing loads.

Reading does not enrich: :func:`read_teardowns` gives the rows as written, and the caller
decodes, resolves and attributes them with :func:`tracewire.teardowns.attribution.enrich_read`.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import orjson

from tracewire.errors import InputError
from tracewire.teardowns.model import Component, SourceReport, Teardown
from tracewire.teardowns.weapons import UnknownWeapon, WeaponModel, resolve_weapon

#: the columns a user writes (README: "Teardown files")
INPUT_COLUMNS = [
    "teardown_id",
    "weapon",
    "recovery_date",
    "recovery_place",
    "source_publisher",
    "source_title",
    "source_url",
    "source_date",
    "teardown_notes",
    "component_id",
    "function",
    "marking",
    "brand",
    "maker",
    "maker_country",
    "quantity",
    "notes",
]
REQUIRED_COLUMNS = ["teardown_id", "weapon", "source_url"]
#: columns tracewire adds on export (ignored on import, so an export loads again)
DERIVED_COLUMNS = [
    "part_number",
    "date_code",
    "year",
    "week",
    "lot",
    "marked_country",
    "status",
    "resolved_maker",
    "confidence",
    "rule",
    "asserted_maker_id",
    "attributed_maker",
    "attributed_maker_name",
    "hq_country",
    "owner_today",
    "attribution",
    "hs6",
    "chpl_tier",
    "category",
    "flags",
]
MAX_FIELD = 2000
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class RowError:
    """One rejected row: where, which field, why."""

    line: int
    field: str | None
    reason: str
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "field": self.field, "reason": self.reason}

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        what = f"field {self.field!r}: " if self.field else ""
        return f"{where}line {self.line}: {what}{self.reason}"


@dataclass
class ReadRow:
    """One valid row as written: its component and what it says of its teardown."""

    component: Component
    weapon: WeaponModel
    recovery_date: str | None
    recovery_place: str | None
    notes: str | None
    field_prefix: str = ""  # names the component in errors of nested JSON lines


@dataclass
class ReadResult:
    """Valid rows with their teardowns, rejected rows and file warnings.

    ``conflicts`` (components whose rows name different makers) is counted when the rows are
    enriched."""

    path: str = ""
    read_rows: list[ReadRow] = field(default_factory=list)
    teardowns: dict[str, Teardown] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    conflicts: int = 0

    @property
    def components(self) -> list[Component]:
        return [c for t in self.teardowns.values() for c in t.components]

    def add(self, row: ReadRow) -> None:
        """Put a row's component into its teardown (made on its first row)."""
        comp = row.component
        teardown = self.teardowns.get(comp.teardown_id)
        if teardown is None:
            teardown = self.teardowns[comp.teardown_id] = Teardown(
                id=comp.teardown_id, weapon_id=row.weapon.id, weapon_name=row.weapon.name
            )
        teardown.recovery_date = teardown.recovery_date or row.recovery_date
        teardown.recovery_place = teardown.recovery_place or row.recovery_place
        teardown.notes = teardown.notes or row.notes
        if comp.source is not None:
            teardown.add_source(comp.source)
        teardown.components.append(comp)

    def keep_only(self, rows: list[ReadRow]) -> None:
        """Rebuild the teardowns from ``rows`` (the rows that survived enrichment)."""
        self.read_rows = rows
        self.teardowns = {}
        for row in rows:
            self.add(row)


class _RowInvalid(Exception):
    def __init__(self, field_name: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


def _text(row: dict[str, Any], name: str, prefix: str = "") -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise _RowInvalid(prefix + name, "must be text")
    text = str(value).strip()
    if len(text) > MAX_FIELD:
        raise _RowInvalid(prefix + name, f"longer than {MAX_FIELD} characters")
    if _CONTROL.search(text):
        raise _RowInvalid(prefix + name, "contains control characters")
    return text or None


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    match = _DATE.fullmatch(value)
    if not match:
        raise _RowInvalid(name, f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError as exc:
        raise _RowInvalid(name, f"{value!r}: {exc}") from exc
    return value


def _check_url(value: str | None, name: str) -> str:
    if not value:
        raise _RowInvalid(name, "required: every row needs a public source URL")
    if not re.match(r"https?://[^\s/]+\.[^\s]+$", value):
        raise _RowInvalid(name, f"{value!r} is not an http(s) URL")
    return value


def _row_to_component(
    row: dict[str, Any],
    line: int,
    result: ReadResult,
    weapons: dict[str, WeaponModel] | None,
    prefix: str = "",
) -> None:
    def get(name: str) -> str | None:
        return _text(row, name, prefix)

    teardown_id = get("teardown_id")
    if not teardown_id:
        raise _RowInvalid(prefix + "teardown_id", "required")
    if not _ID.fullmatch(teardown_id):
        raise _RowInvalid(prefix + "teardown_id", "use letters, digits and . _ : / - (max 100)")
    weapon_name = get("weapon")
    if not weapon_name:
        raise _RowInvalid(prefix + "weapon", "required")
    try:
        weapon = resolve_weapon(weapon_name, weapons)
    except UnknownWeapon as exc:
        raise _RowInvalid(prefix + "weapon", exc.message) from exc
    source = SourceReport(
        url=_check_url(get("source_url"), prefix + "source_url"),
        publisher=get("source_publisher"),
        title=get("source_title"),
        date=_check_date(get("source_date"), prefix + "source_date"),
    )
    recovery_date = _check_date(get("recovery_date"), prefix + "recovery_date")
    place, notes = get("recovery_place"), get("teardown_notes")
    country = get("maker_country")
    if country is not None:
        country = country.upper()
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise _RowInvalid(prefix + "maker_country", f"{country!r} is not an ISO-2 code")
    quantity_text = get("quantity")
    quantity = 1
    if quantity_text is not None:
        if not re.fullmatch(r"\d{1,6}", quantity_text) or int(quantity_text) < 1:
            raise _RowInvalid(prefix + "quantity", f"{quantity_text!r} is not a whole number >= 1")
        quantity = int(quantity_text)
    function, marking, maker = get("function"), get("marking"), get("maker")
    if not (function or marking or maker or country):
        raise _RowInvalid(None, "a component needs at least a function, marking, maker or country")
    existing = result.teardowns.get(teardown_id)
    if existing is not None:
        for name, old, new in (
            ("weapon", existing.weapon_id, weapon.id),
            ("recovery_date", existing.recovery_date, recovery_date),
            ("recovery_place", existing.recovery_place, place),
        ):
            if old and new and old != new:
                raise _RowInvalid(
                    prefix + name, f"teardown {teardown_id} already has {name} {old!r}, not {new!r}"
                )
    key = get("component_id") or f"row{line}" + (f".{prefix}" if prefix else "")
    comp = Component(
        teardown_id=teardown_id,
        key=key,
        line=line,
        function=function,
        marking=marking,
        brand=get("brand"),
        asserted_maker=maker,
        asserted_country=country,
        quantity=quantity,
        source=source,
        notes=get("notes"),
    )
    read = ReadRow(comp, weapon, recovery_date, place, notes, prefix)
    result.read_rows.append(read)
    result.add(read)


def _nested_rows(obj: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Flat rows from one nested teardown object (prefix names the component in errors)."""
    sources = obj.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise _RowInvalid("sources", "must be a list of objects")
    components = obj.get("components")
    if not isinstance(components, list) or not components:
        raise _RowInvalid("components", "must be a non-empty list")
    first = sources[0] if sources else {}
    base = {
        "teardown_id": obj.get("teardown_id", obj.get("id")),
        "weapon": obj.get("weapon"),
        "recovery_date": obj.get("recovery_date"),
        "recovery_place": obj.get("recovery_place"),
        "teardown_notes": obj.get("notes"),
    }
    for index, comp in enumerate(components):
        if not isinstance(comp, dict):
            raise _RowInvalid(f"components[{index}]", "must be an object")
        own = comp.get("source")
        src: dict[str, Any] = own if isinstance(own, dict) else first
        row = dict(base)
        row.update(
            {
                "source_url": comp.get("source_url") or src.get("url"),
                "source_publisher": comp.get("source_publisher") or src.get("publisher"),
                "source_title": comp.get("source_title") or src.get("title"),
                "source_date": comp.get("source_date") or src.get("date"),
                "component_id": comp.get("component_id", comp.get("key")),
                "function": comp.get("function"),
                "marking": comp.get("marking"),
                "brand": comp.get("brand"),
                "maker": comp.get("maker", comp.get("asserted_maker")),
                "maker_country": comp.get("maker_country", comp.get("asserted_country")),
                "quantity": comp.get("quantity"),
                "notes": comp.get("notes"),
            }
        )
        yield f"components[{index}].", row


def _read_text(source: str | Path | IO[str]) -> tuple[str, str]:
    if isinstance(source, (str, Path)):
        name = str(source)
        if name == "-":
            return sys.stdin.read(), "<stdin>"
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=name) from exc
        try:
            return data.decode("utf-8-sig"), name
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 (byte {exc.start})", path=name) from exc
    return source.read(), getattr(source, "name", "<stream>")


def detect_format(text: str, name: str) -> str:
    """``csv`` or ``jsonl``, by file extension, else by content."""
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    return "jsonl" if text.lstrip().startswith("{") else "csv"


def read_teardowns(
    source: str | Path | IO[str],
    *,
    fmt: str | None = None,
    weapons: dict[str, WeaponModel] | None = None,
) -> ReadResult:
    """Read and validate a teardown file; bad rows are in ``errors``, the rest are read (not
    enriched: see :func:`tracewire.teardowns.attribution.enrich_read`)."""
    text, name = _read_text(source)
    if not text.strip():
        raise InputError("empty file", path=name)
    fmt = fmt or detect_format(text, name)
    result = ReadResult(path=name)
    if fmt == "csv":
        _read_csv(text, name, result, weapons)
    elif fmt == "jsonl":
        _read_jsonl(text, name, result, weapons)
    else:
        raise InputError(f"unknown teardown format {fmt!r} (csv or jsonl)", path=name)
    return result


def _read_csv(
    text: str,
    name: str,
    result: ReadResult,
    weapons: dict[str, WeaponModel] | None,
) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=name, line=1)
    unknown = [h for h in header if h not in INPUT_COLUMNS and h not in DERIVED_COLUMNS]
    if unknown:
        result.warnings.append(f"{name}: ignored unknown column(s): {', '.join(unknown)}")
    reader.fieldnames = header
    try:
        for row in reader:
            line = reader.line_num
            result.rows += 1
            if None in row:
                result.errors.append(RowError(line, None, "more fields than the header", name))
                continue
            try:
                _row_to_component(row, line, result, weapons)
            except _RowInvalid as exc:
                result.errors.append(RowError(line, exc.field, exc.reason, name))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=name, line=reader.line_num) from exc


def _read_jsonl(
    text: str,
    name: str,
    result: ReadResult,
    weapons: dict[str, WeaponModel] | None,
) -> None:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        result.rows += 1
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            result.errors.append(RowError(line, None, f"invalid JSON: {exc}", name))
            continue
        if not isinstance(obj, dict):
            result.errors.append(RowError(line, None, "each line must be a JSON object", name))
            continue
        try:
            rows = list(_nested_rows(obj)) if "components" in obj else [("", obj)]
        except _RowInvalid as exc:
            result.errors.append(RowError(line, exc.field, exc.reason, name))
            continue
        for prefix, row in rows:
            try:
                _row_to_component(row, line, result, weapons, prefix)
            except _RowInvalid as exc:
                result.errors.append(RowError(line, exc.field, exc.reason, name))
