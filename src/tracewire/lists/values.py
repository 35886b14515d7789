"""Values as they leave a list file: no control characters, no value over the field limit.

Every reader (delimited text, OFAC CSV, workbook, FtM JSON, XML) passes its values through a
:class:`ValueCleaner` while it still knows the file and line. A NUL or other control
character (C0 except tab, line feed and carriage return; DEL; C1) is removed and the removal
logged as a warning naming the file, line and field, never kept or turned into a space
silently; a value longer than ``TRACEWIRE_MAX_FIELD`` characters refuses the file.
"""

from __future__ import annotations

import logging
import re

from tracewire.lists import limits

#: control characters a list value must not carry (tab and line breaks are whitespace)
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: warnings told one by one per file; past this many, one summary line
MAX_WARNINGS = 20

log = logging.getLogger("tracewire.lists")


class ValueCleaner:
    """Cleans the values of one file (reads the field limit once)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.max_field = limits.FIELD.value()
        self.removed = 0
        self.warned = 0

    def __call__(self, value: str, line: int | None = None, field: str | None = None) -> str:
        """``value`` without control characters; an InputError if it is over the limit."""
        if len(value) > self.max_field:
            raise limits.FIELD.refuse(
                f"a value of {len(value):,} characters",
                self.max_field,
                path=self.path,
                line=line,
                field=field,
            )
        if value.isprintable():
            return value
        found = CONTROLS.findall(value)
        if not found:
            return value
        self._warn(found, line, field)
        return CONTROLS.sub("", value)

    def strip_controls(self, text: str, line: int | None, field: str | None = None) -> str:
        """``text`` (a whole line, say) without control characters, with a warning."""
        found = CONTROLS.findall(text)
        if not found:
            return text
        self._warn(found, line, field)
        return CONTROLS.sub("", text)

    def _warn(self, found: list[str], line: int | None, field: str | None) -> None:
        self.removed += len(found)
        self.warned += 1
        if self.warned > MAX_WARNINGS:
            if self.warned == MAX_WARNINGS + 1:
                log.warning(
                    "warning: %s: more values with control characters; removed without a "
                    "warning each",
                    self.path,
                )
            return
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
        where = ", ".join(
            part
            for part in (
                self.path,
                f"line {line}" if line is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        plural = "s" if len(found) > 1 else ""
        log.warning(
            "warning: %s: removed %d control character%s (%s) from the value",
            where,
            len(found),
            plural,
            codes,
        )
