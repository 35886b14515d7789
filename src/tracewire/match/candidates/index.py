"""The in-memory candidate index: token, variant, phonetic and near-spelling postings.

Built once from the entities (seconds for all lists), it answers "which entities could
this name be?" with a bounded, ranked set of candidates, never the whole list. Every
distinct token of every name is a vocabulary entry with postings (the names, and so the
entities, that hold it) and a rarity weight (inverse document frequency over entities).
A query token reaches vocabulary entries by exact spelling, shared variant key, shared
consonant frame, and one-edit neighbours (symmetric deletion), each confirmed by the
token similarity used in scoring.

Postings are numpy arrays (compressed rows, token -> name numbers) built in
:meth:`CandidateIndex.finish`. What a query token reaches is computed once per token text
and kind and cached (entities with their best gain, names reached), so a query costs a
few vector additions over the entity axis, whatever the postings' lengths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tracewire.match.align.dispatch import abjad_fit, abjad_fits, one_edit, similarities
from tracewire.match.align.dispatch import abjad_frames as fast_abjad_frames
from tracewire.match.align.dispatch import skeleton as fast_skeleton
from tracewire.match.align.params import KIND_FACTORS
from tracewire.match.align.weights import Weights
from tracewire.names.phonetic import abjad_frames, is_abjad
from tracewire.names.prepared import PreparedName, Token, make_token

#: tokens this frequent are not followed to their postings when they are generic words
_COMMON_DF = 1500
_MIN_DELETE_LENGTH = 4
#: query tokens whose reach is kept (per process); the cache is emptied when full
_REACH_CACHE_SIZE = 20_000

_NEVER = np.iinfo(np.int64).max
IntArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def _join_frames(frames: list[str]) -> str:
    """Consonant frames of adjacent tokens as one (a letter doubled at a seam once)."""
    out = frames[0]
    for frame in frames[1:]:
        out += frame[1:] if out and frame and out[-1] == frame[0] else frame
    return out


def _acronyms(tokens: tuple[Token, ...]) -> set[str]:
    """Initials of every run of 2-5 adjacent tokens, with and without the particles
    ("Islamic Republic of Iran" gives "iri" and "irio", ...)."""
    found: set[str] = set()
    plain = tuple(t for t in tokens if t.kind != "particle")
    for words in (tokens, plain) if len(plain) < len(tokens) else (tokens,):
        letters = "".join(t.text[0] for t in words)
        for size in range(2, 6):
            for start in range(len(letters) - size + 1):
                found.add(letters[start : start + size])
    return found


def _plain_kind(text: str) -> str:
    if text.isdigit():
        return "number"
    if len(text) == 1:
        return "initial"
    return "name"


@dataclass(frozen=True, slots=True)
class Reach:
    """What one query token reaches: entities with their best gain, and the names."""

    entities: IntArray
    gains: FloatArray
    #: per entity, the rank of the first reaching token in reach order (ties keep it)
    first: IntArray
    names: IntArray


@dataclass(frozen=True, slots=True)
class Candidates:
    """Ranked candidate entities of a query and the names of theirs the query reached."""

    ranked: list[tuple[int, float]]
    reached_names: BoolArray


class CandidateIndex:
    """Postings from name tokens to names and entities, with rarity weights."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.tokens: list[Token] = []
        self.by_skeleton: dict[str, list[int]] = {}
        self.by_variant: dict[str, list[int]] = {}
        #: a text -> the tokens one edit away by symmetric deletion: tokens (4+ letters)
        #: with it among their one-letter deletions, and the token spelled so itself
        self.near: dict[str, list[int]] = {}
        self.size = 0
        self._df: list[int] = []
        self._postings: list[list[int]] = []  # while building: token -> name numbers
        self._name_entity: list[int] = []
        self._name_start: list[int] = []  # entity -> its first name number
        self._indptr: IntArray = np.zeros(1, dtype=np.int32)
        self._lengths: IntArray = np.zeros(0, dtype=np.int32)
        self._compound_cache: dict[str, IntArray] = {}
        self._indices: IntArray = np.zeros(0, dtype=np.int32)
        self.name_entity: IntArray = np.zeros(0, dtype=np.int32)
        self.name_start: IntArray = np.zeros(1, dtype=np.int32)
        self._idf: FloatArray = np.zeros(0, dtype=np.float64)
        self._max_idf = 1.0
        self.weights = Weights(1.0)
        self._reach_cache: dict[tuple[str, str], Reach] = {}
        #: runs of 2-3 adjacent tokens of a name, joined and as a consonant frame -> names
        self._joined: dict[str, list[int]] = {}
        #: runs holding a token written without short vowels (Arabic script), joined
        #: (an abjad word too), by the frames of their readings: a word that reads one
        #: (abjad_fit) blocks the names holding the run, as Latin spellings write such
        #: compounds in one word ("hidayatullah" ~ هدايت الله)
        self._joined_abjad: dict[str, set[str]] = {}
        #: while building: the run keys of each distinct prepared name (by identity)
        self._run_keys: dict[int, tuple[list[str], list[tuple[str, list[str]]]]] = {}
        self._compound_gain_cache: dict[str, tuple[IntArray, FloatArray]] = {}

    @property
    def name_count(self) -> int:
        """Number of names indexed (every alias of every entity)."""
        return len(self.name_entity)

    def _token_id(self, text: str) -> int:
        tid = self.vocab.get(text)
        if tid is not None:
            return tid
        tid = len(self.tokens)
        self.vocab[text] = tid
        plain = make_token(text, _plain_kind(text))
        self.tokens.append(plain)
        self._postings.append([])
        self._df.append(0)
        if len(plain.skeleton) >= 2:
            self.by_skeleton.setdefault(plain.skeleton, []).append(tid)
        if plain.abjad:
            # written without short vowels: found by the frames of its other readings too
            # (ج as g or dj, ذ ض ظ as z or th, و as v, a final ة as t or a vowel, ...)
            for frame in abjad_frames(text)[1:]:
                if len(frame) >= 2:
                    self.by_skeleton.setdefault(frame, []).append(tid)
        for key in plain.variants:
            self.by_variant.setdefault(key, []).append(tid)
        self.near.setdefault(text, []).append(tid)
        if len(text) >= _MIN_DELETE_LENGTH:
            for deleted in _deletions(text):
                self.near.setdefault(deleted, []).append(tid)
        return tid

    def add(self, number: int, names: Iterable[PreparedName]) -> None:
        """Index the names of entity ``number`` (numbers must be added 0, 1, 2, ...)."""
        if number != len(self._name_start):
            raise ValueError(f"entity {number} added out of order")
        self._name_start.append(len(self._name_entity))
        seen: set[int] = set()
        for name in names:
            name_number = len(self._name_entity)
            self._name_entity.append(number)
            in_name: set[int] = set()
            keys = self._run_keys.get(id(name))
            if keys is None:  # (the same name of several parties: its runs once)
                keys = self._run_keys[id(name)] = self._runs(name)
            for key in keys[0]:
                self._joined.setdefault(key, []).append(name_number)
            for joined, readings in keys[1]:
                for reading in readings:
                    self._joined_abjad.setdefault(reading, set()).add(joined)
            for token in name.tokens:
                tid = self._token_id(token.text)
                if tid not in in_name:
                    in_name.add(tid)
                    self._postings[tid].append(name_number)
                if tid not in seen:
                    seen.add(tid)
                    self._df[tid] += 1
        self.size = number + 1

    @staticmethod
    def _runs(name: PreparedName) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """Keys of a name's runs of 2-3 adjacent tokens: each run written as one word
        and its joined frame (``~`` + frame), and the runs holding an abjad token with the
        frames of their readings."""
        texts = [t.text for t in name.tokens]
        frames = [t.skeleton for t in name.tokens]
        abjad = [t.abjad for t in name.tokens]
        keys: list[str] = []
        readings: list[tuple[str, list[str]]] = []
        for size in (2, 3):
            for start in range(len(texts) - size + 1):
                joined = "".join(texts[start : start + size])
                keys.append(joined)
                # the frames of the parts, joined (the frame of the joined word but
                # where a letter pair spans the seam): "hizb allah" ~ "hezbollah"
                frame = _join_frames(frames[start : start + size])
                if len(frame) >= 3:
                    keys.append("~" + frame)
                if any(abjad[start : start + size]) and is_abjad(joined):
                    found = [r for r in fast_abjad_frames(joined) if len(r) >= 3]
                    readings.append((joined, found))
        return keys, readings

    def finish(self) -> None:
        """Freeze the postings into arrays and compute rarity weights."""
        n = max(self.size, 1)
        lengths = np.fromiter((len(p) for p in self._postings), dtype=np.int64)
        indptr = np.zeros(len(self._postings) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        flat = [number for postings in self._postings for number in postings]
        self._indices = np.array(flat, dtype=np.int32)
        self._indptr = indptr.astype(np.int32)
        self._lengths = lengths.astype(np.int32)
        self._postings = []
        self._run_keys = {}
        self.name_entity = np.array(self._name_entity, dtype=np.int32)
        self.name_start = np.array([*self._name_start, len(self._name_entity)], dtype=np.int32)
        self._name_entity = []
        self._name_start = []
        # math.log, not np.log: the weights must be the same floats on every machine
        self._idf = np.array([math.log((n + 1) / (df + 1)) + 1.0 for df in self._df])
        self._max_idf = math.log(n + 1) + 1.0
        self.weights = Weights(self._max_idf)
        self.weights.update(zip(self.vocab, self._idf.tolist(), strict=True))
        self._reach_cache = {}
        self._compound_cache = {}
        self._compound_gain_cache = {}

    def weight(self, text: str) -> float:
        """Rarity (IDF) of a token text; unseen tokens are as rare as can be."""
        return self.weights[text]

    def _reach_tokens(self, token: Token) -> set[int]:
        found: set[int] = set()
        tid = self.vocab.get(token.text)
        if tid is not None:
            found.add(tid)
        for key in token.variants:
            found.update(self.by_variant.get(key, ()))
        if len(token.skeleton) >= 2:
            found.update(self.by_skeleton.get(token.skeleton, ()))
        if token.abjad:
            # written without short vowels (Arabic, Persian script): other readings of its
            # letters (ج as g, و as v, ذ as z, ...) have other frames
            for frame in abjad_frames(token.text)[1:]:
                found.update(self.by_skeleton.get(frame, ()))
        if len(token.text) >= _MIN_DELETE_LENGTH - 1:
            self._one_edit(token.text, found)
        return found

    def _one_edit(self, text: str, found: set[int]) -> None:
        """Add the tokens one edit from ``text`` (symmetric deletion): those with ``text``
        or one of its deletions among their deletions, and its deletions themselves."""
        one_edit(self.near, text, found)

    def reach(self, token: Token) -> Reach:
        """Entities (with the best gain = similarity x kind factor x rarity of the token
        they hold) and names one query token reaches; cached per token text and kind."""
        key = (token.text, token.kind)
        cached = self._reach_cache.get(key)
        if cached is not None:
            return cached
        factor = KIND_FACTORS[token.kind] or 0.1
        tids: list[int] = []
        gains: list[float] = []
        ranks: list[int] = []
        # vocabulary order (sorted ids): entities tied on blocking score keep the order in
        # which this walk first meets them, the same in every process (a set's own order
        # would depend on the hash seed through the order variant keys were added)
        reached = sorted(self._reach_tokens(token))
        kept = [
            (rank, tid)
            for rank, tid in enumerate(reached)
            if not (self._df[tid] > _COMMON_DF and token.kind != "name")
        ]
        sims = similarities(token, [self.tokens[tid] for _, tid in kept])
        for (rank, tid), sim in zip(kept, sims, strict=True):
            if sim <= 0.0 or self._lengths[tid] == 0:
                continue
            tids.append(tid)
            gains.append(sim * factor * float(self._idf[tid]))
            ranks.append(rank)
        compounds = [
            np.array(self._joined.get(key, ()), dtype=np.int32)
            for key in (token.text, "~" + token.skeleton)
        ]
        postings = [self._indices[self._indptr[t] : self._indptr[t + 1]] for t in tids]
        # a word reaches the names where a run of abjad tokens it reads is written apart
        # (met after the tokens it reaches)
        for joined in sorted(self._joined_abjad.get(token.skeleton, ())):
            fit = abjad_fit(joined, token.text, token.skeleton)
            if fit > 0.0:
                postings.append(np.array(self._joined[joined], dtype=np.int32))
                gains.append(fit * factor * self.weights[token.text])
                ranks.append(len(reached))
        if not postings:
            empty = np.zeros(0, dtype=np.int32)
            found = Reach(empty, np.zeros(0, dtype=np.float64), empty, np.concatenate(compounds))
        else:
            lengths = np.array([len(names) for names in postings], dtype=np.int64)
            names = np.concatenate(postings)
            gain_per_name = np.repeat(np.array(gains, dtype=np.float64), lengths)
            rank_per_name = np.repeat(np.array(ranks, dtype=np.int32), lengths)
            entities = self.name_entity[names]
            # per entity, its best gain and its first rank: sort by entity, keep firsts
            order = np.lexsort((-gain_per_name, entities))
            by_entity = entities[order]
            first = np.ones(len(by_entity), dtype=np.bool_)
            first[1:] = by_entity[1:] != by_entity[:-1]
            starts = np.flatnonzero(first)
            rank_sorted = rank_per_name[order]
            found = Reach(
                by_entity[first],
                gain_per_name[order][first],
                np.minimum.reduceat(rank_sorted, starts).astype(np.int32),
                np.concatenate([names, *compounds]),
            )
        if len(self._reach_cache) >= _REACH_CACHE_SIZE:
            self._reach_cache.clear()
        self._reach_cache[key] = found
        return found

    def compound_names(self, text: str) -> IntArray:
        """Names holding a token that adjacent query tokens, written as one (``text``),
        could spell: the same word, the same consonant frame, or one edit away."""
        cached = self._compound_cache.get(text)
        if cached is not None:
            return cached
        tids: set[int] = set()
        tid = self.vocab.get(text)
        if tid is not None:
            tids.add(tid)
        frame = fast_skeleton(text)
        if len(frame) >= 3:
            tids.update(self.by_skeleton.get(frame, ()))
        if len(text) >= _MIN_DELETE_LENGTH - 1:
            self._one_edit(text, tids)
        found = (
            np.concatenate([self._indices[self._indptr[t] : self._indptr[t + 1]] for t in tids])
            if tids
            else np.zeros(0, dtype=np.int32)
        )
        if len(self._compound_cache) >= _REACH_CACHE_SIZE:
            self._compound_cache.clear()
        self._compound_cache[text] = found
        return found

    def compound_gains(self, text: str) -> tuple[IntArray, FloatArray]:
        """Entities holding a token that reads adjacent abjad query tokens written as one
        (``text``, :func:`abjad_fit`), each with its best gain (fit x rarity): هدايت الله
        reaches "Hidayatullah" as a name of its own."""
        cached = self._compound_gain_cache.get(text)
        if cached is not None:
            return cached
        tids: list[int] = []
        fits: list[float] = []
        near = sorted({t for f in fast_abjad_frames(text) for t in self.by_skeleton.get(f, ())})
        for tid, fit in zip(near, abjad_fits(text, [self.tokens[t] for t in near]), strict=True):
            if fit > 0.0:
                tids.append(tid)
                fits.append(fit)
        if tids:
            lengths = self._lengths[tids]
            names = np.concatenate(
                [self._indices[self._indptr[t] : self._indptr[t + 1]] for t in tids]
            )
            gains = np.repeat(np.array(fits) * self._idf[tids], lengths)
            entities = self.name_entity[names]
            order = np.lexsort((-gains, entities))
            first = np.ones(len(order), dtype=np.bool_)
            first[1:] = entities[order][1:] != entities[order][:-1]
            found = (entities[order][first], gains[order][first])
        else:
            found = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64))
        if len(self._compound_gain_cache) >= _REACH_CACHE_SIZE:
            self._compound_gain_cache.clear()
        self._compound_gain_cache[text] = found
        return found

    def candidates(
        self,
        names: Sequence[PreparedName],
        limit: int,
        allowed: BoolArray | None = None,
    ) -> Candidates:
        """The ``limit`` entities whose names share the most rarity mass with ``names``,
        best first (ties: lower entity number first), as (entity number, blocking score),
        with the names each query token reached. ``allowed`` masks entities out."""
        reached = np.zeros(self.name_count, dtype=np.bool_)
        if not names:
            return Candidates([], reached)
        totals = np.zeros(self.size, dtype=np.float64)
        # when entities tie on score, the one the walk (name, token, reach rank) met
        # first ranks first, then the lower entity number
        met = np.full(self.size, _NEVER, dtype=np.int64)
        for i, name in enumerate(names):
            per_name = np.zeros(self.size, dtype=np.float64)
            for j, token in enumerate(name.tokens):
                found = self.reach(token)
                reached[found.names] = True
                if len(found.entities):
                    per_name[found.entities] += found.gains
                    step = ((i << 12) + min(j, 4095)) << 32
                    known = met[found.entities]
                    met[found.entities] = np.minimum(known, found.first.astype(np.int64) + step)
            texts = [t.text for t in name.tokens]
            abjad = [t.abjad for t in name.tokens]
            for size in (2, 3):
                for start in range(len(texts) - size + 1):
                    # a query written apart ("hizb allah") reaches a name in one word
                    joined = "".join(texts[start : start + size])
                    reached[self.compound_names(joined)] = True
                    if any(abjad[start : start + size]) and is_abjad(joined):
                        # and, in Arabic script (هدايت الله), blocks its entity too
                        entities, gains = self.compound_gains(joined)
                        per_name[entities] += gains
            # acronyms: a listed "SAI" for the query's "Shahed Aviation Industries" (a
            # query's acronym aligns only beside a part that aligns: reached already)
            for acronym in () if name.person else _acronyms(name.tokens):
                tid = self.vocab.get(acronym)
                if tid is not None:
                    reached[self._indices[self._indptr[tid] : self._indptr[tid + 1]]] = True
            np.maximum(totals, per_name, out=totals)
        if allowed is not None:
            np.multiply(totals, allowed, out=totals)
        numbers = np.flatnonzero(totals > 0.0)
        scores = totals[numbers]
        if len(numbers) > limit:
            kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
            above = np.flatnonzero(scores > kth)
            tied = np.flatnonzero(scores == kth)
            tied = tied[np.lexsort((numbers[tied], met[numbers[tied]]))]
            keep = np.concatenate([above, tied[: limit - len(above)]])
            numbers, scores = numbers[keep], scores[keep]
        order = np.lexsort((numbers, met[numbers], -scores))
        ranked = list(zip(numbers[order].tolist(), scores[order].tolist(), strict=True))
        return Candidates(ranked, reached)
