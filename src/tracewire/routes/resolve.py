"""Trade parties resolved to list entities, identifiers first.

1. A party whose tax or registration number (INN, OGRN ...) is the number of a list entity
   *is* that entity: score 1.0, explained by the number.
2. The others go through the screening engine in one batch (its forked workers, the same
   path as ``tracewire screen --input``): each match keeps the engine's score and the
   explanation of every feature that scored.
3. Parties are resolved to each other the same way: an index of the trade parties is built
   with the engine and every party screened against it (two parties with different
   identifiers are never the same; up to :data:`MAX_PARTY_INDEX` parties).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tracewire.routes import weights as w

#: most trade parties indexed to resolve parties to each other (the index is in memory)
MAX_PARTY_INDEX = 50_000


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
    from tracewire.screening import screener_for

    todo = list(parties)
    if not todo:
        return []
    screener = screener_for(store.url)
    rows = [Row(line=i, row_id=p["id"], query=_query(p)) for i, p in enumerate(todo)]
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


def _query(party: dict[str, Any]) -> Any:
    from tracewire.match.types import Query

    return Query(
        names=(party["name"],),
        schema="LegalEntity",
        countries=(party["country"],) if party["country"] else (),
        identifiers=(party["identifier"],) if party["identifier"] else (),
    )


def party_links(parties: list[dict[str, Any]], *, processes: int | None = None) -> list[Link]:
    """Pairs of trade parties the screening engine matches (names in any script, country,
    identifiers), each once, with score and explanation; graph node ids on both ends."""
    from tracewire.match.running.batch import Row, screen_rows
    from tracewire.match.running.engine import Screener

    if len(parties) < 2 or len(parties) > MAX_PARTY_INDEX:
        return []
    by_id = {p["id"]: p for p in parties}
    entities = []
    for party in parties:
        props: dict[str, list[str]] = {"name": [party["name"]]}
        if party["country"]:
            props["country"] = [party["country"]]
        if party["identifier"]:
            props["registrationNumber"] = [party["identifier"]]
        entities.append(
            {"id": party["id"], "schema": "LegalEntity", "properties": props, "datasets": ["trade"]}
        )
    screener = Screener.from_entities(entities)
    rows = [Row(line=i, row_id=p["id"], query=_query(p)) for i, p in enumerate(parties)]
    seen: set[tuple[str, str]] = set()
    out = []
    for line, result, _error in screen_rows(screener, rows, processes=processes, limit=5):
        if result is None:
            continue
        own = parties[line]
        for match in result["results"]:
            other = by_id.get(match["id"])
            if not match["match"] or other is None or other["id"] == own["id"]:
                continue
            if own["identifier"] and other["identifier"]:
                continue  # two numbers: two parties, whatever their names
            pair = (min(own["id"], other["id"]), max(own["id"], other["id"]))
            if pair in seen:
                continue
            seen.add(pair)
            score = round(float(match["score"]), 4)
            out.append(Link(pair[0], pair[1], score, "screening", _explain(match["explanations"])))
    return out
