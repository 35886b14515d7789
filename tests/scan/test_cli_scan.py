"""``tracewire scan``: formats, stdin, folders with bad files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scan_fixtures import make_store
from scan_pdfs import text_pdf

TEXT = "Dmitri Volkanov met the board of the Kestrel Trading House in Vienna.\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_store(tmp_path_factory.mktemp("scan-cli"))


def run(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracewire.cli.main", "--db", db, "scan", *args],
        capture_output=True, text=True, input=stdin, timeout=300,
    )  # fmt: skip


def test_table_and_jsonl_from_stdin(db: str) -> None:
    table = run(db, "-", stdin=TEXT)
    assert table.returncode == 0, table.stderr
    assert "VOLKANOV, Dmitri Arkadievich" in table.stdout and "“Dmitri Volkanov met" in table.stdout
    lines = run(db, "-", "--json", stdin=TEXT)
    assert lines.returncode == 0, lines.stderr
    findings = [json.loads(line) for line in lines.stdout.splitlines()]
    assert {(f["kind"], f["id"]) for f in findings} == {
        ("listed", "t-volkanov"), ("listed", "t-kestrel"),
    }  # fmt: skip
    assert all(f["document"]["source"] == "-" and f["citations"] for f in findings)


def test_ftm_and_html(db: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    ftm = run(db, str(path), "--format", "ftm", "--kinds", "listed")
    assert ftm.returncode == 0, ftm.stderr
    entities = [json.loads(line) for line in ftm.stdout.splitlines()]
    schemata = [e["schema"] for e in entities]
    assert schemata[0] == "Document" and schemata.count("Mention") == 2
    assert schemata.count("Documentation") == 2
    mention = next(e for e in entities if e["schema"] == "Mention")
    assert mention["properties"]["document"] == [entities[0]["id"]]
    page = tmp_path / "a.html"
    done = run(db, str(path), "--format", "html", "-o", str(page))
    assert done.returncode == 0, done.stderr
    html = page.read_text("utf-8")
    assert '<mark class="listed"><a href="#d0-f0">Dmitri Volkanov</a></mark>' in html
    assert 'id="d0-f0"' in html and "<script" not in html


def test_bad_file_alone_exits_2(db: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = run(db, str(empty))
    assert done.returncode == 2
    assert f"{empty}: an empty file" in done.stderr


def test_folder_scans_the_good_and_lists_the_bad(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.pdf").write_bytes(text_pdf(["Dmitri Volkanov signed."], password="x"))
    (folder / "c.bin").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "d.pdf").write_bytes(text_pdf(["Funds went to Zarganite in May."]))
    done = run(db, str(folder), "--json")
    assert done.returncode == 1
    sources = {json.loads(line)["document"]["source"] for line in done.stdout.splitlines()}
    assert sources == {str(folder / "a.txt"), str(folder / "d.pdf")}
    assert "2 of 4 files could not be scanned" in done.stderr
    assert f"{folder / 'b.pdf'}: an encrypted PDF" in done.stderr
    assert f"{folder / 'c.bin'}: a binary file" in done.stderr


def test_usage_errors(db: str) -> None:
    done = run(db, "-", "--kinds", "ships", stdin=TEXT)
    assert done.returncode == 2 and "unknown kind" in done.stderr
    done = run(db, "-", "--json", "--format", "html", stdin=TEXT)
    assert done.returncode == 2
