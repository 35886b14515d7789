"""Screen makers against the loaded sanctions lists through the screening engine (if built)."""

from __future__ import annotations

from typing import Any

from tracewire.parts.makers import load_makers

_SCREENERS: dict[str, Any] = {}


def _screener(db: str | None) -> Any:
    from tracewire.match.engine import Screener
    from tracewire.store import open_store

    key = db or "tracewire.db"
    if key not in _SCREENERS:
        _SCREENERS[key] = Screener.from_store(open_store(key))
    return _SCREENERS[key]


def screen_makers(maker_ids: list[str], db: str | None) -> list[dict[str, Any]]:
    """One entry per maker: its best hit on the lists (or none), or why it was not screened."""
    makers = load_makers()
    try:
        from tracewire.match.types import Query

        screener = _screener(db)
    except ImportError as exc:
        return [
            {"maker_id": m, "status": "unavailable", "detail": f"screening engine missing: {exc}"}
            for m in maker_ids
        ]
    out: list[dict[str, Any]] = []
    for maker_id in maker_ids:
        maker = makers.get(maker_id)
        if maker is None:
            continue
        names = (maker.name, *(a for a in maker.aliases if len(a) > 3))
        result = screener.screen(Query(names=names, schema="Company"))
        hits = [
            {
                "entity_id": r.id,
                "caption": r.entity.get("caption"),
                "score": round(float(r.score), 3),
                "match": bool(r.match),
                "datasets": r.entity.get("datasets", []),
            }
            for r in result.results[:3]
        ]
        out.append(
            {
                "maker_id": maker_id,
                "name": maker.name,
                "status": "hit" if any(h["match"] for h in hits) else "clear",
                "hits": hits,
                "algorithm": f"{result.algorithm} {result.algorithm_version}",
            }
        )
    return out
