"""The name comparison in use: the compiled core when it is built, else the reference.

:mod:`tracewire.match.compare` holds the algorithm in Python (read it for what it does
and why). ``_align`` is the same algorithm compiled (``src/tracewire/match/_align.cpp``,
built by ``pip install``), about twenty times faster, and gives bit-identical results
(tested on benchmark and generated names). Set ``TRACEWIRE_PURE_PYTHON=1`` to run on the
reference alone (for checking, or where no C++ compiler was at hand at install).

* :func:`compare_names`: the full :class:`~tracewire.match.compare.NameComparison`, with
  the aligned parts, for explanations;
* :func:`name_score`: only the numbers scoring needs (score, phonetic share, whether only
  generic words agree), without building the explanation;
* ``best_names``: the numbers of the best pair among a query's and a candidate's
  names, and which pair that is (the compiled core keeps every name pair's numbers);
* :func:`token_similarity` and :func:`similarities`: token pairs (the candidate index
  confirms reach with them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from types import ModuleType

from tracewire.match import compare
from tracewire.match.compare import NameComparison, WeightFn, uniform_weight
from tracewire.match.weights import Weights
from tracewire.names.phonetic import (
    _DIGRAPHS,
    _FRAME_READINGS,
    _MAX_FRAMES,
    _REWRITES,
    _VOWELS,
    ABJAD_FIT,
    ABJAD_LOOSE_COST,
    abjad_reading,
)
from tracewire.names.phonetic import abjad_fit as phonetic_abjad_fit
from tracewire.names.phonetic import abjad_frames as phonetic_abjad_frames
from tracewire.names.phonetic import skeleton as phonetic_skeleton
from tracewire.names.prepared import KIND_FACTORS, PreparedName, Token


def _load() -> ModuleType | None:
    if os.environ.get("TRACEWIRE_PURE_PYTHON", "").strip() not in ("", "0"):
        return None
    try:
        from tracewire.match import _align as core
    except ImportError:
        return None
    core.configure(
        {
            "MIN_TOKEN_SIMILARITY": compare.MIN_TOKEN_SIMILARITY,
            "MAX_EDIT_SHARE": compare._MAX_EDIT_SHARE,
            "OMISSION_PERSON": compare.OMISSION_COST["person"],
            "OMISSION_OTHER": compare.OMISSION_COST["other"],
            "LONE_PART_OMISSION_COST": compare.LONE_PART_OMISSION_COST,
            "CONFLICT_COST": compare.CONFLICT_COST,
            "TYPO_EDITS": float(compare.TYPO_EDITS),
            "EXTRA_EDIT_COST": compare.EXTRA_EDIT_COST,
            "IMPERFECT_COST": compare.IMPERFECT_COST,
            "PERSON_CONFLICT_FACTOR": compare.PERSON_CONFLICT_FACTOR,
            "GENERIC_SWAP_FACTOR": compare.GENERIC_SWAP_FACTOR,
            "ACRONYM_SIMILARITY": compare.ACRONYM_SIMILARITY,
            "ROLE_SWAP_FACTOR": compare.ROLE_SWAP_FACTOR,
            "SYLLABIC_OMISSION_COST": compare.SYLLABIC_OMISSION_COST,
            "SYLLABLE_VARIANT_SIMILARITY": compare.SYLLABLE_VARIANT_SIMILARITY,
            "COMPOUND_SIMILARITY": compare.COMPOUND_SIMILARITY,
            "COMPOUND_LENGTH_SHARE": compare.COMPOUND_LENGTH_SHARE,
            "SKELETON_REWRITES": [text for pair in _REWRITES for text in pair],
            "SKELETON_VOWELS": sorted(_VOWELS),
            "FILIATION": sorted(compare.FILIATION),
            "KIND_FACTORS": dict(KIND_FACTORS),
            "DISTINCTIVE_KINDS": sorted(compare.DISTINCTIVE_KINDS),
            "skeleton": phonetic_skeleton,
            "weights_type": Weights,
            "abjad_reading": abjad_reading,
            "abjad_fit": phonetic_abjad_fit,
            "ABJAD_FIT_TWO": ABJAD_FIT[2],
            "ABJAD_FIT_THREE": ABJAD_FIT[3],
            "ABJAD_LOOSE_COST": ABJAD_LOOSE_COST,
            "DIGRAPHS": sorted(_DIGRAPHS),
            "FRAME_READINGS": dict(_FRAME_READINGS),
            "MAX_FRAMES": float(_MAX_FRAMES),
        }
    )
    return core


_CORE = _load()
#: True when the compiled core is in use
COMPILED = _CORE is not None


def compare_names(
    query: PreparedName, candidate: PreparedName, weight: WeightFn = uniform_weight
) -> NameComparison:
    """Align the parts of two names and score them, with the explanation."""
    if _CORE is None:
        return compare.compare_names(query, candidate, weight)
    return NameComparison(*_CORE.compare(query, candidate, weight))


def name_score(
    query: PreparedName, candidate: PreparedName, weight: WeightFn = uniform_weight
) -> tuple[float, float, bool]:
    """The score of :func:`compare_names`, its phonetic share, and whether only generic
    words, legal forms, numbers or initials agree while a part is left over."""
    if _CORE is None:
        found = compare.compare_names(query, candidate, weight)
        return found.score, found.phonetic, generic_agreement(found)
    numbers: tuple[float, float, bool] = _CORE.score(query, candidate, weight)
    return numbers


#: the best pair's numbers (score, phonetic share, generic agreement) and indices
BestNames = tuple[float, float, bool, int, int]


def _best_names(
    query: tuple[PreparedName, ...],
    candidate: tuple[PreparedName, ...],
    weight: WeightFn,
    weak_query: frozenset[str],
    weak_candidate: frozenset[str],
    weak_factor: float,
) -> BestNames:
    """Every query name against every candidate name: the numbers of the first best
    pair and its indices (-1, -1 without names). A pair where either name is in either
    weak set scores ``weak_factor`` of its score."""
    best: BestNames = (0.0, 0.0, False, -1, -1)
    weak = weak_query | weak_candidate
    for i, qn in enumerate(query):
        for j, cn in enumerate(candidate):
            score, phonetic, generic = name_score(qn, cn, weight)
            if weak and (qn.original in weak or cn.original in weak):
                score = score * weak_factor
            if best[3] < 0 or score > best[0]:
                best = (score, phonetic, generic, i, j)
    return best


BestNamesFn = Callable[
    [tuple[PreparedName, ...], tuple[PreparedName, ...], WeightFn, frozenset[str],
     frozenset[str], float],
    BestNames,
]  # fmt: skip
#: :func:`_best_names`, or its compiled twin (called directly: once per candidate)
best_names: BestNamesFn = _best_names if _CORE is None else _CORE.best


def best_names_many(
    query: tuple[PreparedName, ...],
    candidates: list[tuple[PreparedName, ...]],
    weight: WeightFn,
    weak_query: frozenset[str],
    weak_candidates: list[frozenset[str]],
    weak_factor: float,
) -> list[BestNames]:
    """``best_names`` of the query against each candidate's names, in one call."""
    if _CORE is not None:
        found: list[BestNames] = _CORE.best_many(
            query, candidates, weight, weak_query, weak_candidates, weak_factor
        )
        return found
    return [
        _best_names(query, names, weight, weak_query, weak, weak_factor)
        for names, weak in zip(candidates, weak_candidates, strict=True)
    ]


def generic_agreement(found: NameComparison) -> bool:
    """Parts aligned, none of them distinctive, and a part left over or an initial
    among them: agreement that is no evidence of identity."""
    partial = bool(found.unmatched_query or found.unmatched_candidate) or any(
        how == "initial" for _, _, _, how in found.pairs
    )
    return bool(found.pairs) and not found.distinctive and partial


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two name tokens in 0..1 and how it was found (cached)."""
    if _CORE is None:
        return compare.token_similarity(a, b)
    found: tuple[float, str] = _CORE.token_similarity(a, b)
    return found


def similarities(token: Token, others: list[Token]) -> list[float]:
    """The similarity of ``token`` and each of ``others``."""
    if _CORE is None:
        return [compare.token_similarity(token, other)[0] for other in others]
    found: list[float] = _CORE.similarities(token, others)
    return found


def skeleton(text: str) -> str:
    """:func:`tracewire.names.phonetic.skeleton`, computed by the compiled core when built
    (for texts made on the fly, that no cache would hold)."""
    if _CORE is None:
        return phonetic_skeleton(text)
    found: str = _CORE.skeleton(text)
    return found


def abjad_fit(written: str, spelled: str, frame: str) -> float:
    """:func:`tracewire.names.phonetic.abjad_fit` (``frame``: the skeleton of
    ``spelled``), read by the compiled core when built."""
    if _CORE is None:
        return phonetic_abjad_fit(written, spelled, frame)
    fit: float = _CORE.abjad_fit(written, spelled, frame)
    return fit


def abjad_frames(text: str) -> tuple[str, ...]:
    """:func:`tracewire.names.phonetic.abjad_frames`, by the compiled core when built (for
    texts made on the fly, such as a query's words joined)."""
    if _CORE is None:
        return phonetic_abjad_frames(text)
    frames: tuple[str, ...] = _CORE.abjad_frames(text)
    return frames


def abjad_fits(written: str, tokens: list[Token]) -> list[float]:
    """:func:`abjad_fit` of ``written`` against each token's text (and skeleton)."""
    if _CORE is None:
        return [phonetic_abjad_fit(written, t.text, t.skeleton) for t in tokens]
    fits: list[float] = _CORE.abjad_fits(written, tokens)
    return fits


def one_edit(table: dict[str, list[int]], text: str, found: set[int]) -> None:
    """Add to ``found`` the items ``table`` lists under ``text`` and under each text one
    character shorter (a symmetric-deletion lookup)."""
    if _CORE is not None:
        _CORE.one_edit(table, text, found)
        return
    for key in {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}:
        found.update(table.get(key, ()))


def register(names: Iterable[PreparedName]) -> None:
    """Prepare the compiled core's view of these names ahead (an index's candidates)."""
    if _CORE is not None:
        _CORE.register(names)


def clear_caches() -> None:
    """Drop the compiled core's cached tokens, names and similarities."""
    if _CORE is not None:
        _CORE.clear()
