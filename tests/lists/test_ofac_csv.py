"""OFAC legacy CSV: the real 2024 sdn.csv, the 2021 four-file set, the cons set, bad input."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.ofac_csv import OfacCsvLoader
from tracewire.lists.ofac_enhanced import OfacEnhancedLoader
from tracewire.lists.ofac_xml import OfacXmlLoader
from tracewire.lists.source import Source

PARTIES = {"Person", "LegalEntity", "Vessel", "Airplane", "Organization", "Company"}


def load(path: Path) -> tuple[OfacCsvLoader, list[EntityProxy]]:
    loader = OfacCsvLoader(Source(path))
    return loader, list(loader.entities())


def rows_in(path: Path) -> int:
    """The file's own count of entries: data rows, the DOS end-of-file mark aside."""
    with path.open(encoding="cp1252", newline="") as fh:
        return sum(1 for row in csv.reader(fh) if row and row[0].strip(" \x1a"))


@pytest.fixture(scope="module")
def sdn2024(lists_dir: Path) -> dict[str, Any]:
    path = lists_dir / "ofac_sdn_2024-05-03.csv"
    loader, entities = load(path)
    return {
        "path": path,
        "loader": loader,
        "entities": entities,
        "by_id": {e.id: e for e in entities},
        "schemata": Counter(e.schema.name for e in entities),
    }


def by_name(entities: list[EntityProxy], name: str) -> EntityProxy:
    found = [e for e in entities if name in e.get("name", quiet=True)]
    assert len(found) == 1, f"{name}: {len(found)} entities"
    return found[0]


def sanction_of(entities: list[EntityProxy], entity: EntityProxy) -> EntityProxy:
    found = [e for e in entities if e.schema.name == "Sanction" and entity.id in e.get("entity")]
    assert len(found) == 1
    return found[0]


def test_sdn_2024_counts_match_the_file(sdn2024: dict[str, Any]) -> None:
    parties = sum(n for s, n in sdn2024["schemata"].items() if s in PARTIES)
    assert parties == rows_in(sdn2024["path"]) == 14965
    assert sdn2024["schemata"]["Sanction"] == parties
    assert sdn2024["loader"].default_dataset() == "us_ofac_sdn"
    assert sdn2024["loader"].published is None


def test_patrushev(sdn2024: dict[str, Any]) -> None:
    person = by_name(sdn2024["entities"], "PATRUSHEV, Nikolai Platonovich")
    assert person.schema.name == "Person"
    assert person.id == "ofac-24309"
    assert person.get("birthDate") == ["1951-07-11"]
    assert person.get("lastName") == ["PATRUSHEV"]
    assert person.get("firstName") == ["Nikolai Platonovich"]
    assert person.get("nationality") == ["ru"]
    sanction = sanction_of(sdn2024["entities"], person)
    assert set(sanction.get("program")) == {"UKRAINE-EO13661", "RUSSIA-EO14024"}
    assert sanction.get("authority") == ["US Office of Foreign Assets Control"]
    assert sanction.get("authorityId") == ["24309"]


def test_shahed_aliases_and_links(sdn2024: dict[str, Any]) -> None:
    entities = sdn2024["entities"]
    shahed = by_name(entities, "SHAHED AVIATION INDUSTRIES RESEARCH CENTER")
    assert {"SAIRC", "SAIC"} <= set(shahed.get("alias"))
    assert shahed.get("website") == ["http://www.shahedaviation.com/"]  # FtM normalises URLs
    qods = by_name(entities, "QODS AVIATION INDUSTRIES")
    links = [e for e in entities if e.schema.name == "UnknownLink" and qods.id in e.get("object")]
    # DAMAVANDIAN, KHAKI, ... are "Linked To: QODS AVIATION INDUSTRIES"
    subjects = {sdn2024["by_id"][link.first("subject")].first("name") for link in links}
    assert "DAMAVANDIAN, Ghassem" in subjects
    assert all(link.get("role") == ["Linked To"] for link in links)


def test_vessels_and_aircraft_get_their_identifiers(sdn2024: dict[str, Any]) -> None:
    vessels = [e for e in sdn2024["entities"] if e.schema.name == "Vessel"]
    planes = [e for e in sdn2024["entities"] if e.schema.name == "Airplane"]
    assert len(vessels) > 500 and len(planes) > 100
    assert sum(1 for v in vessels if v.get("imoNumber")) > 0.8 * len(vessels)
    assert sum(1 for p in planes if p.get("serialNumber")) > 0.5 * len(planes)


def test_ids_are_unique_and_stable(sdn2024: dict[str, Any]) -> None:
    ids = [e.id for e in sdn2024["entities"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("ofac-") for i in ids)


def test_legacy_four_file_set(lists_dir: Path) -> None:
    folder = lists_dir / "ofac_legacy_2021-07"
    loader, entities = load(folder)
    parties = [e for e in entities if e.schema.name in PARTIES]
    assert len(parties) == rows_in(folder / "sdn.csv") == 8976
    by_id = {e.id: e for e in entities}
    bank = by_id["ofac-306"]  # BANCO NACIONAL DE CUBA: alias from alt.csv and from Remarks
    assert {"NATIONAL BANK OF CUBA", "BNC"} <= set(bank.get("alias"))
    assert len(bank.get("address")) == 4
    # every party with a non-empty row in add.csv got an address
    with (folder / "add.csv").open(encoding="cp1252", newline="") as fh:
        with_address = {
            f"ofac-{row[0]}"
            for row in csv.reader(fh)
            if len(row) == 6 and any(v.strip() not in ("", "-0-") for v in row[2:5])
        }
    assert {p.id for p in parties if p.get("address")} == with_address
    # 12300's Remarks go on in sdn_comments.csv: "...PROMO RAI" + "Z S.A.S.; Linked To: ..."
    linked = [
        e for e in entities if e.schema.name == "UnknownLink" and e.get("subject") == ["ofac-12300"]
    ]
    assert len(linked) > 20
    assert loader.default_dataset() == "us_ofac_sdn"


def test_cons_set(lists_dir: Path) -> None:
    folder = lists_dir / "ofac_cons_legacy_2025-12"
    loader, entities = load(folder)
    parties = [e for e in entities if e.schema.name in PARTIES]
    assert len(parties) == rows_in(folder / "cons_prim.csv") == 442
    assert loader.default_dataset() == "us_ofac_cons"
    haniya = next(e for e in parties if e.id == "ofac-9639")
    assert haniya.get("birthDate") == ["1962"]
    assert {"HANIYA, Ismail", "HANIYYA, Ismaeel"} <= set(haniya.get("alias"))


def test_fixture_set_joins_files(fixtures_dir: Path) -> None:
    _, entities = load(fixtures_dir / "ofac" / "set")
    by_id = {e.id: e for e in entities}
    acme = by_id["ofac-100"]
    assert acme.schema.name == "LegalEntity"
    assert set(acme.get("alias")) == {"ACME", "ACME TRADERS"}
    assert acme.get("previousName") == ["OLD ACME"]
    assert acme.get("address") == ["12 Main St., Tehran, Iran"]
    assert acme.get("country") == ["ir"]
    assert acme.get("registrationNumber") == ["12345"]
    doe = by_id["ofac-200"]
    assert doe.get("weakAlias") == ["DOE, Johnny"]
    assert set(doe.get("birthDate")) == {"1970-03-02", "1971"}
    assert doe.get("passportNumber") == ["A1234567"]
    assert doe.get("birthPlace") == ["Tehran, Iran"]
    vessel = by_id["ofac-300"]
    assert vessel.schema.name == "Vessel"
    assert vessel.get("callSign") == ["9XYZ"]
    assert vessel.get("flag") == ["pa"]
    assert vessel.get("imoNumber") == ["IMO9187629"]
    # the comment file finishes the cut Remarks of 400: "Linked To: ACME TRA" + "DING CO., LTD."
    long = by_id["ofac-400"]
    assert long.get("website") == ["http://www.long.example/"]
    links = {
        (e.first("subject"), e.first("object")) for e in entities if e.schema.name == "UnknownLink"
    }
    assert links == {("ofac-200", "ofac-100"), ("ofac-300", "ofac-100"), ("ofac-400", "ofac-100")}
    owners = [e for e in entities if e.schema.name == "Ownership"]
    assert [(o.first("owner"), o.first("asset")) for o in owners] == [("ofac-100", "ofac-300")]
    sanction = sanction_of(entities, acme)
    assert set(sanction.get("program")) == {"SDGT", "IRAN"}


def test_lone_sdn_csv_from_the_set_still_loads(fixtures_dir: Path) -> None:
    _, entities = load(fixtures_dir / "ofac" / "set" / "sdn.csv")
    acme = next(e for e in entities if e.id == "ofac-100")
    assert acme.get("alias") == ["ACME"]  # only the Remarks a.k.a.; no alt.csv


def test_encodings_decode_without_mojibake(fixtures_dir: Path) -> None:
    for name in ("cp1252.csv", "utf8.csv"):
        _, entities = load(fixtures_dir / "ofac" / name)
        person = entities[0]
        assert person.get("name") == ["MÜLLER, Jürgen"], name
        assert person.get("lastName") == ["MÜLLER"]
    _, entities = load(fixtures_dir / "ofac" / "cp1252.csv")
    assert entities[0].get("birthPlace") == ["Köln"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("missing_column.csv", 2, "expected 12 columns"),
        ("bad_ent_num.csv", 2, "ent_num"),
        ("double_encoded.csv", 2, "double-encoded"),
        ("undecodable.csv", 2, "neither UTF-8 nor Windows-1252"),
        ("utf16.csv", 1, "UTF-16"),
    ],
)
def test_bad_csv_names_file_and_line(fixtures_dir: Path, name: str, line: int, words: str) -> None:
    path = fixtures_dir / "ofac" / name
    with pytest.raises(InputError) as info:
        list(OfacCsvLoader(Source(path)).entities())
    assert info.value.path is not None and info.value.path.endswith(name)
    assert info.value.line == line
    assert words in str(info.value)


def test_sniff_by_content(lists_dir: Path, fixtures_dir: Path) -> None:
    csv_files = [
        lists_dir / "ofac_sdn_2024-05-03.csv",
        lists_dir / "ofac_legacy_2021-07",
        lists_dir / "ofac_cons_legacy_2025-12",
        fixtures_dir / "ofac" / "set",
    ]
    others = [
        lists_dir / "ofac_cons_xml_2024-05-06.xml",
        lists_dir / "ofac_enhanced_irgc_2024-08-28.xml",
        lists_dir / "ofac_cons_enhanced_2025-01.zip",
        lists_dir / "us_csl_2022-04.csv.gz",
        lists_dir / "bis_dpl_2024-12.txt",
        lists_dir / "un_consolidated_2026-02-27.xml",
        lists_dir / "opensanctions_zala_2026-04.ftm.json",
        lists_dir / "uk_ofsi_conlist_2025-04-14.xlsx",
        lists_dir / "ofac_legacy_2021-07" / "add.csv",
    ]
    for path in csv_files:
        source = Source(path)
        assert OfacCsvLoader.sniff(source), path
        assert not OfacXmlLoader.sniff(source), path
        assert not OfacEnhancedLoader.sniff(source), path
    for path in others:
        assert not OfacCsvLoader.sniff(Source(path)), path
