"""FollowTheMoney JSON lines loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.errors import InputError
from tracewire.lists.ftm import FtmLoader
from tracewire.lists.source import Source

ZALA = "opensanctions_zala_2026-04.ftm.json"


def test_zala_file(lists_dir: Path) -> None:
    loader = FtmLoader(Source(lists_dir / ZALA))
    entities = list(loader.entities())
    assert len(entities) == 91
    with (lists_dir / ZALA).open("rb") as fh:
        first_id = fh.readline().split(b'"id": "', 1)[1].split(b'"', 1)[0].decode()
    assert entities[0].id == first_id  # ids kept as they are
    assert any(e.schema.name == "Ownership" for e in entities)
    assert any(
        any("\u0400" <= c <= "\u04ff" for c in n)
        for e in entities
        for n in e.get("name", quiet=True)
    )
    assert loader.default_dataset() == "opensanctions_zala"  # datasets differ: file stem
    assert loader.published is None


def test_shared_dataset_and_round_trip(fixtures_dir: Path) -> None:
    loader = FtmLoader(Source(fixtures_dir / "ftm" / "small.ftm.json"))
    assert loader.default_dataset() == "demo_list"
    entities = list(loader.entities())
    assert [e.id for e in entities] == ["p1", "c1", "s1"]
    assert entities[0].get("name") == ["Ivan Petrov", "Иван Петров"]
    assert entities[1].context["datasets"] == ["demo_list", "other"]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("bad_json.ftm.json", 2, "invalid JSON"),
        ("unknown_schema.ftm.json", 2, "Spaceship"),
        ("bad_utf8.ftm.json", 2, "invalid JSON"),
    ],
)
def test_bad_lines(fixtures_dir: Path, name: str, line: int, message: str) -> None:
    path = fixtures_dir / "ftm" / name
    with pytest.raises(InputError, match=message) as err:
        list(FtmLoader(Source(path)).entities())
    assert err.value.line == line
    assert str(path) in str(err.value)


def test_sniff_only_own_files(lists_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        assert FtmLoader.sniff(Source(path)) == (path.name == ZALA), path.name
