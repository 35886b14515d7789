"""Organisation legal forms (LLC, JSC, OOO, GmbH, Sherkat, ...) and generic words.

Legal forms are recognised with rigour's multilingual table (``extract_org_types``,
generic classes: ``OOO``/``Limited Liability Company``/``GmbH`` → ``llc``) and our own
table for its gaps (``data/names/legal_forms.tsv``). Generic words (``Industries``,
``Trading``, ``Group`` ...; ``data/names/generic_words.txt``) are tagged so scores weigh
them low.
"""

from __future__ import annotations

from functools import lru_cache

from rigour.names import extract_org_types

from tracewire.names.datafiles import data_lines
from tracewire.names.text import normalize, tokenize

Phrase = tuple[str, ...]


@lru_cache(maxsize=1)
def _own_forms() -> dict[str, list[tuple[Phrase, str]]]:
    """First token -> [(phrase tokens, class)], longest phrase first."""
    table: dict[str, list[tuple[Phrase, str]]] = {}
    for line in data_lines("legal_forms.tsv"):
        cls, _, spellings = line.partition("\t")
        for spelling in spellings.split("|"):
            phrase = tokenize(spelling)
            if phrase:
                table.setdefault(phrase[0], []).append((phrase, cls.strip()))
    for entries in table.values():
        entries.sort(key=lambda item: -len(item[0]))
    return table


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Normalised generic words of organisation names."""
    words: set[str] = set()
    for line in data_lines("generic_words.txt"):
        words.update(tokenize(line))
    return frozenset(words)


@lru_cache(maxsize=65_536)
def _rigour_forms(text: str) -> tuple[tuple[Phrase, str], ...]:
    found = []
    for phrase, cls in extract_org_types(text, generic=True):
        tokens = tuple(normalize(phrase).split())
        if tokens:
            found.append((tokens, normalize(cls) or cls))
    return tuple(found)


def legal_form_spans(tokens: tuple[str, ...], original: str = "") -> list[tuple[int, int, str]]:
    """(start, end, class) of each legal form found in a normalised token sequence
    (``original``, the name as written, helps rigour spot forms with diacritics)."""
    candidates: dict[str, list[tuple[Phrase, str]]] = {}
    found = _rigour_forms(" ".join(tokens))
    if original:
        found = found + _rigour_forms(original.casefold())
    for phrase, cls in found:
        candidates.setdefault(phrase[0], []).append((phrase, cls))
    own = _own_forms()
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        options = candidates.get(tokens[i], []) + own.get(tokens[i], [])
        options.sort(key=lambda item: -len(item[0]))
        for phrase, cls in options:
            end = i + len(phrase)
            if tokens[i:end] == phrase:
                spans.append((i, end, cls))
                i = end
                break
        else:
            i += 1
    return spans
