"""Look-alike letters in transcribed markings: Cyrillic and Greek homoglyphs, full-width forms.

Investigators often type markings on a Cyrillic keyboard, so ``МАХ3485`` arrives with Cyrillic
``М``, ``А`` and ``Х``. :func:`fold` maps every such letter to the Latin one it looks like and
says which it changed, so the decoder can warn instead of failing to find the part.
"""

from __future__ import annotations

import unicodedata

#: Cyrillic and Greek capitals (and the lower-case forms that look the same) -> Latin
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K",
    "М": "M", "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y",
    "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s",
    "х": "x", "у": "y", "к": "k", "м": "m", "т": "t", "в": "b", "н": "h",
    "З": "3", "б": "6",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    # typographic look-alikes
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u00ae": "", "\u2122": "",
    "\u00a9": "",
}  # fmt: skip

_TABLE = str.maketrans(HOMOGLYPHS)


def fold(text: str) -> tuple[str, list[str]]:
    """Return ``text`` with look-alike letters made Latin, and one warning per kind changed.

    ASCII input is returned unchanged without work. Full-width and compatibility forms are
    folded with NFKC first (``ＳＴＭ３２`` -> ``STM32``).
    """
    if text.isascii():
        return text, []
    warnings: list[str] = []
    folded = unicodedata.normalize("NFKC", text)
    if folded != text and not any(ch in HOMOGLYPHS for ch in text):
        warnings.append("full-width or compatibility characters normalised")
    changed = sorted({ch for ch in folded if ch in HOMOGLYPHS and HOMOGLYPHS[ch].strip()})
    if changed:
        names = ", ".join(f"{ch!r} ({unicodedata.name(ch, f'U+{ord(ch):04X}')})" for ch in changed)
        warnings.append(f"look-alike letters replaced by Latin: {names}")
    result = folded.translate(_TABLE)
    if not result.isascii():
        leftover = sorted({ch for ch in result if not ch.isascii()})
        warnings.append(f"non-Latin characters left as they are: {''.join(leftover)!r}")
    return result, warnings
