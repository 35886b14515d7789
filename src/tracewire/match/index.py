"""The in-memory candidate index: token, variant, phonetic and near-spelling postings.

Built once from the entities (seconds for all lists), it answers "which entities could
this name be?" with a bounded, ranked set of candidates, never the whole list. Every
distinct token of every name is a vocabulary entry with postings (the entities whose
names hold it) and a rarity weight (inverse document frequency). A query token reaches
vocabulary entries by exact spelling, shared variant key, shared consonant frame, and
one-edit neighbours (symmetric deletion), each confirmed by the token similarity used
in scoring.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable

from tracewire.match.compare import token_similarity
from tracewire.names.prepared import KIND_FACTORS, PreparedName, Token, make_token

#: tokens this frequent are not followed to their postings when they are generic words
_COMMON_DF = 1500
_MIN_DELETE_LENGTH = 4


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def _plain_kind(text: str) -> str:
    if text.isdigit():
        return "number"
    if len(text) == 1:
        return "initial"
    return "name"


class CandidateIndex:
    """Postings from name tokens to entity numbers, with rarity weights."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.tokens: list[Token] = []
        self.postings: list[list[int]] = []
        self.by_skeleton: dict[str, list[int]] = {}
        self.by_variant: dict[str, list[int]] = {}
        self.by_deletion: dict[str, list[int]] = {}
        self.size = 0
        self._idf: list[float] = []
        self._max_idf = 1.0

    def _token_id(self, token: Token) -> int:
        tid = self.vocab.get(token.text)
        if tid is not None:
            return tid
        tid = len(self.tokens)
        self.vocab[token.text] = tid
        plain = make_token(token.text, _plain_kind(token.text))
        self.tokens.append(plain)
        self.postings.append([])
        if len(plain.skeleton) >= 2:
            self.by_skeleton.setdefault(plain.skeleton, []).append(tid)
        for key in plain.variants:
            self.by_variant.setdefault(key, []).append(tid)
        if len(plain.text) >= _MIN_DELETE_LENGTH:
            for deleted in _deletions(plain.text):
                self.by_deletion.setdefault(deleted, []).append(tid)
        return tid

    def add(self, number: int, names: Iterable[PreparedName]) -> None:
        """Index the names of entity ``number`` (numbers must be added in rising order)."""
        seen: set[int] = set()
        for name in names:
            for token in name.tokens:
                tid = self._token_id(token)
                if tid not in seen:
                    seen.add(tid)
                    self.postings[tid].append(number)
        self.size = max(self.size, number + 1)

    def finish(self) -> None:
        """Compute rarity weights once every entity is added."""
        n = max(self.size, 1)
        self._idf = [math.log((n + 1) / (len(p) + 1)) + 1.0 for p in self.postings]
        self._max_idf = math.log(n + 1) + 1.0

    def weight(self, text: str) -> float:
        """Rarity (IDF) of a token text; unseen tokens are as rare as can be."""
        tid = self.vocab.get(text)
        if tid is None or tid >= len(self._idf):
            return self._max_idf
        return self._idf[tid]

    def _reach(self, token: Token) -> set[int]:
        found: set[int] = set()
        tid = self.vocab.get(token.text)
        if tid is not None:
            found.add(tid)
        for key in token.variants:
            found.update(self.by_variant.get(key, ()))
        if len(token.skeleton) >= 2:
            found.update(self.by_skeleton.get(token.skeleton, ()))
        if len(token.text) >= _MIN_DELETE_LENGTH - 1:
            found.update(self.by_deletion.get(token.text, ()))
            for deleted in _deletions(token.text):
                found.update(self.by_deletion.get(deleted, ()))
                hit = self.vocab.get(deleted)
                if hit is not None:
                    found.add(hit)
        return found

    def candidates(
        self,
        names: Iterable[PreparedName],
        limit: int,
        allowed: Callable[[int], bool] | None = None,
    ) -> list[tuple[int, float]]:
        """The ``limit`` entities whose names share the most rarity mass with ``names``,
        best first, as (entity number, blocking score)."""
        totals: dict[int, float] = {}
        for name in names:
            per_name: dict[int, float] = {}
            for token in name.tokens:
                factor = KIND_FACTORS[token.kind] or 0.1
                best: dict[int, float] = {}
                for tid in self._reach(token):
                    postings = self.postings[tid]
                    if len(postings) > _COMMON_DF and token.kind != "name":
                        continue
                    sim, _ = token_similarity(token, self.tokens[tid])
                    if sim <= 0.0:
                        continue
                    gain = sim * factor * self._idf[tid]
                    for number in postings:
                        if best.get(number, 0.0) < gain:
                            best[number] = gain
                for number, gain in best.items():
                    per_name[number] = per_name.get(number, 0.0) + gain
            for number, gain in per_name.items():
                if totals.get(number, 0.0) < gain:
                    totals[number] = gain
        if allowed is not None:
            items: Iterable[tuple[int, float]] = (
                (number, gain) for number, gain in totals.items() if allowed(number)
            )
        else:
            items = totals.items()
        return heapq.nlargest(limit, items, key=lambda item: item[1])
