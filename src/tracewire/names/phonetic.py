"""Phonetic keys that survive transliteration.

``skeleton`` reduces a normalised token to its consonant frame after folding spellings
that romanisations of one sound disagree on (``kh``/``h``, ``sh``/``s``, ``q``/``k``,
``v``/``f``, ``p``/``b``, ``-tion``/``-shn`` ...). Vowels (and ``w``) are dropped because
Arabic and Persian script write few of them: ``mohammad``, ``muhammad`` and the
transliterated ``mhmd`` all give ``mhmd``; ``shahed`` and the Cyrillic ``шахед``
(``shakhed``) both give ``shd``.
"""

from __future__ import annotations

from functools import lru_cache

_REWRITES = (
    ("tion", "shn"), ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("gh", "g"),
    ("ph", "f"), ("th", "t"), ("dh", "d"), ("zh", "j"), ("ck", "k"), ("ch", "k"), ("sh", "s"),
    ("ts", "s"), ("tz", "s"), ("q", "k"), ("c", "k"), ("v", "f"), ("p", "b"),
    ("x", "ks"), ("z", "s"),
    ("j", "i"), ("y", "i"), ("ou", "u"),
)  # fmt: skip
_VOWELS = frozenset("aeiouw")  # w: Arabic و is mostly a vowel (u/o) in transliteration


@lru_cache(maxsize=262_144)
def skeleton(token: str) -> str:
    """The consonant frame of a normalised token (see module doc); digits kept as they are."""
    if not token.isalpha():
        return token
    text = token
    for old, new in _REWRITES:
        if old in text:
            text = text.replace(old, new)
    out: list[str] = []
    for char in text:
        if char in _VOWELS:
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    return "".join(out)
