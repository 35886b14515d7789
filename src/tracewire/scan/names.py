"""The listed names as the fast pass needs them: which tokens stand together in a listed
name, which names are one word, and an Aho-Corasick automaton over names in Han script.

Built from the store (one pass over its parties, about 2 s for all lists at hand) once per
store state; a span of a document is screened only when two of its words stand together in
some listed name (or it is a one-word listed name), so the engine sees few spans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import ahocorasick  # type: ignore[import-not-found]  # (no type stubs)

from tracewire.names.text import tokenize

#: the schemata of the parties a scan reports (what a document names as a person or body)
PARTY_SCHEMATA = ("Person", "Organization", "Company", "LegalEntity", "PublicBody")
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
#: names longer than this many tokens add no pairs (long organisation names, addresses)
_MAX_PAIR_TOKENS = 8


def is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def han_key(text: str) -> str:
    """A Han-script name as the automaton keys it: NFKC, without spaces and dots."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and c not in "·.・")


@dataclass
class ListedNames:
    """Token pairs, one-word names and Han names of the listed parties."""

    partners: dict[str, set[str]] = field(default_factory=dict)
    singles: set[str] = field(default_factory=set)
    han: Any = None  # ahocorasick.Automaton over han_key(name) -> name
    names: int = 0

    @classmethod
    def from_entities(cls, entities: Iterable[dict[str, Any]]) -> ListedNames:
        found = cls()
        automaton = ahocorasick.Automaton()
        for entity in entities:
            props = entity.get("properties") or {}
            person = entity.get("schema") == "Person"
            for prop in NAME_PROPS:
                for name in props.get(prop) or ():
                    found._add(str(name), person, automaton)
        if len(automaton):
            automaton.make_automaton()
            found.han = automaton
        return found

    def _add(self, name: str, person: bool, automaton: Any) -> None:
        self.names += 1
        if any(is_han(c) for c in name):
            key = han_key(name)
            if len(key) >= 2:
                automaton.add_word(key, name)
        tokens = tokenize(name)
        if len(tokens) == 1 and not person:
            self.singles.add(tokens[0])
        if 2 <= len(tokens) <= _MAX_PAIR_TOKENS:
            for a in tokens:
                mates = self.partners.get(a)
                if mates is None:
                    mates = self.partners[a] = set()
                mates.update(b for b in tokens if b != a)

    def together(self, a: Iterable[str], b: frozenset[str] | set[str]) -> bool:
        """Whether a spelling in ``a`` stands with a spelling in ``b`` in a listed name."""
        for text in a:
            mates = self.partners.get(text)
            if mates is not None and not mates.isdisjoint(b):
                return True
        return False

    def han_names(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, listed name) of every listed Han-script name written in ``text``
        (a run of Han characters); longest first where they overlap."""
        if self.han is None:
            return []
        hits = [(end - len(han_key(name)) + 1, end + 1, name) for end, name in self.han.iter(text)]
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        kept: list[tuple[int, int, str]] = []
        for hit in hits:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept
