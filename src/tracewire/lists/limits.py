"""Bounds on the work one list file may cause, checked while it streams.

A hostile or broken file (a gzip bomb, a workbook holding a gigabyte of whitespace, a 300 MB
cell) is refused with the limit it broke, in bounded time and memory, before anything is
stored; the previous version of its dataset stays active. Each limit is read from its
environment variable when a file is opened (so a test or one command can raise it):

==============================  ===========================================  ==============
variable                        bounds                                       default
==============================  ===========================================  ==============
``TRACEWIRE_MAX_DECOMPRESSED``  bytes read from one file after gzip/zip      1 GiB
``TRACEWIRE_MAX_RATIO``         decompressed / compressed size (past 16 MiB)  100
``TRACEWIRE_MAX_LINE``          bytes in one line of a text list             1 MiB
``TRACEWIRE_MAX_FIELD``         characters in one value (cell, XML text)     64 Ki
``TRACEWIRE_MAX_CELLS``         cells in one workbook                        2,000,000
``TRACEWIRE_MAX_XLSX_STRINGS``  bytes of a workbook's shared strings         64 MiB
==============================  ===========================================  ==============

The shared strings have a bound of their own because openpyxl holds them all in memory.

The official lists at hand stay far below them: the longest line is 12.5 KB (an FtM entity),
the longest value 8.2 K characters (a CSL remark), the highest ratio 16.5 (OFAC's zipped
XML), the OFSI workbook 310,000 cells and 4 MB of shared strings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tracewire.errors import InputError, UsageError

#: below this many decompressed bytes the ratio is not checked (tiny files compress well)
RATIO_FLOOR = 16 << 20


@dataclass(frozen=True)
class Limit:
    """One named bound: its environment variable, default and unit."""

    env: str
    default: int
    unit: str

    def value(self) -> int:
        raw = os.environ.get(self.env)
        if raw is None or raw.strip() == "":
            return self.default
        try:
            number = int(raw.replace("_", ""))
        except ValueError:
            number = 0
        if number <= 0:
            raise UsageError(f"{self.env} must be a positive whole number, not {raw!r}")
        return number

    def describe(self, value: int) -> str:
        return f"{_human(value, self.unit)} ({self.env})"

    def refuse(
        self,
        what: str,
        value: int,
        *,
        path: str,
        line: int | None = None,
        field: str | None = None,
    ) -> InputError:
        """The error for a file that broke this limit: names the limit and how to raise it."""
        return InputError(
            f"{what} is over the limit of {self.describe(value)}; refused",
            path=path,
            line=line,
            field=field,
        )


DECOMPRESSED = Limit("TRACEWIRE_MAX_DECOMPRESSED", 1 << 30, "bytes")
RATIO = Limit("TRACEWIRE_MAX_RATIO", 100, "ratio")
LINE = Limit("TRACEWIRE_MAX_LINE", 1 << 20, "bytes")
FIELD = Limit("TRACEWIRE_MAX_FIELD", 65536, "characters")
CELLS = Limit("TRACEWIRE_MAX_CELLS", 2_000_000, "cells")
XLSX_STRINGS = Limit("TRACEWIRE_MAX_XLSX_STRINGS", 64 << 20, "bytes")

ALL = (DECOMPRESSED, RATIO, LINE, FIELD, CELLS, XLSX_STRINGS)


def _human(value: int, unit: str) -> str:
    if unit == "bytes":
        for size, name in ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")):
            if value >= size and value % size == 0:
                return f"{value // size} {name}"
        return f"{value:,} bytes"
    if unit == "ratio":
        return f"{value}:1"
    return f"{value:,} {unit}"
