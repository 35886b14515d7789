"""Numbers written as words, ordinals or Roman numerals, and initials written with dots.

"Brigade Forty-Four" ~ "Brigade 44", "1st International Bank" ~ "First International
Bank", "Fund III" ~ "Fund 3", "A.B.C. Company" ~ "ABC Company".
"""

from __future__ import annotations

import re

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
WORDS.update({w: i + 10 for i, w in enumerate(_TEENS)})
WORDS.update(_TENS)
_SUFFIXES = ("st", "nd", "rd", "th")
#: Roman numerals 2..39 of two letters or more (series markers: "Fund III", "Trust XV")
_ROMAN = re.compile(r"(?=[ivx]{2,}$)(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}


def roman_value(token: str) -> int | None:
    """The value of a Roman numeral token of 2+ letters up to 39 ("ii" → 2, "xiv" → 14)."""
    if _ROMAN.fullmatch(token) is None:
        return None
    total = 0
    for i, char in enumerate(token):
        value = _ROMAN_DIGITS[char]
        following = _ROMAN_DIGITS[token[i + 1]] if i + 1 < len(token) else 0
        total += -value if value < following else value
    return total


def _value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token[:-2].isdigit() and token.endswith(_SUFFIXES):
        return int(token[:-2])
    if token in WORDS:
        return WORDS[token]
    if token in _ORDINALS:
        return _ORDINALS[token]
    return roman_value(token)


def numbers_as_digits(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Number words and ordinals as digits; "forty four" → "44"."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        value = _value(tokens[i]) if not tokens[i].isdigit() else None
        if value is None:
            out.append(tokens[i])
            i += 1
            continue
        if tokens[i] in _TENS and i + 1 < len(tokens):
            following = tokens[i + 1]
            unit = int(following) if following.isdigit() and len(following) == 1 else None
            unit = WORDS.get(following, unit)
            if unit is not None and 0 < unit < 10:
                out.append(str(value + unit))
                i += 2
                continue
        out.append(str(value))
        i += 1
    return tuple(out)


_CONNECTORS = frozenset({"and", "und", "et", "n"})


def join_letters(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Runs of two or more single letters or digits joined: ("a", "b", "c") → ("abc",);
    a connector between letters joins too: ("h", "and", "m") → ("hm",)."""
    out: list[str] = []
    run: list[str] = []
    for k, token in enumerate((*tokens, "")):
        if len(token) == 1:
            run.append(token)
            continue
        if token in _CONNECTORS and run and k + 1 < len(tokens) and len(tokens[k + 1]) == 1:
            continue  # "H and M" is written "H&M": the connector joins the letters
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if token:
            out.append(token)
    return tuple(out)
