"""Scoring features: named, weighted, documented pieces of evidence.

A feature is a function of a :class:`Pair` returning its score in 0..1; its docstring is
its public documentation (``tracewire screen --explain``, ``GET /algorithms``), and an
explainer registered with :func:`explained_by` says why, for the results a user sees.
The final score is the weighted sum of feature scores, clipped to 0..1; negative
weights mark evidence against a match. Ranking calls the score functions alone; an
explanation calls the same functions and adds the explainers' detail, so a result's
explanation always adds up to the score it was ranked by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tracewire.match.align.dispatch import BestNames, best_names, compare_names
from tracewire.match.align.params import WEAK_ALIAS_FACTOR
from tracewire.match.align.reference import NameComparison, WeightFn
from tracewire.match.scoring.schemas import schema_conflict
from tracewire.match.scoring.subject import Subject
from tracewire.match.types import FeatureScore
from tracewire.names.prepared import PreparedName

#: (query name, person?, candidate name, person?): the same for every candidate
NameKey = tuple[str, bool, str, bool]
#: name score, phonetic share, only generic words agree
NameNumbers = tuple[float, float, bool]


@dataclass(slots=True)
class Pair:
    """A query and a candidate being compared, with their best-aligned names (found
    once, by the numbers; aligned part by part only when an explanation asks)."""

    query: Subject
    candidate: Subject
    weight: WeightFn
    #: the candidate names to compare (default: all of them)
    candidate_names: tuple[PreparedName, ...] | None = None
    #: comparisons already made for this query (the engine shares them per query)
    memo: dict[NameKey, NameComparison] | None = None
    _best: NameNumbers | None = None
    _best_pair: tuple[PreparedName, PreparedName] | None = None
    _best_name: NameComparison | None = None

    def _weak(self, qn: PreparedName, cn: PreparedName) -> bool:
        weak = self.query.weak_names | self.candidate.weak_names
        return bool(weak) and (qn.original in weak or cn.original in weak)

    @property
    def names(self) -> tuple[PreparedName, ...]:
        """The candidate names compared."""
        return self.candidate.names if self.candidate_names is None else self.candidate_names

    def preset(self, found: BestNames) -> None:
        """Take the best names found for this pair elsewhere (a batch of candidates)."""
        score, phonetic, generic, i, j = found
        self._best = (score, phonetic, generic)
        if i >= 0:
            self._best_pair = (self.query.names[i], self.names[j])

    @property
    def best(self) -> NameNumbers:
        """Score, phonetic share and generic-only agreement of the best-aligned names
        (every query name against every candidate name; the first best wins)."""
        if self._best is None:
            self.preset(
                best_names(
                    self.query.names,
                    self.names,
                    self.weight,
                    self.query.weak_names,
                    self.candidate.weak_names,
                    WEAK_ALIAS_FACTOR,
                )
            )
        assert self._best is not None
        return self._best

    @property
    def best_name(self) -> NameComparison:
        """The best-aligned names (those :attr:`best` chose) with their alignment."""
        if self._best_name is None:
            _ = self.best  # chooses the pair
            if self._best_pair is None:
                self._best_name = NameComparison(0.0, "", "")
            else:
                qn, cn = self._best_pair
                found = self._compare(qn, cn)
                if self._weak(qn, cn):
                    found = replace(found, score=found.score * WEAK_ALIAS_FACTOR)
                self._best_name = found
        return self._best_name

    def _compare(self, qn: PreparedName, cn: PreparedName) -> NameComparison:
        if self.memo is None:
            return compare_names(qn, cn, self.weight)
        key = (qn.original, qn.person, cn.original, cn.person)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = compare_names(qn, cn, self.weight)
        return found


#: a feature's score of a pair, in 0..1
Feature = Callable[[Pair], float]
#: why a feature scored as it did: detail, and the query and candidate values it read
Detail = tuple[str, str | None, str | None]
Explainer = Callable[[Pair], Detail]
_EXPLAINERS: dict[Feature, Explainer] = {}


def explained_by(feature: Feature) -> Callable[[Explainer], Explainer]:
    """Register the explainer of ``feature``."""

    def register(explainer: Explainer) -> Explainer:
        _EXPLAINERS[feature] = explainer
        return explainer

    return register


#: features whose score depends only on the query and the candidate's profile (schema,
#: birth dates, countries, identifiers: :attr:`Subject.profile`), never on names: ranking
#: computes them once per query and distinct profile
PROFILE_FEATURES: set[Feature] = set()


def reads_profile(feature: Feature) -> Feature:
    """Mark ``feature`` as reading the profile only (see :data:`PROFILE_FEATURES`)."""
    PROFILE_FEATURES.add(feature)
    return feature


def explain(feature: Feature, pair: Pair, weight: float) -> FeatureScore:
    """A feature's score of a pair with its weight and why."""
    detail, query, candidate = _EXPLAINERS[feature](pair)
    return FeatureScore(feature.__name__, feature(pair), weight, detail, query, candidate)


def name_similarity(pair: Pair) -> float:
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
    return pair.best[0]


@explained_by(name_similarity)
def _name_detail(pair: Pair) -> Detail:
    best = pair.best_name
    return best.detail(), best.query, best.candidate


def phonetic_agreement(pair: Pair) -> float:
    """Share of the name parts (of the best-aligned names) that agree exactly, as a
    known variant, by stem, or by consonant frame after transliteration, rather than
    only by spelling distance. A small bonus: agreement in sound across scripts."""
    return pair.best[1]


@explained_by(phonetic_agreement)
def _phonetic_detail(pair: Pair) -> Detail:
    best = pair.best_name
    return f"{best.phonetic:.2f} of name parts agree in sound", best.query, best.candidate


def generic_only(pair: Pair) -> float:
    """1 when the best-aligned names agree only on generic words, legal forms, numbers
    or initials while one of them holds more ("Trading Company" vs "ABC Trading
    Company"): such agreement is no evidence of identity, so it is subtracted. Two names
    that align part for part ("1st International Bank" ~ "First International Bank")
    are the same name, however generic."""
    return 1.0 if pair.best[2] else 0.0


@explained_by(generic_only)
def _generic_detail(pair: Pair) -> Detail:
    best = pair.best_name
    hit = pair.best[2]
    detail = "only generic words agree" if hit else "a distinctive name part agrees"
    return detail, best.query, best.candidate


def _agreeing_dates(pair: Pair) -> tuple[str, str] | None:
    for qd in pair.query.birth_dates:
        for cd in pair.candidate.birth_dates:
            n = min(len(qd), len(cd))
            if qd[:n] == cd[:n]:
                return qd, cd
    return None


@reads_profile
def birth_date_match(pair: Pair) -> float:
    """1 when a birth date of the query agrees with one of the candidate at the
    precision both give (1951-07-11 ~ 1951 counts as agreement); 0 when either side has
    none or they differ."""
    if not pair.query.birth_dates or not pair.candidate.birth_dates:
        return 0.0
    return 0.0 if _agreeing_dates(pair) is None else 1.0


@explained_by(birth_date_match)
def _birth_date_match_detail(pair: Pair) -> Detail:
    found = _agreeing_dates(pair)
    if found is None:
        return "no agreeing birth date", None, None
    return "agree", found[0], found[1]


def _year_gap(pair: Pair) -> int | None:
    """The smallest gap in years between the two sides' birth dates (None: not both)."""
    gaps = [abs(a - b) for a in pair.query.birth_years for b in pair.candidate.birth_years]
    return min(gaps) if gaps else None


@reads_profile
def birth_date_conflict(pair: Pair) -> float:
    """1 when both sides give birth dates and every pair of them is more than one year
    apart: strong evidence of two different people. Dates within a year of each other
    count as neither agreement nor conflict (lists often give approximate years)."""
    if not pair.query.birth_dates or not pair.candidate.birth_dates:
        return 0.0
    gap = _year_gap(pair)
    return 1.0 if gap is not None and gap > 1 else 0.0


@explained_by(birth_date_conflict)
def _birth_date_conflict_detail(pair: Pair) -> Detail:
    q, c = pair.query.birth_dates, pair.candidate.birth_dates
    if not q or not c:
        return "not both known", None, None
    if birth_date_conflict(pair):
        return f"{_year_gap(pair)} years apart", q[0], c[0]
    return "no conflict", q[0], c[0]


@reads_profile
def country_match(pair: Pair) -> float:
    """1 when the query and the candidate share a country (nationality, citizenship,
    jurisdiction, address country, flag)."""
    if not pair.query.countries or pair.query.countries.isdisjoint(pair.candidate.countries):
        return 0.0
    return 1.0


@explained_by(country_match)
def _country_match_detail(pair: Pair) -> Detail:
    common = pair.query.countries & pair.candidate.countries
    if not common:
        return "no shared country", None, None
    shared = ",".join(sorted(common))
    return f"shared: {shared}", shared, shared


@reads_profile
def country_conflict(pair: Pair) -> float:
    """1 when both sides give countries and none is shared (weak evidence against)."""
    q, c = pair.query.countries, pair.candidate.countries
    return 1.0 if q and c and q.isdisjoint(c) else 0.0


@explained_by(country_conflict)
def _country_conflict_detail(pair: Pair) -> Detail:
    if not country_conflict(pair):
        return "no conflict", None, None
    q, c = pair.query.countries, pair.candidate.countries
    return "no country in common", ",".join(sorted(q)), ",".join(sorted(c))


@reads_profile
def identifier_match(pair: Pair) -> float:
    """1 when the two share an identifier (passport, national ID, registration number,
    IMO, tax number, ... compared on letters and digits): such a match settles it."""
    q = pair.query.identifiers
    return 1.0 if q and not q.isdisjoint(pair.candidate.identifiers) else 0.0


@explained_by(identifier_match)
def _identifier_detail(pair: Pair) -> Detail:
    common = pair.query.identifiers & pair.candidate.identifiers
    if not common:
        return "no shared identifier", None, None
    value = sorted(common)[0]
    return "shared identifier", value, value


@reads_profile
def schema_mismatch(pair: Pair) -> float:
    """1 when the two schemata cannot be one party (a Person and a Vessel), 0.3 when
    they rarely are (a Person and a Company), 0 otherwise."""
    return schema_conflict(pair.query.schema, pair.candidate.schema)


@explained_by(schema_mismatch)
def _schema_detail(pair: Pair) -> Detail:
    a, b = pair.query.schema, pair.candidate.schema
    return f"{a} vs {b}", a, b
