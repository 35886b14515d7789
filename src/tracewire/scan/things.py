"""Weapons, parts and makers a document names (filled in below)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracewire.scan.document import Document
from tracewire.scan.findings import Finding
from tracewire.scan.sentences import Sentences

if TYPE_CHECKING:
    from tracewire.scan.parties import PartyFinder


class ThingFinder:
    def __init__(self, parties: PartyFinder) -> None:
        self.parties = parties

    def find(
        self,
        document: Document,
        sentences: Sentences,
        kinds: Sequence[str],
        threshold: float | None,
    ) -> list[Finding]:
        return []
