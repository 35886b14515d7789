"""The public Python API: ``tracewire.screening.screen(...)``, usable without the server.

>>> from tracewire.screening import screen
>>> result = screen("Mykola Patrushev", schema="Person", db="tracewire.db")  # doctest: +SKIP
>>> result.results[0].entity["caption"]  # doctest: +SKIP
'PATRUSHEV, Nikolai Platonovich'
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from tracewire.match.running.engine import Screener
from tracewire.match.types import Query, Screening

_LOCK = threading.Lock()
_SCREENERS: dict[str, Screener] = {}


def screener_for(db: str) -> Screener:
    """A screener over the store ``db`` (path or URL), rebuilt when its lists change."""
    from tracewire.store import open_store

    store = open_store(db)
    try:
        token = store.state_token()
        with _LOCK:
            cached = _SCREENERS.get(db)
            if cached is not None and cached.state_token == token:
                return cached
            built = Screener.from_store(store)
            _SCREENERS[db] = built
            return built
    finally:
        store.close()


def screen(
    name: str | Query,
    *,
    db: str = "tracewire.db",
    schema: str = "LegalEntity",
    birth_dates: Sequence[str] = (),
    countries: Sequence[str] = (),
    identifiers: Sequence[str] = (),
    limit: int = 10,
    threshold: float | None = None,
    algorithm: str | None = None,
    datasets: Sequence[str] = (),
    screener: Screener | None = None,
) -> Screening:
    """Screen one name (or a :class:`Query`) against the lists in a store.

    Raises :class:`tracewire.errors.InputError` for a bad name, schema, date or country.
    Pass ``screener`` to reuse an index you built (e.g. ``Screener.from_entities``).
    """
    query = (
        name
        if isinstance(name, Query)
        else Query(
            names=(name,),
            schema=schema,
            birth_dates=tuple(birth_dates),
            countries=tuple(countries),
            identifiers=tuple(identifiers),
        )
    )
    engine = screener if screener is not None else screener_for(db)
    return engine.screen(
        query, limit=limit, threshold=threshold, algorithm=algorithm, include_datasets=datasets
    )
