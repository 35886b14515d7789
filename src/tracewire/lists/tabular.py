"""Delimited text lists (CSV, tab-separated) read as rows of strings, streaming and strict.

Used by the US CSL, BIS DPL and UK OFSI CSV loaders. Text must be UTF-8 (a byte-order mark
is allowed); a byte that is not UTF-8 is an :class:`InputError` naming the file and line,
never a silent replacement character. The header row is found by the columns it must
hold, so a title row before it (the OFSI "Last Updated" line) is kept as ``preamble``.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from tracewire.errors import InputError

#: how many rows may come before the header (title rows)
MAX_PREAMBLE = 10


def raw_lines(stream: IO[bytes], path: str) -> Iterator[bytes]:
    """Each physical line of a binary stream; a corrupt or truncated compressed stream
    (gzip, zip) is an :class:`InputError` rather than an ``EOFError``/``zlib.error``."""
    while True:
        try:
            raw = stream.readline()
        except (EOFError, OSError, zlib.error) as exc:
            raise InputError(f"corrupt or truncated compressed data ({exc})", path=path) from exc
        if not raw:
            return
        yield raw


def decoded_lines(stream: IO[bytes], path: str) -> Iterator[str]:
    """Each physical line of a binary stream as text; bad UTF-8 names its line."""
    for number, raw in enumerate(raw_lines(stream, path), start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"text is not UTF-8 ({exc.reason} at byte {exc.start} of the line)",
                path=path,
                line=number,
            ) from exc


class TableReader:
    """Rows of a delimited file as ``(line, {column: value})``, after its header.

    ``required`` columns must all be in the header, else an :class:`InputError` names the
    missing column. Values are stripped strings (``""`` for an empty or missing cell).
    """

    def __init__(
        self,
        stream: IO[bytes],
        path: str,
        *,
        required: Sequence[str],
        delimiter: str = ",",
        marker: str | None = None,
    ) -> None:
        self.path = path
        self.required = list(required)
        self._marker = marker or self.required[0]
        self._reader = csv.reader(decoded_lines(stream, path), delimiter=delimiter, strict=True)
        self._last_line = 0
        self.preamble: list[list[str]] = []
        self.header_line = 0
        self.header: list[str] = self._find_header()

    def _next(self) -> list[str] | None:
        try:
            row = next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise InputError(
                f"malformed delimited text: {exc}", path=self.path, line=self._reader.line_num
            ) from exc
        return row

    def _find_header(self) -> list[str]:
        for _ in range(MAX_PREAMBLE + 1):
            row = self._next()
            if row is None:
                break
            cells = [c.strip() for c in row]
            line = self._reader.line_num
            if self._marker in cells:
                missing = [c for c in self.required if c not in cells]
                if missing:
                    raise InputError(
                        f"missing required column {missing[0]!r} in the header"
                        + (f" (also {', '.join(map(repr, missing[1:]))})" if missing[1:] else ""),
                        path=self.path,
                        line=line,
                        field=missing[0],
                    )
                self.header_line = self._last_line = line
                return cells
            if any(cells):
                self.preamble.append(cells)
            self._last_line = line
        raise InputError(
            f"no header row with the columns {', '.join(map(repr, self.required))} found",
            path=self.path,
            line=self._reader.line_num or None,
            field=self.required[0],
        )

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        width = len(self.header)
        while True:
            row = self._next()
            if row is None:
                return
            start = self._last_line + 1
            self._last_line = self._reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) > width and any(c.strip() for c in row[width:]):
                raise InputError(
                    f"row has {len(row)} cells but the header has {width} columns",
                    path=self.path,
                    line=start,
                )
            yield (
                start,
                {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(self.header)},
            )


def split_values(value: str | None, separators: Iterable[str] = (";",)) -> list[str]:
    """A multi-valued cell split on its separators, stripped, without empties."""
    if not value:
        return []
    parts = [value]
    for sep in separators:
        parts = [p for part in parts for p in part.split(sep)]
    return [p.strip() for p in parts if p.strip()]
