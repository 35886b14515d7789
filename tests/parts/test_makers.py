"""Maker knowledge base: size, integrity, names, and the acquisition timeline."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tracewire.parts.makers import find_maker, load_makers, maker_key, same_lineage


def test_at_least_120_makers_with_valid_fields() -> None:
    makers = load_makers()
    assert len(makers) >= 120
    for maker in makers.values():
        assert maker.name
        assert maker.hq_country is None or re.fullmatch(r"[A-Z]{2}", maker.hq_country)
        assert all(isinstance(b, str) for b in maker.brands)
        assert [a.date for a in maker.acquisitions] == sorted(a.date for a in maker.acquisitions)


@pytest.mark.parametrize(
    ("maker", "when", "owner"),
    [
        ("xilinx", "2022-02-13", "xilinx"),
        ("xilinx", "2022-02-14", "amd"),
        ("maxim", "2021-08-25", "maxim"),
        ("maxim", "2021-08-26", "adi"),
        ("linear", "2017-03-09", "linear"),
        ("linear", "2017-03-10", "adi"),
        ("atmel", "2016-04-04", "microchip"),
        ("microsemi", "2018-05-29", "microchip"),
        ("ir", "2015-01-12", "ir"),
        ("ir", "2015-01-13", "infineon"),
        ("cypress", "2020-04-16", "infineon"),
        ("fairchild", "2016-09-19", "onsemi"),
        ("freescale", "2015-12-07", "nxp"),
        ("national", "2011-09-23", "ti"),
        ("intersil", "2017-02-24", "renesas"),
        ("idt", "2019-03-29", "renesas"),
        ("altera", "2015-12-28", "intel"),
        ("dialog", "2021-08-31", "renesas"),
        ("hittite", "2014-07-22", "adi"),
        # chains: Dallas -> Maxim (2001) -> ADI (2021); Actel -> Microsemi -> Microchip
        ("dallas", "2000-01-01", "dallas"),
        ("dallas", "2010-01-01", "maxim"),
        ("dallas", "2022-01-01", "adi"),
        ("actel", "2012-01-01", "microsemi"),
        ("actel", "2019-01-01", "microchip"),
        ("spansion", "2016-01-01", "cypress"),
        ("spansion", "2021-01-01", "infineon"),
        ("zilog", "2019-01-01", "littelfuse"),
        ("adesto", "2020-01-01", "adesto"),
        ("adesto", "2021-01-01", "dialog"),
        ("adesto", "2022-01-01", "renesas"),
        ("vitesse", "2016-01-01", "microsemi"),
        ("vitesse", "2019-01-01", "microchip"),
        ("ramtron", "2013-01-01", "cypress"),
        ("sst", "2011-01-01", "microchip"),
        ("gan_systems", "2023-06-01", "gan_systems"),
        ("gan_systems", "2024-01-01", "infineon"),
        # spin-off: Altera independent again after Silver Lake took 51%
        ("altera", "2025-10-01", "altera"),
    ],
)
def test_owner_at(maker: str, when: str, owner: str) -> None:
    assert load_makers()[maker].owner_at(when) == owner


def test_owner_at_accepts_dates_years_and_partial_dates() -> None:
    maxim = load_makers()["maxim"]
    assert maxim.owner_at(date(2022, 1, 1)) == "adi"
    assert maxim.owner_at(2020) == "maxim"
    assert maxim.owner_at("2021-09") == "adi"


@pytest.mark.parametrize(
    ("maker", "today"),
    [("maxim", "adi"), ("dallas", "adi"), ("atmel", "microchip"), ("st", "st"), ("avx", "kyocera")],
)
def test_owner_today(maker: str, today: str) -> None:
    assert load_makers()[maker].owner_today() == today


@pytest.mark.parametrize(
    ("name", "maker"),
    [
        ("Texas Instruments", "ti"),
        ("texas instruments incorporated", "ti"),
        ("ON Semiconductor", "onsemi"),
        ("ON", "onsemi"),
        ("ST", "st"),
        ("Linear Technology Corporation", "linear"),
        ("u-blox", "ublox"),
        ("Oje Parvaz Mado Nafar Company", "mado"),
        ("TRACOPOWER", "traco"),
        ("Raspberry Pi Ltd", "raspberrypi"),
        ("Adesto Technologies", "adesto"),
        ("Silicon Storage Technology", "sst"),
        ("STC Micro", "stc"),
    ],
)
def test_find_maker(name: str, maker: str) -> None:
    found = find_maker(name)
    assert found is not None and found.id == maker


def test_find_maker_unknown() -> None:
    assert find_maker("Nobody Semiconductor") is None
    assert find_maker("  ") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("maxim", "adi", True),
        ("dallas", "adi", True),
        ("adi", "linear", True),
        ("st", "nxp", False),
        ("nexperia", "nxp", False),
    ],
)
def test_same_lineage(a: str, b: str, same: bool) -> None:
    assert same_lineage(a, b) is same


def test_to_dict_round_trips_fields() -> None:
    out = load_makers()["xilinx"].to_dict()
    assert out["hq_country"] == "US"
    assert out["acquisitions"] == [
        {"acquirer": "amd", "date": "2022-02-14", "note": "acquired by AMD"}
    ]


MAXIM_DAY, ADI_DAY = date(2001, 4, 11), date(2021, 8, 26)


@pytest.mark.parametrize(
    ("maker", "start", "owners"),
    [
        ("ti", None, [("ti", None)]),
        ("dallas", None, [("dallas", None), ("maxim", MAXIM_DAY), ("adi", ADI_DAY)]),
        ("dallas", date(2003, 1, 27), [("maxim", date(2003, 1, 27)), ("adi", ADI_DAY)]),
        ("dallas", date(2022, 1, 1), [("adi", date(2022, 1, 1))]),
        ("meas", None, [("meas", None), ("te", date(2014, 10, 9))]),
        # spin-off: Altera -> Intel -> Altera again
        ("altera", None,
         [("altera", None), ("intel", date(2015, 12, 28)), ("altera", date(2025, 9, 12))]),
    ],
)  # fmt: skip
def test_owners_since(
    maker: str, start: date | None, owners: list[tuple[str, date | None]]
) -> None:
    assert list(load_makers()[maker].owners_since(start)) == owners


@pytest.mark.parametrize(
    ("name", "maker"),
    [
        ("Texas Instruments Inc.", "ti"),
        ("texas instruments", "ti"),
        ("STMicroelectronics N.V.", "st"),
        ("Analog Devices, Inc", "adi"),
        ("Infineon Technologies AG", "infineon"),
    ],
)
def test_find_maker_drops_legal_forms_the_names_package_knows(name: str, maker: str) -> None:
    found = find_maker(name)
    assert found is not None and found.id == maker


def test_maker_key_drops_legal_forms_but_never_the_whole_name() -> None:
    assert (
        maker_key("Texas Instruments Inc.")
        == maker_key("TEXAS INSTRUMENTS")
        == ("texasinstruments")
    )
    assert maker_key("AG") == "ag"  # only a legal form: kept, not emptied
    assert maker_key("") == ""
