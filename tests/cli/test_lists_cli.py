"""The `tracewire lists` and `tracewire entities` commands end to end, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracewire.cli.main import cli

UN = "un_consolidated_2026-02-27.xml"
EU = "eu_fsf_sample_2020-04-15.xml"


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    """Run the CLI in a child process (exit codes and stderr exactly as a user sees them)."""
    proc = subprocess.run(
        [sys.executable, "-m", "tracewire.cli.main", "--db", str(db), *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_load_status_versions_and_reload(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    code, out, _ = run(db, "lists", "load", str(lists_dir / UN), "--json")
    assert code == 0
    first = json.loads(out)
    assert first["dataset"] == "un_sc_sanctions" and not first["skipped"]
    assert first["version"]["counts"]["Person"] == 730
    code, out, _ = run(db, "lists", "load", str(lists_dir / UN))
    assert code == 0 and "already loaded" in out
    code, out, _ = run(db, "lists", "status")
    assert code == 0 and "un_sc_sanctions" in out and "2026-02-27" in out
    code, out, _ = run(db, "lists", "versions", "un_sc_sanctions", "--json")
    assert code == 0 and len(out.strip().splitlines()) == 1


def test_export_round_trips_through_load(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    assert run(db, "lists", "load", str(lists_dir / EU))[0] == 0
    export = tmp_path / "eu.ftm.json"
    code, _, err = run(db, "entities", "export", "-o", str(export))
    assert code == 0 and "exported" in err
    exported = [json.loads(line) for line in export.read_text().splitlines()]
    db2 = tmp_path / "t2.db"
    code, out, _ = run(db2, "lists", "load", str(export), "--dataset", "eu_fsf", "--json")
    assert code == 0, out
    code, out2, _ = run(db2, "entities", "export")
    again = [json.loads(line) for line in out2.splitlines()]
    key = lambda e: e["id"]  # noqa: E731
    assert [(e["id"], e["schema"], e["properties"]) for e in sorted(exported, key=key)] == [
        (e["id"], e["schema"], e["properties"]) for e in sorted(again, key=key)
    ]


def test_show_entity_and_unknown_entity(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    run(db, "lists", "load", str(lists_dir / UN))
    code, out, _ = run(db, "entities", "export", "--schema", "Person")
    some = json.loads(out.splitlines()[0])
    code, out, _ = run(db, "entities", "show", some["id"])
    assert code == 0 and some["caption"] in out and "Sanction" in out
    code, _, err = run(db, "entities", "show", "no-such-id")
    assert code == 2 and "no entity" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"hello, this is not a list\n", "unknown list format"),
    ],
)
def test_bad_files_exit_2_and_store_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    db = tmp_path / "t.db"
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    code, out, err = run(db, "lists", "load", str(bad))
    assert code == 2, (out, err)
    assert str(bad) in err and message in err
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(db, "lists", "status", "--json")
    assert out.strip() == ""


def test_truncated_list_keeps_previous_version(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    run(db, "lists", "load", str(lists_dir / UN))
    truncated = tmp_path / "un_truncated.xml"
    data = (lists_dir / UN).read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    code, _, err = run(db, "lists", "load", str(truncated))
    assert code == 2 and "un_truncated.xml" in err and "line" in err
    code, out, _ = run(db, "lists", "versions", "un_sc_sanctions", "--json")
    assert len(out.strip().splitlines()) == 1


def test_diff_between_versions(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    run(db, "lists", "load", str(lists_dir / UN))
    # a second version: the same list with one entry's name changed and one dropped
    text = (lists_dir / UN).read_text(encoding="utf-8")
    start = text.index("<INDIVIDUAL>")
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    changed = text[:start] + text[end:]
    changed = changed.replace("<FIRST_NAME>", "<FIRST_NAME>X", 1)
    other = tmp_path / "un_v2.xml"
    other.write_text(changed, encoding="utf-8")
    assert run(db, "lists", "load", str(other))[0] == 0
    code, out, _ = run(db, "lists", "diff", "un_sc_sanctions", "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    summary = lines[-1]["summary"]
    # the party and its Sanction go; the renamed party changes
    assert summary["removed"] in (1, 2) and summary["added"] == 0 and summary["changed"] >= 1
    ops = {r["op"] for r in lines[:-1]}
    assert ops == {"removed", "changed"}


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["lists", "--help"])
    assert result.exit_code == 0
    for name in ("load", "update", "status", "versions", "diff"):
        assert name in result.output


def test_load_from_stdin(tmp_path: Path, lists_dir: Path) -> None:
    db = tmp_path / "t.db"
    data = (lists_dir / EU).read_text(encoding="utf-8")
    code, out, _ = run(db, "lists", "load", "-", "--json", input=data)
    assert code == 0
    assert json.loads(out)["version"]["source"] == "-"
    code, _, err = run(db, "lists", "load", "-", input=data[: len(data) // 2])
    assert code == 2 and err.startswith("tracewire: error: <stdin>")


def test_killed_cli_load_leaves_store_consistent(tmp_path: Path, lists_dir: Path) -> None:
    """SIGKILL a `tracewire lists load` of a large file in the middle of its import."""
    import signal
    import time

    db = tmp_path / "t.db"
    assert run(db, "lists", "load", str(lists_dir / EU))[0] == 0
    big = tmp_path / "big.ftm.json"
    with big.open("w", encoding="utf-8") as out:
        for i in range(300_000):
            row = {"id": f"k-{i}", "schema": "Person", "properties": {"name": [f"Person {i}"]}}
            out.write(json.dumps(row) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracewire.cli.main", "--db", str(db), "lists", "load", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{db}-wal")
    deadline = time.monotonic() + 60
    # wait until the import has written rows (the WAL grows past a few MB), then kill
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 4_000_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the load finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    code, out, _ = run(db, "lists", "status", "--json")
    assert code == 0
    datasets = [json.loads(line)["dataset"] for line in out.splitlines()]
    assert datasets == ["eu_fsf"]
    code, out, _ = run(db, "entities", "export")
    assert not any('"k-' in line for line in out.splitlines())


def test_update_reports_a_failed_list_and_exits_2(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    # port 9 on loopback: nothing listens, the connection is refused at once
    catalog.write_text(
        json.dumps({"un_sc_sanctions": {"urls": ["http://127.0.0.1:9/x.xml"], "format": "un_sc"}})
    )
    code, out, _ = run(
        tmp_path / "t.db", "lists", "update", "un_sc_sanctions", "--catalog", str(catalog), "--json"
    )
    assert code == 2
    row = json.loads(out)
    assert row["dataset"] == "un_sc_sanctions" and row["status"] == "failed"
    assert "127.0.0.1:9" in row["message"]
