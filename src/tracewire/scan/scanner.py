"""The scan: a document to its findings (listed parties, weapons, parts, makers).

A :class:`Scanner` is built once per store state (the screener is the one the process
shares, :func:`tracewire.screening.screener_for`; the listed-name dictionary is built beside
it) and scans any number of documents.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from tracewire.errors import UsageError
from tracewire.match.running.engine import SCREENED_SCHEMATA, Screener
from tracewire.scan.document import Document
from tracewire.scan.findings import KINDS, Finding, ScanReport
from tracewire.scan.names import PARTY_SCHEMATA, ListedNames
from tracewire.scan.parties import PartyFinder
from tracewire.scan.sanctions import SanctionBook
from tracewire.scan.sentences import Sentences
from tracewire.scan.things import ThingFinder
from tracewire.store import Store

_LOCK = threading.Lock()
_SCANNERS: dict[str, Scanner] = {}
_BY_SCREENER: dict[int, Scanner] = {}


def parse_kinds(kinds: str | Sequence[str] | None) -> tuple[str, ...]:
    """``"listed,weapon"`` or a sequence -> the kinds, checked (all four when None)."""
    if kinds is None:
        return KINDS
    wanted = [k.strip() for k in (kinds.split(",") if isinstance(kinds, str) else kinds)]
    unknown = [k for k in wanted if k not in KINDS]
    if unknown or not wanted:
        raise UsageError(
            f"unknown kind(s) {', '.join(unknown) or '(none)'}: use {', '.join(KINDS)}"
        )
    return tuple(k for k in KINDS if k in wanted)


class Scanner:
    """Scans documents against one state of a store (or a given screener)."""

    def __init__(self, screener: Screener, names: ListedNames, sanctions: SanctionBook) -> None:
        self.parties = PartyFinder(screener, names, sanctions)
        self.things = ThingFinder(self.parties)
        self.state_token = screener.state_token

    @classmethod
    def for_store(cls, db: str) -> Scanner:
        """The process's scanner over the store ``db``, rebuilt when its lists change."""
        from tracewire.screening import screener_for
        from tracewire.store import open_store

        screener = screener_for(db)
        with _LOCK:
            known = _SCANNERS.get(db)
            if known is not None and known.state_token == screener.state_token:
                return known
            store = open_store(db)
            names = ListedNames.from_entities(
                store.iter_entities(schemata=sorted(set(PARTY_SCHEMATA) & SCREENED_SCHEMATA))
            )
            built = cls(screener, names, SanctionBook(store))
            _SCANNERS[db] = built
            return built

    @classmethod
    def for_screener(cls, screener: Screener, store: Store) -> Scanner:
        """The scanner over a screener a server holds (and the store it was built from);
        one is kept per screener, so a rebuilt index gets a new scanner."""
        with _LOCK:
            known = _BY_SCREENER.get(id(screener))
            if known is not None and known.parties.screener is screener:
                return known
            names = ListedNames.from_entities(
                store.iter_entities(schemata=sorted(set(PARTY_SCHEMATA) & SCREENED_SCHEMATA))
            )
            built = cls(screener, names, SanctionBook(store))
            _BY_SCREENER.clear()
            _BY_SCREENER[id(screener)] = built
            return built

    def scan(
        self,
        document: Document,
        *,
        threshold: float | None = None,
        kinds: Sequence[str] = KINDS,
    ) -> ScanReport:
        """The findings of ``document``: listed parties first, then weapons, parts, makers,
        each in order of first mention."""
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise UsageError(f"threshold must be between 0 and 1, not {threshold}")
        started = time.perf_counter()
        sentences = Sentences(document.text)
        findings: list[Finding] = []
        spans = 0
        if "listed" in kinds:
            found, spans = self.parties.find(document, sentences, threshold)
            findings += found
        findings += self.things.find(document, sentences, kinds, threshold)
        return ScanReport(
            document,
            findings,
            {"spans_screened": spans, "seconds": round(time.perf_counter() - started, 4)},
        )
