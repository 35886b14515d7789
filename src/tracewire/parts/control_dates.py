"""Export-control dates, and whether a part's date code falls after one.

The one table of control dates (Russia-related controls from 2022-02-24, the Iran UAV rule
from 2023-02-24): the classifier, teardown reports and supply routes read it here. A part made
after the date shows controls being evaded rather than old stock being used.
"""

from __future__ import annotations

from datetime import date

from tracewire.errors import InputError

#: default control dates by regime (ISO dates); pass ``control_date`` to override
CONTROL_DATES: dict[str, str] = {"russia": "2022-02-24", "iran_uav": "2023-02-24"}


def control_dates() -> dict[str, str]:
    """Default control dates by regime: ``{"russia": "2022-02-24", "iran_uav": "2023-02-24"}``."""
    return dict(CONTROL_DATES)


def control_date_of(regime: str) -> str:
    """The default control date of ``regime``; InputError (field ``regime``) if unknown."""
    if regime not in CONTROL_DATES:
        raise InputError(
            f"unknown regime {regime!r}; known: {', '.join(CONTROL_DATES)}", field="regime"
        )
    return CONTROL_DATES[regime]


def _parse_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not an ISO date: {value!r}", field="control_date") from None


def made_after_control(
    year: int | None,
    week: int | None,
    regime: str = "russia",
    control_date: str | date | None = None,
) -> bool | None:
    """True if the production week starts after the control date, False if it ends before it,
    ``None`` when unknown (no year, or the date code's week/year straddles the control date)."""
    cut = _parse_date(control_date if control_date is not None else control_date_of(regime))
    if year is None:
        return None
    if week is None or not 1 <= week <= 53:
        if year != cut.year:
            return year > cut.year
        return None
    try:
        start = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    end = date.fromisocalendar(year, week, 7)
    if start > cut:
        return True
    if end < cut:
        return False
    return None
