"""Name text: normalisation, transliteration, validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.errors import InputError
from tracewire.names import check_name, normalize, prepare_name
from tracewire.names.phonetic import skeleton


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PATRUSHEV, Nikolai Platonovich", "patrushev nikolai platonovich"),
        ("Патрушев Николай", "patrushev nikolay"),
        ("Crédit Agricole S.A.", "credit agricole s a"),
        ("Ａｂｃ", "abc"),
        ("王小明", "wang xiao ming"),
        ("O'Brien", "obrien"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "  " not in once


@pytest.mark.parametrize("bad", ["", "   ", "a" * 1001, "abc\x00def", "line\nbreak"])
def test_check_name_refuses(bad: str) -> None:
    with pytest.raises(InputError):
        check_name(bad)


def test_check_name_strips() -> None:
    assert check_name("  Ali  ") == "Ali"


def test_cross_script_skeletons_agree() -> None:
    assert skeleton(normalize("Шахед")) == skeleton("shahed")
    assert skeleton(normalize("محمد")) == skeleton("muhammad") == skeleton("mohammed")


def test_person_name_order_and_parts() -> None:
    inverted = prepare_name("PATRUSHEV, Nikolai Platonovich", True)
    assert [t.text for t in inverted.tokens] == ["nikolai", "platonovich", "patrushev"]
    assert [t.kind for t in inverted.tokens] == ["name", "patronymic", "name"]
    titled = prepare_name("Mr. John M. Smith", True)
    assert [(t.text, t.kind) for t in titled.tokens] == [
        ("john", "name"),
        ("m", "initial"),
        ("smith", "name"),
    ]


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("OOO Romashka", "llc"),
        ("Limited Liability Company Iskusstvo Krasoty", "llc"),
        ("Открытое акционерное общество Газпром", "jsc"),
        ("Volkswagen GmbH", "llc"),
        ("Sherkat Sahami Khas Tolid", "llc"),
        ("Acme FZE", "llc"),
    ],
)
def test_legal_forms_recognised(name: str, form: str) -> None:
    prepared = prepare_name(name, False)
    assert form in prepared.legal_forms
    assert all(t.kind != "legal" for t in prepared.core)


def test_generic_words_and_initials() -> None:
    prepared = prepare_name("A.B.C. Trading Company", False)
    kinds = {t.text: t.kind for t in prepared.tokens}
    assert kinds["abc"] == "name"
    assert kinds["trading"] == "generic"
    assert prepare_name("Brigade Forty-Four", False).normalized == "brigade 44"
