"""Rows of the UK OFSI Consolidated List, from its ``.xlsx`` workbook or its ``.csv`` export.

Both carry a title row (``Last Updated``, date) before the header; the header is found by
its ``Group ID`` column. The workbook is read with openpyxl in read-only mode, so rows
stream from the zipped sheet XML instead of loading the whole workbook. Cells become
stripped strings; ``Other Information`` packs labelled facts (``(Gender):Male``) that
:func:`labelled_facts` splits.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from tracewire.errors import InputError
from tracewire.lists.source import ZIP_ERRORS, Source
from tracewire.lists.tabular import MAX_PREAMBLE, TableReader
from tracewire.lists.values import ValueCleaner
from tracewire.lists.workbook import check_workbook

MARKER = "Group ID"
REQUIRED = ["Name 6", "Group Type", "Group ID"]
_NUMBERED = re.compile(r"\(\d{1,2}\)\s*")
_LABEL = re.compile(r"\(([A-Z][A-Za-z /.&'-]{1,40})\)\s*:")


def is_xlsx(path: Path) -> bool:
    """True for a zip file that holds an Office Open XML workbook."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except ZIP_ERRORS:
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value.strip()
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class OfsiRows:
    """Rows of an OFSI list file as ``(line, {column: value})``; ``preamble`` holds the
    title rows before the header (where ``Last Updated`` is)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.path = str(source.path)
        self.preamble: list[list[str]] = []

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        if is_xlsx(self.source.members[0]):
            yield from self._xlsx()
            return
        with self.source.open() as stream:
            table = TableReader(stream, self.path, required=REQUIRED, marker=MARKER)
            self.preamble = table.preamble
            yield from table

    def _xlsx(self) -> Iterator[tuple[int, dict[str, str]]]:
        import openpyxl  # deferred: only workbooks need it

        check_workbook(self.source.members[0])
        clean = ValueCleaner(self.path)
        # the file is opened here, not by openpyxl, so it is closed however openpyxl fails
        with self.source.members[0].open("rb") as handle:
            yield from self._rows(openpyxl, handle, clean)

    def _rows(
        self, openpyxl: Any, handle: IO[bytes], clean: ValueCleaner
    ) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise InputError(f"not a readable xlsx workbook ({exc})", path=self.path) from exc
        try:
            if not book.worksheets:
                raise InputError("the workbook has no worksheet", path=self.path)
            sheet = book.worksheets[0]
            header: list[str] | None = None
            try:
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells = [_cell(v) for v in row]
                    if not all(map(str.isprintable, cells)):
                        cells = [clean.strip_controls(c, number) for c in cells]
                    if header is None:
                        if MARKER in cells:
                            header = self._check_header(cells, number)
                        elif number > MAX_PREAMBLE:
                            break
                        elif any(cells):
                            self.preamble.append(cells)
                        continue
                    if any(cells):
                        yield number, dict(zip(header, cells, strict=False))
            except (*ZIP_ERRORS, KeyError, SyntaxError) as exc:
                # SyntaxError: the XML parsers' errors (ElementTree's and lxml's) derive from it
                raise InputError(f"unreadable worksheet ({exc})", path=self.path) from exc
            if header is None:
                raise InputError(
                    f"no header row with the column {MARKER!r} found", path=self.path, field=MARKER
                )
        finally:
            book.close()

    def _check_header(self, cells: list[str], number: int) -> list[str]:
        missing = [c for c in REQUIRED if c not in cells]
        if missing:
            raise InputError(
                f"missing required column {missing[0]!r} in the header",
                path=self.path,
                line=number,
                field=missing[0],
            )
        return cells


def numbered(value: str | None) -> list[str]:
    """``(1) A (2) B`` as ``["A", "B"]``; a plain value as a one-item list."""
    if not value:
        return []
    parts = [p.strip(" ,;") for p in _NUMBERED.split(value)]
    return [p for p in parts if p]


def labelled_facts(text: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Split ``Other Information`` into free text and ``(Label):value`` facts."""
    if not text:
        return [], []
    matches = list(_LABEL.finditer(text))
    free: list[str] = []
    facts: list[tuple[str, str]] = []
    lead = text[: matches[0].start()] if matches else text
    if lead.strip(" ."):
        free.append(lead.strip())
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip().rstrip(".").strip()
        if value:
            facts.append((match.group(1).strip(), value))
    return free, facts
