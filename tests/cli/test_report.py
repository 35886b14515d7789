"""``tracewire report``: formats, alias resolution, unknown weapons."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from tracewire.cli.main import cli


def _loaded(tmp_path: Path, fixtures_dir: Path) -> str:
    db = str(tmp_path / "r.db")
    CliRunner().invoke(
        cli, ["--db", db, "teardowns", "load", str(fixtures_dir / "teardowns" / "small.csv")]
    )
    return db


def test_report_weapon_alias_json_and_chart(tmp_path: Path, fixtures_dir: Path) -> None:
    db = _loaded(tmp_path, fixtures_dir)
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", db, "report", "weapon", "Geran-2", "--format", "json", "--no-screen"]
    )
    assert result.exit_code == 0, result.stderr
    data = orjson.loads(result.stdout)
    assert data["weapon"]["id"] == "shahed-136" and len(data["teardowns"]) == 2
    chart = tmp_path / "s.png"
    result = runner.invoke(
        cli,
        [
            "--db",
            db,
            "report",
            "weapon",
            "Shahed-136",
            "--format",
            "png",
            "--output",
            str(chart),
            "--no-screen",
        ],
    )
    assert result.exit_code == 0 and chart.read_bytes()[:4] == b"\x89PNG"
    result = runner.invoke(
        cli, ["--db", db, "report", "chokepoints", "--format", "svg", "-o", str(tmp_path / "c.svg")]
    )
    assert result.exit_code == 0 and "<svg" in (tmp_path / "c.svg").read_text("utf-8")


def test_report_unknown_weapon_is_a_clear_error(tmp_path: Path, fixtures_dir: Path) -> None:
    db = _loaded(tmp_path, fixtures_dir)
    result = CliRunner().invoke(cli, ["--db", db, "report", "weapon", "Shahed-999"])
    assert result.exit_code != 0
    assert "unknown weapon 'Shahed-999'" in str(result.exception)
    assert "Shahed-136" in str(result.exception)
