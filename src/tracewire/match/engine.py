"""The screening engine: entities in memory, a candidate index, scoring by an algorithm."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from tracewire.errors import InputError, NotFound, UsageError
from tracewire.match.algorithms import Algorithm, get_algorithm
from tracewire.match.features import Pair
from tracewire.match.index import CandidateIndex
from tracewire.match.schemas import can_match
from tracewire.match.subject import Subject, subject_from_entity, subject_from_query
from tracewire.match.types import FeatureScore, MatchResult, Query, Screening
from tracewire.names.text import check_name

if TYPE_CHECKING:
    from tracewire.store import Store

#: schemata the index holds (parties and the things sanctions name)
SCREENED_SCHEMATA = frozenset(
    {"Person", "Company", "Organization", "LegalEntity", "PublicBody", "Vessel", "Airplane",
     "Vehicle"}
)  # fmt: skip
MAX_LIMIT = 500
MAX_CANDIDATES = 1000


class Screener:
    """Screens queries against a fixed set of entities (one state of the store).

    Build it once (:meth:`from_store` or :meth:`from_entities`), then call :meth:`screen`
    from any number of threads or forked processes: it is read-only after building.
    """

    def __init__(
        self,
        entities: Iterable[dict[str, Any]],
        list_versions: dict[str, int] | None = None,
        state_token: str | None = None,
    ) -> None:
        started = time.perf_counter()
        self.state_token = state_token
        self.list_versions: dict[str, int] = dict(list_versions or {})
        self.index = CandidateIndex()
        self._ids: dict[str, int] = {}
        self._blobs: list[bytes] = []
        self._subjects: list[Subject] = []
        self._datasets: list[frozenset[str]] = []
        self.datasets: set[str] = set(self.list_versions)
        for entity in entities:
            self._add(entity)
        self.index.finish()
        self.build_seconds = time.perf_counter() - started

    def _add(self, entity: dict[str, Any]) -> None:
        schema = entity.get("schema")
        entity_id = entity.get("id")
        if schema not in SCREENED_SCHEMATA or not entity_id:
            return
        datasets = frozenset(str(d) for d in entity.get("datasets") or ())
        self.datasets.update(datasets)
        known = self._ids.get(str(entity_id))
        if known is not None:  # the same entity in a second dataset
            self._datasets[known] = self._datasets[known] | datasets
            return
        subject = subject_from_entity(entity)
        if not subject.names:
            return
        number = len(self._blobs)
        self._ids[str(entity_id)] = number
        if not entity.get("caption"):
            entity = {**entity, "caption": subject.names[0].original}
        self._blobs.append(orjson.dumps(entity))
        self._subjects.append(subject)
        self._datasets.append(datasets)
        self.index.add(number, subject.names)

    @classmethod
    def from_store(cls, store: Store, datasets: Iterable[str] | None = None) -> Screener:
        """Build from the active list versions of a store (optionally some datasets)."""
        wanted = set(datasets) if datasets is not None else None
        versions = {
            v.dataset: v.id
            for v in store.active_versions()
            if wanted is None or v.dataset in wanted
        }
        token = store.state_token()
        entities = store.iter_entities(datasets=sorted(wanted) if wanted is not None else None)
        return cls(entities, versions, token)

    @classmethod
    def from_entities(
        cls, entities: Iterable[dict[str, Any]], list_versions: dict[str, int] | None = None
    ) -> Screener:
        """Build from FtM entity dicts (``id``, ``schema``, ``properties``, ``datasets``)."""
        return cls(entities, list_versions, None)

    def __len__(self) -> int:
        return len(self._blobs)

    def get(self, entity_id: str) -> dict[str, Any] | None:
        """An indexed entity by id, as an FtM dict with all its datasets."""
        number = self._ids.get(entity_id)
        return None if number is None else self._entity(number)

    def _entity(self, number: int) -> dict[str, Any]:
        entity: dict[str, Any] = orjson.loads(self._blobs[number])
        entity["datasets"] = sorted(self._datasets[number])
        return entity

    def weight(self, text: str) -> float:
        """Rarity of a normalised token in the indexed names."""
        return self.index.weight(text)

    def compare(
        self, query: Subject, candidate: Subject, algorithm: str | None = None
    ) -> tuple[float, dict[str, FeatureScore]]:
        """Score one prepared subject against another (token rarity from this index)."""
        return get_algorithm(algorithm).score(Pair(query, candidate, self.weight))

    def _check_datasets(self, names: Sequence[str]) -> None:
        unknown = [d for d in names if d not in self.datasets]
        if unknown:
            raise NotFound(f"unknown dataset(s): {', '.join(unknown)}")

    def screen(
        self,
        query: Query,
        *,
        limit: int = 10,
        threshold: float | None = None,
        algorithm: str | None = None,
        include_datasets: Sequence[str] = (),
        exclude_datasets: Sequence[str] = (),
        exclude_ids: Sequence[str] = (),
        candidates: int = 50,
    ) -> Screening:
        """Rank the entities a query could be: the ``candidates`` best by the index are
        scored with the algorithm; the ``limit`` best are returned, ``match`` set on those
        at or above ``threshold`` (the algorithm's default when None)."""
        algo = get_algorithm(algorithm)
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        if not 1 <= candidates <= MAX_CANDIDATES:
            raise UsageError(f"candidates must be between 1 and {MAX_CANDIDATES}")
        cut = algo.threshold if threshold is None else float(threshold)
        if not 0.0 <= cut <= 1.0:
            raise UsageError(f"threshold must be between 0 and 1, not {threshold}")
        self._check_datasets(list(include_datasets) + list(exclude_datasets))
        subject = subject_from_query(query)
        results = self._rank(
            subject,
            algo,
            cut,
            limit,
            candidates,
            frozenset(include_datasets),
            frozenset(exclude_datasets),
            frozenset(exclude_ids),
        )
        versions = self.list_versions
        if include_datasets:
            versions = {k: v for k, v in versions.items() if k in include_datasets}
        return Screening(
            query=query,
            results=results[:limit],
            total=len(results),
            algorithm=algo.name,
            algorithm_version=algo.version,
            threshold=cut,
            list_versions=dict(versions),
        )

    def _rank(
        self,
        subject: Subject,
        algo: Algorithm,
        cut: float,
        limit: int,
        candidates: int,
        include: frozenset[str],
        exclude: frozenset[str],
        exclude_ids: frozenset[str],
    ) -> list[MatchResult]:
        excluded_numbers = {self._ids[i] for i in exclude_ids if i in self._ids}

        def allowed(number: int) -> bool:
            if number in excluded_numbers:
                return False
            if not can_match(subject.schema, self._subjects[number].schema):
                return False
            datasets = self._datasets[number]
            if include and datasets.isdisjoint(include):
                return False
            return not (exclude and datasets <= exclude)

        ranked = self.index.candidates(subject.names, candidates, allowed)
        scored: list[tuple[float, int, dict[str, FeatureScore]]] = []
        for number, _ in ranked:
            pair = Pair(subject, self._subjects[number], self.weight)
            score, features = algo.score(pair)
            if score > 0.0:
                scored.append((score, number, features))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [
            MatchResult(self._entity(number), score, score >= cut, features)
            for score, number, features in scored
        ]

    def search(
        self,
        text: str,
        *,
        limit: int = 10,
        schema: str | None = None,
        datasets: Sequence[str] = (),
    ) -> list[MatchResult]:
        """Free-text search: entities whose names best cover ``text`` (any schema unless
        given), scored by name similarity alone."""
        name = check_name(text, field="q")
        query = Query(names=(name,), schema=schema or "Thing")
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
        self._check_datasets(list(datasets))
        try:
            subject = subject_from_query(query)
        except InputError:
            raise
        algo = get_algorithm(None)
        results = self._rank(
            subject, algo, algo.threshold, limit, max(limit * 3, 30),
            frozenset(datasets), frozenset(), frozenset(),
        )  # fmt: skip
        return results[:limit]
