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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tracewire.errors import InputError, TracewireError
from tracewire.parts.classify import classify
from tracewire.parts.maker_decision import resolve
from tracewire.parts.makers import find_maker, get_maker, maker_key
from tracewire.teardowns.model import (
    FLAG_LOOKALIKE,
    FLAG_RESOLVER_DISAGREES,
    FLAG_SOURCES_DISAGREE,
    FLAG_UNKNOWN_MAKER,
    Component,
)
from tracewire.teardowns.reading import ReadResult, ReadRow, RowError


class PartsBackend(Protocol):
    """What teardowns need from the parts forensics."""

    def resolve(self, marking: str, brand: str | None, year: int | None) -> dict[str, Any]:
        """The resolver's answer as a dict, with the decoded marking under ``decoded``."""
        ...

    def classify(
        self, part_number: str | None, function: str | None, maker: str | None
    ) -> dict[str, Any]: ...

    def find_maker(self, name: str) -> str | None: ...

    def maker_info(self, maker_id: str) -> dict[str, Any] | None: ...


class KbBackend:
    """The real parts forensics: :mod:`tracewire.parts` (resolver, makers, classifier)."""

    def resolve(self, marking: str, brand: str | None, year: int | None) -> dict[str, Any]:
        return dict(resolve(marking, brand=brand, year=year).to_dict())

    def classify(
        self, part_number: str | None, function: str | None, maker: str | None
    ) -> dict[str, Any]:
        result = classify(part_number, function=function, maker=maker)
        return {
            "category": result.category,
            "hs6": result.hs6,
            "hs_description": result.hs_description,
            "chpl_tier": result.chpl_tier,
            "reason": result.reason,
        }

    def find_maker(self, name: str) -> str | None:
        maker = find_maker(name)
        return maker.id if maker is not None else None

    def maker_info(self, maker_id: str) -> dict[str, Any] | None:
        maker = get_maker(maker_id)
        if maker is None:
            return None
        return {
            "name": maker.name,
            "hq_country": maker.hq_country,
            "owner_today": maker.owner_today(),
        }


def default_backend() -> PartsBackend:
    return KbBackend()


def enrich(comp: Component, backend: PartsBackend) -> Component:
    """Fill the derived fields of ``comp`` from its marking, brand and asserted maker.

    Raises InputError (field ``marking``) if the decoder rejects the marking."""
    if comp.asserted_maker:
        comp.asserted_maker_id = backend.find_maker(comp.asserted_maker)
        if comp.asserted_maker_id is None:
            comp.flag(FLAG_UNKNOWN_MAKER)
    candidates: list[dict[str, Any]] = []
    if comp.marking:
        try:
            resolved = backend.resolve(comp.marking, comp.brand, None)
        except TracewireError as exc:
            raise InputError(exc.message, field="marking") from exc
        decoded = resolved.get("decoded")  # the resolver decoded the marking: once
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
    _attribute(comp, backend, [str(c.get("maker_id")) for c in candidates])
    classified = backend.classify(comp.part_number, comp.function, comp.maker_id)
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
    info_a, info_b = backend.maker_info(a), backend.maker_info(b)
    owner_a = (info_a or {}).get("owner_today") or a
    owner_b = (info_b or {}).get("owner_today") or b
    return bool(owner_a == owner_b)


def _set_maker(comp: Component, maker_id: str, backend: PartsBackend) -> None:
    info = backend.maker_info(maker_id) or {}
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
        return "name:" + maker_key(comp.maker_name)
    return None


def _asserted_identity(comp: Component) -> str | None:
    if comp.asserted_maker_id:
        return comp.asserted_maker_id
    return "name:" + maker_key(comp.asserted_maker) if comp.asserted_maker else None


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


def enrich_read(result: ReadResult, backend: PartsBackend | None = None) -> ReadResult:
    """Enrich every row read from a teardown file (:func:`enrich`), then flag components whose
    rows disagree. A row whose marking the decoder rejects moves to ``errors`` (its line and
    field) and its teardown is rebuilt without it. Returns ``result``, changed in place."""
    parts = backend or default_backend()
    kept: list[ReadRow] = []
    for row in result.read_rows:
        try:
            enrich(row.component, parts)
        except InputError as exc:
            field = row.field_prefix + (exc.field or "marking")
            result.errors.append(RowError(row.component.line or 0, field, exc.message, result.path))
            continue
        kept.append(row)
    if len(kept) < len(result.read_rows):
        result.errors.sort(key=lambda e: e.line)
        result.keep_only(kept)
    result.conflicts = flag_disagreements(result.components, parts)
    return result
