"""Marking decoder: part and ordering suffixes, date codes, lot, country, repairs, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.errors import InputError
from tracewire.parts.marking import MAX_MARKING, decode

CASES = [
    # marking, part, base, suffixes (subset), date_format, year, week, lot, country
    (
        "STM32F405RGT6 GH22U 93 CHN 318",
        "STM32F405RGT6", "STM32F405RG", {"package": "T", "temperature": "6"},
        "YWW", None, 18, "GH22U 93", "CN",
    ),
    ("TSM 0505S 2413", "TSM 0505S", "TSM 0505S", {}, "YYWW", 2024, 13, None, None),
    (
        "MAX3485ESA+ 2146", "MAX3485ESA+", "MAX3485",
        {"temperature": "E", "package": "SA", "lead_free": "+"}, "YYWW", 2021, 46, None, None,
    ),
    (
        "XC7Z020 CLG400ACX1812 D4271223A 1C", "XC7Z020", "XC7Z020",
        {"package": "CLG400", "speed": "1", "temperature": "C"},
        "XILINX(PKG+LOT+YYWW)", 2018, 12, "ACX D4271223A", None,
    ),
    (
        "PIC18F4550-I/PT 1812017", "PIC18F4550-I/PT", "PIC18F4550",
        {"temperature": "I", "package": "PT"}, "YYWWNNN", 2018, 12, "017", None,
    ),
    (
        "LTC3780EGN#PBF 1523 MALAYSIA", "LTC3780EGN#PBF", "LTC3780",
        {"temperature": "E", "package": "GN", "lead_free": "#PBF"}, "YYWW", 2015, 23, None, "MY",
    ),
    (
        "AD8605ARTZ-REEL7", "AD8605ARTZ-REEL7", "AD8605",
        {"temperature": "A", "package": "RT", "lead_free": "Z", "packing": "REEL7"},
        None, None, None, None, None,
    ),
    (
        "IRF7413TRPBF 1905 Made in Philippines", "IRF7413TRPBF", "IRF7413",
        {"packing": "TR", "lead_free": "PBF"}, "YYWW", 2019, 5, None, "PH",
    ),
    (
        "TMS320F28335PGFA", "TMS320F28335PGFA", "TMS320F28335",
        {"package": "PGF", "temperature": "A"}, None, None, None, None, None,
    ),
    (
        "ATMEGA328P-AU 1423", "ATMEGA328P-AU", "ATMEGA328P",
        {"package": "A", "temperature": "U"}, "YYWW", 2014, 23, None, None,
    ),
    (
        "XC7Z020-1CLG400C", "XC7Z020-1CLG400C", "XC7Z020",
        {"speed": "1", "package": "CLG400", "temperature": "C"}, None, None, None, None, None,
    ),
    (
        "NEO-M8N-0-10 1712", "NEO-M8N-0-10", "NEO-M8N", {"variant": "0", "option": "10"},
        "YYWW", 2017, 12, None, None,
    ),
    (
        "EP4CE22F17C8N", "EP4CE22F17C8N", "EP4CE22",
        {"package": "F17", "temperature": "C", "speed": "8", "lead_free": "N"},
        None, None, None, None, None,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("marking", "part", "base", "suffixes", "fmt", "year", "week", "lot", "country"), CASES
)
def test_decode(
    marking: str,
    part: str,
    base: str,
    suffixes: dict[str, str],
    fmt: str | None,
    year: int | None,
    week: int | None,
    lot: str | None,
    country: str | None,
) -> None:
    d = decode(marking, ref_year=2024)
    assert d.part_number == part
    assert d.base_part == base
    assert {k: d.suffixes.get(k) for k in suffixes} == suffixes
    assert (d.date_format, d.year, d.week) == (fmt, year, week)
    assert d.lot == lot
    assert d.country == country


def test_every_token_has_a_role_and_reason() -> None:
    d = decode("ST STM32F103C8T6 GH22U 93 CHN 318")
    roles = {t["text"]: t["role"] for t in d.tokens}
    assert roles == {
        "ST": "brand",
        "STM32F103C8T6": "part_number",
        "GH22U": "lot",
        "93": "lot",
        "CHN": "country",
        "318": "date_code",
    }
    assert all(t["why"] for t in d.tokens)
    assert d.brand == "ST"


def test_one_digit_year_is_not_guessed() -> None:
    d = decode("STM32F405RGT6 CHN 318", ref_year=2024)
    assert d.year is None and d.week == 18
    assert any("2013 or 2023" in a for a in d.ambiguous)


def test_generic_yyww_flagged_when_maker_form_unknown() -> None:
    d = decode("ABC123X 2146")
    assert (d.year, d.week) == (2021, 46)
    assert any("could also be a lot code" in a for a in d.ambiguous)


def test_cyrillic_lookalikes_fixed_with_warning() -> None:
    d = decode("МАХ3485ЕSА+ 2146")
    assert d.part_number == "MAX3485ESA+"
    assert any("look-alike" in w for w in d.warnings)


@pytest.mark.parametrize(
    ("marking", "part"),
    [("STM32F4O5RGT6", "STM32F405RGT6"), ("ATMEGA328P-AU", "ATMEGA328P-AU")],
)
def test_zero_oh_confusion(marking: str, part: str) -> None:
    d = decode(marking)
    assert d.part_number == part
    assert bool(d.warnings) == (marking != part)


@pytest.mark.parametrize("bad", ["", "   ", "\n\t"])
def test_empty_marking_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="empty marking"):
        decode(bad)


def test_non_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="must be text"):
        decode(123)  # type: ignore[arg-type]


def test_long_marking_truncated_with_warning() -> None:
    marking = "STM32F405RGT6 " + "X1Y2 " * 100
    d = decode(marking)
    assert len(d.normalised) <= MAX_MARKING
    assert d.part_number == "STM32F405RGT6"
    assert any("truncated" in w for w in d.warnings)


def test_control_characters_removed() -> None:
    d = decode("STM32F405RGT6\x00\x07 2146")
    assert d.part_number == "STM32F405RGT6"
    assert "control characters removed" in d.warnings


def test_unknown_part_is_flagged() -> None:
    d = decode("QQZ77 1234")
    assert d.part_number == "QQZ77"
    assert d.rules == []
    assert any("no part rule" in a for a in d.ambiguous)


def test_to_dict_is_json_ready() -> None:
    out = decode("MAX3485ESA+ 2146").to_dict()
    assert out["part_number"] == "MAX3485ESA+"
    assert "matches" not in out
    assert out["rules"][0].startswith("maxim")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_decoder_never_crashes(text: str) -> None:
    try:
        d = decode(text)
    except InputError:
        return
    assert len(d.normalised) <= MAX_MARKING
