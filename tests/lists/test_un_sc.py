"""UN Security Council consolidated XML loader: the real list and hostile fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.source import Source
from tracewire.lists.un_sc import UnScLoader, root_name

UN = "un_consolidated_2026-02-27.xml"


def load(path: Path) -> tuple[UnScLoader, list[EntityProxy]]:
    loader = UnScLoader(Source(path))
    return loader, list(loader.entities())


@pytest.fixture(scope="module")
def real(lists_dir: Path) -> tuple[UnScLoader, list[EntityProxy]]:
    return load(lists_dir / UN)


def _script(entities: list[EntityProxy], first: int, last: int) -> int:
    return sum(
        1
        for e in entities
        for alias in e.get("alias", quiet=True)
        if any(first <= ord(c) <= last for c in alias)
    )


def test_counts_and_published(real: tuple[UnScLoader, list[EntityProxy]]) -> None:
    loader, entities = real
    schemata = Counter(e.schema.name for e in entities)
    assert schemata["Person"] == 730
    assert schemata["Organization"] + schemata["Company"] == 273
    assert schemata["Sanction"] == 1003
    assert loader.published == "2026-02-27"
    assert all((e.id or "").startswith("un-") for e in entities)


def test_original_scripts_are_aliases(real: tuple[UnScLoader, list[EntityProxy]]) -> None:
    _loader, entities = real
    assert _script(entities, 0x0600, 0x06FF) > 100  # Arabic
    assert _script(entities, 0x0400, 0x04FF) > 0  # Cyrillic
    assert _script(entities, 0x4E00, 0x9FFF) > 0  # Chinese


def test_known_individual(real: tuple[UnScLoader, list[EntityProxy]]) -> None:
    _loader, entities = real
    by_id = {e.id: e for e in entities}
    person = by_id["un-6907994"]
    assert person.get("name") == ["FRANK KAKOLELE BWAMBALE"]
    assert "AIGLE BLANC" in person.get("alias")
    assert person.get("nationality") == ["cd"]
    sanction = by_id["un-6907994-sanction"]
    assert sanction.get("program") == ["DRC"]
    assert sanction.get("authorityId") == ["CDi.002"]
    assert sanction.get("listingDate") == ["2005-11-01"]
    low = by_id["un-6907995"]
    assert "Rumuli" in low.get("weakAlias")


def test_fixture_fields(fixtures_dir: Path) -> None:
    loader, entities = load(fixtures_dir / "un_sc" / "small.xml")
    by_id = {e.id: e for e in entities}
    person = by_id["un-100"]
    assert set(person.get("birthDate")) == {"1970", "1971", "1972", "1971-03-04"}
    assert person.get("alias") == ["Иван Петров", "Vanya Petrov"]
    assert person.get("weakAlias") == ["Vanya"]
    assert person.get("passportNumber") == ["P123456"]
    assert person.get("idNumber") == ["ID-77"]
    assert person.get("birthCountry") == ["ru"]
    org = by_id["un-200"]
    assert org.schema.name == "Company"
    assert org.get("previousName") == ["SEA TRADING"]
    assert org.get("country") == ["kp"]
    assert loader.published == "2025-01-02"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "malformed XML"),
        ("malformed.xml", "malformed XML"),
        ("billion_laughs.xml", "declares entities"),
        ("xxe.xml", "declares entities"),
        ("no_dataid.xml", "DATAID"),
    ],
)
def test_bad_xml_is_input_error(fixtures_dir: Path, name: str, message: str) -> None:
    path = fixtures_dir / "un_sc" / name
    with pytest.raises(InputError, match=message) as err:
        load(path)
    assert str(path) in str(err.value)
    if name in ("truncated.xml", "malformed.xml", "no_dataid.xml"):
        assert err.value.line is not None


def test_wrong_root_refused(fixtures_dir: Path) -> None:
    with pytest.raises(InputError, match="CONSOLIDATED_LIST"):
        load(fixtures_dir / "eu_fsf" / "small.xml")


def test_root_name() -> None:
    assert root_name(b'<?xml version="1.0"?>\n<!-- c --><a:CONSOLIDATED_LIST x="1">') == (
        "CONSOLIDATED_LIST"
    )
    assert root_name(b"no xml here") is None


def test_sniff_only_own_files(lists_dir: Path) -> None:
    for path in sorted(lists_dir.iterdir()):
        assert UnScLoader.sniff(Source(path)) == (path.name == UN), path.name
