"""A name made ready for comparison: tokens with their kind, phonetic and variant keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from tracewire.names.numbers import join_letters, numbers_as_digits, roman_value
from tracewire.names.orgtypes import generic_words, legal_form_spans
from tracewire.names.person import person_part_kind, person_tokens
from tracewire.names.phonetic import abjad_frames, is_abjad, skeleton
from tracewire.names.text import tokenize
from tracewire.names.variants import variant_keys

#: kinds that do not count as a name part of their own (for the lone-part rule)
MINOR_KINDS = frozenset({"particle", "legal", "initial"})


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised token and what is known about it."""

    text: str
    kind: str
    skeleton: str
    stem: str
    variants: frozenset[str]
    #: written without vowels, as Arabic and Persian script are (``mhmd``): compared by
    #: the readings of its letters (:func:`tracewire.names.phonetic.is_abjad`)
    abjad: bool = False
    #: of an abjad token, the consonant frames of those readings: a spelling with another
    #: frame reads none of them (:func:`tracewire.names.phonetic.abjad_frames`)
    frames: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name as given, its tokens (reading order) and its legal-form classes."""

    original: str
    tokens: tuple[Token, ...]
    legal_forms: tuple[str, ...]
    person: bool
    #: written in a syllabic script (Han, Hangul, Kana): each transliterated token is one
    #: character's syllable, so a syllable that differs is a different character
    syllabic: bool = False
    #: tokens that take part in name similarity (legal forms left out), and their texts;
    #: derived once here, as every comparison of the name reads them
    core: tuple[Token, ...] = field(init=False, compare=False, repr=False)
    core_texts: tuple[str, ...] = field(init=False, compare=False, repr=False)
    #: how many core tokens count as a name part of their own (not particles, initials)
    core_parts: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        core = tuple(t for t in self.tokens if t.kind != "legal")
        texts = tuple(t.text for t in core)
        object.__setattr__(self, "core", core)
        object.__setattr__(self, "core_texts", texts)
        parts = sum(1 for t in core if t.kind not in MINOR_KINDS)
        object.__setattr__(self, "core_parts", parts)

    @property
    def core_joins(self) -> frozenset[str]:
        """Every run of 2-3 adjacent core tokens written together ("good will" ->
        "goodwill"): a token of another name can only be spelled by this name's tokens
        if it is here. (Computed when asked: the compiled core keeps its own.)"""
        texts = self.core_texts
        joins = {a + b for a, b in pairwise(texts)}
        joins.update(a + b + c for a, b, c in zip(texts, texts[1:], texts[2:], strict=False))
        return frozenset(joins)

    @property
    def normalized(self) -> str:
        return " ".join(t.text for t in self.tokens)


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


@lru_cache(maxsize=262_144)
def make_token(text: str, kind: str) -> Token:
    """A :class:`Token` for a normalised token text of a given kind; cached."""
    abjad = is_abjad(text)
    frames = frozenset(abjad_frames(text)) if abjad else frozenset()
    return Token(text, kind, skeleton(text), _stem(text), variant_keys(text), abjad, frames)


@lru_cache(maxsize=131_072)
def prepare_name(name: str, person: bool) -> PreparedName:
    """Tokenise and tag one name. ``person`` selects person-part parsing; otherwise
    legal forms and generic words of organisation names are recognised."""
    syllabic = is_syllabic(name)
    if person:
        words = person_tokens(name)
        tokens = tuple(make_token(w, _person_kind(w, syllabic)) for w in words)
        return PreparedName(name, tokens, (), True, syllabic)
    words, kinds, forms = _org_words(name)
    generic = generic_words()
    for i, word in enumerate(words):
        if kinds[i] == "name" and word in generic:
            kinds[i] = "generic"
    if words and all(kind == "legal" for kind in kinds):
        # a name that is only a legal form ("CORP"): keep it as generic words
        kinds = ["generic"] * len(words)
    tokens = tuple(make_token(w, k) for w, k in zip(words, kinds, strict=True))
    return PreparedName(name, tokens, tuple(forms), False, syllabic)


def _person_kind(word: str, syllabic: bool) -> str:
    if word.isdigit():
        return "number"
    if syllabic and len(word) == 1:
        return "name"  # one character's syllable (Korean 이 → "i"), not an initial
    return person_part_kind(word)


def is_syllabic(text: str) -> bool:
    """True when ``text`` holds Han, Hangul, Hiragana or Katakana characters."""
    for char in text:
        code = ord(char)
        if code < 0x1100:
            continue
        if any(lo <= code <= hi for lo, hi in _SYLLABIC_RANGES):
            return True
    return False


_SYLLABIC_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B-G
)


def _org_words(name: str) -> tuple[tuple[str, ...], list[str], tuple[str, ...]]:
    """Tokens of an organisation name with legal forms marked; outside legal forms,
    dotted initials are joined ("A.B.C." → "abc") and number words become digits."""
    raw = tokenize(name)
    # a Roman numeral is a series marker ("Solutions II"), never a legal form
    spans = [
        span
        for span in legal_form_spans(raw, name)
        if not (span[1] - span[0] == 1 and roman_value(raw[span[0]]) is not None)
    ]
    words: list[str] = []
    kinds: list[str] = []
    position = 0
    for start, end, _ in [*spans, (len(raw), len(raw), "")]:
        for word in numbers_as_digits(join_letters(raw[position:start])):
            words.append(word)
            kinds.append("number" if word.isdigit() else "name")
        words.extend(raw[start:end])
        kinds.extend(["legal"] * (end - start))
        position = end
    return tuple(words), kinds, tuple(cls for _, _, cls in spans)
