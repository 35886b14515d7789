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


def _pattern(names: Sequence[str], flags: int = 0) -> re.Pattern[str] | None:
    parts = []
    for name in sorted({n for n in names if len(n) >= 3}, key=len, reverse=True):
        words = [re.escape(w) for w in _SEPARATORS.split(name.strip()) if w]
        parts.append(r"[-\s]?".join(words))
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


@lru_cache(maxsize=1)
def _weapons() -> tuple[dict[str, WeaponModel], re.Pattern[str] | None]:
    models = load_weapons()
    return models, _pattern([n for m in models.values() for n in m.names], re.I)


@lru_cache(maxsize=1)
def _makers() -> re.Pattern[str] | None:
    names = [n for m in load_makers().values() for n in (m.name, *m.aliases, *m.brands)]
    # makers are named as written (case kept): "ST" the brand, not "st" the word
    return _pattern([n for n in names if len(n) >= 4 or n.isupper()])


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
            models, pattern = _weapons()
            for hit in pattern.finditer(text) if pattern else ():
                model = find_weapon(hit.group(), models)
                if model is None:
                    continue
                weapon_spans.append(hit.span())
                if "weapon" in kinds:
                    yield (
                        "weapon",
                        hit.start(),
                        hit.end(),
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
            pattern = _makers()
            for hit in pattern.finditer(text) if pattern else ():
                maker = find_maker(hit.group())
                if maker is not None:
                    yield (
                        "maker",
                        hit.start(),
                        hit.end(),
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
