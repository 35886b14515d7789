"""Date codes printed on parts: YYWW, YWW, YYWWNNN, TI's YMLLLLS, Xilinx's package/date line.

A date code tells when a part was made, which decides whether it was made after an export
control took effect. The readers here never guess a decade: when a one-digit year fits more
than one year they say so and leave ``year`` unset unless the family's first year or the
reference year (e.g. the teardown's recovery year) leaves a single choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

#: maker id -> the date-code forms it prints, most specific first
MAKER_FORMS: dict[str, tuple[str, ...]] = {
    "st": ("YWW", "YYWW"),
    "ti": ("YMLLLLS", "YYWW"),
    "national": ("YYWW",),
    "xilinx": ("XILINX", "YYWW"),
    "amd": ("XILINX", "YYWW"),
    "microchip": ("YYWWNNN", "YYWW"),
    "atmel": ("YYWW", "YYWWNNN"),
    "maxim": ("YYWW",),
    "dallas": ("YYWW",),
    "adi": ("YYWW",),
    "linear": ("YYWW",),
    "traco": ("YYWW",),
    "recom": ("YYWW",),
    "infineon": ("YYWW",),
    "ir": ("YWW", "YYWW"),
    "nxp": ("YYWW",),
    "freescale": ("YYWW",),
    "onsemi": ("YYWW",),
    "altera": ("YYWW",),
    "intel": ("YYWW",),
    "lattice": ("YYWW",),
    "cypress": ("YYWW",),
    "renesas": ("YYWW",),
    "intersil": ("YYWW",),
    "ublox": ("YYWW",),
    "espressif": ("YYWW",),
}
GENERIC_FORMS = ("YYWW", "YYWWNNN", "YWW")

_YYWW = re.compile(r"^(\d{2})(\d{2})$")
_YYWWNNN = re.compile(r"^(\d{2})(\d{2})([0-9A-Z]{3})$")
_YWW = re.compile(r"^(\d)(\d{2})$")
_TI = re.compile(r"^(\d)([1-9ABC])([0-9A-Z]{3,4})([A-Z0-9])$")
_XILINX = re.compile(r"^([A-Z]{2,4}\d{2,4})([A-Z]{2,4})(\d{4})$")
_TI_MONTH = {**{str(i): i for i in range(1, 10)}, "A": 10, "B": 11, "C": 12}


@dataclass
class DateReading:
    """One token read as a date code."""

    token: str
    format: str
    year: int | None
    week: int | None
    month: int | None = None
    year_options: list[int] = field(default_factory=list)
    lot: str | None = None
    package: str | None = None
    note: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.year_options) > 1


def _weeks_in(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def _two_digit_year(yy: int, ref_year: int) -> int | None:
    year = 2000 + yy if 2000 + yy <= ref_year else 1900 + yy
    return year if year >= 1970 else None


def read_yyww(token: str, ref_year: int) -> DateReading | None:
    """``2146`` -> 2021, week 46."""
    match = _YYWW.match(token)
    if match is None:
        return None
    year = _two_digit_year(int(match.group(1)), ref_year)
    week = int(match.group(2))
    if year is None or not 1 <= week <= _weeks_in(year):
        return None
    return DateReading(token, "YYWW", year, week, year_options=[year])


def read_yywwnnn(token: str, ref_year: int) -> DateReading | None:
    """Microchip's ``1812017``: 2018, week 12, trace code 017."""
    match = _YYWWNNN.match(token)
    if match is None:
        return None
    reading = read_yyww(match.group(1) + match.group(2), ref_year)
    if reading is None:
        return None
    reading.token, reading.format, reading.lot = token, "YYWWNNN", match.group(3)
    return reading


def _decade_options(digit: int, since: int | None, ref_year: int) -> list[int]:
    low = since if since is not None else 1990
    return [y for y in range(low, ref_year + 1) if y % 10 == digit]


def read_yww(token: str, ref_year: int, since: int | None = None) -> DateReading | None:
    """``318`` -> week 18 of a year ending in 3; the decade only if one year fits."""
    match = _YWW.match(token)
    if match is None:
        return None
    week = int(match.group(2))
    if not 1 <= week <= 53:
        return None
    options = _decade_options(int(match.group(1)), since, ref_year)
    if not options:
        return None
    year = options[-1] if len(options) == 1 else None
    note = "" if year else f"one-digit year: {' or '.join(map(str, options[-2:]))}"
    return DateReading(token, "YWW", year, week, year_options=options[-2:], note=note)


def read_ti(token: str, ref_year: int, since: int | None = None) -> DateReading | None:
    """TI's ``YMLLLLS``: one-digit year, month (1-9, A-C), lot trace, assembly site."""
    match = _TI.match(token)
    if match is None or not any(ch.isalpha() for ch in match.group(3) + match.group(4)):
        return None
    options = _decade_options(int(match.group(1)), since, ref_year)
    if not options:
        return None
    year = options[-1] if len(options) == 1 else None
    reading = DateReading(
        token, "YMLLLLS", year, None, month=_TI_MONTH[match.group(2)], year_options=options[-2:]
    )
    reading.lot = match.group(3) + match.group(4)
    reading.note = "" if year else f"one-digit year: {' or '.join(map(str, options[-2:]))}"
    return reading


def read_xilinx(token: str, ref_year: int) -> DateReading | None:
    """Xilinx package line ``CLG400ACX1812``: package CLG400, lot letters ACX, date 2018-W12."""
    match = _XILINX.match(token)
    if match is None:
        return None
    reading = read_yyww(match.group(3), ref_year)
    if reading is None:
        return None
    reading.token, reading.format = token, "XILINX(PKG+LOT+YYWW)"
    reading.package, reading.lot = match.group(1), match.group(2)
    return reading


def read(token: str, form: str, ref_year: int, since: int | None = None) -> DateReading | None:
    """Read ``token`` in one named form, or ``None`` when it is not that form."""
    if form == "YYWW":
        return read_yyww(token, ref_year)
    if form == "YYWWNNN":
        return read_yywwnnn(token, ref_year)
    if form == "YWW":
        return read_yww(token, ref_year, since)
    if form == "YMLLLLS":
        return read_ti(token, ref_year, since)
    if form == "XILINX":
        return read_xilinx(token, ref_year)
    return None


def forms_for(maker: str | None) -> tuple[tuple[str, ...], bool]:
    """(forms to try, whether they are the maker's known forms)."""
    if maker and maker in MAKER_FORMS:
        return MAKER_FORMS[maker], True
    return GENERIC_FORMS, False


def find_dates(
    tokens: list[str], maker: str | None, ref_year: int | None = None, since: int | None = None
) -> tuple[list[tuple[int, DateReading]], bool]:
    """Every token that reads as a date code in the maker's forms (or generic ones).

    Returns ``[(token index, reading)]`` in token order and whether the forms were the maker's.
    """
    ref = ref_year or date.today().year
    forms, known = forms_for(maker)
    found: list[tuple[int, DateReading]] = []
    for index, token in enumerate(tokens):
        if not token or not token[0].isalnum():
            continue
        for form in forms:
            reading = read(token, form, ref, since)
            if reading is not None:
                found.append((index, reading))
                break
    return found, known
