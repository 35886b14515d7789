"""Scan documents (text, Markdown, HTML, PDF) for the listed parties, weapons, parts and
makers they name, each finding with its citations.

>>> from tracewire.scan import scan
>>> report = scan("article.txt", db="tracewire.db")  # doctest: +SKIP
>>> [(f.kind, f.caption) for f in report.findings]  # doctest: +SKIP
[('listed', 'PATRUSHEV, Nikolai Platonovich'), ('weapon', 'Shahed-136')]
"""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracewire.scan.document import Document
from tracewire.scan.findings import KINDS, Citation, Finding, ScanReport
from tracewire.scan.read import read_bytes, read_source
from tracewire.scan.scanner import Scanner, parse_kinds

__all__ = ["KINDS", "Citation", "Document", "Finding", "ScanReport", "Scanner", "scan"]


def scan(
    source: str | Path | bytes | Document,
    *,
    db: str = "tracewire.db",
    name: str | None = None,
    threshold: float | None = None,
    kinds: str | Sequence[str] | None = None,
    scanner: Scanner | None = None,
) -> ScanReport:
    """Scan one document: a path (``-`` for stdin), the bytes of a file (``name`` tells
    its format and names it in citations) or a :class:`Document`.

    Raises :class:`tracewire.errors.InputError` for a document that cannot be read
    (encrypted or corrupt PDF, binary file, unknown encoding, empty, too large).
    """
    if isinstance(source, Document):
        document = source
    elif isinstance(source, bytes):
        document = read_bytes(source, name or "upload", name=name)
    else:
        document = read_source(str(source))
    engine = scanner if scanner is not None else Scanner.for_store(db)
    return engine.scan(document, threshold=threshold, kinds=parse_kinds(kinds))


class _ScanModule(types.ModuleType):
    """``tracewire.scan`` is both this package and the function: once the package is
    imported, Python sets it as the attribute ``scan`` of ``tracewire``, so the package
    itself must answer ``tracewire.scan(...)``."""

    def __call__(self, *args: Any, **kwargs: Any) -> ScanReport:
        return scan(*args, **kwargs)


sys.modules[__name__].__class__ = _ScanModule
