"""Person names: order, patronymics, particles and initials.

"LAST, First Middle", "First Last" and "First M. Last" hold the same parts; the
comparison aligns parts regardless of order, so parsing here only needs to bring a
comma-inverted name into reading order and say what kind of part each token is.
"""

from __future__ import annotations

from functools import lru_cache

from rigour._core import person_name_prefixes_list

from tracewire.names.text import tokenize

#: endings of East Slavic and Turkic patronymics (normalised ASCII)
PATRONYMIC_ENDINGS = (
    "ovich", "evich", "yevich", "ovych", "evych", "yovych", "ich", "ovitch", "evitch",
    "ovna", "evna", "yevna", "ivna", "ichna", "ogly", "oglu", "kyzy", "qizi",
)  # fmt: skip
#: name particles that carry little identity on their own
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "bint",
        "ben",
        "bn",
        "abu",
        "abou",
        "um",
        "umm",
        "ould",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "dos",
        "das",
        "del",
        "della",
        "la",
        "le",
        "mc",
        "mac",
        "st",
        "ter",
        "ten",
        "y",
        "e",
    ]
)


@lru_cache(maxsize=1)
def _prefixes() -> frozenset[tuple[str, ...]]:
    found = {tokenize(p) for p in person_name_prefixes_list()}
    found.update({("mr",), ("mrs",), ("ms",), ("dr",), ("prof",), ("sir",)})
    return frozenset(p for p in found if p)


def strip_prefixes(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Drop leading titles ("Mr.", "Dr", "His Excellency", ...) when a name remains."""
    prefixes = _prefixes()
    changed = True
    while changed:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) > size and tokens[:size] in prefixes:
                tokens = tokens[size:]
                changed = True
                break
    return tokens


def person_tokens(name: str) -> tuple[str, ...]:
    """Normalised tokens of a person name in reading order ("LAST, First" → first last),
    titles removed, look-alike digits read as letters ("Ig0r" → igor) and Latin runs of
    two or three consonants read as initials ("JC Juncker" → j c juncker)."""
    if name.count(",") == 1:
        last, _, first = name.partition(",")
        first_tokens = tokenize(first)
        last_tokens = tokenize(last)
        if first_tokens and last_tokens:
            return _fix_parts(strip_prefixes(first_tokens + last_tokens), name)
    return _fix_parts(strip_prefixes(tokenize(name)), name)


_LEET = str.maketrans("0134579", "oieastg")
_VOWELS = frozenset("aeiouy")
#: vowel-less Latin tokens that are names, not initials
_VOWELLESS_NAMES = frozenset({"ng", "hng", "mbh"})


def _fix_parts(tokens: tuple[str, ...], original: str) -> tuple[str, ...]:
    out: list[str] = []
    latin = original.isascii()
    for token in tokens:
        if token.isalpha():
            if (
                latin
                and len(tokens) > 1
                and 2 <= len(token) <= 3
                and _VOWELS.isdisjoint(token)
                and token not in PARTICLES
                and token not in _VOWELLESS_NAMES
            ):
                out.extend(token)  # "jc" written without dots: two initials
            else:
                out.append(token)
        elif token.isdigit() or not token.isalnum():
            out.append(token)
        else:  # letters and digits mixed in a person's name: digits standing for letters
            out.append(token.translate(_LEET))
    return tuple(out)


def person_part_kind(token: str) -> str:
    """``initial``, ``particle``, ``patronymic`` or ``name`` for one normalised token."""
    if len(token) == 1 and token.isalpha():
        return "initial"
    if token in PARTICLES:
        return "particle"
    if len(token) > 6 and token.endswith(PATRONYMIC_ENDINGS):
        return "patronymic"
    return "name"
