"""Screenings as yente-shaped JSON and as text tables."""

from __future__ import annotations

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


def result_dict(result: MatchResult) -> dict[str, Any]:
    """One result as yente returns it: the entity, score, match flag, explanations."""
    entity = result.entity
    return {
        "id": entity["id"],
        "caption": entity.get("caption") or "",
        "schema": entity.get("schema"),
        "properties": entity.get("properties") or {},
        "datasets": entity.get("datasets") or [],
        "score": result.score,
        "match": result.match,
        "explanations": {name: f.to_dict() for name, f in result.features.items()},
    }


def screening_dict(screening: Screening) -> dict[str, Any]:
    """A screening as yente-shaped JSON, with the audit fields (algorithm, versions)."""
    return {
        "results": [result_dict(r) for r in screening.results],
        "total": {"value": screening.total, "relation": "eq"},
        "query": query_dict(screening.query),
        "algorithm": {"name": screening.algorithm, "version": screening.algorithm_version},
        "threshold": screening.threshold,
        "list_versions": screening.list_versions,
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
