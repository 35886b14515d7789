"""What a scan reports: findings (a listed party, a weapon, a part, a maker) with citations.

One model every surface serialises (CLI JSON lines, the table, FtM, HTML, ``POST /scan``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracewire.scan.document import Document

KINDS = ("listed", "weapon", "part", "maker")


@dataclass(frozen=True)
class Citation:
    """Where a document names a finding: page, character offsets, the words, the sentence."""

    page: int | None
    start: int
    end: int
    text: str
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
        }


@dataclass
class Finding:
    """One thing a document names, with every place it names it.

    ``kind`` is listed, weapon, part or maker; ``id`` the entity id, weapon id, part
    marking or maker id; ``details`` what the kind carries (a listed party's datasets,
    sanctions, score explanation, algorithm and list versions; a weapon's makers)."""

    kind: str
    id: str
    caption: str
    score: float | None
    details: dict[str, Any] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    #: sentences already cited: a repeated paragraph does not cite twice
    _quoted: set[str] = field(default_factory=set, repr=False)

    def cite(self, citation: Citation) -> None:
        key = " ".join(citation.sentence.split())
        if key in self._quoted:
            return
        self._quoted.add(key)
        self.citations.append(citation)

    def to_dict(self, document: Document) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "caption": self.caption,
            "score": self.score,
            **self.details,
            "document": document.to_dict(),
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass
class ScanReport:
    """A document and what was found in it (findings in order of first mention)."""

    document: Document
    findings: list[Finding]
    #: spans screened and how long the scan took, for the curious and the bench
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "findings": [f.to_dict(self.document) for f in self.findings],
            "stats": self.stats,
        }
