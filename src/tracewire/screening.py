"""The public Python API: ``tracewire.screening.screen(...)``, usable without the server.

>>> from tracewire.screening import screen
>>> result = screen("Mykola Patrushev", schema="Person", db="tracewire.db")  # doctest: +SKIP
>>> result.results[0].entity["caption"]  # doctest: +SKIP
'PATRUSHEV, Nikolai Platonovich'
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracewire.match.running.engine import Screener
from tracewire.match.types import Query, Screening

if TYPE_CHECKING:
    from tracewire.store import Store

# The one screener cache of the process (the CLI, reports, scans and the server's runtime
# all go through it): by store path or URL, and by store object for a store opened by the
# caller without one. An entry is used while the store's state token is the one it was
# built at; building happens under the lock, so two callers never build the same index.
_LOCK = threading.Lock()
_BY_DB: dict[str, Screener] = {}
_BY_STORE: weakref.WeakKeyDictionary[Store, Screener] = weakref.WeakKeyDictionary()


def screener_for(db: str) -> Screener:
    """A screener over the store ``db`` (path or URL), rebuilt when its lists change; the
    store opened to check (and build) is closed before returning."""
    from tracewire.store import open_store

    store = open_store(db)
    try:
        return screener_of(store, db)
    finally:
        store.close()


def screener_of(store: Store, db: str | None = None) -> Screener:
    """The cached screener of an open ``store`` (kept under ``db``, its path or URL, when
    given, so that :func:`screener_for` shares it; else under the store object), rebuilt
    when the store's state token changed since it was built."""
    token = store.state_token()
    with _LOCK:
        cached = _BY_DB.get(db) if db is not None else _BY_STORE.get(store)
        if cached is not None and cached.state_token == token:
            return cached
        # drop the stale index before building (the peak holds one index, not two)
        if db is not None:
            _BY_DB.pop(db, None)
        else:
            _BY_STORE.pop(store, None)
        del cached
        built = Screener.from_store(store)
        if db is not None:
            _BY_DB[db] = built
        else:
            _BY_STORE[store] = built
        return built


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
