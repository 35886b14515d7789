"""The two facts the red flags read from the parts side: the CHPL (HS-6 → tier) and the one
table of control dates by regime. Imported here only, so the routes package follows the parts
package wherever it lives."""

from __future__ import annotations

from tracewire.parts.chpl import load_chpl
from tracewire.parts.control_dates import CONTROL_DATES

#: consignee country → the regime whose control date applies to shipments there
REGIME_BY_COUNTRY = {"ru": "russia", "by": "russia", "ir": "iran_uav"}


def chpl_tier(hs_code: str | None) -> str | None:
    """The CHPL tier of an HS code's first six digits, ``None`` when not on the list."""
    if not hs_code or len(hs_code) < 6:
        return None
    return load_chpl().tier(hs_code[:6])


def chpl_version() -> str:
    return load_chpl().version


def control_date(country: str | None) -> tuple[str, str] | None:
    """(regime, control date) for shipments to ``country``, ``None`` where no regime applies."""
    regime = REGIME_BY_COUNTRY.get(country or "")
    return (regime, CONTROL_DATES[regime]) if regime else None
