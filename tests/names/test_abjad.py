"""Scripts written without short vowels (Arabic, Persian, Urdu, Hebrew): letter-by-letter
transliteration, which tokens read so, and which Latin spellings read their letters."""

from __future__ import annotations

import pytest

from tracewire.names.phonetic import abjad_fit, abjad_frames, is_abjad, skeleton
from tracewire.names.text import normalize, tokenize


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("عمر", ("amr",)),  # ain kept as a vowel place: Umar, Omar, not "mr"
        ("علي", ("aly",)),
        ("سميرة", ("smyrh",)),  # ta marbuta: a final vowel (Samira), not t
        ("كاظم", ("kadhm",)),  # ذ ض ظ alike: d, dh, z or th in Latin
        ("چوہدری", ("chwhdry",)),  # Urdu letters: one word, not split where ICU stops
        ("اللہ", ("allah",)),
        ("مُحَمَّد", ("muhammad",)),  # vowel marks and shadda, when written
        ("عُمَر", ("umar",)),  # a written vowel replaces the ain's
        ("משה", ("mshh",)),  # Hebrew: letters as written
    ],
)
def test_letters_transliterate_one_by_one(name: str, tokens: tuple[str, ...]) -> None:
    assert tokenize(name) == tokens


@pytest.mark.parametrize(
    ("joined", "words"),
    [
        ("عبدالله", ("abd", "allah")),
        ("نورالدين", ("nwr", "al", "dyn")),
        ("عبدالرحمن", ("abd", "al", "rhmn")),
        ("أبوغيث", ("abw", "ghyth")),
        ("التكريتي", ("al", "tkryty")),
        ("الالفي", ("al", "alfy")),  # the article once: the next al is the name's
        ("عبدو", ("abdw",)),  # too short to hold a name after abd
    ],
)
def test_words_written_joined_are_split(joined: str, words: tuple[str, ...]) -> None:
    assert tokenize(joined) == words


def test_joined_and_spaced_writing_tokenise_alike() -> None:
    assert tokenize("عبدالرحمن") == tokenize("عبد الرحمن")
    assert tokenize("عبدالله") == tokenize("عبد الله")
    assert tokenize("نور الدين") == tokenize("نورالدين")


def test_other_scripts_transliterate_as_before() -> None:
    assert normalize("Патрушев Николай") == "patrushev nikolay"
    assert normalize("王小明") == "wang xiao ming"
    assert normalize("Crédit Agricole") == "credit agricole"


@pytest.mark.parametrize("token", ["mhmd", "hsyn", "tarq", "jmal", "sltan", "ahmad", "th"])
def test_read_as_written_without_short_vowels(token: str) -> None:
    assert is_abjad(token)


@pytest.mark.parametrize(
    "token",
    [
        "muhammad",  # writes its short vowels
        "hassan",  # a vowel after every consonant
        "thapa",
        "zhang",  # final ng is one sound
        "llc",  # c outside ch: no Arabic-script letter
        "al",
        "m",
    ],
)
def test_not_read_as_written_without_short_vowels(token: str) -> None:
    assert not is_abjad(token)


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("mhmd", "muhammad"),
        ("mhmd", "mohamed"),
        ("mhmd", "mhamed"),
        ("hsyn", "hussein"),
        ("tarq", "tariq"),
        ("rjb", "ragab"),  # ج as Egyptian g
        ("kadhm", "kathim"),  # ظ as Iraqi th
        ("kadhm", "kazem"),  # and Persian z
        ("qdyr", "ghedeir"),  # ق as g(h)
        ("mwswy", "mousavi"),  # و as v
        ("smyrh", "samira"),  # final ة as a vowel
        ("smyrh", "samirah"),
        ("hdayt", "hidayat"),
        ("shyl", "suhail"),  # س and ه, not ش
        ("th", "taha"),  # ط and ه, not ث
        ("mzydh", "mazidih"),  # د and a final ه
        ("rbyay", "rabii"),  # ain between long vowels, left out
        ("aysy", "essa"),  # a leading ain and ی in one vowel
        ("mstfy", "mustafa"),  # final ى as a
        ("mnyr", "mounir"),  # French ou
        ("byryz", "perez"),  # p written as b
        ("bnymyn", "benjamin"),  # Hebrew
        ("ntnyhw", "netanyahu"),
    ],
)
def test_latin_spellings_read_the_letters(written: str, spelled: str) -> None:
    assert abjad_fit(written, spelled) >= 0.8
    # and the index can find them: the spelling's consonant frame is one of the readings'
    assert skeleton(spelled) in abjad_frames(written)


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("hsyn", "hassan"),  # ی is a long i/e: Hussein, not Hassan
        ("hsn", "hussein"),  # and where none is written, no long vowel
        ("mhmd", "mahmood"),
        ("mhmd", "mohammadi"),  # a final -i is written (ی)
        ("smyrh", "samir"),  # the final ة is read
        ("zyad", "zaid"),  # زياد is Ziad, زيد Zaid
        ("jmal", "kamal"),  # ج is no k
        ("mhmd", "ahmad"),
    ],
)
def test_spellings_that_do_not_read_the_letters(written: str, spelled: str) -> None:
    assert abjad_fit(written, spelled) == 0.0


def test_an_alef_read_as_another_vowel_counts_less() -> None:
    assert abjad_fit("kmal", "kamal") > abjad_fit("kmal", "kamel") > 0.0


def test_fewer_letters_are_weaker_evidence() -> None:
    assert 0.0 < abjad_fit("aly", "ali") < abjad_fit("mhmd", "muhammad")
    assert abjad_fit("m", "mo") == 0.0
