"""Dates as lists print them, turned into ISO prefixes (``1951``, ``1951-07``, ``1951-07-11``)."""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DMY_TEXT = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR = re.compile(r"^(?:circa|ca\.?|approximately|about|c\.)?\s*(\d{4})$", re.IGNORECASE)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1000 <= year <= 2999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(value: str | None, numeric: str = "dmy") -> str | None:
    """One date as an ISO prefix, or None when it is not a date.

    ``numeric`` says how to read all-number dates with slashes: ``"dmy"`` (UN, EU, UK) or
    ``"mdy"`` (US lists). Text months (``11 Jul 1951``, ``Jul 1951``), ISO dates and
    timestamps, and lone or approximate years (``circa 1951``) are read whatever it says.
    """
    if value is None:
        return None
    value = value.strip().strip(".;,")
    if not value:
        return None
    if m := _ISO.match(value):
        y, mo, d = m.groups()
        return _iso(int(y), int(mo) if mo else None, int(d) if d else None)
    if m := _DMY_TEXT.match(value):
        d, mon, y = m.groups()
        month = _MONTHS.get(mon.lower()[:3])
        if month is None:
            return None
        return _iso(int(y), month, int(d) if d else None)
    if m := _NUMERIC.match(value):
        a, b, y = (int(g) for g in m.groups())
        day, month = (a, b) if numeric == "dmy" else (b, a)
        return _iso(y, month, day)
    if m := _YEAR.match(value):
        return _iso(int(m.group(1)))
    return None


def parse_dates(value: str | None, numeric: str = "dmy") -> list[str]:
    """Every date in a field such as ``1951 to 1953`` or ``01 Jan 1960; 02 Feb 1961``.

    A range ``YYYY to YYYY`` gives each year in it (at most 20), as lists mean "born in one
    of these years".
    """
    if not value:
        return []
    value = value.strip()
    rng = re.match(r"^(\d{4})\s*(?:to|-|–)\s*(\d{4})$", value)
    if rng:
        start, end = int(rng.group(1)), int(rng.group(2))
        if start <= end <= start + 20:
            return [f"{y:04d}" for y in range(start, end + 1)]
    out: list[str] = []
    for part in re.split(r"\s*[;,]\s*(?=\d|[A-Za-z]{3}\s|circa)|\s+to\s+|\s+and\s+", value):
        parsed = parse_date(part, numeric)
        if parsed and parsed not in out:
            out.append(parsed)
    if not out:
        parsed = parse_date(value, numeric)
        if parsed:
            out.append(parsed)
    return out
