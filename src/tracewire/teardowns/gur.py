"""GUR's component record in: the War & Sanctions portal's components, one teardown per weapon.

``gur_components_*.csv`` (columns in ``gur_components.schema.json`` of the scrape) holds one row
per GUR component id, with the weapons it was found in as a JSON list of slugs;
``gur_drones_*.csv`` names those weapons. Each (component, weapon) becomes one
:class:`~tracewire.teardowns.model.Component` of the teardown ``gur:<weapon slug>`` whose source
is the component's GUR page. ``oem_part_number`` is the marking the resolver reads; GUR's
``manufacturer`` is the asserted maker, looked up by :func:`tracewire.parts.makers.find_maker`
when the rows are enriched (``attribution.enrich_read``), which flags a disagreement between
the two. GUR's "Not identified" and ``UNK`` are no maker and no country.

A GUR weapon whose display name starts with a weapon of ``weapons.yaml`` (see
:func:`_known_prefix`) is that weapon, its GUR names added as aliases; the others are weapons
of their own (id: the slug, type: GUR's role, country: GUR's where given, control regime
``iran_uav`` for Iranian ones and ``russia`` for the rest: the portal documents weapons Russia
uses).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson

from tracewire.errors import InputError
from tracewire.teardowns.model import Component, SourceReport
from tracewire.teardowns.reading import MAX_FIELD, ReadResult, ReadRow, RowError
from tracewire.teardowns.weapons import WeaponModel, find_weapon

PUBLISHER = "GUR War & Sanctions portal"
COMPONENT_COLUMNS = ["component_id", "manufacturer", "found_in_drones", "source_url"]
DRONE_COLUMNS = ["id", "display_name"]
NO_MAKER = {"not identified", "unknown", "unidentified", ""}
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Bad(Exception):
    def __init__(self, field_name: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field_name
        self.reason = reason


def _csv_rows(path: Path, required: list[str]) -> tuple[list[tuple[int, dict[str, str]]], str]:
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path=name) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"missing GUR column(s): {', '.join(missing)}", path=name, line=1)
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=name, line=reader.line_num) from exc
    return rows, name


def _text(row: dict[str, str], name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > MAX_FIELD:
        raise _Bad(name, f"longer than {MAX_FIELD} characters")
    if _CONTROL.search(text):
        raise _Bad(name, "contains control characters")
    return text or None


def _json_list(row: dict[str, str], name: str) -> list[str]:
    raw = _text(row, name)
    if not raw:
        return []
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _Bad(name, f"not a JSON list: {exc}") from exc
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(name, "must be a JSON list of text")
    return [v.strip() for v in value if v.strip()]


def default_drones_file(components: str | Path) -> Path | None:
    """The ``gur_drones_*.csv`` beside a components file (the newest by name), if any."""
    found = sorted(Path(components).resolve().parent.glob("gur_drones_*.csv"))
    return found[-1] if found else None


def _known_prefix(name: str) -> WeaponModel | None:
    """The weapon of ``weapons.yaml`` that GUR's page name starts with, "UAV" and "The"
    dropped: ``UAV Shahed 136 13678`` (a unit's serial) is Shahed-136. A tail that starts with a
    number of up to three digits is a model number, not a unit's: ``Shahed 107`` is not
    ``Shahed``."""
    words = [w for w in name.split() if w.casefold() not in {"uav", "the"}]
    for end in range(len(words), 0, -1):
        if end < len(words) and re.fullmatch(r"\d{1,3}", words[end]):
            continue
        model = find_weapon(" ".join(words[:end]))
        if model is not None:
            return model
    return None


def _gur_weapon(row: dict[str, str], slug: str) -> WeaponModel:
    name = _text(row, "display_name")
    if not name:
        raise _Bad("display_name", "required")
    aka = tuple(_json_list(row, "aka"))
    model = next((m for m in map(find_weapon, (name, *aka)) if m is not None), None)
    model = model or _known_prefix(name)
    if model is not None:
        extra = tuple(n for n in (name, *aka) if n not in model.names)
        return replace(model, aliases=(*model.aliases, *extra))
    country = (_text(row, "manufacturer_country") or "").upper()
    source = _text(row, "primary_source_url")
    return WeaponModel(
        id=slug,
        name=name,
        aliases=aka,
        type=_text(row, "role") or "unknown",
        country=country if re.fullmatch(r"[A-Z]{2}", country) else "",
        maker="",
        listed_maker=None,
        control_regime="iran_uav" if country == "IR" else "russia",
        notes="as GUR lists it; maker not named in GUR's weapon list",
        sources=(source,) if source else (),
    )


def read_gur_weapons(path: str | Path) -> tuple[dict[str, WeaponModel], list[RowError]]:
    """GUR weapon slug -> weapon model, and the rows that could not be read."""
    rows, name = _csv_rows(Path(path), DRONE_COLUMNS)
    weapons: dict[str, WeaponModel] = {}
    errors: list[RowError] = []
    for line, row in rows:
        try:
            slug = _text(row, "id") or ""
            if not _SLUG.fullmatch(slug):
                raise _Bad("id", f"{slug!r} is not a GUR slug (a-z, 0-9, -)")
            weapons[slug] = _gur_weapon(row, slug)
        except _Bad as exc:
            errors.append(RowError(line, exc.field, exc.reason, name))
    return weapons, errors


def _component(row: dict[str, str], line: int, slug: str, weapon: WeaponModel) -> Component:
    url = _text(row, "source_url")
    if not url or not _URL.fullmatch(url):
        raise _Bad("source_url", f"{url!r} is not an http(s) URL: every row keeps its GUR page")
    maker = _text(row, "manufacturer")
    country = (_text(row, "manufacturer_country") or "").upper()
    name, function = _text(row, "name_marking"), _text(row, "function")
    category = _text(row, "category")
    notes = "; ".join(
        part
        for part in (f"GUR category: {category}" if category else None, _text(row, "notes"))
        if part
    )
    return Component(
        teardown_id=f"gur:{slug}",
        key=str(row["component_id"]).strip(),
        line=line,
        function=" - ".join(p for p in (name, function) if p) or None,
        marking=_text(row, "oem_part_number"),
        asserted_maker=None if (maker or "").casefold() in NO_MAKER else maker,
        asserted_country=country if re.fullmatch(r"[A-Z]{2}", country) else None,
        source=SourceReport(url=url, publisher=PUBLISHER, date=_text(row, "last_verified")),
        notes=notes or None,
    )


def read_gur(components: str | Path, drones: str | Path | None = None) -> ReadResult:
    """Read GUR's component file (and its drones file, by default the one beside it): one
    component per weapon it was found in, rows not yet enriched. Bad rows are in ``errors``
    with their line and field."""
    drones_path = Path(drones) if drones else default_drones_file(components)
    if drones_path is None:
        raise InputError(
            "no gur_drones_*.csv beside the components file: give it with --drones",
            path=str(components),
        )
    weapons, errors = read_gur_weapons(drones_path)
    rows, name = _csv_rows(Path(components), COMPONENT_COLUMNS)
    result = ReadResult(path=name, errors=errors)
    seen: set[str] = set()
    for line, row in rows:
        result.rows += 1
        try:
            comp_id = _text(row, "component_id") or ""
            if not _SLUG.fullmatch(comp_id):
                raise _Bad("component_id", f"{comp_id!r} is not a GUR component id")
            if comp_id in seen:
                raise _Bad("component_id", f"{comp_id} already read on an earlier line")
            slugs = _json_list(row, "found_in_drones")
            if not slugs:
                raise _Bad("found_in_drones", "names no weapon")
            unknown = [s for s in slugs if s not in weapons]
            if unknown:
                raise _Bad("found_in_drones", f"not in {drones_path.name}: {', '.join(unknown)}")
            made = [_component(row, line, s, weapons[s]) for s in dict.fromkeys(slugs)]
        except _Bad as exc:
            result.errors.append(RowError(line, exc.field, exc.reason, name))
            continue
        seen.add(comp_id)
        for comp, slug in zip(made, dict.fromkeys(slugs), strict=True):
            notes = f"GUR components of {weapons[slug].name}"
            read = ReadRow(comp, weapons[slug], None, None, notes)
            result.read_rows.append(read)
            result.add(read)
    return result


def summary(result: ReadResult) -> dict[str, Any]:
    """Counts of a GUR import: rows, weapons, makers named and resolved, disagreements."""
    comps = result.components
    named = [c for c in comps if c.asserted_maker]
    with_part = [c for c in comps if c.marking and c.resolved_maker_id and c.asserted_maker_id]
    return {
        "components": len(comps),
        "weapons": len(result.teardowns),
        "maker_named": len(named),
        "maker_in_kb": sum(1 for c in named if c.asserted_maker_id),
        "part_resolved_with_maker": len(with_part),
        "part_maker_disagrees": sum(1 for c in with_part if c.attribution == "contested"),
    }
