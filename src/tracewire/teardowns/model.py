"""The teardown data model: one recovered unit of a weapon, its sources and its components.

A :class:`Component` keeps what a source said (marking as transcribed, brand as marked, the maker
it asserted) apart from what tracewire derived (decoded marking, resolved maker, HS-6, CHPL
tier). When the two disagree, or two sources disagree, both stay and the component is flagged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: flags a component can carry
FLAG_RESOLVER_DISAGREES = "conflict:asserted_vs_resolved"
FLAG_SOURCES_DISAGREE = "conflict:sources_disagree"
FLAG_UNKNOWN_MAKER = "asserted_maker_unknown"
FLAG_LOOKALIKE = "lookalike_characters"


@dataclass(frozen=True)
class SourceReport:
    """A public report a teardown or a component attribution comes from."""

    url: str
    publisher: str | None = None
    title: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Component:
    """One component of one teardown: what the source said and what tracewire derived."""

    teardown_id: str
    key: str  # identity within the teardown: rows with the same key describe one component
    line: int | None = None
    function: str | None = None
    marking: str | None = None
    brand: str | None = None
    asserted_maker: str | None = None
    asserted_country: str | None = None
    quantity: int = 1
    source: SourceReport | None = None
    notes: str | None = None
    # derived from the marking
    part_number: str | None = None
    base_part: str | None = None
    date_code: str | None = None
    year: int | None = None
    week: int | None = None
    lot: str | None = None
    marked_country: str | None = None
    # derived by the resolver
    status: str = "not_attempted"  # resolved | ambiguous | unresolved | not_attempted
    reason: str | None = None
    resolved_maker_id: str | None = None
    resolved_maker_name: str | None = None
    confidence: float | None = None
    rule: str | None = None
    evidence: list[str] = field(default_factory=list)
    maker_at_date: str | None = None
    owner_today: str | None = None
    asserted_maker_id: str | None = None
    # the attribution used in breakdowns (see teardowns.attribution.enrich)
    maker_id: str | None = None
    maker_name: str | None = None
    hq_country: str | None = None
    attribution: str = "unknown"  # agreed | resolver | asserted | contested | unknown
    # classification
    category: str | None = None
    hs6: str | None = None
    hs_description: str | None = None
    chpl_tier: str | None = None
    classify_reason: str | None = None
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = self.source.to_dict() if self.source else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Component:
        values = dict(data)
        source = values.pop("source", None)
        known = {f for f in cls.__dataclass_fields__}
        comp = cls(**{k: v for k, v in values.items() if k in known})
        comp.source = SourceReport(**source) if isinstance(source, dict) else None
        return comp


@dataclass
class Teardown:
    """One recovered unit: its weapon model, where and when, the reports, the components."""

    id: str
    weapon_id: str
    weapon_name: str
    recovery_date: str | None = None
    recovery_place: str | None = None
    notes: str | None = None
    sources: list[SourceReport] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)

    def add_source(self, source: SourceReport) -> None:
        if all(s.url != source.url for s in self.sources):
            self.sources.append(source)

    def to_dict(self, with_components: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "weapon_id": self.weapon_id,
            "weapon": self.weapon_name,
            "recovery_date": self.recovery_date,
            "recovery_place": self.recovery_place,
            "notes": self.notes,
            "sources": [s.to_dict() for s in self.sources],
        }
        if with_components:
            data["components"] = [c.to_dict() for c in self.components]
        else:
            data["component_count"] = self.component_count
        return data

    @property
    def component_count(self) -> int:
        """Components of this unit: rows with one key describe one component (from
        several sources), counted once, by the largest quantity a row gives."""
        counts: dict[str, int] = {}
        for comp in self.components:
            counts[comp.key] = max(counts.get(comp.key, 0), comp.quantity)
        return sum(counts.values())
