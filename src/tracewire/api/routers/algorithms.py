"""``GET /algorithms``: the scoring algorithms and the documentation of every feature."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tracewire.api.models import AlgorithmResponse
from tracewire.api.results import algorithm_doc
from tracewire.match.scoring.algorithms import ALGORITHMS, DEFAULT_ALGORITHM

router = APIRouter(tags=["Matching"])


@router.get("/algorithms", summary="Scoring algorithms", response_model=AlgorithmResponse)
def algorithms() -> dict[str, Any]:
    """Each algorithm with its version, default threshold and features; a feature's
    description is the docstring of the function that computes it."""
    return {
        "algorithms": [algorithm_doc(name) for name in sorted(ALGORITHMS)],
        "default": DEFAULT_ALGORITHM,
        "best": DEFAULT_ALGORITHM,
    }
