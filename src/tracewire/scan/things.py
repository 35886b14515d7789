"""Weapons, part numbers and makers a document names.

- **weapons** by model name or alias (Shahed-136 = Geran-2 = Герань-2), from the weapons
  data; each links to its teardown report and to its maker, screened on the lists;
- **parts**: words shaped like a part number (capitals and digits, both) that the rule
  book accepts (so "MOTOR" or "2022" never are), resolved to their makers;
- **makers** by name, alias or brand from the maker knowledge base, screened on the lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ahocorasick  # type: ignore[import-not-found]  # (no type stubs)

import tracewire
from tracewire.parts.makers import Maker, find_maker, load_makers
from tracewire.scan.document import Document
from tracewire.scan.findings import Citation, Finding
from tracewire.scan.sentences import Sentences
from tracewire.teardowns.weapons import WeaponModel, find_weapon, load_weapons

if TYPE_CHECKING:
    from tracewire.scan.parties import PartyFinder

#: a part number as marked: starts with a capital or digit, capitals, digits, + - / inside
_PART = re.compile(r"(?<![\w-])[A-Z0-9][A-Z0-9+/-]{3,24}(?![\w-])")
_SEPARATORS = re.compile(r"[-\s]+")


class _Names:
    """Names found in a text with one Aho-Corasick pass (a regex of hundreds of names is
    slow): each name with "-", " " or nothing between its words, whole words only, the
    longest where they overlap; ``fold`` matches any case."""

    def __init__(self, names: Sequence[str], fold: bool) -> None:
        self.fold = fold
        self.automaton = ahocorasick.Automaton()
        for name in names:
            words = [w for w in _SEPARATORS.split(name.strip()) if w]
            if len(words) > 4 or sum(len(w) for w in words) < 3:
                continue
            for spelled in _spellings(words):
                key = spelled.casefold() if fold else spelled
                self.automaton.add_word(key, (len(key), name))
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        if self.empty:
            return []
        # (casefold keeps the length of the letters these names are written in)
        haystack = text.casefold() if self.fold and len(text.casefold()) == len(text) else text
        hits = []
        for end, (length, name) in self.automaton.iter(haystack):
            start = end + 1 - length
            if _word_edge(text, start - 1) and _word_edge(text, end + 1):
                hits.append((start, end + 1, name))
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
        kept: list[tuple[int, int, str]] = []
        for hit in hits:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept


def _spellings(words: list[str]) -> list[str]:
    out = [words[0]]
    for word in words[1:]:
        out = [f"{head}{sep}{word}" for head in out for sep in ("-", " ", "")]
    return out


def _word_edge(text: str, at: int) -> bool:
    """Whether position ``at`` (just outside a match) is not a letter, digit or hyphen."""
    return at < 0 or at >= len(text) or not (text[at].isalnum() or text[at] in "-_")


@lru_cache(maxsize=1)
def _weapons() -> tuple[dict[str, WeaponModel], _Names]:
    models = load_weapons()
    return models, _Names([n for m in models.values() for n in m.names], fold=True)


@lru_cache(maxsize=1)
def _makers() -> _Names:
    names = [n for m in load_makers().values() for n in (m.name, *m.aliases, *m.brands)]
    # makers are named as written (case kept): "ST" the brand, not "st" the word
    return _Names([n for n in names if len(n) >= 4 or n.isupper()], fold=False)


class ThingFinder:
    """Finds weapons, parts and makers; screens makers with the party finder's screener."""

    def __init__(self, parties: PartyFinder) -> None:
        self.parties = parties

    def find(
        self,
        document: Document,
        sentences: Sentences,
        kinds: Sequence[str],
        threshold: float | None,
    ) -> list[Finding]:
        found: dict[tuple[str, str], Finding] = {}
        text = document.text
        for kind, start, end, make in self._mentions(text, kinds, threshold):
            finding = found.get((kind, make[0]))
            if finding is None:
                finding = found[(kind, make[0])] = make[1]()
            _, _, sentence = sentences.around(start, end)
            finding.cite(Citation(document.page_at(start), start, end, text[start:end], sentence))
        return list(found.values())

    def _mentions(
        self, text: str, kinds: Sequence[str], threshold: float | None
    ) -> Iterator[tuple[str, int, int, tuple[str, Any]]]:
        weapon_spans: list[tuple[int, int]] = []
        if "weapon" in kinds or "part" in kinds:
            models, weapon_names = _weapons()
            for start, end, name in weapon_names.find(text):
                model = find_weapon(name, models)
                if model is None:
                    continue
                weapon_spans.append((start, end))
                if "weapon" in kinds:
                    yield (
                        "weapon",
                        start,
                        end,
                        (model.id, lambda m=model: self._weapon(m, threshold)),
                    )
        if "part" in kinds:
            for hit in _PART.finditer(text):
                word = hit.group()
                if any(s <= hit.start() < e for s, e in weapon_spans):
                    continue
                if not (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
                    continue
                part = _part(word)
                if part is not None:
                    yield (
                        "part",
                        hit.start(),
                        hit.end(),
                        (part["part_number"], lambda p=part: _part_finding(p)),
                    )
        if "maker" in kinds:
            for start, end, name in _makers().find(text):
                maker = find_maker(name)
                if maker is not None:
                    yield (
                        "maker",
                        start,
                        end,
                        (maker.id, lambda m=maker: self._maker(m, threshold)),
                    )

    def _listed(self, name: str | None, threshold: float | None) -> list[dict[str, Any]]:
        """The listed parties a maker's name matches (as ``screen`` scores them)."""
        if not name:
            return []
        return [
            {"id": r["id"], "caption": r["caption"], "score": r["score"],
             "datasets": r.get("datasets") or []}
            for r in self.parties.screen_name(name, threshold)
        ]  # fmt: skip

    def _weapon(self, model: WeaponModel, threshold: float | None) -> Finding:
        return Finding(
            kind="weapon",
            id=model.id,
            caption=model.name,
            score=None,
            details={
                "weapon": model.to_dict(),
                "teardowns": {
                    "command": f'tracewire report weapon "{model.name}"',
                    "api": f"/weapons/{model.id}/report",
                },
                "maker_listed": self._listed(model.listed_maker, threshold),
            },
        )

    def _maker(self, maker: Maker, threshold: float | None) -> Finding:
        return Finding(
            kind="maker",
            id=maker.id,
            caption=maker.name,
            score=None,
            details={"maker": maker.to_dict(), "listed": self._listed(maker.name, threshold)},
        )


@lru_cache(maxsize=4096)
def _part(word: str) -> dict[str, Any] | None:
    """A part number the rule book accepts, resolved to its maker (None otherwise)."""
    if not tracewire.decode(word).rules:
        return None
    resolution = tracewire.resolve(word)
    if not resolution.part_number:
        return None
    return dict(resolution.to_dict())


def _part_finding(part: dict[str, Any]) -> Finding:
    candidates = part.get("candidates") or []
    return Finding(
        kind="part",
        id=str(part["part_number"]),
        caption=str(part["part_number"]),
        score=None,
        details={
            "maker": candidates[0]["maker_id"] if candidates else None,
            "resolution": {k: v for k, v in part.items() if k != "decoded"},
        },
    )
