"""``tracewire screen``: single names, JSON, explain, batch with a bad row, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tracewire.api.models import EntityMatches
from tracewire.store import open_store

ENTITIES = [
    {"id": "p1", "schema": "Person", "caption": "PATRUSHEV, Nikolai Platonovich",
     "properties": {"name": ["PATRUSHEV, Nikolai Platonovich"], "birthDate": ["1951-07-11"]},
     "datasets": ["test_list"]},
    {"id": "c1", "schema": "Company", "caption": "QODS AVIATION INDUSTRIES",
     "properties": {"name": ["QODS AVIATION INDUSTRIES"]}, "datasets": ["test_list"]},
    {"id": "v1", "schema": "Vessel", "caption": "PATRUSHEV",
     "properties": {"name": ["NIKOLAI PATRUSHEV"]}, "datasets": ["test_list"]},
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("screen") / "store.db"
    store = open_store(str(path))
    try:
        store.import_entities(
            dataset="test_list", fmt="ftm", source="test", sha256="0" * 64, entities=ENTITIES
        )
    finally:
        store.close()
    return str(path)


def run(db: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracewire.cli.main", "--db", db, "screen", *args],
        capture_output=True, text=True, input=stdin, timeout=120,
    )  # fmt: skip


def test_single_name_table(db: str) -> None:
    done = run(db, "Mykola Patrushev", "--schema", "Person")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "PATRUSHEV, Nikolai Platonovich" in lines[2] and " yes " in lines[2]
    assert "NIKOLAI PATRUSHEV" not in done.stdout  # a Person never matches a Vessel


def test_json_is_yente_shaped(db: str) -> None:
    done = run(db, "Qods Aviation Industry Co.", "--schema", "Company", "--json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    top = body["results"][0]
    assert top["id"] == "c1" and top["match"] is True
    # yente's ScoredEntityResponse field for field, plus tracewire's explanations: the
    # shape /match answers with (one function serialises both)
    assert set(top) == {"id", "caption", "schema", "properties", "datasets", "referents",
                        "target", "first_seen", "last_seen", "last_change", "score", "match",
                        "features", "token", "explanations"}  # fmt: skip
    assert set(top["explanations"]["name_similarity"]) >= {"score", "detail", "query"}
    assert top["features"]["name_similarity"] == top["explanations"]["name_similarity"]["score"]
    assert top["token"].startswith("tracewire-v1@") and ";test_list=" in top["token"]
    assert body["query"]["properties"]["name"] == ["Qods Aviation Industry Co."]
    assert set(body) == {"results", "total", "query", "audit"}
    assert body["audit"]["list_versions"] and body["audit"]["algorithm"] == "tracewire-v1"
    EntityMatches.model_validate(body)  # the API's documented model of one /match answer


def test_explain_documents_features(db: str) -> None:
    done = run(db, "Nikolai Patrushev", "--schema", "Person", "--explain")
    assert done.returncode == 0, done.stderr
    assert "name_similarity" in done.stdout and "birth_date_conflict" in done.stdout
    assert "regardless of order" in done.stdout  # the docstring is printed


@pytest.mark.parametrize(
    "args",
    [["   "], ["Ali", "--schema", "Spaceship"], ["Ali", "--dataset", "nope"], []],
)
def test_bad_input_exits_2(db: str, args: list[str]) -> None:
    done = run(db, *args)
    assert done.returncode == 2
    assert done.stderr.startswith("tracewire: error:")


def test_batch_csv_with_bad_row(db: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "Full Name,kind,birth_date\n"
        "Mykola Patrushev,Person,1951\n"
        ",Person,\n"
        "Qods Aviation Industries,Company,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = run(
        db, "--input", str(source), "--output", str(out),
        "--columns", "name=Full Name,schema=kind", "--processes", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "line 3" in done.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["line"] for r in rows] == [2, 4]
    assert rows[0]["results"][0]["id"] == "p1"
    # a batch line is the --json screening, with the row's line and id in front
    assert set(rows[0]) == {"line", "id", "results", "total", "query", "audit"}
    EntityMatches.model_validate({k: v for k, v in rows[0].items() if k not in ("line", "id")})
    assert rows[1]["results"][0]["id"] == "c1"


def test_batch_jsonl_stdin(db: str) -> None:
    lines = [
        json.dumps({"schema": "Person", "properties": {"name": ["Nikolai Patrushev"]}}),
        "{not json",
    ]
    done = run(db, "--input", "-", "--processes", "1", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    assert "line 2" in done.stderr and "malformed JSON" in done.stderr
    (row,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert row["results"][0]["id"] == "p1"
