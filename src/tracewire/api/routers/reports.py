"""``/reports/chokepoints``: makers and part families that recur across weapons."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from tracewire.api.deps import StoreDep

router = APIRouter(tags=["Weapons"])


@router.get("/reports/chokepoints", summary="Chokepoint makers and part families")
def chokepoints(
    store: StoreDep, limit: int = Query(20, ge=1, le=500, description="Rows per ranking.")
) -> dict[str, Any]:
    """Makers and part families ranked by the number of distinct weapon models and
    teardowns they appear in."""
    from tracewire.reports.analytics import chokepoints as rank

    result: dict[str, Any] = rank(store, limit)
    return result
