"""Name against name: token similarity and the rarity-weighted alignment of name parts.

Name parts are aligned one to one regardless of order, so "PATRUSHEV, Nikolai" and
"Nikolai Patrushev" align fully. Each pair's similarity comes from the best of: exact
spelling, a known variant (Mykola ~ Nikolai), the edit distance of the ASCII forms, a
shared stem (industry ~ industries), a shared consonant frame (Шахед ~ Shahed), or an
initial (M. ~ Mikhail). Parts left unaligned cost in proportion to their rarity: a part
only one side has (a middle name, a patronymic) costs less than two parts that disagree
(George Bush vs George Habbash); two patronymics that disagree cost as much as two names.

Names written in a syllabic script (Chinese, Korean, Japanese) transliterate to one
syllable per character: there, syllables agree only exactly or as a known reading of
the same character (Chen ~ Tan), never by spelling distance (cheng is not chen), and a
syllable only one side has is a different given name, not a dropped middle name.

Every number this module tunes by lives in :mod:`tracewire.match.align.params`, which the
compiled core (``_core.cpp``, a port of this module) reads too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

from tracewire.match.align.params import (
    ACRONYM_SIMILARITY,
    COMPOUND_LENGTH_SHARE,
    COMPOUND_SIMILARITY,
    CONFLICT_COST,
    DISTINCTIVE_KINDS,
    EXTRA_EDIT_COST,
    FILIATION,
    GENERIC_SWAP_FACTOR,
    IMPERFECT_COST,
    KIND_FACTORS,
    LONE_PART_OMISSION_COST,
    MAX_EDIT_SHARE,
    MIN_TOKEN_SIMILARITY,
    OMISSION_COST,
    PERSON_CONFLICT_FACTOR,
    ROLE_SWAP_FACTOR,
    SYLLABIC_OMISSION_COST,
    SYLLABLE_VARIANT_SIMILARITY,
    TYPO_EDITS,
)
from tracewire.names.phonetic import abjad_fit, skeleton
from tracewire.names.prepared import PreparedName, Token

WeightFn = Callable[[str], float]


def uniform_weight(token: str) -> float:
    """Every token equally rare (used when no index is at hand)."""
    return 1.0


@dataclass(slots=True)
class NameComparison:
    """Outcome of comparing two names: score in 0..1 and how the parts aligned."""

    score: float
    query: str
    candidate: str
    pairs: list[tuple[str, str, float, str]] = field(default_factory=list)
    unmatched_query: list[str] = field(default_factory=list)
    unmatched_candidate: list[str] = field(default_factory=list)
    distinctive: bool = False
    phonetic: float = 0.0

    def detail(self) -> str:
        """One line: aligned parts with how they matched, then unaligned parts."""
        parts = [
            (f"{q}={c}" if q == c else f"{q}~{c}({how} {sim:.2f})") for q, c, sim, how in self.pairs
        ]
        parts += [f"-{t}" for t in self.unmatched_query]
        parts += [f"+{t}" for t in self.unmatched_candidate]
        return " ".join(parts) if parts else "no name parts"


_TOKEN_CACHE: dict[tuple[str, str, str, str], tuple[float, str]] = {}
_TOKEN_CACHE_SIZE = 500_000


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two name tokens in 0..1 and the way it was found (cached: a token's
    keys derive from its text and kind)."""
    if a.text == b.text:
        return 1.0, "exact"
    key = (a.text, a.kind, b.text, b.kind)
    found = _TOKEN_CACHE.get(key)
    if found is None:
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_SIZE:
            _TOKEN_CACHE.clear()
        found = _TOKEN_CACHE[key] = _token_similarity(a, b)
    return found


def _token_similarity(a: Token, b: Token) -> tuple[float, str]:
    if a.text == b.text:
        return 1.0, "exact"
    if a.kind == "number" or b.kind == "number":
        return 0.0, "number"
    if a.kind == "initial" or b.kind == "initial":
        if a.text[0] == b.text[0]:
            return 0.8, "initial"
        return 0.0, "initial"
    if a.variants and not a.variants.isdisjoint(b.variants):
        return 0.92, "variant"
    if a.abjad or b.abjad:
        return _abjad_similarity(a, b)
    if (
        a.skeleton != b.skeleton
        and a.stem != b.stem
        and abs(len(a.text) - len(b.text)) > MAX_EDIT_SHARE * max(len(a.text), len(b.text))
    ):
        return 0.0, "spelling"  # too far apart in length for any way of agreeing
    sim = _spelling(a.text, b.text)
    how = "spelling"
    if a.stem == b.stem and sim < 0.95:
        sim, how = 0.95, "stem"
    if a.skeleton == b.skeleton and len(a.skeleton) >= 3:
        # a short consonant frame ("mkl") is weaker evidence than a long one ("mhmd")
        long = len(a.skeleton) >= 4 or min(len(a.text), len(b.text)) >= 7
        phonetic = 0.85 if long else 0.75
        if sim < phonetic:
            sim, how = phonetic, "phonetic"
    if sim < MIN_TOKEN_SIMILARITY:
        return 0.0, how
    return sim, how


def _abjad_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Either token written without short vowels (Arabic, Persian, Hebrew script, or a
    Latin spelling such as Ahmad): the other is a reading of its letters
    (:func:`tracewire.names.phonetic.abjad_fit`: حسين reads as Hussein, not Hassan; محمد
    as Muhammad, not Mahmood), or they agree by spelling or stem alone."""
    fit = abjad_fit(a.text, b.text, b.skeleton) if b.skeleton in a.frames else 0.0
    if a.skeleton in b.frames:
        fit = max(fit, abjad_fit(b.text, a.text, a.skeleton))
    if (
        fit == 0.0
        and a.stem != b.stem
        and abs(len(a.text) - len(b.text)) > MAX_EDIT_SHARE * max(len(a.text), len(b.text))
    ):
        return 0.0, "spelling"  # too far apart in length to agree by spelling
    sim = _spelling(a.text, b.text)
    how = "spelling"
    if a.stem == b.stem and sim < 0.95:
        sim, how = 0.95, "stem"
    if fit > sim:
        sim, how = fit, "phonetic"
    if sim < MIN_TOKEN_SIMILARITY:
        return 0.0, how
    return sim, how


def _spelling(a: str, b: str) -> float:
    """Edit similarity, with every edit beyond the second costing extra: two names three
    or more edits apart (Henriksen, Frederiksen) are different names, not typos."""
    longest = max(len(a), len(b))
    # beyond this many edits the similarity is below MIN_TOKEN_SIMILARITY anyway
    edits = OSA.distance(a, b, score_cutoff=int(MAX_EDIT_SHARE * longest) + 1)
    sim = 1.0 - edits / longest
    if edits > TYPO_EDITS:
        sim -= EXTRA_EDIT_COST * (edits - TYPO_EDITS)
    return sim


def syllable_similarity(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two tokens when either comes from a syllabic script: exact
    spelling, or a known variant (another romanisation of the same character)."""
    if a.text == b.text:
        return 1.0, "exact"
    if a.kind == "number" or b.kind == "number":
        return 0.0, "number"
    if a.kind == "initial" or b.kind == "initial":
        return (0.8, "initial") if a.text[0] == b.text[0] else (0.0, "initial")
    if a.variants and not a.variants.isdisjoint(b.variants):
        return SYLLABLE_VARIANT_SIMILARITY, "variant"
    return 0.0, "syllable"


def same_syllable(a: Token, b: Token) -> tuple[float, str]:
    """Similarity of two tokens when both names are written in a syllabic script: the
    same characters transliterate the same, so only identical syllables agree."""
    return (1.0, "exact") if a.text == b.text else (0.0, "syllable")


def compare_names(
    query: PreparedName, candidate: PreparedName, weight: WeightFn = uniform_weight
) -> NameComparison:
    """Align the parts of two names and score them (symmetric in its two arguments)."""
    q_tokens = query.core
    c_tokens = candidate.core
    if query.core_texts > candidate.core_texts:
        # compute in one canonical order so that the score is exactly symmetric
        flipped = compare_names(candidate, query, weight)
        return NameComparison(
            flipped.score,
            query.original,
            candidate.original,
            [(c, q, sim, how) for q, c, sim, how in flipped.pairs],
            flipped.unmatched_candidate,
            flipped.unmatched_query,
            flipped.distinctive,
            flipped.phonetic,
        )
    result = NameComparison(0.0, query.original, candidate.original)
    if not q_tokens or not c_tokens:
        return result
    factors = KIND_FACTORS
    qw = [weight(t.text) * factors[t.kind] for t in q_tokens]
    cw = [weight(t.text) * factors[t.kind] for t in c_tokens]
    syllabic = query.syllabic or candidate.syllabic
    q_roles = _roles(query.core_texts)
    c_roles = _roles(candidate.core_texts)
    similarity = syllable_similarity if syllabic else token_similarity
    if query.syllabic and candidate.syllabic:
        similarity = same_syllable  # both written in characters: a syllable is a character
    # words written together on one side ("RamiMakhlouf", "PricewaterhouseCoopers") first
    free_q = list(range(len(q_tokens)))
    free_c = list(range(len(c_tokens)))
    joins = (query.core_joins, candidate.core_joins)
    matched, mass = _merge_compounds(
        q_tokens, c_tokens, qw, cw, free_q, free_c, result, exact=True, joins=joins
    )
    scored: list[tuple[float, float, str, str, int, int, str]] = []
    for i in free_q:
        qt = q_tokens[i]
        for j in free_c:
            ct = c_tokens[j]
            sim, how = similarity(qt, ct)
            if sim > 0.0:
                lo, hi = (qt.text, ct.text) if qt.text <= ct.text else (ct.text, qt.text)
                scored.append((-sim, -(qw[i] + cw[j]), lo, hi, i, j, how))
    scored.sort()
    used_q: set[int] = set(range(len(q_tokens))) - set(free_q)
    used_c: set[int] = set(range(len(c_tokens))) - set(free_c)
    phonetic = len(result.pairs)
    for neg_sim, _, _, _, i, j, how in scored:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        sim = -neg_sim
        if q_roles[i] and c_roles[j] and q_roles[i] != c_roles[j]:
            # "AHMAD bin HASAN" vs "HASAN bin AHMAD": the father's name is not the own name
            sim *= ROLE_SWAP_FACTOR
            how = "role swap"
        pair_mass = qw[i] + cw[j]
        matched += sim * pair_mass
        mass += pair_mass * (1.0 + (1.0 - sim) * IMPERFECT_COST)
        result.pairs.append((q_tokens[i].text, c_tokens[j].text, sim, how))
        if how in ("exact", "variant", "phonetic", "stem"):
            phonetic += 1
        if (
            how != "initial"
            and sim >= 0.7
            and q_tokens[i].kind in DISTINCTIVE_KINDS
            and c_tokens[j].kind in DISTINCTIVE_KINDS
        ):
            result.distinctive = True
    free_q = [i for i in range(len(q_tokens)) if i not in used_q]
    free_c = [j for j in range(len(c_tokens)) if j not in used_c]
    m, s = _merge_compounds(
        q_tokens, c_tokens, qw, cw, free_q, free_c, result, syllabic, joins=joins
    )
    matched += m
    mass += s
    if result.pairs and not (query.person or candidate.person or syllabic):
        # only beside a part that aligns by itself: the candidate index finds names by
        # their parts, and a name must not score unless a part of it is found
        m, s = _merge_acronyms(q_tokens, c_tokens, qw, cw, free_q, free_c, result)
        matched += m
        mass += s
    lost_q = _total(qw[i] for i in free_q)
    lost_c = _total(cw[j] for j in free_c)
    # a patronymic counts little when only one side gives it, fully when both disagree
    conflict = 2.0 * min(
        _total(_conflict_weight(q_tokens[i], qw[i]) for i in free_q),
        _total(_conflict_weight(c_tokens[j], cw[j]) for j in free_c),
    )
    omission = abs(lost_q - lost_c)
    kind = "person" if (query.person and candidate.person) else "other"
    omission_cost = OMISSION_COST[kind]
    if syllabic:
        omission_cost = max(omission_cost, SYLLABIC_OMISSION_COST)
    q_parts = query.core_parts
    c_parts = candidate.core_parts
    if min(q_parts, c_parts) == 1 and max(q_parts, c_parts) > 1:
        omission_cost = max(omission_cost, LONE_PART_OMISSION_COST)
    denominator = mass + CONFLICT_COST * conflict + omission_cost * omission
    result.unmatched_query = [q_tokens[i].text for i in free_q]
    result.unmatched_candidate = [c_tokens[j].text for j in free_c]
    if denominator > 0.0:
        result.score = min(1.0, max(0.0, matched / denominator))
    if kind == "other" and _generic_swap(q_tokens, c_tokens, free_q, free_c):
        # "BAE Systems" vs "BAE Industries": one line of business swapped for another
        result.score *= GENERIC_SWAP_FACTOR
    if kind == "person" and _distinct_conflict(q_tokens, c_tokens, free_q, free_c):
        # both names hold a name part the other lacks: two people who share some names
        result.score *= PERSON_CONFLICT_FACTOR
    total = len(result.pairs) + len(free_q) + len(free_c)
    result.phonetic = phonetic / total if total else 0.0
    return result


def _total(values: Iterable[float]) -> float:
    """A plain left-to-right sum (``sum()`` compensates rounding from Python 3.12 on): the
    same float on every Python and in the compiled core."""
    total = 0.0
    for value in values:
        total += value
    return total


def _conflict_weight(token: Token, weight: float) -> float:
    if token.kind in ("patronymic", "initial"):
        return weight * KIND_FACTORS["name"] / KIND_FACTORS[token.kind]
    return weight


@lru_cache(maxsize=65_536)
def _roles(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Per token: "father" after a filiation particle (bin, ibn, ben, bint, ould), "own"
    right before one, "" otherwise."""
    if FILIATION.isdisjoint(texts):
        return ("",) * len(texts)
    roles = [""] * len(texts)
    for k, text in enumerate(texts):
        if text in FILIATION and 0 < k < len(texts) - 1:
            roles[k + 1] = roles[k + 1] or "father"
            if not roles[k - 1] and texts[k - 1] not in FILIATION:
                roles[k - 1] = "own"
    return tuple(roles)


def _generic_swap(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], free_q: list[int], free_c: list[int]
) -> bool:
    def generic(tokens: tuple[Token, ...], free: list[int]) -> bool:
        return any(tokens[k].kind == "generic" for k in free)

    return generic(q_tokens, free_q) and generic(c_tokens, free_c)


def _distinct_conflict(
    q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...], free_q: list[int], free_c: list[int]
) -> bool:
    def distinct(tokens: tuple[Token, ...], free: list[int]) -> bool:
        return any(tokens[k].kind in ("name", "patronymic", "initial") for k in free)

    return distinct(q_tokens, free_q) and distinct(c_tokens, free_c)


def _merge_compounds(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    qw: list[float],
    cw: list[float],
    free_q: list[int],
    free_c: list[int],
    result: NameComparison,
    exact: bool = False,
    joins: tuple[frozenset[str], frozenset[str]] | None = None,
) -> tuple[float, float]:
    """Align a lone token with two adjacent tokens of the other side ("goodwill" ~
    "good will", "xiaoming" ~ "xiao ming"); removes what it aligns from the free lists.
    ``joins``: every run of the query's and the candidate's tokens written together
    (:attr:`PreparedName.core_joins`), to skip exact searches that cannot succeed."""
    matched = 0.0
    mass = 0.0
    for one, two, w_one, w_two, flip in (
        (q_tokens, c_tokens, qw, cw, False),
        (c_tokens, q_tokens, cw, qw, True),
    ):
        singles = free_c if flip else free_q
        doubles = free_q if flip else free_c
        if len(doubles) < 2:
            continue  # no run of two tokens to join
        spelled = None if joins is None or not exact else joins[0 if flip else 1]
        for i in list(singles):
            if len(doubles) < 2:
                break
            if spelled is not None and one[i].text not in spelled:
                continue  # no run of the other side's tokens spells it
            found = _find_compound(one[i].text, two, doubles, exact)
            if found is None:
                continue
            sim, span = found
            pair_mass = w_one[i] + _total(w_two[j] for j in span)
            matched += sim * pair_mass
            mass += pair_mass
            singles.remove(i)
            for j in span:
                doubles.remove(j)
            spaced = " ".join(two[j].text for j in span)
            pair = (spaced, one[i].text) if flip else (one[i].text, spaced)
            result.pairs.append((pair[0], pair[1], sim, "compound"))
            if one[i].kind in DISTINCTIVE_KINDS:
                result.distinctive = True
    return matched, mass


def _merge_acronyms(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    qw: list[float],
    cw: list[float],
    free_q: list[int],
    free_c: list[int],
    result: NameComparison,
) -> tuple[float, float]:
    """Align an acronym of an organisation with the words it abbreviates ("PLA" ~
    "People's Liberation Army", "US" ~ "United States"); removes them from the free lists."""
    matched = 0.0
    mass = 0.0
    for one, two, w_one, w_two, flip in (
        (q_tokens, c_tokens, qw, cw, False),
        (c_tokens, q_tokens, cw, qw, True),
    ):
        singles = free_c if flip else free_q
        doubles = free_q if flip else free_c
        for i in list(singles):
            text = one[i].text
            if not (2 <= len(text) <= 5 and text.isalpha()) or len(doubles) < len(text):
                continue
            span = _find_acronym(text, two, doubles)
            if span is None:
                continue
            pair_mass = w_one[i] + _total(w_two[j] for j in span)
            matched += ACRONYM_SIMILARITY * pair_mass
            mass += pair_mass * (1.0 + (1.0 - ACRONYM_SIMILARITY) * IMPERFECT_COST)
            singles.remove(i)
            for j in span:
                doubles.remove(j)
            spaced = " ".join(two[j].text for j in span)
            pair = (spaced, text) if flip else (text, spaced)
            result.pairs.append((pair[0], pair[1], ACRONYM_SIMILARITY, "acronym"))
            result.distinctive = True
    return matched, mass


def _find_acronym(text: str, tokens: tuple[Token, ...], free: list[int]) -> list[int] | None:
    """Adjacent free tokens (particles such as "of" may be skipped) whose initials spell
    ``text``."""
    free_set = set(free)
    for start in free:
        span: list[int] = []
        k = start
        for letter in text:
            while k in free_set and tokens[k].kind == "particle" and tokens[k].text[0] != letter:
                k += 1
            if k not in free_set or tokens[k].text[0] != letter:
                break
            span.append(k)
            k += 1
        else:
            return span
    return None


def _find_compound(
    text: str, tokens: tuple[Token, ...], free: list[int], exact: bool = False
) -> tuple[float, list[int]] | None:
    """The best run of 2-3 adjacent free tokens whose concatenation spells ``text``
    (exactly, when ``exact``: syllables of a syllabic script)."""
    if exact:
        for j in free:
            joined = tokens[j].text
            if not text.startswith(joined):
                continue  # no run starting here can spell the text
            span = [j]
            for k in (j + 1, j + 2):
                if k not in free:
                    break
                joined += tokens[k].text
                span = [*span, k]
                if text == joined:
                    return 1.0, span
        return None
    best: tuple[float, list[int]] | None = None
    free_set = set(free)
    skel = skeleton(text)
    long_frame = len(skel) >= 4
    size_text = len(text)
    for j in free:
        joined = tokens[j].text
        span = [j]
        for k in (j + 1, j + 2):
            if k not in free_set:
                break
            joined += tokens[k].text
            span = [*span, k]
            # Levenshtein similarity >= 0.85 needs lengths within 15% of each other
            near = abs(size_text - len(joined)) <= COMPOUND_LENGTH_SHARE * max(
                size_text, len(joined)
            )
            if not near and not long_frame and len(joined) > size_text:
                break  # longer runs are further off still, and no frame can save them
            sim = (
                Levenshtein.normalized_similarity(text, joined, score_cutoff=COMPOUND_SIMILARITY)
                if near
                else 0.0
            )
            if sim < COMPOUND_SIMILARITY and long_frame and skeleton(joined) == skel:
                sim = COMPOUND_SIMILARITY
            if sim >= COMPOUND_SIMILARITY and (best is None or sim > best[0]):
                best = (sim, span)
    return best
