"""EU Financial Sanctions Files XML v1.1 loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.eu_fsf import EuFsfLoader, is_latin
from tracewire.lists.source import Source

EU = "eu_fsf_sample_2020-04-15.xml"


def load(path: Path) -> tuple[EuFsfLoader, list[EntityProxy]]:
    loader = EuFsfLoader(Source(path))
    return loader, list(loader.entities())


def test_sample(lists_dir: Path) -> None:
    loader, entities = load(lists_dir / EU)
    parties = {e.id: e for e in entities if e.schema.name != "Sanction"}
    # 7 entries; logicalId 5468 is printed twice and merged into one entity
    assert len(parties) == 6
    assert len([e for e in entities if e.schema.name == "Sanction"]) == 6
    assert {"Sok-hwa Hwang", "TestOneWord"} <= set(
        parties["eu-5468"].get("name") + parties["eu-5468"].get("alias")
    )
    assert loader.published == "2020-04-15"
    person = parties["eu-5295"]
    assert person.get("name") == ["Abid Hammadou"]
    assert {"Abdelhamid Abou Zeid", "Youcef Adel", "Abou Abdellah"} <= set(person.get("alias"))
    assert "1965-12-12" in person.get("birthDate")
    assert person.get("nationality") == ["dz"]
    sanction = next(e for e in entities if e.id == "eu-5295-sanction")
    assert sanction.get("program") == ["TAQA"]
    assert sanction.get("authorityId") == ["EU.2026.82"]
    assert sanction.get("listingDate") == ["2008-07-03"]


def test_fixture_enterprise_and_scripts(fixtures_dir: Path) -> None:
    loader, entities = load(fixtures_dir / "eu_fsf" / "small.xml")
    by_id = {e.id: e for e in entities}
    org = by_id["eu-9001"]
    assert org.schema.name == "Company"
    assert org.get("name") == ["Joint Stock Company Example Avia"]
    assert org.get("alias") == ["АО Пример Авиа"]
    assert org.get("weakAlias") == ["EXAV"]
    assert org.get("registrationNumber") == ["1234567890"]
    assert org.get("country") == ["ru"]
    person = by_id["eu-9002"]
    assert person.get("gender") == ["female"]
    assert person.get("passportNumber") == ["7201234567"]
    assert person.get("alias") == ["Ольга Иванова"]
    assert by_id["eu-9002-sanction"].get("unscId") == ["KPi.1"]
    assert loader.published == "2024-03-05"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "malformed XML"),
        ("xxe.xml", "entities"),
        ("no_logical_id.xml", "logicalId"),
    ],
)
def test_bad_files(fixtures_dir: Path, name: str, message: str) -> None:
    path = fixtures_dir / "eu_fsf" / name
    with pytest.raises(InputError, match=message) as err:
        load(path)
    assert str(path) in str(err.value)


def test_is_latin() -> None:
    assert is_latin("Abid Hammadou-Zeïd")
    assert not is_latin("Ольга")
    assert not is_latin("محمد")


def test_sniff_only_own_files(lists_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        assert EuFsfLoader.sniff(Source(path)) == (path.name == EU), path.name
