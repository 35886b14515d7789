"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or a declared charset.

A file is refused, with the reason, when it is binary (NUL bytes, control characters) or
in an encoding that is neither UTF nor declared: tracewire does not guess encodings, a
wrong guess would silently change every name in the document.
"""

from __future__ import annotations

import codecs
import re

from tracewire.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: magic numbers of formats that are not documents tracewire reads
_BINARY_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (or an Office file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Office file"),
)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def _declared(head: bytes) -> str | None:
    found = _DECLARED.search(head)
    if found is None:
        return None
    name = found.group(1).decode("ascii")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, source: str, *, html: bool = False) -> str:
    """The text of ``data``; :class:`InputError` naming ``source`` when it is binary or
    not in an encoding tracewire can know."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} text ({exc.reason})", path=source) from None
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"a binary file ({what}), not a document", path=source)
    head = data[:8192]
    if b"\x00" in head or sum(byte in _CONTROL for byte in head) > len(head) // 100 + 2:
        raise InputError("a binary file (control bytes), not a document", path=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _declared(data[:4096]) if html else None
        if declared is not None and declared != "utf-8":
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        raise InputError(
            f"unknown encoding: not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}) and no other encoding declared; convert it to UTF-8",
            path=source,
        ) from None
