"""Dating a part: date code, lead-free ordering mark, family introduction year.

The maker (first candidate) is the owner of the family's line when the part can first have
been made; the maker at date is the owner at the date code; without a date code the evidence
lists the line's owners; a date code older than the part can be is not trusted.
"""

from __future__ import annotations

from datetime import date

import pytest

from tracewire.parts.maker_decision import CONFIDENT, resolve
from tracewire.parts.makers import load_makers
from tracewire.parts.marking import decode
from tracewire.parts.rules import earliest_made, load_rules

LEAD_FREE_SINCE = date(2003, 1, 27)


# the owner at each date code of a Dallas part: tests/parts/test_quality_cases.py


def test_dallas_part_before_the_acquisition_is_not_maxims() -> None:
    """The DS line was Dallas's: a DS part made in 1999 must not be put on Maxim."""
    res = resolve("DS18B20 9935")
    assert (res.candidates[0].maker_id, res.maker_at_date) == ("dallas", "dallas")
    assert res.candidates[0].confidence >= CONFIDENT


@pytest.mark.parametrize(
    ("marking", "maker"),
    [
        ("DS1307Z+", "maxim"),
        ("DS18B20+", "maxim"),
        ("DS3231SN#", "maxim"),  # '#': RoHS ordering code, as '+'
        ("DS1307Z E3", "maxim"),  # a lead-free mark printed apart from the part number
        ("DS1307Z", "dallas"),  # no lead-free mark: nothing dates it after 2001
        ("DS18B20", "dallas"),
    ],
)
def test_lead_free_mark_dates_the_part_after_the_transition(marking: str, maker: str) -> None:
    res = resolve(marking)
    assert res.status == "resolved"
    assert res.candidates[0].maker_id == maker
    assert res.maker_at_date is None  # no date code: no owner at a date
    lead_free = any("lead-free" in e for e in res.candidates[0].evidence)
    assert lead_free == (maker == "maxim")
    if maker == "maxim":
        assert res.earliest == LEAD_FREE_SINCE
        assert res.candidates[0].confidence >= CONFIDENT


def test_lead_free_mark_does_not_move_a_maker_that_was_not_bought_before() -> None:
    """Maxim was independent in 2003: MAX3485ESA+ stays Maxim's, dated or not."""
    assert resolve("MAX3485ESA+").candidates[0].maker_id == "maxim"
    res = resolve("MAX3485ESA+ 2146")
    assert (res.candidates[0].maker_id, res.maker_at_date) == ("maxim", "adi")


def test_earliest_made_from_the_rules() -> None:
    rules = load_rules()
    assert rules.lead_free_since == LEAD_FREE_SINCE
    ds = rules.rules["maxim_ds"]
    assert ds.maker == "dallas" and ds.introduced is None
    assert earliest_made(ds, {"lead_free": "+"})[0] == LEAD_FREE_SINCE
    assert earliest_made(ds, {"package": "Z"}) == (None, "")
    kw = rules.rules["nxp_kinetis_w"]
    assert kw.introduced == 2016
    assert earliest_made(kw, {})[0] == date(2016, 1, 1)
    # the later of the two facts wins
    assert earliest_made(kw, {"lead_free": "+"})[0] == date(2016, 1, 1)


def test_ti_automotive_grade_is_not_a_lead_free_mark() -> None:
    decoded = decode("TPS7A4701QRGWRQ1")
    assert "lead_free" not in decoded.suffixes
    assert decoded.suffixes.get("option") == "Q1"
    assert decode("LM358DRG4").suffixes.get("lead_free") == "G4"


def test_family_introduced_after_its_maker_was_bought_goes_to_the_acquirer() -> None:
    """Kinetis is Freescale's line; KW41Z was introduced in 2016, after NXP merged Freescale."""
    res = resolve("MKW41Z512VHT4")
    assert res.status == "resolved"
    assert res.candidates[0].maker_id == "nxp"
    assert res.candidates[0].confidence >= CONFIDENT
    assert (res.owner_today, res.hq_country) == ("nxp", "NL")
    assert any("introduced in 2016" in e for e in res.candidates[0].evidence)
    # an older Kinetis family stays Freescale's; its date code gives the owner then
    old = resolve("MK64FN1M0VLL12 1830")
    assert (old.candidates[0].maker_id, old.maker_at_date, old.hq_country) == (
        "freescale",
        "nxp",
        "NL",
    )


def test_every_introduced_rule_resolves_to_the_owner_at_its_introduction() -> None:
    makers = load_makers()
    introduced = [r for r in load_rules().rules.values() if r.introduced is not None]
    assert introduced
    for rule in introduced:
        owner = makers[rule.maker].owner_at(date(rule.introduced or 0, 1, 1))
        assert owner != rule.maker, f"{rule.id}: 'introduced' changes nothing, drop it"


@pytest.mark.parametrize(
    ("marking", "at_date"),
    [
        ("DS18B20+ 9935", "dallas"),  # lead-free mark, but dated 1999
        ("MKW41Z512VHT4 1405", "freescale"),  # KW41Z (2016) dated 2014
    ],
)
def test_date_code_older_than_the_part_can_be_is_not_confident(marking: str, at_date: str) -> None:
    res = resolve(marking)
    assert res.status == "resolved"
    assert res.candidates[0].confidence < CONFIDENT
    assert res.maker_at_date == at_date
    assert "re-marked part or a misread date code" in res.reason


def _lineage(marking: str) -> list[str]:
    res = resolve(marking)
    return [e for e in res.candidates[0].evidence if e.startswith("no date code")]


def test_without_a_date_code_the_lineage_is_reported() -> None:
    assert _lineage("MS5611-01BA03") == [
        "no date code to say which owner of the line made it: Measurement Specialties, "
        "then TE Connectivity from 2014-10-09"
    ]
    # lead-free: made in 2003 or later, so Dallas itself is not among the possible makers
    assert _lineage("DS18B20+") == [
        "no date code to say which owner of the line made it: Maxim Integrated, "
        "then Analog Devices from 2021-08-26"
    ]
    assert _lineage("STM32F405RGT6") == []  # ST's line never changed hands
    assert _lineage("MAX3485ESA+ 2146") == []  # dated: the maker at date says it
