"""Sentences of a document text, for the quote a citation carries."""

from __future__ import annotations

import bisect
import re

#: a sentence ends at . ! ? (and their CJK forms) before a capital, a digit, a quote or a
#: non-Latin letter, at a line break, and at a page break
_BOUNDARY = re.compile(
    r"(?<=[.!?。！？])[\"”»’)\]]*[ \t\u00a0]+(?=[\"“«(‘]?[^\W\d_a-z])|[.!?。！？]?\s*\n\s*|\f"
)
#: the longest quote kept (a "sentence" of a table or a list may have no end)
MAX_QUOTE = 400


class Sentences:
    """Where each sentence of a text starts; the sentence around any offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _BOUNDARY.finditer(text)]
        self.ends = [m.start() for m in _BOUNDARY.finditer(text)] + [len(text)]

    def around(self, start: int, end: int) -> tuple[int, int, str]:
        """(start, end, text) of the sentence holding ``start``..``end`` (trimmed)."""
        at = bisect.bisect_right(self.starts, start) - 1
        first = self.starts[at]
        last = max(self.ends[at], end)
        if last - first > MAX_QUOTE:
            first = max(first, start - MAX_QUOTE // 2)
            last = min(last, max(end, first + MAX_QUOTE))
        return first, last, self.text[first:last].strip()
