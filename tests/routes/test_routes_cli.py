"""The trade and routes commands: exit codes, messages naming file and line, JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from tracewire.cli.common import run_cli
from tracewire.cli.main import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "routes"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI in this process as ``tracewire`` runs (exit codes, stderr as a user sees)."""

    def invoke(db: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["tracewire", "--db", db, *args])
        code = run_cli(cli)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_load_build_and_routes(tmp_path: Path, run: Any) -> None:
    db = str(tmp_path / "t.db")
    code, _out, _err = run(
        db, "lists", "load", "--format", "ftm", str(FIXTURES / "list_small.ftm.jsonl")
    )
    assert code == 0
    code, out, err = run(db, "trade", "load", str(FIXTURES / "trade_small.csv"))
    assert code == 1  # some rows rejected
    assert "loaded 6 records" in out
    assert "trade_small.csv: line 8, field 'date': not a date" in err
    code, out, _ = run(db, "routes", "build", "--no-screen", "--json")
    assert code == 0 and orjson.loads(out)["edge:shipped_to"] == 5
    code, out, _ = run(db, "routes", "from", "Norvane Microsystems Inc", "--json")
    answer = orjson.loads(out)
    assert code == 0 and answer["total"] >= 3
    code, out, _ = run(db, "routes", "from", "Norvane Microsystems Inc", "--limit", "1")
    assert "#1  strength" in out and "evidence:" in out and "⚑" in out
    code, out, _ = run(db, "routes", "entity", "lst-kormak", "--json")
    assert orjson.loads(out)["total"] == 2
    out_file = tmp_path / "r.gexf"
    code, _, _ = run(
        db, "routes", "export", "Norvane Microsystems Inc", "--format", "gexf", "-o", str(out_file)
    )
    assert code == 0 and "<gexf" in out_file.read_text("utf-8")
    code, out, _ = run(db, "routes", "flags")
    assert "transshipment" in out and "first_seen_recently" in out


def test_trade_load_json_summary_and_unreadable_file(tmp_path: Path, run: Any) -> None:
    db = str(tmp_path / "t.db")
    code, out, _ = run(db, "trade", "load", str(FIXTURES / "trade_small.csv"), "--json")
    summary = orjson.loads(out)
    assert code == 1 and summary["records"] == 6 and summary["bad_rows"] == 4
    assert summary["errors"][0]["line"] == 8
    code, _, err = run(db, "trade", "load", str(tmp_path / "missing.csv"))
    assert code == 2 and "missing.csv" in err


def test_routes_before_a_build_says_what_to_run(tmp_path: Path, run: Any) -> None:
    code, _, err = run(str(tmp_path / "t.db"), "routes", "from", "x")
    assert code == 2 and "tracewire routes build" in err


def test_generate_writes_loadable_files(tmp_path: Path, run: Any) -> None:
    db = str(tmp_path / "t.db")
    code, out, _ = run(
        db,
        "trade",
        "generate",
        "--out",
        str(tmp_path / "g"),
        "--records",
        "500",
        "--parties",
        "100",
        "--planted",
        "2",
    )
    assert code == 0 and "500 records" in out
    planted = [orjson.loads(x) for x in (tmp_path / "g" / "planted.jsonl").read_text().splitlines()]
    assert len(planted) == 2
    code, _, _ = run(db, "lists", "load", "--format", "ftm", str(tmp_path / "g" / "list.ftm.jsonl"))
    assert code == 0
    code, _, _ = run(db, "trade", "load", str(tmp_path / "g" / "trade.csv"))
    assert code == 0
