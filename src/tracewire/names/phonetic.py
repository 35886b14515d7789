"""Phonetic keys that survive transliteration.

``skeleton`` reduces a normalised token to its consonant frame after folding spellings
that romanisations of one sound disagree on (``kh``/``h``, ``sh``/``s``, ``q``/``k``,
``v``/``f``, ``p``/``b``, ``-tion``/``-shn`` ...). Vowels (and ``w``) are dropped because
Arabic and Persian script write few of them: ``mohammad``, ``muhammad`` and the
transliterated ``mhmd`` all give ``mhmd``; ``shahed`` and the Cyrillic ``шахед``
(``shakhed``) both give ``shd``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

#: spellings that romanisations of one sound disagree on, folded in this order (the
#: compiled core reads this table through ``tracewire.match.align.params``)
REWRITES = (
    ("tion", "shn"), ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("gh", "g"),
    ("ph", "f"), ("th", "t"), ("dh", "d"), ("zh", "j"), ("ck", "k"), ("ch", "k"), ("sh", "s"),
    ("ts", "s"), ("tz", "s"), ("q", "k"), ("c", "k"), ("v", "f"), ("p", "b"),
    ("x", "ks"), ("z", "s"),
    ("j", "i"), ("y", "i"), ("ou", "u"),
)  # fmt: skip
#: letters a consonant frame drops
VOWELS = frozenset("aeiouw")  # w: Arabic و is mostly a vowel (u/o) in transliteration


@lru_cache(maxsize=262_144)
def skeleton(token: str) -> str:
    """The consonant frame of a normalised token (see module doc); digits kept as they are."""
    if not token.isalpha():
        return token
    text = token
    for old, new in REWRITES:
        if old in text:
            text = text.replace(old, new)
    out: list[str] = []
    for char in text:
        if char in VOWELS:
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    return "".join(out)


# --- tokens written without short vowels (Arabic, Persian, Urdu, Hebrew script) ------------
#
# Transliterated letter by letter (:mod:`tracewire.names.text`), such a token holds only
# consonants and the letters these scripts write long vowels with: ``a`` (alef, and ain,
# which Latin spellings write as a vowel or not at all), ``w`` (waw: o, u or the consonant
# w/v) and ``y`` (ya: i, e or the consonant y). A Latin spelling is one reading of those
# letters when each consonant is one of its usual Latin renderings, each written long
# vowel is a vowel of its kind and between consonants stands at most one short vowel, the
# one the script leaves unwritten. ``mhmd`` reads as Muhammad, Mohamed, Mhamed, not
# Mahmood (a long vowel where none is written) nor Mohammadi (a final -i is written, ی).

#: Latin renderings of each consonant letter of a transliteration (regex alternatives)
_RENDERINGS: dict[str, str] = {
    "b": "b|p",  # Arabic writes p as b (بيريز Pérez)
    "p": "p|b",
    "t": "t|th",  # ت ط; "th" as in French and German spellings (Thérèse)
    "th": "th|s|t",  # ث: th, Persian and Turkish s, Maghrebi t
    "j": "j|dj|dzh|g",  # ج: French dj (Djamel), Russian dzh, Egyptian g (Ragab)
    "ch": "ch|tch|c",  # چ; Turkish ç
    "h": "h",
    "kh": "kh|h|ch|k|c",  # خ; Hebrew כ (Cohen)
    "d": "d",
    "dh": "dh|d|z|th",  # ذ ض ظ: Arabic dh/d, Persian and Turkish z, Iraqi th (Kathim)
    "r": "r",
    "z": "z|s",
    "zh": "zh|j|z|g",
    "s": "s|c",  # س ص; French c, ç (Fayçal, Nacer)
    "sh": "sh|ch|sch|s",  # ش: French ch (Cherif), German sch
    "gh": "gh|g",  # غ
    "f": "f|ph",
    "q": "q|k|g|gh|c|ck",  # ق: Gulf, Libyan and Sudanese g (Gaddafi, Ghedeir)
    "k": "k|c|ck|q",
    "g": "g|gu|gh",
    "l": "l",
    "m": "m",
    "n": "n",
    "v": "v|w|f",
}
#: two Latin letters that write one letter of the script
DIGRAPHS = frozenset({"sh", "kh", "gh", "th", "dh", "zh", "ch", "ck"})
#: (matched against a Latin spelling with French ou as u and doubled consonants single,
#: :func:`_plain`) vowel runs: the unwritten short vowel between two consonants;
#: after the last consonant (never -i: a final -i is written, so Mohammadi is not محمد); a
#: written alef or ain (holding an a; or, a looser reading, any vowel, as in Maghrebi
#: Kamel for كمال: a capture group marks it); a written و or ی read as a vowel; a leading
#: alef or ain (any vowel: Ahmad, Ibrahim, Umar)
_SLOT = "[aeiou]?"
_FINAL = "[aeou]?"
_ALEF = "(?:[aeiou]{0,2}a[aeiou]{0,2}|([eiou]{1,3}))"
_WAW = "[aeiou]{0,2}[ouwv][aeiouw]{0,2}"  # و read as a vowel, or as w, v with a vowel
_WAW_LEADING = "[wvuo]"
_YA = "[aeiou]{0,2}[iyje][aeiouy]{0,2}"  # ی read as a vowel, or as y, j with a vowel
_YA_LEADING = "(?:iy?|[yj])"
_YA_FINAL = "[aeiou]{0,2}[aeiouyj][aeiouy]{0,2}"  # final ى is a (Mustafa), final ي is i
_LEADING = "[aeiou]{1,3}"
#: a final ه or ة: a vowel (Samira, Hamzah, Zadeh), t (Jabhat, Hidayat), or h itself
#: (Allah, Taha)
_FINAL_H = "(?:[aeiou]{1,2}[ht]?|[aeiou]?h[aeou]?|t)"
#: digraphs that may be two letters, the second ه (سهیل Suhail, زهرا Zahra, طه Taha)
_SPLIT = frozenset({"th", "dh", "sh", "kh", "gh", "zh"})
#: similarity of a Latin spelling that is a reading of a vowel-less token, by how many
#: letters other than alef the token has (its consonants and written long vowels; a
#: digraph counts two)
ABJAD_FIT = {2: 0.8, 3: 0.9}
#: a reading that needs a loose vowel (an alef read as e, o, i or u) counts this less
ABJAD_LOOSE_COST = 0.1


def is_abjad(text: str) -> bool:
    """Whether a normalised token reads as written without short vowels: letters only,
    none of e, i, o, u, x nor a c outside ch, and either no a at all or two letters
    meeting with no a between them, where a short vowel would be (Arabic, Persian,
    Hebrew script transliterated letter by letter: ``mhmd``, ``hsyn``, ``tarq``; also
    Latin spellings such as Ahmad, whose a's must then be vowels of the other spelling;
    not ``llc``, nor ``thapa`` or ``hassan``, which write a vowel after every consonant)."""
    if len(text) < 2 or not text.isalpha() or any(c in "eioux" for c in text):
        return False
    if text.count("c") != text.count("ch"):
        return False
    if "a" not in text:
        return True
    units = abjad_units(text[:-2] if text.endswith("ng") else text)
    return any(one != "a" and two != "a" for one, two in pairwise(units))


@lru_cache(maxsize=65_536)
def abjad_units(text: str) -> tuple[str, ...]:
    """The letters of a vowel-less token: digraphs (sh, kh, ...) as one, a letter written
    twice as one, a run of alef/ain as one ``a``."""
    units: list[str] = []
    position = 0
    while position < len(text):
        pair = text[position : position + 2]
        if pair in DIGRAPHS:
            unit = "k" if pair == "ck" else pair
            position += 2
        else:
            unit = text[position]
            position += 1
        if units and units[-1] == unit:
            continue
        units.append(unit)
    return tuple(units)


def _consonant(unit: str, slot: str, last: bool) -> str:
    pattern = _doubled(_RENDERINGS.get(unit, unit)) + slot
    if unit in _SPLIT:
        first = _doubled(_RENDERINGS[unit[0]])
        pattern += "|" + first + (_FINAL_H if last else "[aeiou]?h" + slot)
        return "(?:" + pattern + ")"
    return pattern


def _doubled(renderings: str) -> str:
    """A regex for one letter's renderings (in a spelling whose doubled letters are
    single: :func:`_plain`)."""
    if len(renderings) == 1:
        return renderings
    if all(len(one) == 1 for one in renderings.split("|")):
        return "[" + renderings.replace("|", "") + "]"
    return "(?:" + renderings + ")"


_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1+")
_FIRST_VOWELS = re.compile("[aeiou]+")


@lru_cache(maxsize=65_536)
def _plain(spelled: str) -> str:
    """A Latin spelling with a consonant written twice as once (Muhammad: shadda is
    rarely written, and written ل ل is one l) and French ou as u in its first vowels
    (Mounir, Moustafa; later an ou is mostly a written و: Mahmoud is not محمد)."""
    first = _FIRST_VOWELS.search(spelled)
    if first is not None and "ou" in first.group():
        start, end = first.span()
        spelled = spelled[:start] + first.group().replace("ou", "u") + spelled[end:]
    return _DOUBLED.sub(r"\1", spelled)


@lru_cache(maxsize=65_536)
def _abjad_pattern(text: str) -> re.Pattern[str]:
    """The Latin spellings that read the letters of ``text`` (see :func:`abjad_fit`);
    a group that takes part in a match marks a loose reading."""
    return re.compile(_abjad_regex(text))


def _abjad_regex(text: str) -> str:
    """:func:`_abjad_pattern` as regex source (not compiled, not cached)."""
    units = abjad_units(text)
    last = len(units) - 1
    parts: list[str] = []
    for k, unit in enumerate(units):
        if k == last:
            slot = _FINAL
        elif units[k + 1] == "h" and k + 1 == last:
            slot = ""  # the final ه/ة carries the vowel
        elif units[k + 1] in ("a", "w", "y"):
            slot = ""  # the vowel of the letter after (one reading, so loose only if need be)
        else:
            slot = _SLOT
        before = units[k - 1] if k > 0 else ""
        after = units[k + 1] if k < last else ""
        if unit == "a":
            if k == 0:
                parts.append(_LEADING)
                continue
            run = _ALEF + ("h?" if k == last else "")
            if before in ("w", "y") and (after in ("w", "y") or k == last):
                # an ain between long vowels or after the last one, often left out in
                # Latin (ربيعي Rabii, ربيع Rabi, Rabih)
                run = f"(?:{run}|h)?"
            parts.append(run)
        elif unit in ("w", "y"):
            if k == 0:
                parts.append((_WAW_LEADING if unit == "w" else _YA_LEADING) + slot)
            elif k == 1 and before == "a":
                # after a leading alef or ain, و or ی may be in the vowel the Latin
                # starts with (عیسی Isa, Essa; العوني Ouni)
                parts.append(f"(?:{_WAW if unit == 'w' else _YA})?")
            else:
                parts.append(_WAW if unit == "w" else _YA_FINAL if k == last else _YA)
        elif unit == "h" and k == last and k > 0:
            parts.append(_FINAL_H)
        else:
            parts.append(_consonant(unit, slot, k == last))
    return "".join(parts)


def abjad_fit(written: str, spelled: str, frame: str | None = None) -> float:
    """How well ``spelled`` (a normalised token) reads the letters of the vowel-less
    ``written``: :data:`ABJAD_FIT` by the letters it has (0.0 for fewer than two), less
    :data:`ABJAD_LOOSE_COST` when an alef must be read as another vowel; 0.0 when it is
    no reading of them. ``mhmd``: muhammad 0.9, mahmood 0.0; ``kmal``: kamal 0.9, kamel
    0.8. ``frame``: the :func:`skeleton` of ``spelled``, when known."""
    letters, frames = _abjad_letters_frames(written)
    if letters < 2 or (skeleton(spelled) if frame is None else frame) not in frames:
        return 0.0  # (the consonant frame is checked first: it is cheap)
    plain = _plain(spelled)
    if not _ends_agree(written, plain):
        return 0.0  # (saves compiling the token's regex for a spelling it cannot read)
    found = _abjad_pattern(written).fullmatch(plain)
    if found is None:
        return 0.0
    fit = ABJAD_FIT[min(letters, 3)]
    if any(group is not None for group in found.groups()):
        fit -= ABJAD_LOOSE_COST  # an alef read as another vowel
    return fit


def abjad_reading(
    text: str,
) -> tuple[int, frozenset[str], tuple[str, ...], str, tuple[str, ...], str]:
    """What :func:`abjad_fit` reads of a vowel-less token, for the compiled core to read
    it the same way: its letter count, reading frames, possible starts, leading letters,
    possible ends and the regex its readings match (see :func:`_abjad_pattern`)."""
    # (not through the caches abjad_fit keeps: the core keeps what it reads itself)
    letters = sum(len(unit) for unit in abjad_units(text) if unit != "a")
    starts, lead, tail = _abjad_ends.__wrapped__(text)
    frames = frozenset(abjad_frames.__wrapped__(text))
    return letters, frames, starts, lead, tail, _abjad_regex(text)


def _ends_agree(written: str, plain: str) -> bool:
    """What the regex of ``written`` would check first and last: a spelling starts with a
    vowel where the token starts with alef or ain, else with a rendering of its first
    letter; it ends with a rendering of the last letter (and a vowel) where that is a
    consonant."""
    starts, lead, tail = _abjad_ends(written)
    if not (plain.startswith(starts) if starts else plain[0] in lead):
        return False
    if tail and not plain.endswith(tail):
        return plain[-1] in "aeou" and plain[:-1].endswith(tail)
    return True


@lru_cache(maxsize=65_536)
def _abjad_ends(text: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """A token's possible starts (renderings of its first letter; or, empty, the letters
    a spelling may start with) and ends (renderings of its last letter, if a consonant)."""
    units = abjad_units(text)
    first, last = units[0], units[-1]
    lead = {"a": "aeiou", "w": "wvuo", "y": "iyj"}.get(first, "")
    starts: tuple[str, ...] = ()
    if not lead:
        starts = tuple(_RENDERINGS.get(first, first).split("|"))
        if first in _SPLIT:
            starts += tuple(_RENDERINGS[first[0]].split("|"))
    tail: tuple[str, ...] = ()
    if len(units) > 1 and last not in ("a", "w", "y", "h", "g") and last not in _SPLIT:
        tail = tuple(_RENDERINGS.get(last, last).split("|"))
    return starts, lead, tail


@lru_cache(maxsize=65_536)
def _abjad_letters_frames(text: str) -> tuple[int, frozenset[str]]:
    # a digraph counts as two letters: as specific as two, or two (طه Taha)
    letters = sum(len(unit) for unit in abjad_units(text) if unit != "a")
    return letters, frozenset(abjad_frames(text))


#: per letter of a vowel-less token, the letters its other readings have in their
#: consonant frame (for finding Latin spellings by frame: j as g or dj, q as g, ...)
FRAME_READINGS: dict[str, tuple[str, ...]] = {
    "j": ("j", "g", "dj"),
    "q": ("q", "g"),
    "sh": ("sh", "ch", "sah"),
    "th": ("th", "s", "tah"),
    "dh": ("dh", "z", "th", "dah"),
    "w": ("w", "v"),
    "s": ("s", "c"),
    "kh": ("kh", "ch", "kah"),
    "gh": ("gh", "gah"),
    "zh": ("zh", "z", "g", "zah"),
    "v": ("v", "w"),
}
#: reading frames kept per vowel-less token at most (a tuning limit: more frames reach
#: more spellings and cost more lookups)
MAX_FRAMES = 32


@lru_cache(maxsize=65_536)
def abjad_frames(text: str) -> tuple[str, ...]:
    """Consonant frames (:func:`skeleton`) of the readings of a vowel-less token's letters,
    its own first: every Latin spelling :func:`abjad_fit` accepts has one of them (up to
    a limit on the number of readings)."""
    units = abjad_units(text)
    last = len(units) - 1
    readings: list[tuple[str, ...]] = [()]
    for k, unit in enumerate(units):
        options = FRAME_READINGS.get(unit, (unit,))
        if unit == "h" and k == last and k > 0:
            options = ("h", "", "t")  # a final ه/ة: h, a vowel, or t
        elif unit == "a" and k == last:
            options = ("a", "ah")
        readings = [(*r, o) for r in readings for o in options][: MAX_FRAMES * 2]
    # letters as written next to each other, and apart as a Latin vowel may set them
    # (تص is ts in Intissar, not the ts of Tsar)
    frames = dict.fromkeys(
        [skeleton(text), *(skeleton(sep.join(r)) for r in readings for sep in ("", "a"))]
    )
    return tuple(frames)[:MAX_FRAMES]
