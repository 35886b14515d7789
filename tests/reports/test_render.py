"""Report formats: text, JSON, CSV, and chart files with valid headers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from sqlalchemy import create_engine

from teardown_fakes import FakeParts
from tracewire.errors import UsageError
from tracewire.reports.analytics import chokepoints, weapon_report
from tracewire.reports.render import render
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.reading import read_teardowns
from tracewire.teardowns.store import save_teardowns


@pytest.fixture
def reports(fixtures_dir: Path, tmp_path: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    eng = create_engine(f"sqlite:///{tmp_path / 'r.db'}")
    save_teardowns(
        eng,
        enrich_read(
            read_teardowns(fixtures_dir / "teardowns" / "small.csv"), FakeParts()
        ).teardowns.values(),
    )
    return {
        "weapon": weapon_report(eng, "Shahed-136", backend=FakeParts()),
        "chokepoints": chokepoints(eng, 10, backend=FakeParts()),
    }


def test_text_json_csv(reports: dict[str, dict]) -> None:  # type: ignore[type-arg]
    table = render("weapon", reports["weapon"], "table")
    assert isinstance(table, str)
    assert "Shahed-136" in table and "9 components in 2 teardown(s)" in table
    assert "MAX3485" in table  # the part made after the control date
    data = orjson.loads(render("weapon", reports["weapon"], "json"))
    assert data["components"] == 9
    rows = list(csv.DictReader(io.StringIO(str(render("weapon", reports["weapon"], "csv")))))
    us = next(r for r in rows if r["section"] == "by_country" and r["key"] == "US")
    assert us["count"] == "3"
    choke = list(
        csv.DictReader(io.StringIO(str(render("chokepoints", reports["chokepoints"], "csv"))))
    )
    assert choke[0]["kind"] == "makers" and choke[0]["key"] == "st"
    assert "Makers by weapon models" in str(render("chokepoints", reports["chokepoints"], "table"))


@pytest.mark.parametrize("kind", ["weapon", "chokepoints"])
def test_charts(reports: dict[str, dict], tmp_path: Path, kind: str) -> None:  # type: ignore[type-arg]
    png = render(kind, reports[kind], "png", tmp_path / "r.png")
    assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = Path(render(kind, reports[kind], "svg", tmp_path / "r.svg")).read_text("utf-8")
    assert "<svg" in svg[:1000] and svg.rstrip().endswith("</svg>")


def test_bad_format_and_missing_output(reports: dict[str, dict]) -> None:  # type: ignore[type-arg]
    with pytest.raises(UsageError, match="--output"):
        render("weapon", reports["weapon"], "png")
    with pytest.raises(UsageError, match="unknown format"):
        render("weapon", reports["weapon"], "pdf")
