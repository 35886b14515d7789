"""Screenings as JSON (the one result shape of every surface) and as text tables.

A result is yente's ``ScoredEntityResponse`` (id, caption, schema, properties, datasets,
referents, target, first_seen, last_seen, last_change, score, match, features, token)
plus ``explanations``, tracewire's per-feature detail, which a yente client ignores. A
screening is ``{"results", "total", "query", "audit"}``: the shape of one ``/match``
response (less its ``status``), of ``tracewire screen --json`` and of each batch line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracewire.match.types import MatchResult, Query, Screening


def query_dict(query: Query) -> dict[str, Any]:
    """A query in FtM shape: ``{"schema", "properties": {"name": [...], ...}}``."""
    props: dict[str, list[str]] = {k: list(v) for k, v in query.properties.items()}
    props["name"] = list(query.names)
    if query.birth_dates:
        props["birthDate"] = list(query.birth_dates)
    if query.countries:
        props["country"] = list(query.countries)
    if query.identifiers:
        props["idNumber"] = list(query.identifiers)
    return {"schema": query.schema, "properties": props}


def _caption(entity: dict[str, Any]) -> str:
    caption = entity.get("caption")
    if caption:
        return str(caption)
    names = (entity.get("properties") or {}).get("name") or []
    return str(names[0]) if names else str(entity.get("id", ""))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


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


def audit_token(screening: Screening, datasets: Sequence[str]) -> str:
    """``algorithm@version;dataset=version_id,...`` for the datasets of one result."""
    versions = ",".join(
        f"{name}={screening.list_versions[name]}"
        for name in datasets
        if name in screening.list_versions
    )
    return f"{screening.algorithm}@{screening.algorithm_version};{versions}"


def result_dict(result: MatchResult, screening: Screening) -> dict[str, Any]:
    """One result in yente's ``ScoredEntityResponse`` shape, plus ``explanations``."""
    data = entity_dict(result.entity)
    data["score"] = float(result.score)
    data["match"] = bool(result.match)
    data["features"] = {name: float(feat.score) for name, feat in result.features.items()}
    data["explanations"] = {name: feat.to_dict() for name, feat in result.features.items()}
    data["token"] = audit_token(screening, data["datasets"])
    return data


def audit_dict(screening: Screening) -> dict[str, Any]:
    """What a screening was made with: algorithm, version, threshold, list versions."""
    return {
        "algorithm": screening.algorithm,
        "version": screening.algorithm_version,
        "threshold": float(screening.threshold),
        "list_versions": dict(screening.list_versions),
    }


def screening_dict(
    screening: Screening,
    *,
    results: Sequence[MatchResult] | None = None,
    total: int | None = None,
    relation: str = "eq",
    query: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A screening as JSON: its results (or ``results``, a filtered selection of them),
    the total, the query (or ``query``, as the caller received it) and the audit."""
    chosen = screening.results if results is None else results
    return {
        "results": [result_dict(result, screening) for result in chosen],
        "total": {"value": screening.total if total is None else total, "relation": relation},
        "query": query_dict(screening.query) if query is None else query,
        "audit": audit_dict(screening),
    }


def screening_table(screening: Screening, explain: bool = False) -> str:
    """A ranked text table of the results; with ``explain`` every feature's score."""
    lines = [
        f"query: {' / '.join(screening.query.names)} ({screening.query.schema})  "
        f"algorithm: {screening.algorithm} {screening.algorithm_version}  "
        f"threshold: {screening.threshold}"
    ]
    if not screening.results:
        lines.append("no candidates")
        return "\n".join(lines)
    lines.append(f"{'#':>2}  {'score':>6}  {'match':5}  {'schema':12}  {'id':28}  caption")
    for rank, result in enumerate(screening.results, start=1):
        entity = result.entity
        lines.append(
            f"{rank:>2}  {result.score:6.3f}  {'yes' if result.match else 'no':5}  "
            f"{entity.get('schema')!s:12}  {str(entity['id'])[:28]:28}  "
            f"{entity.get('caption') or ''}  [{', '.join(entity.get('datasets') or [])}]"
        )
        if explain:
            for name, feature in result.features.items():
                lines.append(
                    f"      {name:20} score {feature.score:5.2f} × weight {feature.weight:+.2f}"
                    f"  {feature.detail}"
                )
    return "\n".join(lines)
