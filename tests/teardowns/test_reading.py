"""Teardown files: per-row validation, conflict flagging, round trips through the store."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import create_engine

from teardown_fakes import FakeParts
from tracewire.errors import InputError
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.model import FLAG_RESOLVER_DISAGREES, FLAG_SOURCES_DISAGREE
from tracewire.teardowns.reading import read_teardowns
from tracewire.teardowns.store import load_teardowns, save_teardowns
from tracewire.teardowns.writing import write_csv, write_jsonl

HEADER = (
    "teardown_id,weapon,source_url,component_id,function,marking,maker,maker_country,quantity\n"
)


@pytest.fixture
def small(fixtures_dir: Path) -> Path:
    return fixtures_dir / "teardowns" / "small.csv"


def test_bad_rows_reported_valid_rows_kept(small: Path) -> None:
    result = enrich_read(read_teardowns(small), FakeParts())
    errors = {(e.line, e.field) for e in result.errors}
    assert errors == {
        (13, "weapon"),
        (14, "source_url"),
        (15, "quantity"),
        (16, "recovery_date"),
    }
    assert "known:" in next(e.reason for e in result.errors if e.field == "weapon")
    assert result.rows == 15
    assert sorted(result.teardowns) == ["T1", "T2", "T3"]
    assert len(result.components) == 11
    # aliases resolve: "Geran-2", "shahed 136" and "Орлан-10" in the file
    assert result.teardowns["T1"].weapon_id == "shahed-136"
    assert result.teardowns["T2"].weapon_id == "shahed-136"
    assert result.teardowns["T3"].weapon_id == "orlan-10"


def test_conflicts_are_flagged_not_merged(small: Path) -> None:
    result = enrich_read(read_teardowns(small), FakeParts())
    t2c1 = next(c for c in result.teardowns["T2"].components if c.key == "c1")
    assert t2c1.attribution == "contested"
    assert FLAG_RESOLVER_DISAGREES in t2c1.flags
    assert (t2c1.asserted_maker_id, t2c1.resolved_maker_id) == ("ti", "st")
    c9 = [c for c in result.teardowns["T3"].components if c.key == "c9"]
    assert len(c9) == 2  # both rows kept
    assert all(FLAG_SOURCES_DISAGREE in c.flags for c in c9)
    assert {c.source.url for c in c9 if c.source} == {
        "https://example.org/c",
        "https://example.org/d",
    }
    assert result.conflicts == 1


def test_agreement_through_acquisitions_and_ambiguity(small: Path) -> None:
    result = enrich_read(read_teardowns(small), FakeParts())
    t1 = {c.key: c for c in result.teardowns["T1"].components}
    assert t1["c1"].attribution == "agreed" and t1["c1"].maker_id == "ti"
    assert t1["c2"].attribution == "resolver" and t1["c2"].owner_today == "adi"
    assert (t1["c2"].year, t1["c2"].week) == (2023, 14)
    # LM317 is second-sourced: the source's assertion settles it
    assert t1["c3"].status == "ambiguous" and t1["c3"].maker_id == "st"
    assert t1["c4"].maker_name == "Mado" and t1["c4"].hq_country == "IR"
    assert t1["c5"].quantity == 3 and t1["c5"].hq_country == "JP"


def test_missing_required_column_fails_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("teardown_id,weapon\nT1,Shahed-136\n", encoding="utf-8")
    with pytest.raises(InputError, match="source_url"):
        enrich_read(read_teardowns(path), FakeParts())


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("T1,Shahed-136,ftp://x.org/a,c1,engine,,Mado,,", "source_url"),
        ("T1,Shahed-136,https://x.org/a,c1,,,,,", None),
        ("T1,Shahed-136,https://x.org/a,c1,engine,,Mado,IRN,", "maker_country"),
        ("T1,Shahed-136,https://x.org/a,c1,engine,,Mado,,two", "quantity"),
        ("T 1,Shahed-136,https://x.org/a,c1,engine,,Mado,,", "teardown_id"),
        ("T1,Shahed-136,https://x.org/a,c1,mcu,STM32 " + "X" * 120 + ",,,", "marking"),
        ("T1,Shahed-136,https://x.org/a,c1,mcu,\x01bad,,,", "marking"),
    ],
)
def test_row_errors_name_the_field(tmp_path: Path, row: str, field: str | None) -> None:
    path = tmp_path / "t.csv"
    good = "T0,Shahed-136,https://x.org/a,c1,engine,,Mado,,\n"
    path.write_text(HEADER + good + row + "\n", encoding="utf-8")
    result = enrich_read(read_teardowns(path), FakeParts())
    assert [(e.line, e.field) for e in result.errors] == [(3, field)]
    assert list(result.teardowns) == ["T0"]


def test_teardown_fields_must_agree_across_rows(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        HEADER
        + "T1,Shahed-136,https://x.org/a,c1,engine,,Mado,,\n"
        + "T1,Orlan-10,https://x.org/a,c2,engine,,Saito,,\n",
        encoding="utf-8",
    )
    result = enrich_read(read_teardowns(path), FakeParts())
    assert [(e.line, e.field) for e in result.errors] == [(3, "weapon")]


def test_non_utf8_and_empty_files(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(HEADER.encode() + b"T1,Shahed-136,https://x.org/a,c1,engine,,M\xe4do,,\n")
    with pytest.raises(InputError, match="UTF-8"):
        enrich_read(read_teardowns(path), FakeParts())
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        enrich_read(read_teardowns(path), FakeParts())


def test_jsonl_nested_and_flat_rows_with_bad_lines(tmp_path: Path) -> None:
    nested = {
        "id": "J1",
        "weapon": "Mohajer-6",
        "sources": [{"url": "https://x.org/j", "publisher": "X"}],
        "components": [
            {"component_id": "e", "function": "engine", "maker": "Rotax", "maker_country": "AT"},
            {"component_id": "m", "function": "mcu", "marking": "STM32F405 2210"},
            {"component_id": "bad", "function": "x", "quantity": -1},
        ],
    }
    flat = {
        "teardown_id": "J2",
        "weapon": "Lancet",
        "source_url": "https://x.org/k",
        "function": "engine",
        "maker": "AXI",
    }
    lines = [orjson.dumps(nested).decode(), "{not json", "[1]", orjson.dumps(flat).decode()]
    text = "\n".join(lines)
    result = enrich_read(read_teardowns(io.StringIO(text), fmt="jsonl"), FakeParts())
    assert [(e.line, e.field) for e in result.errors] == [
        (1, "components[2].quantity"),
        (2, None),
        (3, None),
    ]
    assert sorted(result.teardowns) == ["J1", "J2"]
    assert result.teardowns["J1"].weapon_id == "mohajer-6"
    assert [c.key for c in result.teardowns["J1"].components] == ["e", "m"]


def test_store_round_trip_is_idempotent_and_exports_reload(small: Path, tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 's.db'}")
    first = enrich_read(read_teardowns(small), FakeParts())
    assert save_teardowns(engine, first.teardowns.values())["inserted"] == 11
    again = save_teardowns(
        engine, enrich_read(read_teardowns(small), FakeParts()).teardowns.values()
    )
    assert (again["inserted"], again["updated"]) == (0, 11)
    stored = load_teardowns(engine)
    assert [t.id for t in stored] == ["T1", "T2", "T3"]
    assert [len(t.components) for t in stored] == [5, 2, 4]
    assert (
        stored[0].recovery_place == "Kharkiv"
        and stored[0].sources[0].url == "https://example.org/a"
    )
    assert {s.url for s in stored[2].sources} == {"https://example.org/c", "https://example.org/d"}
    for writer, name in ((write_csv, "out.csv"), (write_jsonl, "out.jsonl")):
        out = io.StringIO()
        writer(stored, out)
        path = tmp_path / name
        path.write_text(out.getvalue(), encoding="utf-8")
        reread = enrich_read(read_teardowns(path), FakeParts())
        assert reread.errors == []
        assert sum(len(t.components) for t in reread.teardowns.values()) == 11
        assert save_teardowns(engine, reread.teardowns.values())["inserted"] == 0


class CountingParts(FakeParts):
    """FakeParts that counts how often a marking is decoded."""

    def __init__(self) -> None:
        self.decoded: list[str] = []

    def decode(self, marking: str, brand: str | None) -> dict[str, Any]:
        self.decoded.append(marking)
        return super().decode(marking, brand)


def test_reading_does_not_enrich_and_enriching_decodes_each_marking_once(small: Path) -> None:
    read = read_teardowns(small)
    marked = [c for c in read.components if c.marking]
    assert marked and all(c.status == "not_attempted" and c.part_number is None for c in marked)
    assert all(c.attribution == "unknown" and c.hs6 is None for c in read.components)
    parts = CountingParts()
    enrich_read(read, parts)
    assert sorted(parts.decoded) == sorted(c.marking for c in marked)
    assert all(c.part_number for c in marked)
