"""OFAC classic XML (sdnList): the real consolidated file, a small fixture, hostile XML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.ofac_csv import OfacCsvLoader
from tracewire.lists.ofac_enhanced import OfacEnhancedLoader
from tracewire.lists.ofac_xml import OfacXmlLoader
from tracewire.lists.source import Source

PARTIES = {"Person", "LegalEntity", "Vessel", "Airplane"}


def load(path: Path) -> tuple[OfacXmlLoader, list[EntityProxy]]:
    loader = OfacXmlLoader(Source(path))
    return loader, list(loader.entities())


def test_cons_xml_count_matches_record_count(lists_dir: Path) -> None:
    loader, entities = load(lists_dir / "ofac_cons_xml_2024-05-06.xml")
    parties = [e for e in entities if e.schema.name in PARTIES]
    assert loader.record_count == 443
    assert len(parties) == loader.record_count
    assert sum(1 for e in entities if e.schema.name == "Sanction") == 443
    assert loader.published == "2024-05-06"
    assert loader.default_dataset() == "us_ofac_cons"


def test_same_party_same_id_as_legacy_csv(lists_dir: Path) -> None:
    _, xml_entities = load(lists_dir / "ofac_cons_xml_2024-05-06.xml")
    csv_loader = OfacCsvLoader(Source(lists_dir / "ofac_cons_legacy_2025-12"))
    csv_names = {e.id: e.first("name") for e in csv_loader.entities() if e.schema.name in PARTIES}
    xml_names = {e.id: e.first("name") for e in xml_entities if e.schema.name in PARTIES}
    shared = set(csv_names) & set(xml_names)
    assert len(shared) > 400
    same = sum(1 for i in shared if csv_names[i] == xml_names[i])
    assert same > 0.95 * len(shared)
    assert xml_names["ofac-9639"] == csv_names["ofac-9639"] == "HANIYA, Ismail Abdul Salah"


def test_dataset_by_content_when_the_name_says_nothing(lists_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "list.xml"
    renamed.write_bytes((lists_dir / "ofac_cons_xml_2024-05-06.xml").read_bytes())
    assert OfacXmlLoader(Source(renamed)).default_dataset() == "us_ofac_cons"


def test_small_fixture(fixtures_dir: Path) -> None:
    loader, entities = load(fixtures_dir / "ofac" / "sdn_small.xml")
    assert loader.default_dataset() == "us_ofac_sdn"
    assert loader.published == "2024-05-03"
    by_id = {e.id: e for e in entities}
    doe = by_id["ofac-200"]
    assert doe.schema.name == "Person"
    assert doe.get("name") == ["DOE, John Michael"]
    assert doe.get("lastName") == ["DOE"]
    assert doe.get("alias") == ["DOE, Johnny"]
    assert doe.get("weakAlias") == ["JD"]
    assert doe.get("previousName") == ["ROE, John"]
    assert set(doe.get("birthDate")) == {"1970-03-02", "1960", "1961", "1962"}
    assert doe.get("nationality") == ["ir"]
    assert doe.get("citizenship") == ["iq"]
    assert doe.get("passportNumber") == ["A1234567"]
    assert doe.get("gender") == ["male"]
    assert doe.get("position") == ["Director"]
    assert doe.get("address") == ["Dubai, United Arab Emirates"]
    acme = by_id["ofac-100"]
    assert acme.schema.name == "LegalEntity"
    assert acme.get("registrationNumber") == ["12345"]
    assert acme.get("notes") == ["Some New Label: XYZ"]
    vessel = by_id["ofac-300"]
    assert vessel.get("imoNumber") == ["IMO9187629"]
    assert vessel.get("flag") == ["pa"]
    assert set(by_id["ofac-200-sanction"].get("program")) == {"SDGT", "IRAN"}
    links = [e for e in entities if e.schema.name == "UnknownLink"]
    assert [(e.first("subject"), e.first("object")) for e in links] == [("ofac-200", "ofac-100")]


@pytest.mark.parametrize(
    ("name", "words", "line"),
    [
        ("truncated.xml", "malformed XML", 25),
        ("malformed.xml", "malformed XML", 36),
        ("billion_laughs.xml", "declares entities", None),
    ],
)
def test_bad_xml_fails_fast_naming_the_file(
    fixtures_dir: Path, name: str, words: str, line: int | None
) -> None:
    path = fixtures_dir / "ofac" / name
    assert OfacXmlLoader.sniff(Source(path))
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        list(OfacXmlLoader(Source(path)).entities())
    assert time.monotonic() - started < 2
    assert info.value.path is not None and info.value.path.endswith(name)
    assert words in str(info.value)
    assert info.value.line == line


def test_sniff_by_content(lists_dir: Path, fixtures_dir: Path) -> None:
    assert OfacXmlLoader.sniff(Source(lists_dir / "ofac_cons_xml_2024-05-06.xml"))
    assert OfacXmlLoader.sniff(Source(fixtures_dir / "ofac" / "sdn_small.xml"))
    assert not OfacEnhancedLoader.sniff(Source(lists_dir / "ofac_cons_xml_2024-05-06.xml"))
    for other in (
        "ofac_enhanced_irgc_2024-08-28.xml",
        "ofac_cons_enhanced_2025-01.zip",
        "ofac_sdn_xml.xsd",
        "un_consolidated_2026-02-27.xml",
        "eu_fsf_sample_2020-04-15.xml",
        "ofac_sdn_2024-05-03.csv",
    ):
        assert not OfacXmlLoader.sniff(Source(lists_dir / other)), other
