"""OFAC Enhanced XML: the IRGC extract, the zipped consolidated list, a fixture, bad input."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.ofac_csv import OfacCsvLoader
from tracewire.lists.ofac_enhanced import OfacEnhancedLoader
from tracewire.lists.ofac_xml import OfacXmlLoader
from tracewire.lists.source import Source

PARTIES = {"Person", "LegalEntity", "Vessel", "Airplane"}
ARABIC = re.compile("[\u0600-\u06ff]")


def load(path: Path) -> tuple[OfacEnhancedLoader, list[EntityProxy]]:
    loader = OfacEnhancedLoader(Source(path))
    return loader, list(loader.entities())


@pytest.fixture(scope="module")
def irgc(lists_dir: Path) -> dict[str, Any]:
    path = lists_dir / "ofac_enhanced_irgc_2024-08-28.xml"
    loader, entities = load(path)
    return {"path": path, "loader": loader, "entities": entities}


def test_irgc_counts_match_the_file(irgc: dict[str, Any]) -> None:
    text = irgc["path"].read_text(encoding="utf-8")
    entities = irgc["entities"]
    parties = [e for e in entities if e.schema.name in PARTIES]
    assert len(parties) == len(re.findall(r"<entity id=", text)) == 293
    relations = [e for e in entities if e.schema.name in ("Ownership", "UnknownLink")]
    assert len(relations) == len(re.findall(r"<relationship id=", text)) == 229
    assert irgc["loader"].relationship_count == 229
    assert irgc["loader"].published == "2024-08-28"
    assert irgc["loader"].default_dataset() == "us_ofac_sdn"


def test_irgc_relationship_kinds(irgc: dict[str, Any]) -> None:
    entities = irgc["entities"]
    owned = [e for e in entities if e.schema.name == "Ownership"]
    links = [e for e in entities if e.schema.name == "UnknownLink"]
    assert len(owned) == 67
    assert all(o.get("role") == ["Owned or Controlled By"] for o in owned)
    roles = {r for link in links for r in link.get("role")}
    assert "Acting for or on behalf of" in roles
    assert "Owned or Controlled By" not in roles
    assert all(link.id.startswith("ofac-rel-") for link in owned + links)
    # IRANIAN ATLAS COMPANY (26527) is owned or controlled by ANSAR BANK (12478)
    atlas = [o for o in owned if o.get("asset") == ["ofac-26527"]]
    assert [o.get("owner") for o in atlas] == [["ofac-12478"]]


def test_irgc_arabic_names_and_shahed(irgc: dict[str, Any]) -> None:
    parties = [e for e in irgc["entities"] if e.schema.name in PARTIES]
    with_arabic = [p for p in parties if any(ARABIC.search(a) for a in p.get("alias"))]
    assert len(with_arabic) > 50
    # names keep their text only: the bidi marks OFAC wraps them in are gone
    assert not any("\u202b" in a for p in with_arabic for a in p.get("alias"))
    shahed = next(
        p for p in parties if "SHAHED AVIATION INDUSTRIES RESEARCH CENTER" in p.get("name")
    )
    assert shahed.id == "ofac-39637"  # the same id as its ent_num in sdn.csv
    names = set(shahed.get("alias")) | set(shahed.get("weakAlias"))
    assert {"SAIRC", "SAIC"} <= names
    assert any(ARABIC.search(a) for a in shahed.get("alias"))


def test_cons_zip(lists_dir: Path) -> None:
    loader, entities = load(lists_dir / "ofac_cons_enhanced_2025-01.zip")
    parties = [e for e in entities if e.schema.name in PARTIES]
    assert len(parties) == loader.entity_count == 443
    assert loader.default_dataset() == "us_ofac_cons"
    assert loader.published == "2025-01-10"
    haniya = next(p for p in parties if p.id == "ofac-9639")
    assert haniya.get("name") == ["HANIYA, Ismail Abdul Salah"]
    assert haniya.get("birthDate") == ["1962"]


def test_small_fixture(fixtures_dir: Path) -> None:
    _, entities = load(fixtures_dir / "ofac" / "enhanced_small.xml")
    by_id = {e.id: e for e in entities}
    doe = by_id["ofac-200"]
    assert doe.schema.name == "Person"
    assert doe.get("name") == ["DOE, John Michael"]
    assert doe.get("firstName") == ["John Michael"]
    assert doe.get("lastName") == ["DOE"]
    assert doe.get("alias") == ["جون دو"]
    assert doe.get("weakAlias") == ["JD"]
    assert doe.get("previousName") == ["ROE, John"]
    assert doe.get("birthDate") == ["1970-03-02"]
    assert doe.get("nationality") == ["ir"]
    assert doe.get("gender") == ["male"]
    assert doe.get("passportNumber") == ["A1234567"]
    assert doe.get("idNumber") == ["0012345678"]
    assert doe.get("address") == ["12 Main St., Dubai, United Arab Emirates"]
    sanction = by_id["ofac-200-sanction"]
    assert set(sanction.get("program")) == {"SDGT", "IRGC"}
    assert sanction.get("listingDate") == ["2019-03-26"]
    assert sanction.get("provisions") == ["Block"]
    assert by_id["ofac-300"].get("registrationNumber") == ["998877"]
    link = by_id["ofac-rel-8156"]
    assert (link.schema.name, link.get("subject"), link.get("object")) == (
        "UnknownLink",
        ["ofac-200"],
        ["ofac-100"],
    )
    own = by_id["ofac-rel-8157"]
    assert (own.schema.name, own.get("owner"), own.get("asset")) == (
        "Ownership",
        ["ofac-100"],
        ["ofac-300"],
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("enhanced_truncated.xml", "malformed XML"),
        ("enhanced_malformed.xml", "malformed XML"),
        ("xxe.xml", "declares entities"),
    ],
)
def test_bad_xml_fails_fast(fixtures_dir: Path, name: str, words: str) -> None:
    path = fixtures_dir / "ofac" / name
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        list(OfacEnhancedLoader(Source(path)).entities())
    assert time.monotonic() - started < 2
    assert info.value.path is not None and info.value.path.endswith(name)
    assert words in str(info.value)
    assert "root:" not in str(info.value)  # /etc/passwd never read into the message


def test_zip_without_xml(tmp_path: Path) -> None:
    path = tmp_path / "SDN_ENHANCED.ZIP"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.md", "no list here")
    with pytest.raises(InputError) as info:
        OfacEnhancedLoader.sniff(Source(path))
    assert str(path) in str(info.value)


def test_sniff_by_content(lists_dir: Path, fixtures_dir: Path) -> None:
    for path in (
        lists_dir / "ofac_enhanced_irgc_2024-08-28.xml",
        lists_dir / "ofac_cons_enhanced_2025-01.zip",
        fixtures_dir / "ofac" / "enhanced_small.xml",
    ):
        source = Source(path)
        assert OfacEnhancedLoader.sniff(source), path
        assert not OfacXmlLoader.sniff(source), path
        assert not OfacCsvLoader.sniff(source), path
    for other in ("ofac_cons_xml_2024-05-06.xml", "un_consolidated_2026-02-27.xml"):
        assert not OfacEnhancedLoader.sniff(Source(lists_dir / other)), other
