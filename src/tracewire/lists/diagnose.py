"""Why a file is not a list tracewire reads: the encoding, NUL bytes, an oversized first line
or field, an unreadable archive, and which formats it resembles.

Used by :func:`tracewire.lists.registry.detect` when no format claims a file (and, for the
encoding, when ``--format`` names one), so that the refusal names the reason and the line
instead of only "unknown list format".
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tracewire.errors import InputError
from tracewire.lists import limits
from tracewire.lists.source import ZIP_ERRORS, Source
from tracewire.lists.tabular import raw_lines

#: what a file of each format holds near its start, even when it is refused
MARKERS: dict[str, tuple[bytes, ...]] = {
    "ofac_enhanced": (b"sanctionsData", b"ENHANCED_XML"),
    "ofac_xml": (b"sdnList",),
    "ofac_csv": (b"-0-",),
    "us_csl": (b"_id", b"entity_number"),
    "bis_dpl": (b"Street_Address",),
    "un_sc": (b"CONSOLIDATED_LIST",),
    "eu_fsf": (b"fsd/export",),
    "uk_ofsi": (b"Group ID",),
    "ftm": (b'"schema"', b'"properties"'),
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


@dataclass
class Problem:
    """Why the start of a file cannot be a list, and where."""

    reason: str
    line: int | None = None


def _line_of(head: bytes, offset: int) -> int:
    return head.count(b"\n", 0, offset) + 1


def encoding_problem(head: bytes) -> Problem | None:
    """UTF-16 or UTF-32 text (by byte-order mark, or by every other byte being NUL)."""
    if head.startswith(_UTF32_BOMS):
        return Problem("text is UTF-32 (byte-order mark); lists must be UTF-8", 1)
    if head.startswith(_UTF16_BOMS):
        return Problem("text is UTF-16 (byte-order mark); lists must be UTF-8", 1)
    sample = head[:4096]
    if sample and sample.count(0) * 3 >= len(sample):
        return Problem(
            "text looks like UTF-16 without a byte-order mark (every other byte is NUL); "
            "lists must be UTF-8",
            1,
        )
    return None


def head_problem(source: Source, member: Path) -> Problem | None:
    """The first reason the start of ``member`` cannot be read as a list, if any."""
    with member.open("rb") as raw:
        magic = raw.read(4)
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(member) as zf:
                names = zf.namelist()
        except ZIP_ERRORS as exc:
            return Problem(f"a zip archive or workbook that cannot be read ({exc})")
        if "[Content_Types].xml" in names:
            return None  # a workbook: its reader's refusal says why
    try:
        head = source.head(member)
    except InputError as exc:
        return Problem(_bare(exc))
    problem = encoding_problem(head)
    if problem is not None:
        return problem
    nul = head.find(b"\x00")
    if nul >= 0:
        return Problem("a NUL byte: binary data, not a text list", _line_of(head, nul))
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return None  # XML: one long line is normal
    try:
        with source.open(member) as stream:
            first = next(raw_lines(stream, str(member)), b"")
    except InputError as exc:
        return Problem(_bare(exc), exc.line)
    most = limits.FIELD.value()
    for number, cell in enumerate(re.split(rb"[,\t]", first), start=1):
        if len(cell) > most:
            return Problem(
                f"field {number}: a value of {len(cell):,} bytes is over the limit of "
                f"{limits.FIELD.describe(most)}",
                1,
            )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the head
            return Problem(f"text is not UTF-8 ({exc.reason})", _line_of(head, exc.start))
    return None


def resembles(source: Source, member: Path) -> list[str]:
    """Formats whose markers appear near the start, once the text is decoded as it is."""
    try:
        head = source.head(member)
    except InputError:
        return []
    if encoding_problem(head) is not None:
        if head.startswith(_UTF32_BOMS):
            text = head.decode("utf-32", errors="ignore")
        elif head.startswith(_UTF16_BOMS):
            text = head.decode("utf-16", errors="ignore")
        else:
            text = head.decode("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be", "ignore")
        head = text.encode("utf-8")
    head = head.replace(b"\x00", b"")
    return [name for name, marks in MARKERS.items() if all(m in head for m in marks)]


def _bare(exc: InputError) -> str:
    """An error's message without the file, line and field it starts with."""
    where = InputError("", path=exc.path, line=exc.line, element=exc.element, field=exc.field)
    prefix = where.message
    return exc.message[len(prefix) :] if exc.message.startswith(prefix) else exc.message
