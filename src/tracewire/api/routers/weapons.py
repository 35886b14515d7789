"""``/weapons`` and ``/weapons/{weapon}/report``: what recovered weapons are made of."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query

from tracewire.api.deps import RuntimeDep, StoreDep
from tracewire.api.errors import error_responses
from tracewire.errors import NotFound

router = APIRouter(tags=["Weapons"])

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@router.get("/weapons", summary="Weapon models with teardowns")
def weapons(store: StoreDep) -> dict[str, Any]:
    """Weapon models of the knowledge base (names, aliases, type, origin, maker), with how
    many teardowns and components the store holds for each."""
    from tracewire.reports.analytics import list_weapons

    return {"results": list_weapons(store)}


@router.get(
    "/weapons/{weapon}/report",
    summary="Breakdown of one weapon model",
    responses=error_responses(400, 404, 422),
)
def weapon_report(
    runtime: RuntimeDep,
    weapon: str = Path(..., description="Weapon id, name or alias", examples=["Shahed-136"]),
    control_date: str | None = Query(
        None,
        pattern=DATE_PATTERN,
        description="Control date (YYYY-MM-DD) for 'made after control' (default: per regime).",
    ),
) -> dict[str, Any]:
    """Components by maker and by maker HQ country (counts and shares), CHPL tiers, the
    date-code timeline, the parts made after the control date, contradictory attributions,
    and the weapon's maker screened against the lists (once the index is built)."""
    from tracewire.reports.analytics import weapon_report as report
    from tracewire.teardowns.weapons import UnknownWeapon

    state = runtime.state
    try:
        result: dict[str, Any] = report(
            runtime.store,
            weapon,
            control_date=control_date,
            screener=None if state is None else state.screener,
        )
    except UnknownWeapon as exc:
        raise NotFound(exc.message) from exc
    return result
