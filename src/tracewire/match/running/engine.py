"""The screening engine: entities in memory, a candidate index, scoring by an algorithm."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from tracewire.errors import NotFound, UsageError
from tracewire.match.align.dispatch import best_names_many
from tracewire.match.align.params import WEAK_ALIAS_FACTOR
from tracewire.match.align.reference import NameComparison
from tracewire.match.candidates.index import BoolArray, CandidateIndex
from tracewire.match.scoring.algorithms import Algorithm, ProfileMemo, get_algorithm
from tracewire.match.scoring.features import NameKey, Pair
from tracewire.match.scoring.schemas import can_match
from tracewire.match.scoring.subject import Subject, subject_from_entity, subject_from_query
from tracewire.match.types import FeatureScore, MatchResult, Query, Screening
from tracewire.names.prepared import PreparedName
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
        # every entity as JSON, one after another in one buffer (a bytes object per
        # entity would hold orjson's 4 KiB write buffer each: 150 MB for the lists at hand)
        self._json = bytearray()
        self._json_ends: list[int] = []
        self._subjects: list[Subject] = []
        #: per entity, the first entity with an equal subject (scores the same)
        self._twins: list[int] = []
        self._twin_of: dict[tuple[Any, ...], int] = {}
        self._datasets: list[frozenset[str]] = []
        #: identifier (letters and digits) -> the entities that carry it
        self._by_identifier: dict[str, list[int]] = {}
        self.datasets: set[str] = set(self.list_versions)
        # the build allocates millions of small objects and frees none: the cyclic
        # collector would walk them again and again for nothing
        collecting = gc.isenabled()
        gc.disable()
        try:
            for entity in entities:
                self._add(entity)
            self.index.finish()
        finally:
            if collecting:
                gc.enable()
        # what the index holds lives as long as it: keep it out of later collections
        # (and out of forked workers' copy-on-write pages)
        gc.freeze()
        self._schemata = sorted({s.schema for s in self._subjects})
        codes = {schema: code for code, schema in enumerate(self._schemata)}
        self._schema_codes = np.array([codes[s.schema] for s in self._subjects], dtype=np.int16)
        self._masks: dict[tuple[str, frozenset[str], frozenset[str]], BoolArray] = {}
        self._twin_of = {}
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
        number = len(self._json_ends)
        self._ids[str(entity_id)] = number
        if not entity.get("caption"):
            entity = {**entity, "caption": subject.names[0].original}
        self._json += orjson.dumps(entity)
        self._json_ends.append(len(self._json))
        self._subjects.append(subject)
        twin_key = (
            subject.schema,
            tuple(n.original for n in subject.names),
            subject.birth_dates,
            subject.countries,
            subject.identifiers,
            subject.weak_names,
            subject.gender,
        )
        self._twins.append(self._twin_of.setdefault(twin_key, number))
        for identifier in subject.identifiers:
            self._by_identifier.setdefault(identifier, []).append(number)
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
        entities = store.iter_entities(
            datasets=sorted(wanted) if wanted is not None else None,
            schemata=sorted(SCREENED_SCHEMATA),  # (sanctions, links, ... are not indexed)
        )
        return cls(entities, versions, token)

    @classmethod
    def from_entities(
        cls, entities: Iterable[dict[str, Any]], list_versions: dict[str, int] | None = None
    ) -> Screener:
        """Build from FtM entity dicts (``id``, ``schema``, ``properties``, ``datasets``)."""
        return cls(entities, list_versions, None)

    def __len__(self) -> int:
        return len(self._json_ends)

    def get(self, entity_id: str) -> dict[str, Any] | None:
        """An indexed entity by id, as an FtM dict with all its datasets."""
        number = self._ids.get(entity_id)
        return None if number is None else self._entity(number)

    def _entity(self, number: int) -> dict[str, Any]:
        start = self._json_ends[number - 1] if number else 0
        entity: dict[str, Any] = orjson.loads(
            memoryview(self._json)[start : self._json_ends[number]]
        )
        entity["datasets"] = sorted(self._datasets[number])
        return entity

    def weight(self, text: str) -> float:
        """Rarity of a normalised token in the indexed names."""
        return self.index.weights[text]

    def compare(
        self, query: Subject, candidate: Subject, algorithm: str | None = None
    ) -> tuple[float, dict[str, FeatureScore]]:
        """Score one prepared subject against another (token rarity from this index)."""
        return get_algorithm(algorithm).score(Pair(query, candidate, self.index.weights))

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
        all_names: bool = False,
    ) -> Screening:
        """Rank the entities a query could be: the ``candidates`` best by the index are
        scored with the algorithm; the ``limit`` best are returned, ``match`` set on those
        at or above ``threshold`` (the algorithm's default when None). A candidate's
        names that share no token with the query (as the index reaches tokens) are not
        compared unless ``all_names`` (the slow reference the fast path is tested on)."""
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
        results, total = self._rank(
            subject,
            algo,
            cut,
            limit,
            candidates,
            frozenset(include_datasets),
            frozenset(exclude_datasets),
            frozenset(exclude_ids),
            all_names,
        )
        versions = self.list_versions
        if include_datasets:
            versions = {k: v for k, v in versions.items() if k in include_datasets}
        return Screening(
            query=query,
            results=results,
            total=total,
            algorithm=algo.name,
            algorithm_version=algo.version,
            threshold=cut,
            list_versions=dict(versions),
        )

    def _allowed(self, schema: str, include: frozenset[str], exclude: frozenset[str]) -> BoolArray:
        """Mask of the entities a query of ``schema`` may get (cached per filter)."""
        key = (schema, include, exclude)
        mask = self._masks.get(key)
        if mask is None:
            by_code = np.array([can_match(schema, s) for s in self._schemata], dtype=np.bool_)
            mask = by_code[self._schema_codes]
            if include or exclude:
                wanted = np.array(
                    [
                        not (include and datasets.isdisjoint(include))
                        and not (exclude and datasets <= exclude)
                        for datasets in self._datasets
                    ],
                    dtype=np.bool_,
                )
                mask = mask & wanted
            if len(self._masks) >= 64:
                self._masks.clear()
            self._masks[key] = mask
        return mask

    def _reached_names(
        self, numbers: list[int], reached: BoolArray
    ) -> list[tuple[tuple[PreparedName, ...], bytes] | None]:
        """Per candidate, the names of it the query reached and which those are, or None
        when it reached all of them or none (then all are compared)."""
        if not numbers:
            return []
        index = self.index
        entities = np.array(numbers, dtype=np.int64)
        starts = index.name_start[entities].astype(np.int64)
        lengths = index.name_start[entities + 1] - starts
        firsts = np.zeros(len(entities), dtype=np.int64)
        np.cumsum(lengths[:-1], out=firsts[1:])
        flags = reached[np.repeat(starts - firsts, lengths) + np.arange(int(lengths.sum()))]
        counts = np.add.reduceat(flags.astype(np.int32), firsts)
        partial = np.flatnonzero((counts > 0) & (counts < lengths)).tolist()
        out: list[tuple[tuple[PreparedName, ...], bytes] | None] = [None] * len(numbers)
        if not partial:
            return out
        flag_list, first_list, length_list = flags.tolist(), firsts.tolist(), lengths.tolist()
        for k in partial:
            mask = flag_list[first_list[k] : first_list[k] + length_list[k]]
            names = self._subjects[numbers[k]].names
            out[k] = (tuple(n for n, hit in zip(names, mask, strict=True) if hit), bytes(mask))
        return out

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
        all_names: bool = False,
    ) -> tuple[list[MatchResult], int]:
        """The ``limit`` best results, scored, and how many candidates scored above 0."""
        allowed = self._allowed(subject.schema, include, exclude)
        if exclude_ids:
            allowed = allowed.copy()
            allowed[[self._ids[i] for i in exclude_ids if i in self._ids]] = False
        found = self.index.candidates(subject.names, candidates, allowed)
        ranked = [number for number, _ in found.ranked]
        if subject.identifiers:
            # an identifier settles a match whatever the names: those who carry one of the
            # query's are scored too (the only candidates of a query without a name)
            seen = set(ranked)
            ranked += sorted(
                {
                    number
                    for identifier in sorted(subject.identifiers)
                    for number in self._by_identifier.get(identifier, ())
                    if allowed[number] and number not in seen
                }
            )
        weight = self.index.weights
        scored: list[tuple[float, int]] = []
        partial: set[int] = set()
        unscored: list[int] = []
        # the same party listed by several lists often prepares to an equal subject:
        # score it once per query
        memo: dict[tuple[int, bytes], float] = {}
        # and the features that read no names are scored once per candidate profile
        profiles: ProfileMemo = {}
        reduced = (
            [None] * len(ranked) if all_names else self._reached_names(ranked, found.reached_names)
        )
        keys: list[tuple[int, bytes]] = []
        todo: dict[tuple[int, bytes], Pair] = {}
        for number, reach in zip(ranked, reduced, strict=True):
            hits = b""
            if reach is not None:
                partial.add(number)
                hits = reach[1]
            key = (self._twins[number], hits)
            keys.append(key)
            if key not in todo:
                todo[key] = Pair(
                    subject,
                    self._subjects[number],
                    weight,
                    candidate_names=None if reach is None else reach[0],
                )
        # the names of every candidate compared in one call, then each scored
        pairs = list(todo.values())
        found_names = best_names_many(
            subject.names,
            [pair.names for pair in pairs],
            weight,
            subject.weak_names,
            [pair.candidate.weak_names for pair in pairs],
            WEAK_ALIAS_FACTOR,
        )
        for key, pair, names_found in zip(todo, pairs, found_names, strict=True):
            pair.preset(names_found)
            memo[key] = algo.value(pair, profiles)
        for number, key in zip(ranked, keys, strict=True):
            known = memo[key]
            if known > 0.0:
                scored.append((known, number))
            elif number in partial:
                unscored.append(number)
        scored.sort(key=lambda item: (-item[0], item[1]))
        if partial:
            # what is returned is scored on every name of the candidate; when too few
            # candidates scored, those left out get their other names a chance
            rescore = [n for _, n in scored[:limit] if n in partial]
            if len(scored) < limit:
                rescore += unscored
            again = {
                n: algo.value(Pair(subject, self._subjects[n], weight), profiles) for n in rescore
            }
            scored = [(again.get(n, score), n) for score, n in scored]
            scored += [(again[n], n) for n in unscored if n in again]
            scored = [item for item in scored if item[0] > 0.0]
            scored.sort(key=lambda item: (-item[0], item[1]))
        # only what is returned is explained (the same feature scores, with the why)
        comparisons: dict[NameKey, NameComparison] = {}
        results = []
        for score, number in scored[:limit]:
            pair = Pair(subject, self._subjects[number], weight, memo=comparisons)
            _, features = algo.score(pair)
            results.append(MatchResult(self._entity(number), score, score >= cut, features))
        return results, len(scored)

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
        subject = subject_from_query(query)
        algo = get_algorithm(None)
        results, _ = self._rank(
            subject, algo, algo.threshold, limit, max(limit * 3, 30),
            frozenset(datasets), frozenset(), frozenset(),
        )  # fmt: skip
        return results
