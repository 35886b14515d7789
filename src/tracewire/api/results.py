"""Screening results in yente's response shape, with tracewire's explanations and audit."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tracewire.api.errors import InvalidQuery
from tracewire.match.scoring.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, describe_algorithms
from tracewire.match.types import MatchResult, Screening

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


def _caption(entity: dict[str, Any]) -> str:
    caption = entity.get("caption")
    if caption:
        return str(caption)
    names = (entity.get("properties") or {}).get("name") or []
    return str(names[0]) if names else str(entity.get("id", ""))


def entity_dict(entity: dict[str, Any]) -> dict[str, Any]:
    """An entity in yente's ``EntityResponse`` shape."""
    return {
        "id": str(entity["id"]),
        "caption": _caption(entity),
        "schema": entity.get("schema", "Thing"),
        "properties": entity.get("properties") or {},
        "datasets": list(entity.get("datasets") or []),
        "referents": list(entity.get("referents") or []),
        "target": bool(entity.get("target", False)),
        "first_seen": _text(entity.get("first_seen")),
        "last_seen": _text(entity.get("last_seen")),
        "last_change": _text(entity.get("last_change")),
    }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def audit_token(screening: Screening, datasets: list[str]) -> str:
    """``algorithm@version;dataset=version_id,...`` for the datasets of one result."""
    versions = ",".join(
        f"{name}={screening.list_versions[name]}"
        for name in datasets
        if name in screening.list_versions
    )
    return f"{screening.algorithm}@{screening.algorithm_version};{versions}"


def scored_dict(result: MatchResult, screening: Screening) -> dict[str, Any]:
    """A result in yente's ``ScoredEntityResponse`` shape plus ``explanations`` and ``token``."""
    data = entity_dict(result.entity)
    data["score"] = float(result.score)
    data["match"] = bool(result.match)
    data["features"] = {name: float(feat.score) for name, feat in result.features.items()}
    data["explanations"] = {name: feat.to_dict() for name, feat in result.features.items()}
    data["token"] = audit_token(screening, data["datasets"])
    return data


def audit_dict(screening: Screening) -> dict[str, Any]:
    """What a screening was made with."""
    return {
        "algorithm": screening.algorithm,
        "version": screening.algorithm_version,
        "threshold": float(screening.threshold),
        "list_versions": dict(screening.list_versions),
    }
