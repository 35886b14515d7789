"""Parts quality cases as a table: marking, brand, year -> status, maker, maker at date, owner
today, HQ country (after nomenklatura's tests/matching/logic_v2/test_model_cases.py).

``maker`` is the first candidate (the maker of the family's line when the part can first have
been made); ``at date`` the owner of the line at the date code (or ``year``); ``owner today``
who owns it now; ``hq`` the HQ country of the maker at date (or of the maker, undated). A new
case is one line here; a case that needs more than these columns gets its own test.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from tracewire.parts.maker_decision import resolve


class Case(NamedTuple):
    marking: str
    brand: str | None
    year: int | None
    status: str
    maker: str | None
    at_date: str | None
    owner_today: str | None
    hq: str | None


CASES = [
    # acquisitions: the date code says which owner of the line made the part
    Case("MAX3485ESA+ 2146", None, None, "resolved", "maxim", "adi", "adi", "US"),
    Case("MAX3485ESA+ 1846", None, None, "resolved", "maxim", "maxim", "adi", "US"),
    Case("MAX3485ESA+", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("MAX3485ESA+ 2146", None, 2015, "resolved", "maxim", "maxim", "adi", "US"),  # year wins
    Case("IRF7413TRPBF 1905", None, None, "resolved", "ir", "infineon", "infineon", "DE"),
    Case("IRF7413TRPBF 1205", None, None, "resolved", "ir", "ir", "infineon", "US"),
    Case("XC7Z020 CLG400ACX2212", None, None, "resolved", "xilinx", "amd", "amd", "US"),
    Case("XC7Z020 CLG400ACX1812", None, None, "resolved", "xilinx", "xilinx", "amd", "US"),
    Case("MS5611-01BA03 1502", None, None, "resolved", "meas", "te", "te", "CH"),  # TE from 2014-10
    Case("MS5611-01BA03 1402", None, None, "resolved", "meas", "meas", "te", "US"),
    # Dallas: independent in 1999, Maxim's from 2001-04-11, ADI's from 2021-08-26
    Case("DS1307Z 9935", None, None, "resolved", "dallas", "dallas", "adi", "US"),
    Case("DS1307Z 1005", None, None, "resolved", "dallas", "maxim", "adi", "US"),
    Case("DS1307Z 2234", None, None, "resolved", "dallas", "adi", "adi", "US"),
    Case("DS18B20 9935", None, None, "resolved", "dallas", "dallas", "adi", "US"),
    # a lead-free mark dates the part after 2003: Maxim's line by then
    Case("DS1307Z+", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("DS18B20+", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("DS3231SN#", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("DS1307Z E3", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("DS1307Z", None, None, "resolved", "dallas", None, "adi", "US"),
    Case("DS18B20", None, None, "resolved", "dallas", None, "adi", "US"),
    # a family introduced after its maker was bought is the acquirer's
    Case("MKW41Z512VHT4", None, None, "resolved", "nxp", None, "nxp", "NL"),
    Case("MK64FN1M0VLL12 1830", None, None, "resolved", "freescale", "nxp", "nxp", "NL"),
    # date code older than the part can be: kept, but not trusted (see test_dating)
    Case("DS18B20+ 9935", None, None, "resolved", "maxim", "dallas", "adi", "US"),
    Case("MKW41Z512VHT4 1405", None, None, "resolved", "nxp", "freescale", "nxp", "US"),
    # a brand settles a second-sourced part
    Case("TI LM358DR", None, None, "resolved", "ti", None, "ti", "US"),
    Case("LM358DR", "Texas Instruments", None, "resolved", "ti", None, "ti", "US"),
    Case("ST LM317T 1912", None, None, "resolved", "st", "st", "st", "CH"),
    Case("ON 2N3904", None, None, "resolved", "onsemi", None, "onsemi", "US"),
    Case("ULN2803A", "ST", None, "resolved", "st", None, "st", "CH"),
    Case("MAXIM MAX232CPE", None, None, "resolved", "maxim", None, "adi", "US"),
    Case("IRF7413TRPBF", "Infineon", None, "resolved", "ir", None, "infineon", "US"),
    # second source without a brand, or a brand contradicting the family: ambiguous
    Case("LM358DR", None, None, "ambiguous", "ti", None, None, None),
    Case("GD STM32F103C8T6", None, None, "ambiguous", "st", None, None, None),
    # no rule: unresolved, unless a brand is marked (then not confident: see test_maker_decision)
    Case("QQZ77", None, None, "unresolved", None, None, None, None),
    Case("HX711 1934", None, None, "unresolved", None, None, None, None),
    Case("QQZ77", "Microchip", None, "resolved", "microchip", None, "microchip", "US"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.marking}|{c.brand}|{c.year}" for c in CASES])
def test_case(case: Case) -> None:
    res = resolve(case.marking, brand=case.brand, year=case.year)
    got = Case(
        case.marking,
        case.brand,
        case.year,
        res.status,
        res.candidates[0].maker_id if res.candidates else None,
        res.maker_at_date,
        res.owner_today,
        res.hq_country,
    )
    assert got == case
