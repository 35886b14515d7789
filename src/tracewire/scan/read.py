"""Read a file, stdin or upload into a :class:`Document`: sniff the format, bound the size."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from tracewire.errors import InputError
from tracewire.scan.decode import decode_text
from tracewire.scan.document import Document, Page
from tracewire.scan.html import html_text
from tracewire.scan.pdf import PAGE_BREAK, pdf_pages

#: the largest file a scan reads (a bigger one is refused, not read into memory)
MAX_BYTES = 20 * 1024 * 1024
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_HEAD = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)", re.I | re.S
)
_MARKDOWN_TITLE = re.compile(r"^\s*#\s+(.+)$", re.M)


def read_source(path: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """The document at ``path`` (``-`` reads stdin)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return read_bytes(data, "-", max_bytes=max_bytes)
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"too large to scan ({size:,} bytes; the limit is {max_bytes:,})", path=path
            )
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    return read_bytes(data, path, max_bytes=max_bytes)


def read_bytes(
    data: bytes, source: str, *, name: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """The document in ``data``; ``source`` names it in citations and errors, ``name``
    (a file name, default ``source``) helps tell its format."""
    if len(data) > max_bytes:
        raise InputError(f"too large to scan (over {max_bytes:,} bytes)", path=source)
    if not data.strip():
        raise InputError("an empty file, nothing to scan", path=source)
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(name or source).suffix.lower()
    fallback = Path(name or source).name if source != "-" else "stdin"
    if data.lstrip()[:5] == b"%PDF-":
        title, texts = pdf_pages(data, source)
        pages: list[Page] = []
        parts: list[str] = []
        offset = 0
        for number, text in enumerate(texts, start=1):
            if number > 1:
                parts.append(PAGE_BREAK)
                offset += len(PAGE_BREAK)
            pages.append(Page(number, offset, offset + len(text)))
            parts.append(text)
            offset += len(text)
        return Document(
            source, title or fallback, digest, "application/pdf", "".join(parts), tuple(pages)
        )
    if suffix in _HTML_SUFFIXES or _HTML_HEAD.match(data[:1024]):
        html = decode_text(data, source, html=True)
        title, text = html_text(html, source)
        return Document(
            source, title or fallback, digest, "text/html", text, (Page(None, 0, len(text)),)
        )
    text = decode_text(data, source)
    found = _MARKDOWN_TITLE.search(text[:2000])
    title = found.group(1).strip() if found else fallback
    media = "text/markdown" if suffix in (".md", ".markdown") else "text/plain"
    return Document(source, title, digest, media, text, (Page(None, 0, len(text)),))
