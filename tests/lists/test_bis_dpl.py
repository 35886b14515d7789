"""BIS Denied Persons List loader: rows merged by name, hashed ids."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.bis_dpl import BisDplLoader
from tracewire.lists.source import Source

DPL = "bis_dpl_2024-12.txt"


def load(path: Path) -> tuple[BisDplLoader, list[EntityProxy]]:
    loader = BisDplLoader(Source(path))
    return loader, list(loader.entities())


def test_real_file(lists_dir: Path) -> None:
    path = lists_dir / DPL
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) == 546
    names = {" ".join(r["Name"].split()).upper() for r in rows}
    loader, entities = load(path)
    parties = [e for e in entities if e.schema.name != "Sanction"]
    assert len(parties) == len(names)  # one party per distinct name
    assert len({e.id for e in entities}) == len(entities)
    parto = next(e for e in parties if "PARTO ABGARDAN COOLING TOWERS CO." in e.get("name"))
    assert len(parto.get("address")) == 7
    assert set(parto.get("country")) == {"ir", "us"}
    # the file holds a typo year 3017: the publication date ignores future dates
    assert loader.published == "2019-06-12"
    assert any(e.schema.name == "Company" for e in parties)  # names with a legal form


def test_ids_are_stable_and_merged(fixtures_dir: Path) -> None:
    loader, entities = load(fixtures_dir / "bis_dpl" / "small.txt")
    parties = {e.get("name")[0]: e for e in entities if e.schema.name != "Sanction"}
    assert set(parties) == {"JOHN DOE", "ACME TRADING GMBH"}
    john = parties["JOHN DOE"]
    assert len(john.get("address")) == 2
    assert parties["ACME TRADING GMBH"].schema.name == "Company"
    assert john.schema.name == "LegalEntity"
    again = {e.id for e in load(fixtures_dir / "bis_dpl" / "small.txt")[1]}
    assert {e.id for e in entities} == again
    sanctions = [e for e in entities if e.schema.name == "Sanction"]
    assert len(sanctions) == 2  # JOHN DOE's two rows share one order
    john_s = next(s for s in sanctions if s.get("entity") == [john.id])
    assert john_s.get("listingDate") == ["2020-01-15"]
    assert john_s.get("endDate") == ["2030-01-15"]
    assert loader.published == "2021-03-05"


def test_missing_column(fixtures_dir: Path) -> None:
    with pytest.raises(InputError) as err:
        load(fixtures_dir / "bis_dpl" / "missing_column.txt")
    assert err.value.field == "Country"


def test_unclosed_quote(fixtures_dir: Path) -> None:
    path = fixtures_dir / "bis_dpl" / "unclosed_quote.txt"
    with pytest.raises(InputError) as err:
        load(path)
    assert str(path) in str(err.value)


def test_sniff_only_own_files(lists_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        assert BisDplLoader.sniff(Source(path)) == (path.name == DPL), path.name
