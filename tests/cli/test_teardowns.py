"""``tracewire teardowns``: exit codes, per-row errors on stderr, list and export."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from tracewire.cli.main import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_load_reports_rejected_rows_and_keeps_valid(
    runner: CliRunner, tmp_path: Path, fixtures_dir: Path
) -> None:
    db = str(tmp_path / "t.db")
    small = str(fixtures_dir / "teardowns" / "small.csv")
    result = runner.invoke(cli, ["--db", db, "teardowns", "load", small])
    assert result.exit_code == 1
    assert "line 13: field 'weapon'" in result.stderr
    assert "line 14: field 'source_url'" in result.stderr
    assert "15 rows, 4 rejected" in result.stdout
    listed = runner.invoke(cli, ["--db", db, "teardowns", "list", "--json"])
    assert listed.exit_code == 0
    rows = [orjson.loads(line) for line in listed.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["T1", "T2", "T3"]
    # T3's c9 is described by two sources: one component, counted once
    t3 = rows[2]
    assert t3["component_count"] == 3
    only = runner.invoke(cli, ["--db", db, "teardowns", "list", "--weapon", "Geran-2", "--json"])
    assert [orjson.loads(x)["id"] for x in only.stdout.splitlines()] == ["T1", "T2"]


def test_unreadable_file_and_unknown_weapon_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(tmp_path / "t.db"), "teardowns", "load", str(bad)])
    assert result.exit_code != 0
    import sys

    from tracewire.cli.common import run_cli

    argv = sys.argv
    try:
        sys.argv = [
            "tracewire",
            "--db",
            str(tmp_path / "t.db"),
            "teardowns",
            "list",
            "--weapon",
            "Shahed-999",
        ]
        assert run_cli(cli) == 2
    finally:
        sys.argv = argv


def test_export_formats_round_trip(runner: CliRunner, tmp_path: Path, fixtures_dir: Path) -> None:
    db = str(tmp_path / "t.db")
    runner.invoke(
        cli, ["--db", db, "teardowns", "load", str(fixtures_dir / "teardowns" / "small.csv")]
    )
    for fmt in ("csv", "jsonl"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(
            cli, ["--db", db, "teardowns", "export", "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0
        again = runner.invoke(
            cli, ["--db", str(tmp_path / f"{fmt}.db"), "teardowns", "load", str(out)]
        )
        assert again.exit_code == 0, again.stderr
        assert "0 rejected" in again.stdout
    ftm = runner.invoke(cli, ["--db", db, "teardowns", "export", "--format", "ftm"])
    schemata = {orjson.loads(line)["schema"] for line in ftm.stdout.splitlines()}
    assert "Airplane" in schemata and "UnknownLink" in schemata
