"""The screening contract shared by the engine, the CLI and the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Query:
    """What is known of the party to screen. ``schema`` is an FtM schema name
    (Person, Company, Organization, LegalEntity, Vessel, Airplane, Thing)."""

    names: tuple[str, ...]
    schema: str = "LegalEntity"
    birth_dates: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()
    #: other FtM properties given (e.g. from a yente query), kept for display
    properties: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class FeatureScore:
    """One feature's contribution: its score in 0..1, weight, and why."""

    name: str
    score: float
    weight: float
    detail: str
    query: str | None = None
    candidate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "weight": self.weight,
            "detail": self.detail,
            "query": self.query,
            "candidate": self.candidate,
        }


@dataclass
class MatchResult:
    """A candidate entity with its score and per-feature explanation."""

    entity: dict[str, Any]  # FtM entity dict: id, schema, caption, properties, datasets
    score: float
    match: bool
    features: dict[str, FeatureScore]

    @property
    def id(self) -> str:
        return str(self.entity["id"])


@dataclass
class Screening:
    """The answer to one query, with what it was made with (audit)."""

    query: Query
    results: list[MatchResult]
    total: int
    algorithm: str
    algorithm_version: str
    threshold: float
    #: dataset -> list version id used (the list versions active when screened)
    list_versions: dict[str, int]
