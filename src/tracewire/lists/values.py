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
#: C1 controls as the Windows-1252 characters they stand for (five bytes have none)
C1_AS_CP1252 = {
    chr(code): bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def replace_controls(text: str) -> str:
    """``text`` with C1 controls read as Windows-1252 and every other control removed."""
    return CONTROLS.sub(lambda m: C1_AS_CP1252.get(m.group(), ""), text)


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
        return self.strip_controls(value, line, field)

    def strip_controls(self, text: str, line: int | None, field: str | None = None) -> str:
        """``text`` (a whole line, say) without control characters, with a warning."""
        found = CONTROLS.findall(text)
        if not found:
            return text
        self._warn(found, line, field)
        return replace_controls(text)

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
        read = sorted({c for c in found if c in C1_AS_CP1252})
        gone = sorted({c for c in found if c not in C1_AS_CP1252})
        done = []
        if gone:
            codes = ", ".join(f"U+{ord(c):04X}" for c in gone)
            done.append(f"removed control characters ({codes})")
        if read:
            codes = ", ".join(f"U+{ord(c):04X} as {C1_AS_CP1252[c]!r}" for c in read)
            done.append(f"read C1 controls as Windows-1252 ({codes})")
        where = ", ".join(
            part
            for part in (
                self.path,
                f"line {line}" if line is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        log.warning("warning: %s: %s", where, "; ".join(done))
