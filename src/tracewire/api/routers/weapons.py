"""``/weapons`` and ``/weapons/{weapon}/report``: what recovered weapons are made of."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query

from tracewire.api.deps import StoreDep
from tracewire.api.errors import error_responses

router = APIRouter(tags=["Weapons"])

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@router.get("/weapons", summary="Weapon models with teardowns")
def weapons(store: StoreDep) -> dict[str, Any]:
    """Weapon models known to the store, with how many teardowns and components each has."""
    from tracewire.components.analytics import list_weapons

    return {"results": list_weapons(store)}


@router.get(
    "/weapons/{weapon}/report",
    summary="Breakdown of one weapon model",
    responses=error_responses(400, 404, 422),
)
def weapon_report(
    store: StoreDep,
    weapon: str = Path(..., description="Weapon name or alias", examples=["Shahed-136"]),
    control_date: str | None = Query(
        None,
        pattern=DATE_PATTERN,
        description="Control date (YYYY-MM-DD) for 'made after control' (default: per regime).",
    ),
) -> dict[str, Any]:
    """Components by maker and by maker HQ country (counts and shares), CHPL tiers, the
    date-code timeline and the parts made after the control date."""
    from tracewire.components.analytics import weapon_report as report

    result: dict[str, Any] = report(store, weapon, control_date=control_date)
    return result
