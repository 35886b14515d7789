"""The name comparison in use: the compiled core when it is built, else the reference.

:mod:`tracewire.match.align.reference` holds the algorithm in Python (read it for what it
does and why). ``_core`` is the same algorithm compiled (``align/_core.cpp``, built by
``pip install``), about twenty times faster, and gives bit-identical results (tested on
benchmark and generated names); both read their constants from
:mod:`tracewire.match.align.params`. Set ``TRACEWIRE_PURE_PYTHON=1`` to run on the
reference alone (for checking, or where no C++ compiler was at hand at install).

* :func:`compare_names`: the full :class:`~tracewire.match.align.reference.NameComparison`,
  with the aligned parts, for explanations;
* ``best_names`` and :func:`best_names_many`: the numbers of the best pair among a
  query's and a candidate's names, and which pair that is (what ranking calls);
* :func:`similarities`, :func:`abjad_fit`, :func:`abjad_fits`, :func:`abjad_frames`,
  :func:`skeleton`, :func:`one_edit`: what the candidate index reaches tokens with;
* :func:`register`: the core's view of an index's names, prepared ahead;
* :func:`name_score`, :func:`token_similarity`, :func:`clear_caches`: for the tests
  that hold the core to the reference.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from types import ModuleType

from tracewire.match.align import params, reference
from tracewire.match.align.reference import NameComparison, WeightFn, uniform_weight
from tracewire.match.align.weights import Weights
from tracewire.names.phonetic import abjad_fit as phonetic_abjad_fit
from tracewire.names.phonetic import abjad_frames as phonetic_abjad_frames
from tracewire.names.phonetic import skeleton as phonetic_skeleton
from tracewire.names.prepared import PreparedName, Token

#: set (to anything but 0) to run on the Python reference even where the core is built
PURE_PYTHON_VARIABLE = "TRACEWIRE_PURE_PYTHON"


def pure_python_asked() -> bool:
    """Whether the environment asks for the Python reference alone."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "").strip() not in ("", "0")


def _load() -> ModuleType | None:
    if pure_python_asked():
        return None
    try:
        from tracewire.match.align import _core as core
    except ImportError:  # built without a C++ compiler (the extension is optional)
        return None
    core.configure(params.core_settings(Weights))
    return core


_CORE = _load()
#: True when the compiled core is in use
COMPILED = _CORE is not None


def compare_names(
    query: PreparedName, candidate: PreparedName, weight: WeightFn = uniform_weight
) -> NameComparison:
    """Align the parts of two names and score them, with the explanation."""
    if _CORE is None:
        return reference.compare_names(query, candidate, weight)
    return NameComparison(*_CORE.compare(query, candidate, weight))


def name_score(
    query: PreparedName, candidate: PreparedName, weight: WeightFn = uniform_weight
) -> tuple[float, float, bool]:
    """The score of :func:`compare_names`, its phonetic share, and whether only generic
    words, legal forms, numbers or initials agree while a part is left over."""
    if _CORE is None:
        found = reference.compare_names(query, candidate, weight)
        return found.score, found.phonetic, generic_agreement(found)
    score, phonetic, generic, _, _ = _CORE.best(
        (query,), (candidate,), weight, frozenset(), frozenset(), 1.0
    )
    return score, phonetic, generic


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
        return reference.token_similarity(a, b)
    found: tuple[float, str] = _CORE.token_similarity(a, b)
    return found


def similarities(token: Token, others: list[Token]) -> list[float]:
    """The similarity of ``token`` and each of ``others``."""
    if _CORE is None:
        return [reference.token_similarity(token, other)[0] for other in others]
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
