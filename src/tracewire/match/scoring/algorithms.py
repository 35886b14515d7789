"""Named, versioned scoring algorithms: a list of weighted features and a threshold."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

from tracewire.match.scoring import features as f
from tracewire.match.scoring.features import PROFILE_FEATURES, Feature, Pair, explain
from tracewire.match.types import FeatureScore

#: a query's profile-feature scores by candidate profile (see :meth:`Algorithm.value`)
ProfileMemo = dict[tuple[str, tuple[str, ...], frozenset[str], frozenset[str]], tuple[float, ...]]


@dataclass(frozen=True)
class Algorithm:
    """A scoring recipe: score = clip(sum(feature score × weight), 0, 1)."""

    name: str
    version: str
    description: str
    threshold: float
    features: tuple[tuple[Feature, float], ...]
    _plan: tuple[tuple[Feature, float, int], ...] = field(init=False, repr=False, compare=False)
    _profile_features: tuple[Feature, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # per feature: its weight and, for a profile feature, its place among them
        plan = []
        profile: list[Feature] = []
        for feature, weight in self.features:
            slot = -1
            if feature in PROFILE_FEATURES:
                slot = len(profile)
                profile.append(feature)
            plan.append((feature, weight, slot))
        object.__setattr__(self, "_plan", tuple(plan))
        object.__setattr__(self, "_profile_features", tuple(profile))

    def value(self, pair: Pair, profiles: ProfileMemo | None = None) -> float:
        """The score of a pair in 0..1 (what :meth:`score` gives, without the why).
        ``profiles``: one query's profile features by candidate profile, shared by the
        calls of the query (its values are the same floats, summed in the same order)."""
        total = 0.0
        if profiles is None:
            for feature, weight in self.features:
                total += feature(pair) * weight
            return round(min(1.0, max(0.0, total)), 4)
        key = pair.candidate.profile
        values = profiles.get(key)
        if values is None:
            values = profiles[key] = tuple(feature(pair) for feature in self._profile_features)
        for feature, weight, slot in self._plan:
            total += (feature(pair) if slot < 0 else values[slot]) * weight
        return round(min(1.0, max(0.0, total)), 4)

    def score(self, pair: Pair) -> tuple[float, dict[str, FeatureScore]]:
        """The score of a pair in 0..1 and every feature's contribution."""
        explained: dict[str, FeatureScore] = {}
        total = 0.0
        for feature, weight in self.features:
            result = explain(feature, pair, weight)
            explained[result.name] = result
            total += result.score * weight
        return round(min(1.0, max(0.0, total)), 4), explained

    def describe(self) -> dict[str, Any]:
        """Name, version, description, default threshold and documented features."""
        return {
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "threshold": self.threshold,
            "features": [
                {
                    "name": feature.__name__,
                    "weight": weight,
                    "description": inspect.cleandoc(feature.__doc__ or ""),
                }
                for feature, weight in self.features
            ],
        }


TRACEWIRE_V1 = Algorithm(
    name="tracewire-v1",
    version="1.2.0",
    description=(
        "Cross-script name matching: every name transliterated to ASCII, parts aligned "
        "regardless of order and weighted by rarity, known variants and legal forms "
        "recognised; birth dates, countries and identifiers adjust the name score; "
        "incompatible schemata are ruled out."
    ),
    threshold=0.7,
    features=(
        (f.name_similarity, 1.0),
        (f.phonetic_agreement, 0.02),
        (f.generic_only, -0.5),
        (f.birth_date_match, 0.05),
        (f.birth_date_conflict, -0.3),
        (f.country_match, 0.03),
        (f.country_conflict, -0.05),
        (f.identifier_match, 1.0),
        (f.schema_mismatch, -1.0),
    ),
)

ALGORITHMS: dict[str, Algorithm] = {TRACEWIRE_V1.name: TRACEWIRE_V1}
DEFAULT_ALGORITHM = TRACEWIRE_V1.name


def get_algorithm(name: str | None) -> Algorithm:
    """The named algorithm (the default for None); UsageError if unknown."""
    from tracewire.errors import UsageError

    key = name or DEFAULT_ALGORITHM
    try:
        return ALGORITHMS[key]
    except KeyError:
        raise UsageError(
            f"unknown algorithm {key!r}; known: {', '.join(sorted(ALGORITHMS))}"
        ) from None


def describe_algorithms() -> list[dict[str, Any]]:
    """Every algorithm with its features, for ``GET /algorithms`` and ``--explain``."""
    return [algo.describe() for algo in ALGORITHMS.values()]
