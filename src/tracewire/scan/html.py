"""HTML to its main text with trafilatura: navigation, boilerplate and scripts dropped."""

from __future__ import annotations

import logging

import trafilatura

from tracewire.errors import InputError

# trafilatura logs every page it finds no main text in; the scan reports that itself
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def html_text(html: str, source: str) -> tuple[str, str]:
    """(title, main text) of an HTML page; :class:`InputError` when it has no text."""
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_precision=False
    )
    if not text or not text.strip():
        raise InputError("an HTML page with no main text to scan", path=source)
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title if metadata is not None else None) or ""
    return title.strip(), text
