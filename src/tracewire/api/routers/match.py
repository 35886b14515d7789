"""``POST /match/{dataset}``: yente's query-by-example matching, on tracewire's engine."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Response

from tracewire.api.budget import Deadline
from tracewire.api.deps import PATH_DATASET, IndexDep, PoolDep, SettingsDep, resolve_scope
from tracewire.api.errors import BatchTooLarge, InvalidQuery, error_responses
from tracewire.api.examples import example_to_query
from tracewire.api.models import EntityMatchQuery, EntityMatchResponse
from tracewire.api.results import matcher_doc, resolve_algorithm
from tracewire.api.runtime import IndexState
from tracewire.api.settings import (
    DEFAULT_CANDIDATES,
    DEFAULT_LIMIT,
    ApiSettings,
    setting_name,
)
from tracewire.match.output import screening_dict
from tracewire.match.running.engine import MAX_LIMIT
from tracewire.match.types import MatchResult
from tracewire.match.types import Query as ScreenQuery

router = APIRouter(tags=["Matching"])

MAX_EXCLUDED_IDS = 500
#: yente's accepted timestamp forms for ``changed_since``
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?Z?)?$"


def _post_filter(
    results: list[MatchResult],
    *,
    topics: list[str],
    exclude_schema: list[str],
    changed_since: str | None,
    cutoff: float | None,
) -> list[MatchResult]:
    kept = []
    for result in results:
        entity = result.entity
        if cutoff is not None and result.score < cutoff:
            continue
        if exclude_schema and entity.get("schema") in exclude_schema:
            continue
        if topics:
            has = (entity.get("properties") or {}).get("topics") or []
            if not set(has).intersection(topics):
                continue
        if changed_since is not None:
            changed = entity.get("last_change")
            if changed is not None and str(changed) < changed_since:
                continue
        kept.append(result)
    return kept


@dataclass(frozen=True)
class _Batch:
    """One request's screening options, applied to each of its queries."""

    index: IndexState
    limit: int
    wanted: int
    threshold: float | None
    cutoff: float | None
    algorithm: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    exclude_ids: tuple[str, ...]
    exclude_schema: tuple[str, ...]
    topics: tuple[str, ...]
    changed_since: str | None
    candidates: int
    nothing: bool
    filtering: bool

    def run(
        self, parsed: list[tuple[str, ScreenQuery, dict[str, Any]]], deadline: Deadline
    ) -> tuple[dict[str, Any], float]:
        """The response of each query, and the seconds spent screening; :class:`Timeout`
        when the request's time budget runs out before a query."""
        responses: dict[str, Any] = {}
        seconds = 0.0
        for done, (key, query, echo) in enumerate(parsed):
            deadline.check(f"{done} of {len(parsed)} queries screened")
            started = time.perf_counter()
            screening = self.index.screener.screen(
                query,
                limit=self.wanted,
                threshold=self.threshold,
                algorithm=self.algorithm,
                include_datasets=self.include,
                exclude_datasets=self.exclude,
                exclude_ids=self.exclude_ids,
                candidates=max(self.candidates, self.wanted),
            )
            seconds += time.perf_counter() - started
            results = [] if self.nothing else screening.results
            total, relation = (0 if self.nothing else screening.total), "eq"
            if self.filtering:
                floor = None if self.cutoff is None else min(self.cutoff, screening.threshold)
                results = _post_filter(
                    results,
                    topics=list(self.topics),
                    exclude_schema=list(self.exclude_schema),
                    changed_since=self.changed_since,
                    cutoff=floor,
                )
                total = len(results)
                relation = "gte" if len(screening.results) >= self.wanted else "eq"
            responses[key] = {
                "status": 200,
                **screening_dict(
                    screening,
                    results=results[: self.limit],
                    total=total,
                    relation=relation,
                    query=echo,
                ),
            }
        return responses, seconds


def parse_queries(
    body: EntityMatchQuery, settings: ApiSettings
) -> list[tuple[str, ScreenQuery, dict[str, Any]]]:
    """Each query checked against the limits (:class:`InvalidQuery` for the first bad one)."""
    parsed = []
    for key, example in body.queries.items():
        if example is None:
            continue
        query, echo = example_to_query(key, example, settings)
        parsed.append((key, query, echo))
    if not parsed:
        raise InvalidQuery("no queries provided")
    return parsed


def check_sizes(settings: ApiSettings, *, limit: int, candidates: int) -> None:
    """``limit`` and ``candidates`` within the server's settings (400 ``invalid_query``)."""
    for name, value, most in (
        ("limit", limit, settings.max_limit),
        ("candidates", candidates, settings.max_candidates),
    ):
        if value > most:
            raise InvalidQuery(
                f"{name}: {value} is more than this server allows: {most} "
                f"({setting_name('max_' + name)})"
            )


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher",
    response_model=EntityMatchResponse,
    responses=error_responses(400, 404, 413, 414, 415, 422, 503),
)
async def match(
    body: EntityMatchQuery,
    index: IndexDep,
    settings: SettingsDep,
    pool: PoolDep,
    dataset: str = PATH_DATASET,
    limit: int = Query(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description="Results per query (at most the server's max_limit).",
    ),
    threshold: float | None = Query(
        None,
        ge=0.0,
        le=1.0,
        description="Score from which a result is a match (default: the algorithm's).",
    ),
    cutoff: float | None = Query(
        None,
        ge=0.0,
        le=1.0,
        deprecated=True,
        description="Lower bound of score for results to be returned at all (capped at "
        "`threshold`).",
    ),
    algorithm: str | None = Query(
        None, description="Algorithm from /algorithms; yente's names use the default one."
    ),
    include_dataset: Annotated[
        list[str] | None, Query(description="Only results from these datasets.")
    ] = None,
    exclude_dataset: Annotated[
        list[str] | None, Query(description="No results from these datasets.")
    ] = None,
    exclude_schema: Annotated[
        list[str] | None, Query(description="No results of these schemata.")
    ] = None,
    exclude_entity_ids: Annotated[
        list[str] | None, Query(description="Entity ids never to return.")
    ] = None,
    topics: Annotated[
        list[str] | None, Query(description="Only entities with one of these topics.")
    ] = None,
    changed_since: str | None = Query(
        None, pattern=TS_PATTERN, description="Only entities changed since (ISO date/time)."
    ),
    candidates: int = Query(
        DEFAULT_CANDIDATES,
        ge=1,
        le=MAX_LIMIT,
        description="Candidates scored per query (tracewire; at most the server's max_candidates).",
    ),
) -> Response:
    """Match entities by example: each query is an entity as the API returns them (schema
    and properties such as `name`, `birthDate`, `nationality`, `idNumber`), keyed by a name
    the client chooses; each response holds the ranked results with their score, whether it
    is a `match` (score ≥ threshold), per-feature `features` and `explanations`, and an
    audit `token` naming the algorithm version and the list versions used.

    Request and response follow yente's `/match` so yente clients work unchanged:

    ```json
    {"queries": {"q1": {"schema": "Person",
                        "properties": {"name": ["Mykola Patrushev"],
                                       "birthDate": ["1951-07-11"]}}}}
    ```
    """
    include_dataset, exclude_dataset = include_dataset or [], exclude_dataset or []
    exclude_schema, topics = exclude_schema or [], topics or []
    exclude_entity_ids = exclude_entity_ids or []
    batch_limit = settings.batch_limit
    if len(body.queries) > batch_limit:
        raise BatchTooLarge(
            f"too many queries in one batch: {len(body.queries)} (limit: {batch_limit})"
        )
    check_sizes(settings, limit=limit, candidates=candidates)
    if len(exclude_entity_ids) > MAX_EXCLUDED_IDS:
        raise InvalidQuery(f"exclude_entity_ids: more than {MAX_EXCLUDED_IDS} ids")
    algo = resolve_algorithm(algorithm)
    scope = resolve_scope(index, dataset)
    known = index.screener.datasets
    # like yente, dataset filters naming datasets we do not hold are not errors
    in_scope = [d for d in include_dataset if not scope or d in scope]
    include = tuple(d for d in in_scope if d in known) if include_dataset else scope
    nothing = bool(include_dataset) and not include
    exclude = tuple(d for d in exclude_dataset if d in known)
    filtering = bool(topics or exclude_schema or changed_since or cutoff is not None)
    job = _Batch(
        index=index,
        limit=limit,
        wanted=max(limit, min(settings.max_candidates, limit * 4)) if filtering else limit,
        threshold=threshold,
        cutoff=cutoff,
        algorithm=algo,
        include=include,
        exclude=exclude,
        exclude_ids=tuple(exclude_entity_ids),
        exclude_schema=tuple(exclude_schema),
        topics=tuple(topics),
        changed_since=changed_since,
        candidates=candidates,
        nothing=nothing,
        filtering=filtering,
    )

    def work(deadline: Deadline) -> tuple[bytes, int, float]:
        responses, seconds = job.run(parse_queries(body, settings), deadline)
        payload = {"responses": responses, "matcher": matcher_doc(algo), "limit": limit}
        # serialised here: the shape is the response model's (pinned by a test), and skipping
        # the model's re-validation of every result keeps /match fast
        return orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS), len(responses), seconds

    # never on the event loop (checking, screening, serialising): health checks and other
    # clients are answered meanwhile
    content, size, screen_seconds = await pool.run(work)
    return Response(
        content,
        media_type="application/json",
        headers={
            "x-batch-size": str(size),
            "server-timing": f"screen;dur={screen_seconds * 1000:.2f}",
        },
    )
