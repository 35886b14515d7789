"""``GET /healthz`` (the process answers) and ``GET /readyz`` (the index is built)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tracewire.api.deps import RuntimeDep
from tracewire.api.errors import error_responses
from tracewire.api.models import ReadyResponse, StatusResponse

router = APIRouter(tags=["System information"])


@router.get("/healthz", summary="Liveness", response_model=StatusResponse)
async def healthz() -> dict[str, Any]:
    """The server process answers (use /readyz to know whether it can screen)."""
    # async: answered on the event loop itself, with no hop to a thread that would have to
    # win the GIL from the screening threads as well
    return {"status": "ok"}


@router.get(
    "/readyz", summary="Readiness", response_model=ReadyResponse, responses=error_responses(503)
)
def readyz(runtime: RuntimeDep) -> dict[str, Any]:
    """Ready once the screening index is built (503 in the error shape before)."""
    runtime.require()
    return {"status": "ok", "index": runtime.describe()}
