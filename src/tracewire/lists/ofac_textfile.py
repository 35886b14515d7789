"""Reading OFAC's legacy CSV files as text: encoding found by content, rows with line numbers.

OFAC's files are ASCII in practice, but older copies and re-saved files come as Windows-1252
(or Latin-1). The encoding is chosen by scanning the bytes (streaming, constant memory): UTF-8
when every byte sequence is valid UTF-8, else Windows-1252 when every byte is defined there,
else an error naming the line. UTF-16 (NUL bytes) is refused, and so is UTF-8 text that was
already decoded wrongly once (``MÃœLLER``): loading it would store mojibake.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracewire.errors import InputError
from tracewire.lists.source import Source
from tracewire.lists.tabular import raw_lines
from tracewire.lists.values import CONTROLS, ValueCleaner

_CHUNK = 1 << 20
#: "Ã¼", "Ã©", "Â " ...: UTF-8 bytes that went through a Latin-1/cp1252 decode once
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u2013-\u203a\u20ac]"
)


def _bad_line(chunks_before: int, chunk: bytes, offset: int) -> int:
    return chunks_before + chunk[:offset].count(b"\n") + 1


def detect_encoding(source: Source, member: Path) -> str:
    """``utf-8-sig`` or ``cp1252`` for a CSV member, or an InputError naming the bad line."""
    path = str(member)
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        lines = 0
        failed: int | None = None
        with source.open(member) as fh:
            first = True
            while chunk := fh.read(_CHUNK):
                if first and chunk[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                    raise InputError(
                        "file is UTF-16 text; expected UTF-8 or Windows-1252 CSV", path=path, line=1
                    )
                first = False
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    raise InputError(
                        "file holds NUL bytes: not a text CSV (UTF-16 or binary?)",
                        path=path,
                        line=_bad_line(lines, chunk, nul),
                    )
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    failed = _bad_line(lines, chunk, exc.start)
                    break
                lines += chunk.count(b"\n")
            else:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    failed = lines + 1
        if failed is None:
            return encoding
        if encoding == "cp1252":
            raise InputError(
                "text is neither UTF-8 nor Windows-1252 (undecodable byte)", path=path, line=failed
            )
    raise AssertionError("unreachable")  # pragma: no cover


def _text_lines(lines: Iterable[bytes], encoding: str, clean: ValueCleaner) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)()
    for number, raw in enumerate(lines, start=1):
        text = decoder.decode(raw)
        # a line of only ^Z is the DOS end-of-file mark, skipped as a blank row later
        if CONTROLS.search(text) and text.strip(" \x1a\r\n"):
            text = clean.strip_controls(text, number)
        yield text


def csv_rows(source: Source, member: Path) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` of a headerless OFAC CSV, streaming; blank rows and the DOS
    end-of-file mark (``\\x1a``) skipped; values stripped. Lines are bounded by the line
    limit, values by the field limit; control characters are removed with a warning."""
    encoding = detect_encoding(source, member)
    clean = ValueCleaner(str(member))
    with source.open(member) as raw:
        reader = csv.reader(_text_lines(raw_lines(raw, str(member)), encoding, clean), strict=True)
        try:
            for row in reader:
                line = reader.line_num
                if not row or (len(row) == 1 and row[0].strip(" \x1a") == ""):
                    continue
                fields = [v.strip() for v in row]
                if max(map(len, fields)) > clean.max_field:
                    for value in fields:
                        clean(value, line)  # raises: over the field limit
                if encoding != "cp1252":
                    for value in fields:
                        if value.isascii():
                            continue
                        if bad := _MOJIBAKE.search(value):
                            raise InputError(
                                "text looks double-encoded (UTF-8 read as Latin-1 once: "
                                f"{value[bad.start() : bad.end()]!r}); fix the file's encoding",
                                path=str(member),
                                line=line,
                            )
                yield line, fields
        except csv.Error as exc:
            raise InputError(
                f"malformed CSV: {exc}", path=str(member), line=reader.line_num
            ) from exc


def first_row(source: Source, member: Path) -> list[str] | None:
    """The first CSV row of a member, read from its head only (for sniffing), or None."""
    try:
        head = source.head(member, 16384)
    except InputError:
        return None
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    line = text.split("\n", 1)[0].rstrip("\r")
    if not line:
        return None
    try:
        return next(csv.reader([line]), None)
    except csv.Error:
        return None
