"""A document made text: its source, title, sha256, text and where each page starts."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """A page of the document text: ``number`` (1-based; None when the format has no
    pages) and the character range ``start``..``end`` of the document text it holds."""

    number: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """What a scan reads: the text extracted from one file, URL or upload."""

    source: str
    title: str
    sha256: str
    media_type: str
    text: str
    pages: tuple[Page, ...]
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [page.start for page in self.pages])

    def page_at(self, offset: int) -> int | None:
        """The page number holding the character at ``offset`` (None without pages)."""
        if not self.pages:
            return None
        where = bisect.bisect_right(self._starts, offset) - 1
        return self.pages[max(where, 0)].number

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "title": self.title,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "characters": len(self.text),
            "pages": sum(1 for page in self.pages if page.number is not None),
        }
