"""Which writing system a name is in (ISO 15924 code), to keep with original-script names."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Unicode character-name prefixes to ISO 15924 codes
_PREFIXES = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARABIC", "Arab"),
    ("CJK", "Hani"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),
    ("HANGUL", "Hang"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("GEORGIAN", "Geor"),
    ("ARMENIAN", "Armn"),
    ("THAI", "Thai"),
    ("DEVANAGARI", "Deva"),
    ("BENGALI", "Beng"),
    ("TAMIL", "Taml"),
    ("ETHIOPIC", "Ethi"),
    ("MYANMAR", "Mymr"),
    ("KHMER", "Khmr"),
    ("SYRIAC", "Syrc"),
    ("THAANA", "Thaa"),
    ("TIBETAN", "Tibt"),
    ("MONGOLIAN", "Mong"),
)


@lru_cache(maxsize=4096)
def _char_script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for prefix, code in _PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zyyy"


def detect_script(text: str) -> str:
    """The dominant script of a text's letters (``Latn`` when it has none)."""
    counts: dict[str, int] = {}
    for char in text:
        script = _char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Latn"
    return max(counts.items(), key=lambda kv: kv[1])[0]
