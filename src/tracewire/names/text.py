"""Text of names: validation, Unicode normalisation, transliteration and tokenisation.

Every script is brought to lower-case ASCII so that names written in Cyrillic, Arabic,
Persian, Chinese, Hebrew, Greek, ... compare with their Latin spellings. Cyrillic goes
through the BGN/PCGN romanisation (``Патрушев`` → ``patrushev``, not ``patrusev``), every
other script through ICU's ``Any-Latin``; ``Latin-ASCII`` then drops diacritics.
Transliteration is the slow part, so it is cached per token.

Arabic-script (Arabic, Persian, Urdu, Pashto) and Hebrew letters are transliterated one by
one by our own table (:data:`ABJAD_LETTERS`), so that a token keeps what the script wrote
and nothing else: consonants, and ``a``, ``w``, ``y`` for the letters that write long
vowels (:func:`tracewire.names.phonetic.abjad_fit` reads them). Where a romanisation
would lose a letter we keep it: ain (``عمر`` → ``amr``, Umar, not ``mr``), the final
ta marbuta (``سميرة`` → ``smyrh``, Samira), the Urdu letters ICU leaves untransliterated.
The article ``al`` written joined is a token of its own, as are ``allah`` and ``al din``
written joined to a name (``عبدالله`` → ``abd allah``, ``نورالدين`` → ``nwr al dyn``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu

from tracewire.errors import InputError

#: longest name accepted (characters)
MAX_NAME_LENGTH = 1000
_ARABIC_ARTICLE = "\u0627\u0644"  # ال

#: letters of abjad scripts (written without short vowels) to ASCII, one by one: ب → b,
#: ش → sh, ع → a, ة → h, ... (see the module doc). A mark doubling the letter before it
#: (shadda) is "+"; vowel marks, rarely written in names, give their vowel.
ABJAD_LETTERS: dict[str, str] = {
    # Arabic
    "\u0621": "", "\u0622": "a", "\u0623": "a", "\u0624": "w", "\u0625": "a", "\u0626": "y",
    "\u0627": "a", "\u0628": "b", "\u0629": "h", "\u062a": "t", "\u062b": "th", "\u062c": "j",
    "\u062d": "h", "\u062e": "kh", "\u062f": "d", "\u0630": "dh", "\u0631": "r", "\u0632": "z",
    "\u0633": "s", "\u0634": "sh", "\u0635": "s", "\u0636": "dh", "\u0637": "t", "\u0638": "dh",
    "\u0639": "a", "\u063a": "gh", "\u0640": "", "\u0641": "f", "\u0642": "q", "\u0643": "k",
    "\u0644": "l", "\u0645": "m", "\u0646": "n", "\u0647": "h", "\u0648": "w", "\u0649": "y",
    "\u064a": "y", "\u0671": "a", "\u0672": "a", "\u0673": "a", "\u0674": "",
    # vowel marks: tanwin (not read in names), fatha, damma, kasra, shadda, sukun, alef
    "\u064b": "", "\u064c": "", "\u064d": "", "\u064e": "a", "\u064f": "u", "\u0650": "i",
    "\u0651": "+", "\u0652": "", "\u0670": "a", "\u0653": "", "\u0654": "", "\u0655": "",
    # Persian, Urdu, Pashto, Kurdish, Maghrebi letters
    "\u067e": "p", "\u0686": "ch", "\u0698": "zh", "\u06a9": "k", "\u06aa": "k", "\u06af": "g",
    "\u06cc": "y", "\u06c0": "h", "\u06c1": "h", "\u06c2": "h", "\u06c3": "h", "\u06be": "h",
    "\u06d2": "y", "\u06d3": "y", "\u0679": "t", "\u0688": "d", "\u0691": "r", "\u06ba": "n",
    "\u06a4": "v", "\u06a8": "g", "\u06ad": "g", "\u06b5": "l", "\u0695": "r", "\u067c": "t",
    "\u0689": "d", "\u0693": "r", "\u0696": "zh", "\u069a": "sh", "\u0681": "dz", "\u0685": "ts",
    "\u06bc": "n", "\u06cd": "y", "\u06d0": "e", "\u06c6": "o", "\u06ce": "e", "\u06d5": "e",
    "\u06c7": "u", "\u06c8": "u", "\u06cb": "v", "\u06c5": "o", "\u06c9": "u",
    # Hebrew (final forms as the others)
    "\u05d0": "a", "\u05d1": "b", "\u05d2": "g", "\u05d3": "d", "\u05d4": "h", "\u05d5": "w",
    "\u05d6": "z", "\u05d7": "kh", "\u05d8": "t", "\u05d9": "y", "\u05da": "kh", "\u05db": "kh",
    "\u05dc": "l", "\u05dd": "m", "\u05de": "m", "\u05df": "n", "\u05e0": "n", "\u05e1": "s",
    "\u05e2": "a", "\u05e3": "f", "\u05e4": "p", "\u05e5": "tz", "\u05e6": "tz", "\u05e7": "q",
    "\u05e8": "r", "\u05e9": "sh", "\u05ea": "t", "\u05f0": "v", "\u05f1": "oy", "\u05f2": "ey",
}  # fmt: skip
ABJAD_LETTERS.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
ABJAD_LETTERS.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits
ABJAD_LETTERS.update({chr(c): "" for c in range(0x0591, 0x05C8)})  # Hebrew points, accents
#: the word Allah, written with an alef above the line mostly left out (الله, Urdu اللہ)
_ALLAH = frozenset(
    {"\u0627\u0644\u0644\u0647", "\u0627\u0644\u0644\u06c1", "\u0627\u0644\u0644\u06be"}
)
_ABD = "\u0639\u0628\u062f"  # عبد
_ABU = ("\u0627\u0628\u0648", "\u0623\u0628\u0648")  # ابو أبو
_AL_DIN = ("\u0627\u0644\u062f\u064a\u0646", "\u0627\u0644\u062f\u06cc\u0646")  # الدين
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
    if any(char in ABJAD_LETTERS for char in token):
        token = _abjad_letters(token)
        if token.isascii():
            return _clean(token.lower()) or token.lower()
    latin = _TRANSLITERATOR.transliterate(token).lower()
    return _clean(latin) or token.lower()


def _abjad_letters(token: str) -> str:
    letters: list[list[str]] = []  # per letter: its ASCII, then its vowel marks'
    for char in token:
        latin = ABJAD_LETTERS.get(char, char)
        if unicodedata.category(char) != "Mn" or not letters:
            letters.append([latin, ""])
        elif latin == "+":  # shadda: the letter is doubled
            letters[-1][0] += letters[-1][0][-1:]
        else:
            letters[-1][1] += latin
    # ain and hamza stand for a vowel when no mark writes it: عُمر is umr, عمر amr
    return "".join(("" if letter == "a" and marks else letter) + marks for letter, marks in letters)


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
        for word in _arabic_words(part) if "\u0600" <= part[0] <= "\u06ff" else (part,):
            tokens.extend(("allah",) if word in _ALLAH else transliterate(word).split())
    return tuple(tokens)


def _arabic_words(part: str, article: bool = True) -> list[str]:
    """The words an Arabic-script part is written joined from: the article (التكريتي =
    al + tkryty), Allah at the end (عبدالله = abd + allah), al din at the end (نورالدين),
    and abd and abu at the start (عبدالرحمن = abd + al + rhmn, أبوغيث = abw + ghyth)."""
    if part in _ALLAH:
        return [part]
    for allah in _ALLAH:
        if len(part) > len(allah) and part.endswith(allah):
            return [*_arabic_words(part[: -len(allah)], article), allah]
    for din in _AL_DIN:
        if len(part) > len(din) and part.endswith(din):
            return [*_arabic_words(part[: -len(din)], article), _ARABIC_ARTICLE, din[2:]]
    if article and len(part) > 3 and part.startswith(_ARABIC_ARTICLE):
        # the Arabic article is written joined: التكريتي = al + tkryty
        return [_ARABIC_ARTICLE, *_arabic_words(part[2:], False)]
    for head in (_ABD, *_ABU):
        if len(part) >= len(head) + 3 and part.startswith(head):
            return [head, *_arabic_words(part[len(head) :])]
    return [part]


def normalize(text: str) -> str:
    """A name as space-joined ASCII tokens; ``normalize(normalize(x)) == normalize(x)``."""
    return " ".join(tokenize(text))
