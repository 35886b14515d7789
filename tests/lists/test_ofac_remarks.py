"""Remarks parsing: OFAC's labelled facts to FtM values (table-driven)."""

from __future__ import annotations

import pytest
from followthemoney import model

from tracewire.lists.ofac_remarks import (
    apply_values,
    label_values,
    parse_remarks,
    split_remarks,
)

REMARKS_CASES = [
    ("DOB 11 Jul 1951", [("birthDate", "1951-07-11")]),
    ("DOB 1962", [("birthDate", "1962")]),
    ("DOB circa 1958", [("birthDate", "1958")]),
    ("DOB 1960 to 1962", [("birthDate", "1960"), ("birthDate", "1961"), ("birthDate", "1962")]),
    ("DOB Jul 1951", [("birthDate", "1951-07")]),
    ("DOB 01 Jan 1960 to 31 Dec 1960", [("birthDate", "1960-01-01"), ("birthDate", "1960-12-31")]),
    ("alt. DOB 02 May 1968", [("birthDate", "1968-05-02")]),
    (
        "POB St. Petersburg, Russian Federation",
        [("birthPlace", "St. Petersburg, Russian Federation")],
    ),
    ("nationality Russia", [("nationality", "Russia")]),
    ("citizen Iran", [("citizenship", "Iran")]),
    ("Gender Male", [("gender", "male")]),
    ("Passport D10003923 (Iran) expires 15 Aug 2023", [("passportNumber", "D10003923")]),
    ("alt. Passport N42881363 (Iran)", [("passportNumber", "N42881363")]),
    ("National ID No. 5929869741 (Iran)", [("idNumber", "5929869741")]),
    ("Cedula No. 71617548 (Colombia)", [("idNumber", "71617548")]),
    ("Tax ID No. 7744001497 (Russia)", [("taxNumber", "7744001497")]),
    ("Registration ID 1027700167110 (Russia)", [("registrationNumber", "1027700167110")]),
    ("Registration Number 483250 (Iran)", [("registrationNumber", "483250")]),
    ("Vessel Registration Identification IMO 9187629", [("imoNumber", "IMO 9187629")]),
    ("MMSI 636016432", [("mmsi", "636016432")]),
    ("Website http://www.shahedaviation.com", [("website", "http://www.shahedaviation.com")]),
    ("Email Address info@example.com", [("email", "info@example.com")]),
    ("Phone Number 8613314257947", [("phone", "8613314257947")]),
    ("Aircraft Manufacturer's Serial Number (MSN) 1234", [("serialNumber", "1234")]),
    ("Aircraft Model IL-76", [("model", "IL-76")]),
    ("Aircraft Tail Number EP-ABC", [("registrationNumber", "EP-ABC")]),
    ("Organization Established Date 08 Jul 2000", [("incorporationDate", "2000-07-08")]),
    ("a.k.a. 'SAIRC'", [("alias", "SAIRC")]),
    ("f.k.a. 'OLD NAME LLC'", [("previousName", "OLD NAME LLC")]),
    ("n.k.a. 'NEW NAME'", [("alias", "NEW NAME")]),
    ("a.k.a. 'SHI'A GROUP'", [("alias", "SHI'A GROUP")]),
    (
        "Additional Sanctions Information - Subject to Secondary Sanctions",
        [("sanction:provisions", "Subject to Secondary Sanctions")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), REMARKS_CASES)
def test_remarks_segment(text: str, expected: list[tuple[str, str]]) -> None:
    parsed = parse_remarks(text + ".")
    assert parsed.values == expected
    assert parsed.links == []


def test_whole_remarks_text_with_links_and_notes() -> None:
    parsed = parse_remarks(
        "Website http://www.shahedaviation.com; a.k.a. 'SAIRC'; a.k.a. 'SAIC'; "
        "Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE; Linked To: ACME, INC.; "
        "ICTY indictee."
    )
    assert ("alias", "SAIRC") in parsed.values
    assert ("alias", "SAIC") in parsed.values
    assert parsed.links == ["ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE", "ACME, INC"]
    assert parsed.notes == ["ICTY indictee"]


@pytest.mark.parametrize("empty", [None, "", "-0-", "   "])
def test_empty_remarks(empty: str | None) -> None:
    parsed = parse_remarks(empty)
    assert (parsed.values, parsed.links, parsed.notes) == ([], [], [])


def test_split_keeps_semicolons_inside_quoted_names() -> None:
    assert split_remarks("a.k.a. 'A; B'; DOB 1962") == ["a.k.a. 'A; B'", "DOB 1962"]


def test_unknown_label_becomes_a_note() -> None:
    assert label_values("Some New Label", "XYZ") == [("notes", "Some New Label: XYZ")]
    assert label_values("Passport", "-0-") == []


def test_apply_values_falls_back_when_schema_lacks_the_property() -> None:
    entity = model.make_entity("LegalEntity")
    entity.id = "ofac-1"
    sanction = model.make_entity("Sanction")
    sanction.id = "ofac-1-sanction"
    apply_values(
        entity,
        [
            ("passportNumber", "P123"),
            ("imoNumber", "IMO 9187629"),
            ("mmsi", "636016432"),
            ("sanction:provisions", "Subject to Secondary Sanctions"),
        ],
        sanction,
    )
    assert entity.get("idNumber") == ["P123"]
    assert entity.get("registrationNumber") == ["IMO 9187629"]
    assert entity.get("notes") == ["mmsi: 636016432"]
    assert sanction.get("provisions") == ["Subject to Secondary Sanctions"]
