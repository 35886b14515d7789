"""Trade parties resolved to list entities, identifiers first.

1. A party whose tax or registration number (INN, OGRN ...) is the number of a list entity
   *is* that entity: score 1.0, explained by the number.
2. The others go through the screening engine in one batch (its forked workers, the same
   path as ``tracewire screen --input``): each match keeps the engine's score and the
   explanation of every feature that scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tracewire.routes import weights as w


@dataclass(frozen=True)
class Link:
    """A party resolved to a list entity (graph node ids), with the score and why."""

    party: str
    entity: str
    score: float
    reason: str  # identifier | screening
    explanation: str


def identifier_links(parties: dict[str, dict[str, Any]], ids: dict[str, set[str]]) -> list[Link]:
    """Parties whose identifier is a list entity's identifier."""
    out = []
    for party in parties.values():
        number = party.get("identifier")
        for entity in sorted(ids.get(number or "", ())):
            why = f"same tax/registration number {number}"
            out.append(Link(party["id"], entity, w.SAME_IDENTIFIER, "identifier", why))
    return out


def _explain(features: dict[str, Any]) -> str:
    parts = []
    for name, feature in features.items():
        if feature["score"]:
            parts.append(f"{name} {feature['score']:.2f}: {feature['detail']}")
    return "; ".join(parts)


def screening_links(
    store: Any, parties: Iterable[dict[str, Any]], *, processes: int | None = None
) -> list[Link]:
    """Parties matched to list entities by the screening engine (its default threshold)."""
    from tracewire.match.running.batch import Row, screen_rows
    from tracewire.match.types import Query
    from tracewire.screening import screener_for

    todo = list(parties)
    if not todo:
        return []
    screener = screener_for(store.url)
    rows = [
        Row(
            line=index,
            row_id=party["id"],
            query=Query(
                names=(party["name"],),
                schema="LegalEntity",
                countries=(party["country"],) if party["country"] else (),
                identifiers=(party["identifier"],) if party["identifier"] else (),
            ),
        )
        for index, party in enumerate(todo)
    ]
    out = []
    for line, result, _error in screen_rows(screener, rows, processes=processes, limit=3):
        if result is None:
            continue
        for match in result["results"]:
            if match["match"]:
                out.append(
                    Link(
                        todo[line]["id"],
                        f"entity:{match['id']}",
                        round(float(match["score"]), 4),
                        "screening",
                        _explain(match["explanations"]),
                    )
                )
    return out
