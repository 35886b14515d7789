"""Breakdowns of stored teardowns: per weapon, chokepoints across weapons, date-code timeline.

Counts are of components (a row's ``quantity`` counts that many), one per component even when
several sources describe it; a component whose sources or resolver disagree on the maker counts
as ``contested``. Every function returns plain JSON-serialisable data (the HTTP API serves it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from tracewire.errors import UsageError
from tracewire.parts.control_dates import control_date_of, made_after_control
from tracewire.parts.maker_screening import screen_maker, screen_makers
from tracewire.parts.makers import maker_key
from tracewire.teardowns.attribution import (
    GroupAttribution,
    PartsBackend,
    default_backend,
    group_attribution,
    group_rows,
)
from tracewire.teardowns.model import Teardown
from tracewire.teardowns.store import load_teardowns
from tracewire.teardowns.weapons import load_weapons, resolve_weapon

if TYPE_CHECKING:
    from tracewire.match.running.engine import Screener

CONTESTED = "contested"
UNKNOWN = "unknown"


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _ranked(
    counter: Counter[str],
    total: int,
    extra: dict[str, dict[str, Any]] | None = None,
    key_name: str = "key",
) -> list[dict[str, Any]]:
    rows = []
    for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
        row: dict[str, Any] = {key_name: key, "count": count, "share": _share(count, total)}
        row.update((extra or {}).get(key, {}))
        rows.append(row)
    return rows


#: CHPL tiers in the list's order; components on no tier last
TIER_ORDER = ("1", "2", "3.A", "3.B", "4.A", "4.B")


def _tier_rank(tier: str) -> tuple[int, str]:
    return (TIER_ORDER.index(tier), tier) if tier in TIER_ORDER else (len(TIER_ORDER), tier)


def groups_of(teardowns: Iterable[Teardown], backend: PartsBackend) -> list[GroupAttribution]:
    """One attribution per component (rows describing one component combined)."""
    comps = [c for td in teardowns for c in td.components]
    return [group_attribution(rows, backend) for rows in group_rows(comps).values()]


def _maker_key(group: GroupAttribution) -> str:
    if group.attribution == CONTESTED:
        return CONTESTED
    if group.maker_id:
        return group.maker_id
    return "name:" + maker_key(group.maker_name) if group.maker_name else UNKNOWN


def _first(group: GroupAttribution, name: str) -> Any:
    return next((getattr(r, name) for r in group.rows if getattr(r, name) is not None), None)


def check_control_date(value: str | None) -> str | None:
    """A control date given by a user must be YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UsageError(f"control date {value!r} is not YYYY-MM-DD") from exc


def breakdown(
    groups: list[GroupAttribution],
    regime: str,
    control_date: str | None,
    backend: PartsBackend,
) -> dict[str, Any]:
    """The numbers of one weapon's report from its component attributions."""
    total = sum(g.quantity for g in groups)
    countries: Counter[str] = Counter()
    makers: Counter[str] = Counter()
    owners: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    years: Counter[str] = Counter()
    weeks: Counter[str] = Counter()
    maker_info: dict[str, dict[str, Any]] = {}
    after: list[dict[str, Any]] = []
    status: Counter[str] = Counter()
    cutoff = control_date or control_date_of(regime)
    unknown_maker = unknown_country = 0
    for g in groups:
        country = CONTESTED if g.attribution == CONTESTED else g.hq_country
        if country:
            countries[country] += g.quantity
        else:
            unknown_country += g.quantity
        key = _maker_key(g)
        if key == UNKNOWN:  # stated as a share, not ranked as if it were one maker
            unknown_maker += g.quantity
        else:
            makers[key] += g.quantity
            maker_info.setdefault(key, {"name": g.maker_name or key, "hq_country": g.hq_country})
        owners[g.owner_today or key] += g.quantity
        tiers[_first(g, "chpl_tier") or "none"] += g.quantity
        year, week = _first(g, "year"), _first(g, "week")
        if year is None:
            status["undated"] += g.quantity
            continue
        years[str(year)] += g.quantity
        if week is not None:
            weeks[f"{year}-W{int(week):02d}"] += g.quantity
        verdict = made_after_control(int(year), week, regime, cutoff)
        status[{True: "after", False: "before", None: "straddles"}[verdict]] += g.quantity
        if verdict:
            first = g.first
            after.append(
                {
                    "teardown_id": g.teardown_id,
                    "component_id": g.key,
                    "function": first.function,
                    "marking": first.marking,
                    "part_number": _first(g, "part_number"),
                    "maker_id": g.maker_id,
                    "maker": g.maker_name,
                    "year": year,
                    "week": week,
                    "quantity": g.quantity,
                }
            )
    return {
        "components": total,
        "by_country": _ranked(countries, total, key_name="country"),
        "by_maker": _ranked(makers, total, maker_info, key_name="maker_id"),
        "by_owner_today": _ranked(owners, total, key_name="maker_id"),
        "unknown_maker": {"count": unknown_maker, "share": _share(unknown_maker, total)},
        "unknown_country": {"count": unknown_country, "share": _share(unknown_country, total)},
        "chpl_tiers": sorted(
            _ranked(tiers, total, key_name="tier"), key=lambda r: _tier_rank(r["tier"])
        ),
        "timeline": {
            "dated": total - status["undated"],
            "undated": status["undated"],
            "by_year": [{"year": int(y), "count": n} for y, n in sorted(years.items())],
            "by_week": [{"week": w, "count": n} for w, n in sorted(weeks.items())],
        },
        "after_control": {
            "regime": regime,
            "control_date": cutoff,
            "after": status["after"],
            "before": status["before"],
            "straddles": status["straddles"],
            "undated": status["undated"],
            "parts": after,
        },
    }


def parts_of(groups: list[GroupAttribution]) -> list[dict[str, Any]]:
    """Every component of the report, one row each, with its maker and its source."""
    out = []
    for g in groups:
        first = g.first
        out.append(
            {
                "teardown_id": g.teardown_id,
                "component_id": g.key,
                "function": first.function,
                "marking": first.marking,
                "part_number": _first(g, "part_number"),
                "maker_id": g.maker_id,
                "maker": g.maker_name,
                "hq_country": g.hq_country,
                "attribution": g.attribution,
                "chpl_tier": _first(g, "chpl_tier"),
                "quantity": g.quantity,
                "source": first.source.url if first.source else None,
            }
        )
    return out


def screen_component_makers(
    groups: list[GroupAttribution], screener: Screener
) -> list[dict[str, Any]]:
    """Every maker of the weapon's components screened (the one maker-screening function):
    makers of the knowledge base by id with their names, the others by the name a source
    gives. Makers with a match first, the strongest match first."""
    ids = sorted({g.maker_id for g in groups if g.maker_id})
    names = sorted({g.maker_name for g in groups if g.maker_name and not g.maker_id})
    found = screen_makers(ids, screener)
    found += [screen_maker(name, screener=screener) for name in names]

    def best(result: dict[str, Any]) -> float:
        return max((m["score"] for m in result["matches"] if m["match"]), default=0.0)

    return sorted(found, key=lambda r: (r["status"] != "listed", -best(r), r["name"]))


def provenance(teardowns: list[Teardown], unknown_share: float) -> dict[str, Any]:
    """What the report's numbers rest on: its sources, the day it was made, the caveat."""
    sources = {s.url: s for td in teardowns for s in td.sources}
    publishers = sorted({s.publisher for s in sources.values() if s.publisher})
    return {
        "sources": len(sources),
        "publishers": publishers,
        "generated": date.today().isoformat(),
        "caveat": (
            "components documented in public teardown reports, not a whole bill of materials; "
            f"{unknown_share:.0%} of them of unknown maker"
        ),
    }


def conflicts_of(groups: list[GroupAttribution]) -> list[dict[str, Any]]:
    """Components whose rows (or resolver and source) name different makers, with sources."""
    found = []
    for g in groups:
        if g.attribution != CONTESTED:
            continue
        found.append(
            {
                "teardown_id": g.teardown_id,
                "component_id": g.key,
                "makers_claimed": g.makers_claimed,
                "rows": [
                    {
                        "line": r.line,
                        "marking": r.marking,
                        "asserted_maker": r.asserted_maker,
                        "resolved_maker": r.resolved_maker_id,
                        "flags": r.flags,
                        "source": r.source.to_dict() if r.source else None,
                    }
                    for r in g.rows
                ],
            }
        )
    return found


def list_weapons(store: Any) -> list[dict[str, Any]]:
    """Every weapon model of the knowledge base, with how many teardowns/components are stored."""
    teardowns = load_teardowns(store)
    per_weapon: dict[str, list[Teardown]] = defaultdict(list)
    for td in teardowns:
        per_weapon[td.weapon_id].append(td)
    out = []
    for model in load_weapons().values():
        tds = per_weapon.get(model.id, [])
        data = model.to_dict()
        data["teardowns"] = len(tds)
        data["components"] = sum(td.component_count for td in tds)
        out.append(data)
    return out


def weapon_report(
    store: Any,
    weapon: str,
    control_date: str | None = None,
    *,
    backend: PartsBackend | None = None,
    screener: Screener | None = None,
) -> dict[str, Any]:
    """One weapon's report: breakdowns, CHPL tiers, timeline, after-control parts, conflicts.

    ``weapon`` is an id, name or alias (UnknownWeapon if none). The weapon's listed maker and
    every component maker (``maker_screening``) are screened with
    :func:`~tracewire.parts.maker_screening.screen_maker` when a ``screener`` is given
    (``None`` in ``listed_maker`` and ``maker_screening`` otherwise)."""
    model = resolve_weapon(weapon)
    parts = backend or default_backend()
    cutoff = check_control_date(control_date)
    teardowns = load_teardowns(store, weapon_ids=[model.id])
    groups = groups_of(teardowns, parts)
    report: dict[str, Any] = {"weapon": model.to_dict()}
    report["teardowns"] = [
        {
            "id": td.id,
            "recovery_date": td.recovery_date,
            "recovery_place": td.recovery_place,
            "sources": [s.to_dict() for s in td.sources],
            "components": sum(g.quantity for g in groups if g.teardown_id == td.id),
        }
        for td in teardowns
    ]
    report.update(breakdown(groups, model.control_regime, cutoff, parts))
    report["parts"] = parts_of(groups)
    report["conflicts"] = conflicts_of(groups)
    report["provenance"] = provenance(teardowns, report["unknown_maker"]["share"])
    report["maker_screening"] = (
        screen_component_makers(groups, screener) if screener is not None else None
    )
    report["listed_maker"] = (
        screen_maker(model.listed_maker, screener=screener, schema="LegalEntity")
        if screener is not None and model.listed_maker
        else None
    )
    return report


def chokepoints(
    store: Any, limit: int = 20, *, backend: PartsBackend | None = None
) -> dict[str, Any]:
    """Makers, part families and maker countries ranked by the weapon models and teardowns
    they appear in (then by component count)."""
    if limit < 1:
        raise UsageError("limit must be at least 1")
    parts = backend or default_backend()
    teardowns = load_teardowns(store)
    weapon_of = {td.id: td.weapon_id for td in teardowns}
    groups = groups_of(teardowns, parts)
    stats: dict[str, dict[str, dict[str, Any]]] = {"makers": {}, "parts": {}, "countries": {}}

    def add(kind: str, key: str, g: GroupAttribution, **info: Any) -> None:
        entry = stats[kind].setdefault(
            key, {"key": key, "weapons": set(), "teardowns": set(), "components": 0, **info}
        )
        entry["weapons"].add(weapon_of[g.teardown_id])
        entry["teardowns"].add(g.teardown_id)
        entry["components"] += g.quantity
        if kind == "parts" and g.maker_id:
            entry.setdefault("makers", set()).add(g.maker_id)

    for g in groups:
        if g.attribution not in (CONTESTED, UNKNOWN) and (g.maker_id or g.maker_name):
            add("makers", _maker_key(g), g, name=g.maker_name, hq_country=g.hq_country)
        if g.hq_country and g.attribution != CONTESTED:
            add("countries", g.hq_country, g)
        family = _first(g, "base_part") or _first(g, "part_number")
        if family:
            add("parts", family, g, category=_first(g, "category"))

    def finish(entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        rows = []
        for entry in entries.values():
            row = dict(entry)
            row["weapons"] = sorted(entry["weapons"])
            row["weapon_count"] = len(entry["weapons"])
            row["teardown_count"] = len(entry["teardowns"])
            row["teardowns"] = sorted(entry["teardowns"])
            if "makers" in entry:
                row["makers"] = sorted(entry["makers"])
            rows.append(row)
        rows.sort(
            key=lambda r: (-r["weapon_count"], -r["teardown_count"], -r["components"], r["key"])
        )
        return rows[:limit]

    return {
        "weapons": len({td.weapon_id for td in teardowns}),
        "teardowns": len(teardowns),
        "components": sum(g.quantity for g in groups),
        "makers": finish(stats["makers"]),
        "parts": finish(stats["parts"]),
        "countries": finish(stats["countries"]),
    }
