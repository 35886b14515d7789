"""Each date-code form, and the rule that a decade is never guessed."""

from __future__ import annotations

import pytest

from tracewire.parts import datecode

REF = 2024


@pytest.mark.parametrize(
    ("form", "token", "year", "week", "month", "lot"),
    [
        ("YYWW", "2146", 2021, 46, None, None),
        ("YYWW", "0901", 2009, 1, None, None),
        ("YYWW", "9952", 1999, 52, None, None),
        ("YYWWNNN", "1812017", 2018, 12, None, "017"),
        ("XILINX", "CLG400ACX1812", 2018, 12, None, "ACX"),
        ("XILINX", "FFG900AMS2115", 2021, 15, None, "AMS"),
        ("YMLLLLS", "8A3K4ZA", 2018, None, 10, "3K4ZA"),
    ],
)
def test_forms(
    form: str, token: str, year: int, week: int | None, month: int | None, lot: str | None
) -> None:
    reading = datecode.read(token, form, REF, since=2015)
    assert reading is not None
    assert (reading.year, reading.week, reading.month, reading.lot) == (year, week, month, lot)
    assert reading.format.startswith(form[:4])


@pytest.mark.parametrize(
    ("form", "token"),
    [
        ("YYWW", "2160"),  # no week 60
        ("YYWW", "2100"),  # no week 0
        ("YYWW", "3512"),  # 2035 is in the future and 1935 too early
        ("YYWW", "12345"),
        ("YWW", "360"),
        ("YMLLLLS", "812345"),  # no letter: a number, not a TI trace code
        ("XILINX", "CLG400ACX"),
        ("YYWWNNN", "2160017"),
    ],
)
def test_not_a_date(form: str, token: str) -> None:
    assert datecode.read(token, form, REF) is None


def test_week_53_only_in_long_years() -> None:
    assert datecode.read_yyww("2053", REF) is not None  # 2020 has 53 ISO weeks
    assert datecode.read_yyww("2153", REF) is None  # 2021 has 52


def test_one_digit_year_lists_both_decades() -> None:
    reading = datecode.read_yww("318", REF)
    assert reading is not None
    assert reading.year is None and reading.week == 18
    assert reading.year_options == [2013, 2023]
    assert reading.ambiguous


@pytest.mark.parametrize(
    ("token", "since", "ref", "year"),
    [("318", 2016, 2024, 2023), ("318", None, 2016, None), ("707", 2010, 2024, 2017)],
)
def test_family_start_or_reference_year_settles_decade(
    token: str, since: int | None, ref: int, year: int | None
) -> None:
    reading = datecode.read_yww(token, ref, since=since)
    assert reading is not None
    assert reading.year == year


def test_maker_forms() -> None:
    forms, known = datecode.forms_for("st")
    assert forms[0] == "YWW" and known
    forms, known = datecode.forms_for("nobody")
    assert forms == datecode.GENERIC_FORMS and not known


def test_find_dates_reports_every_candidate() -> None:
    found, known = datecode.find_dates(["", "2146", "1812"], "maxim", REF)
    assert known
    assert [(i, r.year, r.week) for i, r in found] == [(1, 2021, 46), (2, 2018, 12)]
