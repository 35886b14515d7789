"""Scoring features. Each takes a :class:`Pair` and returns a :class:`FeatureScore`.

A feature's docstring is its public documentation (``tracewire screen --explain``,
``GET /algorithms``). The final score is the weighted sum of feature scores, clipped to
0..1; negative weights mark evidence against a match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tracewire.match.compare import NameComparison, WeightFn, compare_names
from tracewire.match.schemas import schema_conflict
from tracewire.match.subject import Subject
from tracewire.match.types import FeatureScore
from tracewire.names.prepared import PreparedName


@dataclass
class Pair:
    """A query and a candidate being compared, with the best name alignment (computed once)."""

    query: Subject
    candidate: Subject
    weight: WeightFn
    _best: NameComparison | None = None
    #: comparisons already made for this query (the engine may share one per query):
    #: (query name, person?, candidate name, person?) -> comparison
    memo: dict[tuple[str, bool, str, bool], NameComparison] | None = None

    @property
    def best_name(self) -> NameComparison:
        if self._best is None:
            best: NameComparison | None = None
            weak = self.query.weak_names | self.candidate.weak_names
            for qn in self.query.names:
                for cn in self.candidate.names:
                    cmp = self._compare(qn, cn)
                    if weak and (qn.original in weak or cn.original in weak):
                        cmp = replace(cmp, score=cmp.score * WEAK_ALIAS_FACTOR)
                    if best is None or cmp.score > best.score:
                        best = cmp
            if best is None:
                best = NameComparison(0.0, "", "")
            self._best = best
        return self._best

    def _compare(self, qn: PreparedName, cn: PreparedName) -> NameComparison:
        if self.memo is None:
            return compare_names(qn, cn, self.weight)
        key = (qn.original, qn.person, cn.original, cn.person)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = compare_names(qn, cn, self.weight)
        return found


Feature = Callable[[Pair, float], FeatureScore]
#: a name from ``weakAlias`` counts this much of a full name's similarity
WEAK_ALIAS_FACTOR = 0.85


def name_similarity(pair: Pair, weight: float) -> FeatureScore:
    """Similarity of the best-aligned pair of names (every query name against every name
    and alias of the candidate). Name parts are aligned regardless of order, so
    "LAST, First" and "First Last" agree; each part counts by its rarity in the loaded
    lists (a rare surname weighs more than "Mohammad"), generic words ("Trading",
    "Industries") and legal forms ("LLC", "OOO", "Sherkat") count little or nothing.
    Parts match by exact spelling, known variants (Nikolai ~ Mykola), edit distance,
    consonant frame across transliterations (with the long vowels Arabic script writes
    fitting the Latin spelling), acronyms of organisations, or initials; a typo of one or
    two edits still aligns, more edits count against it. Parts only one side has cost
    less than parts that disagree; person names where both sides keep a part the other
    lacks, an own name against a father's name (bin/ibn) and organisations with swapped
    generic words score lower. Chinese, Korean and Japanese names written in characters
    agree syllable by syllable only. A weak alias (``weakAlias``) counts 0.85 of a name."""
    best = pair.best_name
    return FeatureScore(
        "name_similarity", best.score, weight, best.detail(), best.query, best.candidate
    )


def phonetic_agreement(pair: Pair, weight: float) -> FeatureScore:
    """Share of the name parts (of the best-aligned names) that agree exactly, as a
    known variant, by stem, or by consonant frame after transliteration, rather than
    only by spelling distance. A small bonus: agreement in sound across scripts."""
    best = pair.best_name
    return FeatureScore(
        "phonetic_agreement",
        best.phonetic,
        weight,
        f"{best.phonetic:.2f} of name parts agree in sound",
        best.query,
        best.candidate,
    )


def generic_only(pair: Pair, weight: float) -> FeatureScore:
    """1 when the best-aligned names agree only on generic words, legal forms, numbers
    or initials while one of them holds more ("Trading Company" vs "ABC Trading
    Company"): such agreement is no evidence of identity, so it is subtracted. Two names
    that align part for part ("1st International Bank" ~ "First International Bank")
    are the same name, however generic."""
    best = pair.best_name
    partial = bool(best.unmatched_query or best.unmatched_candidate) or any(
        how == "initial" for _, _, _, how in best.pairs
    )
    hit = bool(best.pairs) and not best.distinctive and partial
    return FeatureScore(
        "generic_only",
        1.0 if hit else 0.0,
        weight,
        "only generic words agree" if hit else "a distinctive name part agrees",
        best.query,
        best.candidate,
    )


def _year(value: str) -> int | None:
    return int(value[:4]) if value[:4].isdigit() else None


def birth_date_match(pair: Pair, weight: float) -> FeatureScore:
    """1 when a birth date of the query agrees with one of the candidate at the
    precision both give (1951-07-11 ~ 1951 counts as agreement); 0 when either side has
    none or they differ."""
    q, c = pair.query.birth_dates, pair.candidate.birth_dates
    for qd in q:
        for cd in c:
            n = min(len(qd), len(cd))
            if qd[:n] == cd[:n]:
                return FeatureScore("birth_date_match", 1.0, weight, "agree", qd, cd)
    return FeatureScore("birth_date_match", 0.0, weight, "no agreeing birth date")


def birth_date_conflict(pair: Pair, weight: float) -> FeatureScore:
    """1 when both sides give birth dates and every pair of them is more than one year
    apart: strong evidence of two different people. Dates within a year of each other
    count as neither agreement nor conflict (lists often give approximate years)."""
    q, c = pair.query.birth_dates, pair.candidate.birth_dates
    if not q or not c:
        return FeatureScore("birth_date_conflict", 0.0, weight, "not both known")
    years_q = [y for d in q if (y := _year(d)) is not None]
    years_c = [y for d in c if (y := _year(d)) is not None]
    gaps = [abs(a - b) for a in years_q for b in years_c]
    if gaps and min(gaps) > 1:
        return FeatureScore(
            "birth_date_conflict", 1.0, weight, f"{min(gaps)} years apart", q[0], c[0]
        )
    return FeatureScore("birth_date_conflict", 0.0, weight, "no conflict", q[0], c[0])


def country_match(pair: Pair, weight: float) -> FeatureScore:
    """1 when the query and the candidate share a country (nationality, citizenship,
    jurisdiction, address country, flag)."""
    common = pair.query.countries & pair.candidate.countries
    if common:
        shared = ",".join(sorted(common))
        return FeatureScore("country_match", 1.0, weight, f"shared: {shared}", shared, shared)
    return FeatureScore("country_match", 0.0, weight, "no shared country")


def country_conflict(pair: Pair, weight: float) -> FeatureScore:
    """1 when both sides give countries and none is shared (weak evidence against)."""
    q, c = pair.query.countries, pair.candidate.countries
    if q and c and q.isdisjoint(c):
        return FeatureScore(
            "country_conflict", 1.0, weight, "no country in common",
            ",".join(sorted(q)), ",".join(sorted(c)),
        )  # fmt: skip
    return FeatureScore("country_conflict", 0.0, weight, "no conflict")


def identifier_match(pair: Pair, weight: float) -> FeatureScore:
    """1 when the two share an identifier (passport, national ID, registration number,
    IMO, tax number, ... compared on letters and digits): such a match settles it."""
    common = pair.query.identifiers & pair.candidate.identifiers
    if common:
        value = sorted(common)[0]
        return FeatureScore("identifier_match", 1.0, weight, "shared identifier", value, value)
    return FeatureScore("identifier_match", 0.0, weight, "no shared identifier")


def schema_mismatch(pair: Pair, weight: float) -> FeatureScore:
    """1 when the two schemata cannot be one party (a Person and a Vessel), 0.3 when
    they rarely are (a Person and a Company), 0 otherwise."""
    a, b = pair.query.schema, pair.candidate.schema
    conflict = schema_conflict(a, b)
    return FeatureScore("schema_mismatch", conflict, weight, f"{a} vs {b}", a, b)
