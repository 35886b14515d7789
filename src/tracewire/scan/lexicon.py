"""The word lists the fast pass reads, from ``data/scan/`` (facts as data)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tracewire.errors import InputError


@dataclass(frozen=True)
class Lexicon:
    """Connectors inside names, words that break a name, generic place and office words,
    and the case endings of Cyrillic names (longest first)."""

    connectors: frozenset[str]
    breaks: frozenset[str]
    places: frozenset[str]
    endings: tuple[tuple[str, str], ...]


def _load(name: str) -> dict[str, Any]:
    text = resources.files("tracewire.data").joinpath(f"scan/{name}").read_text("utf-8")
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise InputError("not a mapping", path=f"data/scan/{name}")
    return raw


def _words(raw: dict[str, Any], key: str, where: str) -> frozenset[str]:
    values = raw.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError("must be a list of words", path=where, field=key)
    return frozenset(values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words = _load("words.yaml")
    rules = _load("cyrillic_endings.yaml").get("rules")
    if not isinstance(rules, list):
        raise InputError("must be a list", path="data/scan/cyrillic_endings.yaml", field="rules")
    endings = []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("ending"), str):
            raise InputError(
                f"rule {number} needs an ending and a base",
                path="data/scan/cyrillic_endings.yaml",
            )
        endings.append((str(rule["ending"]), str(rule.get("base") or "")))
    endings.sort(key=lambda pair: -len(pair[0]))
    return Lexicon(
        connectors=_words(words, "connectors", "data/scan/words.yaml"),
        breaks=_words(words, "breaks", "data/scan/words.yaml"),
        places=frozenset(w.casefold() for w in _words(words, "places", "data/scan/words.yaml")),
        endings=tuple(endings),
    )


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of countries, territories and their best-known places (normalised), from
    rigour's territory data: a span that is one of them names a place, not a party."""
    from rigour.territories import get_territories

    from tracewire.names.text import normalize

    names: set[str] = set()
    for territory in get_territories():
        sentence = territory.in_sentence or ""
        sentence = sentence[4:] if sentence.startswith("the ") else sentence
        for name in (territory.name, territory.full_name, sentence, *(territory.places or ())):
            if name:
                names.add(normalize(name))
    return frozenset(names)


def base_forms(word: str) -> list[str]:
    """The forms a Cyrillic word may be an inflection of (the word itself first)."""
    forms = [word]
    lower = word.casefold()
    for ending, base in lexicon().endings:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            forms.append(word[: len(word) - len(ending)] + base)
    return forms
