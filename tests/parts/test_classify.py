"""Classification: HS-6 codes and descriptions (checked against HS 2022), CHPL, control dates."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tracewire.errors import InputError
from tracewire.parts.chpl import load_chpl
from tracewire.parts.classify import _table, categories, classify
from tracewire.parts.control_dates import control_dates, made_after_control


def test_chpl_package_data_equals_reference_csv(shared_data: Path) -> None:
    with (shared_data / "reference" / "chpl_2024-02.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chpl = load_chpl()
    assert chpl.version == "2024-02"
    assert [(i.hs6, i.tier, i.description) for i in chpl.items.values()] == [
        (r["hs6"], r["tier"], r["hs2022_description"]) for r in rows
    ]


def test_hs_descriptions_match_hs2022(shared_data: Path) -> None:
    with (shared_data / "reference" / "hs2022.csv").open(encoding="utf-8") as handle:
        hs = {r["hscode"]: r["description"] for r in csv.DictReader(handle) if r["level"] == "6"}
    table = _table()
    for category, code in categories().items():
        assert code in hs, category
        assert table.descriptions[code] == hs[code], code


@pytest.mark.parametrize(
    ("part", "category", "hs6", "tier"),
    [
        ("STM32F405RGT6", "mcu", "854231", "1"),
        ("XC7Z020-1CLG400C", "fpga", "854231", "1"),
        ("TMS320F28335PGFA", "dsp", "854231", "1"),
        ("W25Q128JVSIQ", "memory", "854232", "1"),
        ("AD8605ARTZ", "amplifier", "854233", "1"),
        ("MAX3485ESA+", "interface", "854239", "1"),
        ("NEO-M8N-0-10", "gnss_module", "852691", "2"),
        ("TSM 0505S", "dc_dc_module", "850440", "3.A"),
        ("IRF7413TRPBF", "transistor", "854129", "3.A"),
        ("IRLML2502TRPBF", "small_transistor", "854121", "3.A"),
        ("1N4148", "diode", "854110", "3.A"),
        ("GRM188R71H104KA93D", "capacitor", "853224", "2"),
        ("T491A106K016AT", "tantalum_capacitor", "853221", "2"),
        ("DF13-4P-1.25H", "connector", "853669", "3.A"),
        ("NX3225SA-16.000M", "crystal", "854160", "3.A"),
        ("MD550", "engine", "840710", None),
        ("INA219AIDCNR", "other_ic", "854239", "1"),  # power monitor with ADC, not an amplifier
        ("LTC6655BHMS8-2.5#PBF", "other_ic", "854239", "1"),  # voltage reference
        ("ISL28134IHZ-T7", "amplifier", "854233", "1"),
        ("SAK-TC275TP-64F200W", "mcu", "854231", "1"),
        ("TC358743XBG", "other_ic", "854239", "1"),
        ("AT25SF081-SSHD-T", "memory", "854232", "1"),
    ],
)
def test_classify_by_part(part: str, category: str, hs6: str, tier: str | None) -> None:
    c = classify(part)
    assert (c.category, c.hs6, c.chpl_tier) == (category, hs6, tier)
    assert c.chpl_version == "2024-02"
    assert c.hs_description and c.reason


@pytest.mark.parametrize(
    ("function", "category"),
    [
        ("GNSS receiver", "gnss_module"),
        ("DC/DC converter", "dc_dc_module"),
        ("flight controller MCU", "mcu"),
        ("servo", "servo"),
        ("engine", "engine"),
        ("camera", "camera"),
        ("antenna", "antenna"),
    ],
)
def test_classify_by_function(function: str, category: str) -> None:
    assert classify(None, function=function).category == category


def test_classify_by_maker_kind_and_given_category() -> None:
    assert classify("XYZ-1", maker="Futaba").category == "servo"
    assert classify("anything", category="fpga").hs6 == "854231"


def test_unknown_is_not_guessed() -> None:
    c = classify("QQZ77")
    assert (c.category, c.hs6, c.chpl_tier) == ("unknown", "", None)


def test_unknown_category_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown category"):
        classify("x", category="widget")


def test_control_dates_default() -> None:
    assert control_dates() == {"russia": "2022-02-24", "iran_uav": "2023-02-24"}


@pytest.mark.parametrize(
    ("year", "week", "regime", "control", "after"),
    [
        (2022, 46, "russia", None, True),
        (2021, 46, "russia", None, False),
        (2022, 8, "russia", None, None),  # the week of 2022-02-24
        (2022, 9, "russia", None, True),
        (2022, 7, "russia", None, False),
        (2022, None, "russia", None, None),
        (2023, None, "russia", None, True),
        (2021, None, "russia", None, False),
        (None, 10, "russia", None, None),
        (2023, 5, "iran_uav", None, False),
        (2023, 10, "iran_uav", None, True),
        (2020, 10, "russia", "2014-03-17", True),
        (2020, 10, "russia", date(2021, 1, 1), False),
    ],
)
def test_made_after_control(
    year: int | None, week: int | None, regime: str, control: str | date | None, after: bool | None
) -> None:
    assert made_after_control(year, week, regime, control) is after


@pytest.mark.parametrize(("regime", "control"), [("mars", None), ("russia", "24/02/2022")])
def test_made_after_control_bad_input(regime: str, control: str | None) -> None:
    with pytest.raises(InputError):
        made_after_control(2022, 10, regime, control)
