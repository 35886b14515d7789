"""Decode, resolve and classify each component, and decide which maker a component counts for.

The parts forensics (marking decoder, maker knowledge base, resolver, classifier) sit behind
:class:`PartsBackend`, so teardowns can be enriched by the real modules (:class:`KbBackend`) or,
in tests, by a small fake. Attribution rules, in order:

1. the resolver settled the maker and the source asserted one: if both have the same owner
   today they *agree*; otherwise the component is *contested* and flagged, both kept;
2. the resolver found several candidates and the asserted maker is one of them: *asserted*;
3. only one side is known: *resolver* or *asserted*;
4. nothing: *unknown* (the source may still give the maker's country).

Rows that describe one component (same teardown, same component key) are then compared with
:func:`group_attribution`: if they name different makers the component is *contested*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from tracewire.errors import InputError, TracewireError
from tracewire.teardowns.model import (
    FLAG_LOOKALIKE,
    FLAG_RESOLVER_DISAGREES,
    FLAG_SOURCES_DISAGREE,
    FLAG_UNKNOWN_MAKER,
    Component,
)

DEFAULT_CONTROL_DATES = {"russia": "2022-02-24", "iran_uav": "2023-02-24"}


class PartsBackend(Protocol):
    """What teardowns need from the parts forensics."""

    def decode(self, marking: str, brand: str | None) -> dict[str, Any]: ...

    def resolve(self, marking: str, brand: str | None, year: int | None) -> dict[str, Any]: ...

    def classify(
        self, part_number: str | None, function: str | None, maker: str | None
    ) -> dict[str, Any]: ...

    def find_maker(self, name: str) -> str | None: ...

    def maker_info(self, maker_id: str) -> dict[str, Any] | None: ...

    def made_after_control(
        self, year: int, week: int | None, regime: str, control_date: str | None
    ) -> bool | None: ...


_LEGAL = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|ag|sa|nv|bv|plc|"
    r"kk|the|group|holdings?)\b"
)


def maker_name_key(name: str) -> str:
    """A loose key for maker names: case-folded, legal forms and punctuation dropped."""
    text = re.sub(r"[^\w\s]", " ", name.casefold())
    text = _LEGAL.sub(" ", text)
    return re.sub(r"\s+", "", text)


def made_after_control_default(
    year: int, week: int | None, regime: str = "russia", control_date: str | None = None
) -> bool | None:
    """Whether a part of this production year/ISO week was made after the control date.

    True if the whole week (or year, without a week) lies after it, False if before it, None
    when the week straddles the date or nothing is known."""
    when = date.fromisoformat(control_date or DEFAULT_CONTROL_DATES[regime])
    if week is None:
        if year > when.year:
            return True
        return False if year < when.year else None
    try:
        monday = date.fromisocalendar(year, week, 1)
        sunday = date.fromisocalendar(year, week, 7)
    except ValueError:
        return None
    if monday > when:
        return True
    return False if sunday < when else None


class KbBackend:
    """The real parts forensics: tracewire.parts.marking / resolve / makers / classify."""

    def __init__(self) -> None:
        self._maker_index: dict[str, str] | None = None

    def decode(self, marking: str, brand: str | None) -> dict[str, Any]:
        from tracewire.parts.marking import decode

        return dict(decode(marking, maker=brand).to_dict())

    def resolve(self, marking: str, brand: str | None, year: int | None) -> dict[str, Any]:
        from tracewire.parts.maker_decision import resolve

        return dict(resolve(marking, brand=brand, year=year).to_dict())

    def classify(
        self, part_number: str | None, function: str | None, maker: str | None
    ) -> dict[str, Any]:
        from tracewire.parts.classify import classify

        result = classify(part_number, function=function, maker=maker)
        return {
            "category": result.category,
            "hs6": result.hs6,
            "hs_description": result.hs_description,
            "chpl_tier": result.chpl_tier,
            "reason": result.reason,
        }

    def _makers(self) -> dict[str, Any]:
        from tracewire.parts.makers import load_makers

        return dict(load_makers())

    def find_maker(self, name: str) -> str | None:
        if self._maker_index is None:
            index: dict[str, str] = {}
            for maker in self._makers().values():
                names = [maker.id, maker.name, *maker.aliases, *maker.brands]
                for alias in names:
                    index.setdefault(maker_name_key(str(alias)), maker.id)
            self._maker_index = index
        return self._maker_index.get(maker_name_key(name))

    def maker_info(self, maker_id: str) -> dict[str, Any] | None:
        maker = self._makers().get(maker_id)
        if maker is None:
            return None
        return {
            "name": maker.name,
            "hq_country": maker.hq_country,
            "owner_today": maker.owner_today(),
        }

    def made_after_control(
        self, year: int, week: int | None, regime: str, control_date: str | None
    ) -> bool | None:
        try:
            from tracewire.parts.classify import made_after_control
        except ImportError:
            return made_after_control_default(year, week, regime, control_date)
        verdict = made_after_control(year, week, regime=regime, control_date=control_date)
        return None if verdict is None else bool(verdict)


def default_backend() -> PartsBackend:
    return KbBackend()


def _safe(call: Any, *args: Any) -> Any:
    """Run a backend call; a backend that is not installed yet counts as 'no answer'."""
    try:
        return call(*args)
    except ImportError:
        return None


def enrich(comp: Component, backend: PartsBackend) -> Component:
    """Fill the derived fields of ``comp`` from its marking, brand and asserted maker.

    Raises InputError (field ``marking``) if the decoder rejects the marking."""
    if comp.asserted_maker:
        comp.asserted_maker_id = _safe(backend.find_maker, comp.asserted_maker)
        if comp.asserted_maker_id is None:
            comp.flag(FLAG_UNKNOWN_MAKER)
    candidates: list[dict[str, Any]] = []
    if comp.marking:
        try:
            decoded = _safe(backend.decode, comp.marking, comp.brand)
            resolved = _safe(backend.resolve, comp.marking, comp.brand, None)
        except TracewireError as exc:
            raise InputError(exc.message, field="marking") from exc
        if decoded:
            comp.part_number = decoded.get("part_number")
            comp.base_part = decoded.get("base_part") or comp.part_number
            comp.date_code = decoded.get("date_code")
            comp.year = decoded.get("year")
            comp.week = decoded.get("week")
            comp.lot = decoded.get("lot")
            comp.marked_country = decoded.get("country")
            comp.warnings.extend(str(w) for w in decoded.get("warnings") or [])
            if any("look" in str(w).lower() for w in decoded.get("warnings") or []):
                comp.flag(FLAG_LOOKALIKE)
        if resolved:
            comp.status = str(resolved.get("status") or "unresolved")
            comp.reason = resolved.get("reason")
            candidates = list(resolved.get("candidates") or [])
            if candidates and comp.status == "resolved":
                top = candidates[0]
                comp.resolved_maker_id = top.get("maker_id")
                comp.resolved_maker_name = top.get("name")
                comp.confidence = top.get("confidence")
                comp.rule = top.get("rule")
                comp.evidence = [str(e) for e in top.get("evidence") or []]
                comp.maker_at_date = resolved.get("maker_at_date") or comp.resolved_maker_id
                comp.owner_today = resolved.get("owner_today")
        else:
            comp.status, comp.reason = "not_attempted", "maker resolver not available"
    _attribute(comp, backend, [str(c.get("maker_id")) for c in candidates])
    classified = _safe(backend.classify, comp.part_number, comp.function, comp.maker_id)
    if classified:
        comp.category = classified.get("category")
        comp.hs6 = classified.get("hs6")
        comp.hs_description = classified.get("hs_description")
        comp.chpl_tier = classified.get("chpl_tier")
        comp.classify_reason = classified.get("reason")
    return comp


def same_maker(a: str, b: str, backend: PartsBackend) -> bool:
    """Two makers agree if they are one maker or have the same owner today."""
    if a == b:
        return True
    info_a, info_b = _safe(backend.maker_info, a), _safe(backend.maker_info, b)
    owner_a = (info_a or {}).get("owner_today") or a
    owner_b = (info_b or {}).get("owner_today") or b
    return bool(owner_a == owner_b)


def _set_maker(comp: Component, maker_id: str, backend: PartsBackend) -> None:
    info = _safe(backend.maker_info, maker_id) or {}
    comp.maker_id = maker_id
    comp.maker_name = info.get("name") or maker_id
    comp.hq_country = info.get("hq_country") or comp.asserted_country
    if comp.owner_today is None:
        comp.owner_today = info.get("owner_today")


def _attribute(comp: Component, backend: PartsBackend, candidate_ids: Sequence[str]) -> None:
    resolved = comp.maker_at_date or comp.resolved_maker_id
    asserted = comp.asserted_maker_id
    if resolved and comp.asserted_maker:
        if asserted and same_maker(asserted, resolved, backend):
            comp.attribution = "agreed"
            _set_maker(comp, resolved, backend)
        else:
            comp.attribution = "contested"
            comp.flag(FLAG_RESOLVER_DISAGREES)
            comp.hq_country = None
        return
    if resolved:
        comp.attribution = "resolver"
        _set_maker(comp, resolved, backend)
        return
    if asserted:
        comp.attribution = "asserted"
        _set_maker(comp, asserted, backend)
        if asserted in candidate_ids:
            comp.evidence.append("asserted maker is one of the resolver's candidates")
        return
    if comp.asserted_maker:
        comp.attribution = "asserted"
        comp.maker_name = comp.asserted_maker
        comp.hq_country = comp.asserted_country
        return
    comp.attribution = "unknown"
    comp.hq_country = comp.asserted_country


def maker_identity(comp: Component) -> str | None:
    """What a row says made the component: a maker id, or the asserted name's key."""
    if comp.attribution == "contested":
        return None
    if comp.maker_id:
        return comp.maker_id
    if comp.maker_name:
        return "name:" + maker_name_key(comp.maker_name)
    return None


def _asserted_identity(comp: Component) -> str | None:
    if comp.asserted_maker_id:
        return comp.asserted_maker_id
    return "name:" + maker_name_key(comp.asserted_maker) if comp.asserted_maker else None


@dataclass
class GroupAttribution:
    """The attribution of one component described by one or more rows."""

    teardown_id: str
    key: str
    rows: list[Component]
    maker_id: str | None
    maker_name: str | None
    hq_country: str | None
    owner_today: str | None
    attribution: str
    quantity: int
    makers_claimed: list[str] = field(default_factory=list)

    @property
    def first(self) -> Component:
        return self.rows[0]


def group_attribution(rows: Sequence[Component], backend: PartsBackend) -> GroupAttribution:
    """Combine the rows describing one component; disagreeing rows make it contested."""
    claimed: list[str] = []
    for row in rows:
        idents = [maker_identity(row)]
        if row.attribution == "contested":  # the source and the resolver each name one
            idents = [_asserted_identity(row), row.maker_at_date or row.resolved_maker_id]
        for ident in idents:
            if ident and not any(
                ident == c or (":" not in ident + c and same_maker(ident, c, backend))
                for c in claimed
            ):
                claimed.append(ident)
    contested = any(r.attribution == "contested" for r in rows) or len(claimed) > 1
    first = rows[0]
    chosen = next((r for r in rows if maker_identity(r)), first)
    quantity = max(r.quantity for r in rows)
    if contested:
        return GroupAttribution(
            first.teardown_id,
            first.key,
            list(rows),
            None,
            None,
            None,
            None,
            "contested",
            quantity,
            claimed,
        )
    countries = [r.hq_country for r in rows if r.hq_country]
    return GroupAttribution(
        teardown_id=first.teardown_id,
        key=first.key,
        rows=list(rows),
        maker_id=chosen.maker_id,
        maker_name=chosen.maker_name,
        hq_country=chosen.hq_country or (countries[0] if countries else None),
        owner_today=chosen.owner_today,
        attribution=chosen.attribution if claimed else "unknown",
        quantity=quantity,
        makers_claimed=claimed,
    )


def group_rows(components: Iterable[Component]) -> dict[tuple[str, str], list[Component]]:
    """Rows by (teardown id, component key), in first-seen order."""
    groups: dict[tuple[str, str], list[Component]] = {}
    for comp in components:
        groups.setdefault((comp.teardown_id, comp.key), []).append(comp)
    return groups


def flag_disagreements(components: Iterable[Component], backend: PartsBackend) -> int:
    """Flag rows of components whose rows name different makers; returns how many components."""
    count = 0
    for rows in group_rows(components).values():
        if len(rows) > 1 and len(group_attribution(rows, backend).makers_claimed) > 1:
            count += 1
            for row in rows:
                row.flag(FLAG_SOURCES_DISAGREE)
    return count
