"""Delimited text lists (CSV, tab-separated) read as rows of strings, streaming and strict.

Used by the US CSL, BIS DPL and UK OFSI CSV loaders. Text must be UTF-8 (a byte-order mark
is allowed); a byte that is not UTF-8 is an :class:`InputError` naming the file and line,
never a silent replacement character. Lines are read up to ``TRACEWIRE_MAX_LINE`` bytes and
values up to ``TRACEWIRE_MAX_FIELD`` characters (:mod:`tracewire.lists.limits`); control
characters are removed with a warning naming the line (:mod:`tracewire.lists.values`). The
header row is found by the columns it must hold, so a title row before it (the OFSI "Last
Updated" line) is kept as ``preamble``.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from tracewire.errors import InputError
from tracewire.lists import limits
from tracewire.lists.values import CONTROLS, ValueCleaner

#: how many rows may come before the header (title rows)
MAX_PREAMBLE = 10


def raw_lines(stream: IO[bytes], path: str) -> Iterator[bytes]:
    """Each physical line of a binary stream, read no further than the line limit; a corrupt
    or truncated compressed stream (gzip, zip) is an :class:`InputError` rather than an
    ``EOFError``/``zlib.error``."""
    most = limits.LINE.value()
    number = 0
    while True:
        try:
            raw = stream.readline(most + 1)
        except (EOFError, OSError, zlib.error) as exc:
            raise InputError(f"corrupt or truncated compressed data ({exc})", path=path) from exc
        if not raw:
            return
        number += 1
        if len(raw) > most and not raw.endswith(b"\n"):
            raise limits.LINE.refuse(
                f"a line of more than {most:,} bytes", most, path=path, line=number
            )
        yield raw


def decoded_lines(
    stream: IO[bytes], path: str, cleaner: ValueCleaner | None = None
) -> Iterator[str]:
    """Each physical line of a binary stream as text; bad UTF-8 names its line; control
    characters are removed (with a warning) when a ``cleaner`` is given."""
    for number, raw in enumerate(raw_lines(stream, path), start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"text is not UTF-8 ({exc.reason} at byte {exc.start} of the line)",
                path=path,
                line=number,
            ) from exc
        if cleaner is not None and CONTROLS.search(text):
            text = cleaner.strip_controls(text, number)
        yield text


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
        self._clean = ValueCleaner(path)
        self._reader = csv.reader(
            decoded_lines(stream, path, self._clean), delimiter=delimiter, strict=True
        )
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
        most = self._clean.max_field
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
            if row and max(map(len, row)) > most:
                i = next(i for i, cell in enumerate(row) if len(cell) > most)
                field = self.header[i] if i < width else f"column {i + 1}"
                self._clean(row[i], start, field)  # raises: over the field limit
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
