"""UK OFSI Consolidated List loader: xlsx and csv, rows grouped by Group ID."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.registry import detect
from tracewire.lists.source import Source
from tracewire.lists.uk_ofsi import UkOfsiLoader, dmy
from tracewire.lists.uk_ofsi_rows import labelled_facts, numbered

UK = "uk_ofsi_conlist_2025-04-14.xlsx"


def load(path: Path) -> tuple[UkOfsiLoader, list[EntityProxy]]:
    loader = UkOfsiLoader(Source(path))
    return loader, list(loader.entities())


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> tuple[UkOfsiLoader, list[EntityProxy]]:
    return load(lists_dir / UK)


def test_real_counts(real: tuple[UkOfsiLoader, list[EntityProxy]]) -> None:
    loader, entities = real
    schemata = Counter(e.schema.name for e in entities)
    assert schemata["Sanction"] == 4688
    assert sum(v for k, v in schemata.items() if k != "Sanction") == 4688
    assert schemata["Vessel"] == 15
    assert loader.published == "2025-04-14"
    assert len({e.id for e in entities}) == len(entities)


def test_real_group_with_non_latin_name(real: tuple[UkOfsiLoader, list[EntityProxy]]) -> None:
    _loader, entities = real
    by_id = {e.id: e for e in entities}
    person = by_id["gb-16166"]
    assert "FEREIDOUN ABBASI-DAVANI" in person.get("name")
    assert "Fereydoon ABBASI-DAVANI" in person.get("alias")
    assert "فریدون عباسی دوانی" in person.get("alias")
    company = by_id["gb-15428"]
    assert "АКЦИОНЕРНОЕ ОБЩЕСТВО МАРШАЛ.ГЛОБАЛ" in company.get("alias")
    assert company.get("email") == ["info@marshal.global"]
    assert by_id["gb-15428-sanction"].get("authorityId") == ["RUS1491"]
    assert by_id["gb-15428-sanction"].get("program") == ["Russia"]


def test_csv_groups_non_adjacent_rows(fixtures_dir: Path) -> None:
    loader, entities = load(fixtures_dir / "uk_ofsi" / "conlist.csv")
    by_id = {e.id: e for e in entities}
    assert loader.published == "2025-04-10"
    person = by_id["gb-90001"]
    assert person.get("name") == ["Ivan Ivanovich PETROV"]
    assert person.get("weakAlias") == ["Vanya PETROV"]
    assert person.get("alias") == ["Иван Петров"]
    assert set(person.get("birthDate")) == {"1971", "1971-05"}
    assert set(person.get("nationality")) == {"ru", "ua"}
    assert set(person.get("passportNumber")) == {"P123", "P456"}
    assert person.get("gender") == ["male"]
    sanction = by_id["gb-90001-sanction"]
    assert sanction.get("authorityId") == ["RUS9999"]
    assert sanction.get("listingDate") == ["2022-03-15"]
    assert sanction.get("reason") == ["Involved person"]
    ship = by_id["gb-90002"]
    assert ship.schema.name == "Vessel"
    assert ship.get("imoNumber") == ["IMO8898831"]
    assert ship.get("flag") == ["kp"]
    company = by_id["gb-90003"]
    assert company.schema.name == "Company"
    assert company.get("previousName") == ["OLD AVIA"]
    assert company.get("alias") == ["ООО ПРИМЕР АВИА"]


def test_helpers() -> None:
    assert dmy("00/00/1959") == "1959"
    assert dmy("00/07/1959") == "1959-07"
    assert dmy("11/07/1951") == "1951-07-11"
    assert numbered("(1) A B (2) C (3)D") == ["A B", "C", "D"]
    free, facts = labelled_facts("Lead text. (Gender):Male (Website):http://x.y")
    assert free == ["Lead text."]
    assert facts == [("Gender", "Male"), ("Website", "http://x.y")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing_group_id.csv", "Group ID"),
        ("empty.csv", "no header"),
        ("broken_workbook.xlsx", "xlsx"),
    ],
)
def test_bad_files(fixtures_dir: Path, name: str, message: str) -> None:
    path = fixtures_dir / "uk_ofsi" / name
    with pytest.raises(InputError, match=message) as err:
        load(path)
    assert str(path) in str(err.value)


def test_non_workbook_zip_and_empty_file(fixtures_dir: Path) -> None:
    path = fixtures_dir / "uk_ofsi" / "not_a_workbook.xlsx"
    with pytest.raises(InputError) as err:
        load(path)
    assert str(path) in str(err.value)
    with pytest.raises(InputError, match="empty"):
        detect(fixtures_dir / "uk_ofsi" / "empty.csv")


def test_sniff_only_own_files(lists_dir: Path, fixtures_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        assert UkOfsiLoader.sniff(Source(path)) == (path.name == UK), path.name
    assert UkOfsiLoader.sniff(Source(fixtures_dir / "uk_ofsi" / "conlist.csv"))
