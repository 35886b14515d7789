"""``GET /search/{dataset}``: free-text search for a user-facing search box."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Query
from followthemoney import model
from followthemoney.types import registry

from tracewire.api.deps import PATH_DATASET, IndexDep, SettingsDep, StoreDep, resolve_scope
from tracewire.api.errors import InvalidQuery, error_responses
from tracewire.api.examples import check_text
from tracewire.api.models import SearchResponse
from tracewire.api.results import entity_dict

router = APIRouter(tags=["Matching"])

MAX_LIMIT = 500
DEFAULT_FACETS = ["countries", "topics", "datasets"]
FACETS = {
    "countries": "Countries",
    "topics": "Topics",
    "datasets": "Data sources",
    "schema": "Types",
}


def _matchable_under(schema_name: str) -> list[str]:
    base = model.get(schema_name)
    if base is None:
        raise InvalidQuery(f"schema: unknown schema {schema_name!r}")
    return sorted(s.name for s in model.schemata.values() if s.matchable and s.is_a(base.name))


def _facet_values(entity: dict[str, Any], facet: str) -> list[str]:
    if facet == "datasets":
        return [str(d) for d in entity.get("datasets") or []]
    if facet == "schema":
        return [str(entity.get("schema"))]
    props = entity.get("properties") or {}
    if facet == "topics":
        return [str(v) for v in props.get("topics") or []]
    schema = model.get(str(entity.get("schema")))
    values: list[str] = []
    if schema is not None:
        for name, vals in props.items():
            prop = schema.get(name)
            if prop is not None and prop.type == registry.country:
                values.extend(str(v) for v in vals)
    return sorted(set(values))


def _facets(results: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    out = {}
    for facet in names:
        if facet not in FACETS:
            continue
        counts: Counter[str] = Counter()
        for entity in results:
            counts.update(_facet_values(entity, facet))
        out[facet] = {
            "label": FACETS[facet],
            "values": [
                {"name": name, "label": name, "count": count}
                for name, count in counts.most_common()
            ],
        }
    return out


def _keep(
    entity: dict[str, Any], allowed: set[str], countries: list[str], topics: list[str]
) -> bool:
    if entity.get("schema") not in allowed:
        return False
    if countries and not set(_facet_values(entity, "countries")).intersection(countries):
        return False
    return not topics or bool(set(_facet_values(entity, "topics")).intersection(topics))


@router.get(
    "/search/{dataset}",
    summary="Simple entity search",
    response_model=SearchResponse,
    responses=error_responses(400, 404, 422, 503),
)
def search(
    index: IndexDep,
    store: StoreDep,
    settings: SettingsDep,
    dataset: str = PATH_DATASET,
    q: str = Query("", description="Text to search for, e.g. a name (empty: browse)."),
    schema: str = Query("Thing", description="Only entities of this schema (or its children)."),
    limit: int = Query(10, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_LIMIT),
    countries: Annotated[
        list[str] | None, Query(description="Only entities linked to these countries.")
    ] = None,
    topics: Annotated[
        list[str] | None, Query(description="Only entities with these topics.")
    ] = None,
    datasets: Annotated[
        list[str] | None, Query(description="Only entities from these datasets.")
    ] = None,
    include_dataset: Annotated[
        list[str] | None, Query(description="Same as `datasets` (yente).")
    ] = None,
    exclude_dataset: Annotated[
        list[str] | None, Query(description="No entities from these datasets.")
    ] = None,
    facets: Annotated[
        list[str] | None, Query(description="Facets: countries, topics, datasets, schema.")
    ] = None,
    fuzzy: bool = Query(False, description="Accepted for yente compatibility."),
    nested: bool = Query(False, description="Accepted for yente compatibility."),
) -> dict[str, Any]:
    """Search entities by a piece of text, e.g. a name, ranked by the screening engine's
    name similarity. For screening with birth dates, countries and identifiers use
    `POST /match/{dataset}`. An empty `q` lists entities of the dataset."""
    text = check_text(q, "q", is_name=True, max_chars=settings.max_name_chars)
    countries, topics = countries or [], topics or []
    facets = DEFAULT_FACETS if facets is None else facets
    datasets, include_dataset = datasets or [], include_dataset or []
    exclude_dataset = exclude_dataset or []
    chosen = _datasets(
        resolve_scope(index, dataset),
        [*datasets, *include_dataset],
        exclude_dataset,
        frozenset(index.screener.datasets),
    )
    if chosen is None:
        return _page([], limit, offset, offset + limit, facets)
    allowed = set(_matchable_under(schema))
    country_codes = [c.lower() for c in countries]
    want = offset + limit
    rows: list[dict[str, Any]] = []
    if text:
        found = index.screener.search(
            text,
            limit=min(MAX_LIMIT * 2, want * 2),
            schema=None if schema == "Thing" else schema,
            datasets=tuple(chosen),
        )
        for result in found:
            if _keep(result.entity, allowed, country_codes, topics):
                rows.append({**entity_dict(result.entity), "score": float(result.score)})
    else:
        entities = store.iter_entities(datasets=chosen or None, schemata=sorted(allowed))
        matching = (e for e in entities if _keep(e, allowed, country_codes, topics))
        rows = [{**entity_dict(e), "score": None} for e in islice(matching, want + 1)]
    return _page(rows, limit, offset, want, facets)


def _page(
    rows: list[dict[str, Any]], limit: int, offset: int, want: int, facets: list[str]
) -> dict[str, Any]:
    page = rows[offset:want]
    relation = "gte" if len(rows) >= want else "eq"
    return {
        "limit": limit,
        "offset": offset,
        "total": {"value": len(rows), "relation": relation},
        "results": page,
        "facets": _facets(page, facets),
    }


def _datasets(
    scope: tuple[str, ...], wanted: list[str], excluded: list[str], known: frozenset[str]
) -> list[str] | None:
    """Datasets to search ([] = all), or None when the filters leave none."""
    chosen = [d for d in wanted if not scope or d in scope] if wanted else list(scope)
    if wanted and not chosen:
        return None
    if excluded:
        chosen = [d for d in (chosen or sorted(known)) if d not in excluded]
        if not chosen:
            return None
    if chosen:
        # names the index does not hold match nothing (no error, as in yente)
        chosen = [d for d in chosen if d in known]
        if not chosen:
            return None
    return chosen
