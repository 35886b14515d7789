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


def test_table_lists_parts_states_unknown_share_and_hides_empty_dates(
    reports: dict[str, dict],  # type: ignore[type-arg]
) -> None:
    report = reports["weapon"]
    table = render("weapon", report, "table")
    assert isinstance(table, str)
    assert "of unknown maker: 3 of 9 components" in table
    assert "\nParts\n" in table and "caveat:" in table
    for part in report["parts"]:
        assert part["component_id"] in table
    undated = {
        **report,
        "timeline": {"dated": 0, "undated": 9, "by_year": [], "by_week": []},
    }
    text = render("weapon", undated, "table")
    assert isinstance(text, str)
    assert "none of the 9 components is dated" in text and "Date codes (" not in text


def test_chart_without_date_codes_has_no_date_panel(
    reports: dict[str, dict],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    undated = {
        **reports["weapon"],
        "timeline": {"dated": 0, "undated": 9, "by_year": [], "by_week": []},
    }
    dated_svg = render("weapon", reports["weapon"], "svg", tmp_path / "a.svg")
    undated_svg = render("weapon", undated, "svg", tmp_path / "b.svg")
    assert isinstance(dated_svg, Path) and isinstance(undated_svg, Path)
    # matplotlib writes one <g id="axes_N"> per visible panel
    assert dated_svg.read_text().count('id="axes_') == 4
    assert undated_svg.read_text().count('id="axes_') == 3
