"""Teardown files out: flat CSV (the input columns, then what tracewire derived) and nested
JSON lines; both load again with :func:`tracewire.teardowns.reading.read_teardowns`."""

from __future__ import annotations

import csv
from typing import IO, Any

import orjson

from tracewire.teardowns.model import Component, SourceReport, Teardown
from tracewire.teardowns.reading import DERIVED_COLUMNS, INPUT_COLUMNS


def component_row(teardown: Teardown, comp: Component) -> dict[str, Any]:
    """One flat export row: the input columns, then what tracewire derived."""
    src = comp.source or SourceReport(url="")
    return {
        "teardown_id": teardown.id,
        "weapon": teardown.weapon_name,
        "recovery_date": teardown.recovery_date,
        "recovery_place": teardown.recovery_place,
        "source_publisher": src.publisher,
        "source_title": src.title,
        "source_url": src.url,
        "source_date": src.date,
        "teardown_notes": teardown.notes,
        "component_id": comp.key,
        "function": comp.function,
        "marking": comp.marking,
        "brand": comp.brand,
        "maker": comp.asserted_maker,
        "maker_country": comp.asserted_country,
        "quantity": comp.quantity,
        "notes": comp.notes,
        "part_number": comp.part_number,
        "date_code": comp.date_code,
        "year": comp.year,
        "week": comp.week,
        "lot": comp.lot,
        "marked_country": comp.marked_country,
        "status": comp.status,
        "resolved_maker": comp.resolved_maker_id,
        "confidence": comp.confidence,
        "rule": comp.rule,
        "asserted_maker_id": comp.asserted_maker_id,
        "attributed_maker": comp.maker_id,
        "attributed_maker_name": comp.maker_name,
        "hq_country": comp.hq_country,
        "owner_today": comp.owner_today,
        "attribution": comp.attribution,
        "hs6": comp.hs6,
        "chpl_tier": comp.chpl_tier,
        "category": comp.category,
        "flags": ";".join(comp.flags),
    }


def write_csv(teardowns: list[Teardown], out: IO[str]) -> int:
    """Flat CSV, one row per component row; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=INPUT_COLUMNS + DERIVED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for teardown in teardowns:
        for comp in teardown.components:
            writer.writerow(
                {k: "" if v is None else v for k, v in component_row(teardown, comp).items()}
            )
            count += 1
    return count


def write_jsonl(teardowns: list[Teardown], out: IO[str]) -> int:
    """One nested teardown per line (loadable again); returns the number of teardowns."""
    for teardown in teardowns:
        out.write(orjson.dumps(teardown.to_dict()).decode("utf-8"))
        out.write("\n")
    return len(teardowns)
