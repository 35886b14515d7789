"""A maker screened against the loaded lists: the one function and result shape.

The parts resolver (``parts resolve --screen``, ``/parts/resolve?screen=true``) and the weapon
report (the weapon's listed maker) all screen through :func:`screen_maker`, and all get the
same dict back::

    {"name": "Maxim Integrated", "maker_id": "maxim", "status": "listed" | "clear",
     "algorithm": "logic-v2 2", "matches": [{"id", "caption", "schema", "datasets",
     "score", "match"}, ...]}

``matches`` holds the best results (at most ``limit``), each with its ``match`` verdict;
``status`` is ``listed`` when any of them is a match. Callers pass the screener: the CLI
gets it from :func:`tracewire.screening.screener_for` (one per process, refreshed when the
store changes), the API from its runtime.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracewire.match.types import Query, Screening
from tracewire.parts.makers import all_makers

if TYPE_CHECKING:
    from tracewire.match.running.engine import Screener

#: results kept per maker
LIMIT = 3
#: aliases this short are initials or logos ("TI", "ADI"): too loose to screen by
MIN_ALIAS = 4


def _shape(name: str, maker_id: str | None, screening: Screening, limit: int) -> dict[str, Any]:
    matches = [
        {
            "id": result.id,
            "caption": result.entity.get("caption"),
            "schema": result.entity.get("schema"),
            "datasets": result.entity.get("datasets", []),
            "score": round(float(result.score), 4),
            "match": bool(result.match),
        }
        for result in screening.results[:limit]
    ]
    return {
        "name": name,
        "maker_id": maker_id,
        "status": "listed" if any(m["match"] for m in matches) else "clear",
        "algorithm": f"{screening.algorithm} {screening.algorithm_version}",
        "matches": matches,
    }


def screen_maker(
    name: str,
    *,
    screener: Screener,
    maker_id: str | None = None,
    aliases: Sequence[str] = (),
    schema: str = "Company",
    limit: int = LIMIT,
) -> dict[str, Any]:
    """Screen one maker (its name and aliases) against the screener's lists; ``schema`` is
    ``Company`` for a parts maker, ``LegalEntity`` for a weapon's maker (often a state body)."""
    names = (name, *(a for a in aliases if len(a) >= MIN_ALIAS and a != name))
    screening = screener.screen(Query(names=names, schema=schema), limit=limit)
    return _shape(name, maker_id, screening, limit)


def screen_makers(
    maker_ids: Sequence[str], screener: Screener, limit: int = LIMIT
) -> list[dict[str, Any]]:
    """Screen the makers of the knowledge base (hand-written or GUR's) with these ids (unknown
    ids are skipped), each by its name, aliases and the names sources give it."""
    makers = all_makers()
    return [
        screen_maker(
            m.name,
            screener=screener,
            maker_id=m.id,
            aliases=[*m.aliases, *m.source_names],
            limit=limit,
        )
        for m in (makers[i] for i in maker_ids if i in makers)
    ]
