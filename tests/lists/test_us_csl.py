"""US Consolidated Screening List loader: the real 2022 file and written fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.source import Source
from tracewire.lists.us_csl import UsCslLoader
from tracewire.lists.us_csl_fields import parse_ids, party_schema, source_dataset

CSL = "us_csl_2022-04.csv.gz"


def load(path: Path) -> list[EntityProxy]:
    return list(UsCslLoader(Source(path)).entities())


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> list[EntityProxy]:
    return load(lists_dir / CSL)


def test_counts_match_the_file(real: list[EntityProxy]) -> None:
    parties = [e for e in real if e.schema.name != "Sanction"]
    sanctions = [e for e in real if e.schema.name == "Sanction"]
    # one Sanction per list a party is on: each row of the file is one listing
    by_list = Counter(e.context["datasets"][1] for e in sanctions)
    assert by_list["us_bis_entity_list"] == 2001
    assert by_list["us_ofac_sdn"] == 10026
    assert len(sanctions) == 14160 - 1  # one OFAC party is listed twice on CAPTA
    # parties on several lists (shared _id) are one entity naming every list
    assert len(parties) == 14160 - 112
    multi = next(e for e in parties if e.id == "csl-34616")
    assert set(multi.context["datasets"]) == {"us_csl", "us_ofac_sdn", "us_ofac_capta"}
    assert len({e.id for e in real}) == len(real), "ids are unique"
    assert all(e.context["datasets"][0] == "us_csl" for e in real)


def test_entity_list_row(real: list[EntityProxy]) -> None:
    row = next(e for e in real if "140 Repair Plant JSC" in e.get("name", quiet=True))
    assert row.id == "csl-4398d33e9e93c7477af39f1e0bfffc13ddd47bcc"
    assert row.context["datasets"] == ["us_csl", "us_bis_entity_list"]
    assert row.schema.name == "Company"  # no type column, legal form JSC
    assert "JSC 140 Repair Plant" in row.get("alias")  # "and " prefix dropped
    assert row.get("country") == ["by"]
    sanction = next(e for e in real if e.id == f"{row.id}-sanction-us_bis_entity_list")
    assert sanction.get("listingDate") == ["2022-04-07"]
    assert "Bureau of Industry and Security" in sanction.get("authority")
    assert any("Policy of denial" in s for s in sanction.get("summary"))


def test_sdn_person_fields(real: list[EntityProxy]) -> None:
    person = next(e for e in real if e.id == "csl-17526")
    assert person.schema.name == "Person"
    assert person.get("birthDate") == ["1966-02-13"]
    assert person.get("citizenship") == ["ch"]
    assert person.get("passportNumber") == ["X0906223"]
    assert person.context["datasets"][1] == "us_ofac_fse"


def test_vessels_and_aircraft(real: list[EntityProxy]) -> None:
    schemata = Counter(e.schema.name for e in real)
    assert schemata["Vessel"] == 433
    assert schemata["Airplane"] == 283
    vessel = next(e for e in real if e.id == "csl-23156")
    assert vessel.get("imoNumber") == ["IMO8898831"]
    assert vessel.get("flag") == ["kp"]


def test_fixture_rows(fixtures_dir: Path) -> None:
    entities = {e.id: e for e in load(fixtures_dir / "us_csl" / "small.csv.gz")}
    person = entities["csl-555"]
    assert person.get("passportNumber") == ["P123456"]
    assert person.get("gender") == ["male"]
    assert person.get("taxNumber") == ["7707404272"]
    assert person.get("birthPlace") == ["Omsk, Russia"]
    sanction = entities["csl-555-sanction-us_ofac_sdn"]
    assert set(sanction.get("program")) == {"RUSSIA-EO14024", "UKRAINE-EO13661"}
    assert any("Secondary Sanctions" in p for p in sanction.get("provisions"))
    assert entities["csl-777"].get("callSign") == ["9HDS9"]
    assert entities["csl-x1"].context["datasets"] == ["us_csl", "us_bis_bnl"]


def test_source_slugs() -> None:
    assert source_dataset("Denied Persons List (DPL) - Bureau of Industry and Security") == (
        "us_bis_denied"
    )
    assert source_dataset("Some Future List - Treasury Department") == "us_ofac_some_future_list"
    assert source_dataset("Odd (ODD) - Ministry of Things") == "us_ministry_of_things_odd"


def test_ids_cell() -> None:
    items = parse_ids("SA, 2020-12-28, 2016-02-22, S059033, Passport; www.x.ru, Website")
    assert (items[0].value, items[0].country, items[0].props[0]) == (
        "S059033",
        "SA",
        "passportNumber",
    )
    assert items[1].props == ("website",)
    assert parse_ids("Subject to Directive 1, Executive Order 13662 Directive Determination -")[
        0
    ].sanction_note


def test_schema_heuristic() -> None:
    assert party_schema("Individual", "X") == "Person"
    assert party_schema("", "Tehran Trading GmbH") == "Company"
    assert party_schema("", "John Smith") == "LegalEntity"


def test_missing_column_is_named(fixtures_dir: Path) -> None:
    path = fixtures_dir / "us_csl" / "missing_name.csv"
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.field == "name"
    assert str(path) in str(err.value)


def test_wrong_encoding_names_line(fixtures_dir: Path) -> None:
    with pytest.raises(InputError) as err:
        load(fixtures_dir / "us_csl" / "latin1.csv")
    assert err.value.line == 2
    assert "UTF-8" in str(err.value)


def test_truncated_gzip(fixtures_dir: Path) -> None:
    with pytest.raises(InputError, match="truncated"):
        load(fixtures_dir / "us_csl" / "truncated.csv.gz")


def test_sniff_only_own_files(lists_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        if path.suffix == ".xsd":
            continue
        assert UsCslLoader.sniff(Source(path)) == (path.name == CSL), path.name
