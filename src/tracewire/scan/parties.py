"""Listed parties a document names: candidate spans from the fast pass, screened in one
batch by the engine (so a finding has the score, explanation, list versions and algorithm
version ``tracewire screen`` gives), then kept only when the mention has the shape of the
listed name.

What is kept (precision first, every rule generic):
- the engine calls it a match (score at or above the threshold);
- a person is named by at least two words (a surname alone is no finding: "Watson added");
- a one-word mention matches only a one-word listed name, and a one-word listed name only a
  one-word mention ("Washington" is not WASHINGTON TRADING LTD);
- every word of an organisation's listed name (legal forms aside) is in the mention, and at
  least two of a person's ("Russian Security" is not RUSSIAN SECURITY SYSTEMS);
- where spans overlap, the longest that matched speaks for the region;
- a party named only by a short acronym ("ISIS") is not reported: acronyms name many things.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from tracewire.match.running.batch import Row, screen_rows
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query
from tracewire.names.prepared import prepare_name
from tracewire.names.text import tokenize
from tracewire.names.variants import variant_keys
from tracewire.scan.document import Document
from tracewire.scan.findings import Citation, Finding
from tracewire.scan.names import PARTY_SCHEMATA, ListedNames
from tracewire.scan.sanctions import SanctionBook
from tracewire.scan.sentences import Sentences
from tracewire.scan.spans import FastPass, Span

#: how many results of one span are read (the same party on several lists)
_LIMIT = 5
#: how close (rapidfuzz ratio, 0..100) a listed word must be spelled to count as named
_NEAR = 80.0
#: the longest word in capitals read as an acronym
_ACRONYM = 4


class PartyFinder:
    """Finds listed parties in documents with one screener and one dictionary."""

    def __init__(self, screener: Screener, names: ListedNames, sanctions: SanctionBook) -> None:
        self.screener = screener
        self.names = names
        self.sanctions = sanctions
        self.fast = FastPass(names, self._spellings)
        self._spelled: dict[str, frozenset[str]] = {}
        #: span query -> accepted results, kept across documents (a folder repeats names)
        self._screened: dict[str, list[dict[str, Any]]] = {}
        self.audit: dict[str, Any] = {}

    def _spellings(self, token: str) -> frozenset[str]:
        known = self._spelled.get(token)
        if known is None:
            index = self.screener.index
            found = {token}
            for key in variant_keys(token):
                found.update(index.tokens[tid].text for tid in index.by_variant.get(key, ()))
            known = self._spelled[token] = frozenset(found)
        return known

    def _screen(self, queries: list[str], threshold: float | None, key: str) -> None:
        rows = [
            Row(number, None, Query(names=(query,), schema="LegalEntity"))
            for number, query in enumerate(queries)
        ]
        for line, result, error in screen_rows(
            self.screener, rows, processes=1, limit=_LIMIT, threshold=threshold
        ):
            query = queries[line]
            if error is not None or result is None:
                self._screened[query + key] = []
                continue
            # what the screening was made with, as `tracewire screen --json` says it
            self.audit = result.get("audit") or {
                k: result[k] for k in ("algorithm", "threshold", "list_versions") if k in result
            }
            self._screened[query + key] = [r for r in result["results"] if self._shaped(query, r)]

    def screen_name(self, name: str, threshold: float | None) -> list[dict[str, Any]]:
        """The listed parties one name (a maker's) matches, shaped as a mention must be."""
        key = "" if threshold is None else f"@{threshold}"
        if name + key not in self._screened:
            self._screen([name], threshold, key)
        return self._screened[name + key]

    def find(
        self, document: Document, sentences: Sentences, threshold: float | None
    ) -> tuple[list[Finding], int]:
        """The listed parties ``document`` names, and how many distinct spans it screened."""
        spans = list(self.fast.spans(document.text))
        key = "" if threshold is None else f"@{threshold}"
        todo = sorted({s.query for s in spans if s.query + key not in self._screened})
        if todo:
            self._screen(todo, threshold, key)
        kept = _regions([(s, self._screened[s.query + key]) for s in spans])
        findings: dict[str, Finding] = {}
        for span, results in kept:
            for result in results:
                finding = findings.get(result["id"])
                if finding is None:
                    finding = findings[result["id"]] = self._finding(result)
                _, _, sentence = sentences.around(span.start, span.end)
                finding.cite(
                    Citation(document.page_at(span.start), span.start, span.end, span.text,
                             sentence)
                )  # fmt: skip
        # a short acronym alone ("ISIS" the institute, the group) names many things: it is
        # a finding only beside the party's name written out in the same document
        kept_findings = [
            f for f in findings.values() if not all(_acronym(c.text) for c in f.citations)
        ]
        return kept_findings, len({s.query for s in spans})

    def _shaped(self, query: str, result: dict[str, Any]) -> bool:
        if not result.get("match") or result.get("schema") not in PARTY_SCHEMATA:
            return False
        words = tokenize(query)
        person = result.get("schema") == "Person"
        if person and len(words) < 2:
            return False
        named = (result.get("explanations") or {}).get("name_similarity") or {}
        listed = prepare_name(str(named.get("candidate") or result.get("caption") or ""), person)
        if (len(words) == 1) != (len(listed.core_texts) == 1):
            return False
        spelled = set().union(*(self._spellings(w) for w in words))
        missing = [t for t in listed.core_texts if t not in spelled and not _near(t, words)]
        # a person's listed patronymic or middle name may be left out; an organisation's
        # word may not ("Russian Security" is not RUSSIAN SECURITY SYSTEMS)
        return not missing or (person and len(listed.core_texts) - len(missing) >= 2)

    def _finding(self, result: dict[str, Any]) -> Finding:
        datasets = result.get("datasets") or []
        return Finding(
            kind="listed",
            id=str(result["id"]),
            caption=str(result.get("caption") or ""),
            score=float(result["score"]),
            details={
                "schema": result.get("schema"),
                "datasets": datasets,
                "sanctions": self.sanctions.of(str(result["id"]), datasets),
                "explanations": result.get("explanations") or {},
                "properties": {
                    k: v
                    for k, v in (result.get("properties") or {}).items()
                    if k in ("birthDate", "nationality", "country", "position", "program")
                },
                "audit": self.audit,
            },
        )


def _acronym(text: str) -> bool:
    return text.isalpha() and text.isupper() and len(text) <= _ACRONYM


def _near(token: str, words: tuple[str, ...]) -> bool:
    """A listed token the mention spells a little otherwise (Qods / Quds, one edit)."""
    return any(fuzz.ratio(token, word) >= _NEAR for word in words)


def _regions(
    spans: Iterable[tuple[Span, list[dict[str, Any]]]],
) -> list[tuple[Span, list[dict[str, Any]]]]:
    """The matched spans no longer matched span holds, in text order."""
    # by start, the longest first: a span is inside a kept one exactly when it ends before
    # the furthest end kept so far (every kept span starts at or before it)
    matched = sorted(
        ((s, r) for s, r in spans if r), key=lambda item: (item[0].start, -item[0].end)
    )
    kept: list[tuple[Span, list[dict[str, Any]]]] = []
    furthest = -1
    for span, results in matched:
        if span.end <= furthest:
            continue
        kept.append((span, results))
        furthest = span.end
    return kept
