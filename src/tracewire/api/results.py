"""The algorithms a request may name, and their documentation (``/algorithms``, ``matcher``).

Results and screenings are serialised by :mod:`tracewire.match.output`, the one shape the
CLI, batches and ``/match`` share; ``entity_dict`` is re-exported here for the routers.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tracewire.api.errors import InvalidQuery
from tracewire.match.output import entity_dict as entity_dict
from tracewire.match.scoring.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, describe_algorithms

#: algorithm names yente clients send; tracewire answers them with its default algorithm
YENTE_ALGORITHMS = frozenset(
    {
        "best",
        "default",
        "logic-v1",
        "logic-v2",
        "name-based",
        "name-qualified",
        "regression-v1",
        "regression-v2",
        "regression-v3",
        "ofac-249",
    }
)


def resolve_algorithm(name: str | None) -> str:
    """Our algorithm for a requested name; yente's names map to the default."""
    if name is None or name in YENTE_ALGORITHMS:
        return DEFAULT_ALGORITHM
    if name in ALGORITHMS:
        return name
    known = ", ".join(sorted(ALGORITHMS))
    raise InvalidQuery(f"unknown algorithm {name!r} (known: {known})")


@lru_cache(maxsize=16)
def _algorithm_docs() -> dict[str, dict[str, Any]]:
    return {str(doc["name"]): doc for doc in describe_algorithms()}


def default_threshold(doc: dict[str, Any]) -> float | None:
    """The default threshold an algorithm description gives, if any."""
    for key in ("threshold", "default_threshold"):
        value = doc.get(key)
        if isinstance(value, int | float):
            return float(value)
    return None


def algorithm_doc(name: str) -> dict[str, Any]:
    """An algorithm's description in the shape of ``/algorithms`` (normalised keys)."""
    doc = _algorithm_docs().get(name, {"name": name, "features": []})
    features = [
        {
            "name": str(feat.get("name")),
            "weight": float(feat.get("weight", 0.0)),
            "description": str(feat.get("description") or ""),
        }
        for feat in doc.get("features", [])
    ]
    extra = {
        key: value
        for key, value in doc.items()
        if key not in {"name", "version", "description", "threshold", "features"}
    }
    return {
        **extra,
        "name": str(doc.get("name", name)),
        "version": str(doc.get("version", "")),
        "description": str(doc.get("description") or ""),
        "threshold": default_threshold(doc),
        "features": features,
    }


def matcher_doc(name: str) -> dict[str, Any]:
    """yente's ``matcher`` block: the algorithm and its features' documentation."""
    doc = algorithm_doc(name)
    return {
        "name": doc["name"],
        "version": doc["version"],
        "description": doc["description"],
        "threshold": doc["threshold"],
        "features": {
            feat["name"]: {"description": feat["description"], "coefficient": feat["weight"]}
            for feat in doc["features"]
        },
    }
