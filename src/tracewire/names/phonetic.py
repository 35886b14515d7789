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


_FRAME_REWRITES = (
    ("tion", "shn"), ("shch", "s"), ("sch", "s"), ("tch", "k"), ("kh", "h"), ("gh", "g"),
    ("ph", "f"), ("th", "t"), ("dh", "d"), ("zh", "j"), ("ck", "k"), ("ch", "k"), ("sh", "s"),
    ("ts", "s"), ("tz", "s"), ("q", "k"), ("c", "k"), ("v", "f"), ("p", "b"), ("z", "s"),
)  # fmt: skip
_LATIN_VOWELS = frozenset("aeiouwy")
#: Latin vowel runs that write a long vowel, which Arabic script writes with a letter
_LONG_RUNS = frozenset({"oo", "ee", "ei", "ey", "ai", "ay", "ie", "ii", "uu", "aa", "ou"})


def _vowel_gaps(token: str) -> tuple[int, list[str]]:
    """Number of consonants and the vowel run after each of them (doubles folded)."""
    text = token
    for old, new in _FRAME_REWRITES:
        if old in text:
            text = text.replace(old, new)
    consonants = 0
    gaps: list[str] = []
    last = ""
    for position, char in enumerate(text):
        if char in _LATIN_VOWELS and not (position == 0 and char in "wy"):
            if gaps:
                gaps[-1] += char
            continue
        if char == last and gaps and not gaps[-1]:
            continue
        consonants += 1
        gaps.append("")
        last = char
    return consonants, gaps


def abjad_vowels_agree(abjad: str, latin: str) -> bool:
    """Whether the long vowels an Arabic-script spelling writes (``w``, ``y``, alef ``a``
    after a consonant) fit the vowels of a Latin spelling with the same consonant frame:
    ``hsyn`` (حسین) fits Hussein, not Hassan; ``mhmd`` (محمد) fits Muhammad, not
    Mahmood or Mohammadi. True when the frames cannot be lined up (no evidence)."""
    count_a, gaps_a = _vowel_gaps(abjad)
    count_l, gaps_l = _vowel_gaps(latin)
    if count_a != count_l or count_a == 0:
        return True
    last = len(gaps_a) - 1
    for index, (written, run) in enumerate(zip(gaps_a, gaps_l, strict=True)):
        if "w" in written:
            if not any(c in run for c in "ouw"):
                return False
        elif "y" in written:
            if not any(c in run for c in "iey"):
                return False
        elif "a" in written:
            if not run:  # alef: some vowel, often "u" in "Abdullah" (عبدالله)
                return False
        elif run in _LONG_RUNS:
            return False
        elif index == last and run in ("i", "y"):
            return False  # a final -i is written (ی): Mohammadi is not محمد
    return True


def is_abjad(text: str) -> bool:
    """Whether a normalised token reads as written without vowels (Arabic, Persian,
    Hebrew script transliterated letter by letter: ``mhmd``, ``hsyn``)."""
    return len(text) >= 2 and text.isalpha() and not any(c in "aeiou" for c in text)


@lru_cache(maxsize=65_536)
def abjad_readings(text: str) -> tuple[str, ...]:
    """Readings of a vowel-less transliteration: as written, with a medial ``w`` read as
    the consonant v (Persian و: موسوی ~ Mousavi) and with ``d`` read as z (Persian ض,
    ذ, ظ: رضایی ~ Rezaei)."""
    found = [text]
    for position in [k for k in range(1, len(text)) if text[k] == "w"][:3]:
        found += [r[:position] + "v" + r[position + 1 :] for r in list(found)]
    if "d" in text:
        found += [r.replace("d", "z") for r in list(found)]
    return tuple(found)
