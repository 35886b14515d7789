"""Text of names: validation, Unicode normalisation, transliteration and tokenisation.

Every script is brought to lower-case ASCII so that names written in Cyrillic, Arabic,
Persian, Chinese, Hebrew, Greek, ... compare with their Latin spellings. Cyrillic goes
through the BGN/PCGN romanisation (``Патрушев`` → ``patrushev``, not ``patrusev``), every
other script through ICU's ``Any-Latin``; ``Latin-ASCII`` then drops diacritics.
Transliteration is the slow part, so it is cached per token.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu

from tracewire.errors import InputError

#: longest name accepted (characters)
MAX_NAME_LENGTH = 1000
_ARABIC_ARTICLE = "\u0627\u0644"  # ال
_TRANSLIT_ID = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"
_TRANSLITERATOR = icu.Transliterator.createInstance(_TRANSLIT_ID)


def check_name(name: object, *, field: str = "name") -> str:
    """Return ``name`` stripped, or raise :class:`InputError` when it cannot be screened.

    Refused: non-strings, empty or whitespace-only names, names longer than
    :data:`MAX_NAME_LENGTH` characters and names holding control characters.
    """
    if not isinstance(name, str):
        raise InputError(f"a name must be text, not {type(name).__name__}", field=field)
    text = name.strip()
    if not text:
        raise InputError("name is empty", field=field)
    if len(text) > MAX_NAME_LENGTH:
        raise InputError(
            f"name is {len(text)} characters long; at most {MAX_NAME_LENGTH} are accepted",
            field=field,
        )
    for char in text:
        if unicodedata.category(char) == "Cc":
            raise InputError(f"name holds a control character (U+{ord(char):04X})", field=field)
    return text


@lru_cache(maxsize=262_144)
def transliterate(token: str) -> str:
    """One token (any script) to lower-case ASCII letters and digits; cached.

    May return several space-separated tokens (Chinese syllables). Characters no
    transliteration covers are kept as they are, lower-cased, so no name becomes empty.
    """
    if token.isascii():
        return token.lower()
    latin = _TRANSLITERATOR.transliterate(token).lower()
    return _clean(latin) or token.lower()


def _clean(text: str) -> str:
    out = [c if (c.isascii() and c.isalnum()) else " " for c in text if c not in "'ʹʼʻʿʾ`"]
    return " ".join("".join(out).split())


def _split(text: str) -> list[str]:
    """Split casefolded text on everything that is not a letter, a digit or a mark."""
    parts: list[str] = []
    current: list[str] = []
    for char in text:
        cat = unicodedata.category(char)[0]
        if cat in "LNM":
            current.append(char)
        elif char in "'ʹʼʻʿʾ`’":  # apostrophes join: O'Brien, Ul'yana
            continue
        elif current:
            parts.append("".join(current))
            current = []
    if current:
        parts.append("".join(current))
    return parts


@lru_cache(maxsize=262_144)
def tokenize(text: str) -> tuple[str, ...]:
    """Tokens of a name: NFKC, casefold, split on punctuation/space, transliterate each."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    tokens: list[str] = []
    for part in _split(folded):
        if len(part) > 3 and part.startswith(_ARABIC_ARTICLE):
            # the Arabic article is written joined: التكريتي = al + tkryty
            tokens.append("al")
            part = part[2:]
        tokens.extend(transliterate(part).split())
    return tuple(tokens)


def normalize(text: str) -> str:
    """A name as space-joined ASCII tokens; ``normalize(normalize(x)) == normalize(x)``."""
    return " ".join(tokenize(text))
