"""Part-number rules: which maker's catalogue a part number belongs to, and its ordering code.

Rules are data (``tracewire/data/part_rules.yaml``). Each names a literal prefix (or several)
and a regular expression for the base part; an optional suffix grammar splits the ordering
code (package, temperature range, packing, lead-free mark). Rules are indexed by the first one
or two characters of their prefixes, so a part number is tried against a handful of rules,
not all of them.

Two facts date a part without a date code (see :func:`earliest_made`): a rule's
``introduced`` year (the family did not exist before it) and a lead-free ordering mark, which
makers introduced only from the lead-free transition (``lead_free_since`` in the rule file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tracewire.errors import InputError

DATA_FILE = "part_rules.yaml"

#: ordering-code endings every family shares (used when no grammar matched)
_LEAD_FREE = re.compile(r"(?:\+|#PBF|/PBF|PBF|-E3|E3|-LF|G4)$")
_PACKING = re.compile(r"(?:#TR|/TR|TR|-REEL7?|REEL7?|-R7)$")


@dataclass(frozen=True)
class Hint:
    """An ordering-code ending particular to one maker of a second-sourced part."""

    maker: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PartRule:
    """One part-number family of one maker (or of several, for second-sourced parts)."""

    id: str
    makers: tuple[str, ...]
    prefixes: tuple[str, ...]
    base: re.Pattern[str]
    full: re.Pattern[str] | None
    category: str
    confidence: float
    family: str
    second_source: bool
    priority: int = 0
    hints: tuple[Hint, ...] = ()
    #: several makers share the NUMBERING but each number is one maker's part (Motorola's
    #: MC33xxx split between onsemi and Freescale): an ordering-code hint settles it
    shared: bool = False
    #: year the family (every part this rule accepts) was introduced, when the rule file says
    introduced: int | None = None

    @property
    def maker(self) -> str:
        """The maker id of a single-maker rule (the first listed for second-source rules)."""
        return self.makers[0]


@dataclass
class RuleMatch:
    """A rule that accepted a part number, with the base part and ordering suffixes."""

    rule: PartRule
    text: str
    base_part: str
    suffixes: dict[str, str] = field(default_factory=dict)
    prefix_len: int = 0

    @property
    def rank(self) -> tuple[int, int, float]:
        return (self.rule.priority, self.prefix_len, self.rule.confidence)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise InputError(f"bad regular expression: {exc}", path=DATA_FILE, element=where) from None


def _parse_rule(raw: dict[str, Any], grammars: dict[str, str]) -> PartRule:
    rule_id = str(raw["id"])
    makers = raw.get("makers") or [raw["maker"]]
    prefixes = raw["prefix"] if isinstance(raw["prefix"], list) else [raw["prefix"]]
    base = str(raw["base"])
    suffix = raw.get("suffix")
    full = None
    if suffix:
        grammar = grammars.get(str(suffix), str(suffix))
        # the base may not stop inside a run of digits (TC35|8743 is not a TC35x part)
        full = _compile(f"(?P<base>{base})(?!(?<=\\d)\\d)-?(?:{grammar})", rule_id)
    hints = tuple(
        Hint(str(h["maker"]), _compile(str(h["pattern"]), rule_id)) for h in raw.get("hints") or []
    )
    return PartRule(
        id=rule_id,
        makers=tuple(str(m) for m in makers),
        prefixes=tuple(str(p).upper() for p in prefixes),
        base=_compile(base, rule_id),
        full=full,
        category=str(raw.get("cat", "other_ic")),
        confidence=float(raw.get("conf", 0.8)),
        family=str(raw.get("family", "")),
        second_source="makers" in raw,
        priority=int(raw.get("priority", 0)),
        hints=hints,
        shared=bool(raw.get("shared", False)),
        introduced=int(raw["introduced"]) if raw.get("introduced") is not None else None,
    )


@dataclass
class RuleBook:
    """All rules, indexed by the first one and two characters of their prefixes."""

    version: str
    rules: dict[str, PartRule]
    index: dict[str, list[tuple[str, PartRule]]]
    #: first day a lead-free ordering mark can have been printed (``lead_free_since``)
    lead_free_since: date | None = None

    def candidates(self, text: str) -> list[tuple[str, PartRule]]:
        """(prefix, rule) pairs whose prefix starts ``text``."""
        out = [
            (prefix, rule)
            for key in (text[:2], text[:1])
            for prefix, rule in self.index.get(key, ())
            if text.startswith(prefix)
        ]
        return out

    def match(self, text: str) -> list[RuleMatch]:
        """Every rule that accepts ``text`` (upper case), best first."""
        found: dict[str, RuleMatch] = {}
        for prefix, rule in self.candidates(text):
            seen = found.get(rule.id)
            if seen is not None:
                seen.prefix_len = max(seen.prefix_len, len(prefix))
                continue
            result = _apply(rule, text)
            if result is not None:
                result.prefix_len = len(prefix)
                found[rule.id] = result
        return sorted(found.values(), key=lambda m: m.rank, reverse=True)


def _apply(rule: PartRule, text: str) -> RuleMatch | None:
    if rule.full is not None:
        full = rule.full.fullmatch(text)
        if full is not None:
            groups = {k: v for k, v in full.groupdict().items() if v and k != "base"}
            return RuleMatch(rule, text, full.group("base"), groups)
    head = rule.base.match(text)
    if head is None:
        return None
    if _inside_number(text, head.end()):
        return None  # the base stopped inside a number: not this family
    return RuleMatch(rule, text, head.group(0), split_generic(text[head.end() :]))


def _inside_number(text: str, end: int) -> bool:
    """True when a base part ending at ``end`` cuts a run of digits (TC35|8743 is not TC35x)."""
    return 0 < end < len(text) and text[end - 1].isdigit() and text[end].isdigit()


def split_generic(rest: str) -> dict[str, str]:
    """Split an ordering suffix no family grammar explained: lead-free mark, packing, rest."""
    out: dict[str, str] = {}
    rest = rest.strip("-/ ")
    lead = _LEAD_FREE.search(rest)
    if lead and (lead.start() > 0 or rest in {"+", "#PBF", "PBF"}):
        out["lead_free"] = lead.group(0).lstrip("-/")
        rest = rest[: lead.start()]
    pack = _PACKING.search(rest)
    if pack:
        out["packing"] = pack.group(0).lstrip("-#/")
        rest = rest[: pack.start()]
    rest = rest.strip("-/# ")
    if rest:
        out["ordering"] = rest
    return out


@cache
def load_rules() -> RuleBook:
    """The rule book, read once from the package data."""
    text = resources.files("tracewire.data").joinpath(DATA_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    grammars = {str(k): str(v) for k, v in (data.get("grammars") or {}).items()}
    rules: dict[str, PartRule] = {}
    index: dict[str, list[tuple[str, PartRule]]] = {}
    for raw in data["rules"]:
        try:
            rule = _parse_rule(raw, grammars)
        except KeyError as exc:
            where = str(raw.get("id", "?"))
            raise InputError(
                f"rule without {exc.args[0]!r}", path=DATA_FILE, element=where
            ) from None
        if rule.id in rules:
            raise InputError(f"duplicate rule id {rule.id!r}", path=DATA_FILE)
        rules[rule.id] = rule
        for prefix in rule.prefixes:
            index.setdefault(prefix[:2], []).append((prefix, rule))
    since = data.get("lead_free_since")
    return RuleBook(
        version=str(data.get("version", "")),
        rules=rules,
        index=index,
        lead_free_since=date.fromisoformat(str(since)) if since else None,
    )


def match_part(text: str) -> list[RuleMatch]:
    """Rules that accept a part number (any case), best first."""
    return load_rules().match(text.upper())


def earliest_made(rule: PartRule, suffixes: dict[str, str]) -> tuple[date | None, str]:
    """The first day a part of ``rule`` with ordering ``suffixes`` can have been made, and why.

    From the family's ``introduced`` year and, when the ordering code carries a lead-free mark,
    the lead-free transition (``lead_free_since``); the later of the two. ``(None, "")`` when
    neither applies. A date code, when there is one, dates the part itself: this bound is what
    is known without one, and what a date code must not contradict.
    """
    earliest: date | None = None
    why = ""
    if rule.introduced is not None:
        earliest = date(rule.introduced, 1, 1)
        why = f"the {rule.family} family was introduced in {rule.introduced}"
    mark = suffixes.get("lead_free")
    since = load_rules().lead_free_since
    if mark and since is not None and (earliest is None or since > earliest):
        earliest = since
        why = (
            f"its lead-free ordering mark {mark!r} dates it to the lead-free transition "
            f"({since.isoformat()} or later)"
        )
    return earliest, why
