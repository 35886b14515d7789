"""Arabic-script vowel frames, syllabic scripts, Roman numerals, person-name repairs."""

from __future__ import annotations

import pytest

from tracewire.names.numbers import numbers_as_digits, roman_value
from tracewire.names.person import person_tokens
from tracewire.names.phonetic import abjad_fit
from tracewire.names.prepared import is_syllabic, prepare_name


@pytest.mark.parametrize(
    ("abjad", "latin", "agree"),
    [
        ("hsyn", "hussein", True),
        ("hsyn", "hassan", False),
        ("mhmd", "muhammad", True),
        ("mhmd", "mahmood", False),
        ("mhmd", "mohammadi", False),
        ("mhmwd", "mahmoud", True),
        ("abdallh", "abdullah", True),
        ("slymany", "soleimani", True),
        ("mwswy", "mousavi", True),  # و as v
    ],
)
def test_abjad_vowels(abjad: str, latin: str, agree: bool) -> None:
    assert (abjad_fit(abjad, latin) > 0.0) is agree


@pytest.mark.parametrize(
    ("token", "value"),
    [("ii", 2), ("iv", 4), ("ix", 9), ("xiv", 14), ("xxxix", 39), ("i", None), ("mix", None)],
)
def test_roman_value(token: str, value: int | None) -> None:
    assert roman_value(token) == value


def test_numbers_as_digits() -> None:
    assert numbers_as_digits(("fund", "iii")) == ("fund", "3")
    assert numbers_as_digits(("forty", "4")) == ("44",)
    assert numbers_as_digits(("forty", "four")) == ("44",)


def test_syllabic_detection() -> None:
    assert is_syllabic("习近平") and is_syllabic("김정은") and is_syllabic("バラク")
    assert not is_syllabic("Xi Jinping") and not is_syllabic("Путин")
    assert prepare_name("이 수빈", True).tokens[0].kind == "name"  # a syllable, not an initial


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Ig0r Sech1n", ("igor", "sechin")),
        ("JC Juncker", ("j", "c", "juncker")),
        ("Ng Wai", ("ng", "wai")),
        ("MOHAMMAD BN ALI", ("mohammad", "bn", "ali")),
        ("PUTIN, Vladimir", ("vladimir", "putin")),
    ],
)
def test_person_tokens(name: str, tokens: tuple[str, ...]) -> None:
    assert person_tokens(name) == tokens
