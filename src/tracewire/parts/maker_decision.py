"""Resolve a part number or marking to its maker: ranked candidates, the rule that fired, why.

The answer is ``resolved`` only when a maker-specific rule (or the brand as marked) settles
it; second-sourced parts (LM317, 74HC, ULN2803 ...) stay ``ambiguous`` unless the brand
settles them; parts no rule knows are ``unresolved`` with the reason, never guessed.

Three makers are reported for a resolved part:

* the **maker** (first candidate): the maker of the part as ordered, that is the owner of the
  family's line when the part can first have been made. A rule names the line's maker (Dallas
  for DS parts); the family's ``introduced`` year and a lead-free ordering mark date the part
  without a date code (:func:`~tracewire.parts.rules.earliest_made`), so a family
  introduced after its maker was bought is the acquirer's from the start (Kinetis KW41Z, 2016
  -> NXP) and a lead-free DS18B20+ is Maxim's (Dallas was Maxim's from 2001). The date code does
  not change it: a MAX3485ESA+ made in 2022 is still a Maxim part;
* the **maker at date** (``maker_at_date``): the owner of the line at the date code (Maxim 2019
  -> Maxim; Maxim 2022 -> Analog Devices; a DS part dated 1999 -> Dallas). ``None`` without a
  date code: the candidate's evidence then lists who owned the line when (its lineage). A date
  code older than the earliest date the part can have been made contradicts the marking (a
  re-marked part, or a misread code): it is said so and the answer is not confident;
* the **owner today** (``owner_today``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from tracewire.errors import InputError
from tracewire.parts.maker_screening import screen_makers
from tracewire.parts.makers import Maker, find_maker, load_makers, same_lineage
from tracewire.parts.marking import DecodedMarking, decode
from tracewire.parts.rules import RuleMatch, earliest_made

if TYPE_CHECKING:
    from tracewire.match.running.engine import Screener

#: confidence at and above which an answer counts as confident
CONFIDENT = 0.8
#: confidence of an ordering-code hint in a numbering several makers share (not second-sourced)
SHARED_HINT = 0.8
#: confidence cap when the date code is older than the part can be (re-marked or misread)
CONTRADICTED = 0.6
#: the earliest production year a caller may give (the latest is next year)
EARLIEST_YEAR = 1950


def latest_year() -> int:
    """The latest production year a caller may give: next year."""
    return date.today().year + 1


def check_year(year: int) -> int:
    """``year`` if it is a sane production year (1950 .. next year), else InputError."""
    if not EARLIEST_YEAR <= year <= latest_year():
        raise InputError(f"year {year} is outside {EARLIEST_YEAR}..{latest_year()}", field="year")
    return year


@dataclass
class MakerCandidate:
    """One maker the part may come from, with the rule that fired and the evidence."""

    maker_id: str
    name: str
    confidence: float
    rule: str
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "maker_id": self.maker_id,
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "evidence": list(self.evidence),
        }


@dataclass
class Resolution:
    """Who made a part, how sure we are, and who owns that line now."""

    query: str
    part_number: str | None
    status: str
    reason: str
    candidates: list[MakerCandidate] = field(default_factory=list)
    maker_at_date: str | None = None
    owner_today: str | None = None
    hq_country: str | None = None
    decoded: DecodedMarking | None = None
    screening: list[dict[str, Any]] | None = None
    #: extra: category and family from the rule that fired (feeds classify)
    category: str | None = None
    family: str | None = None
    #: the maker whose line the family is, and the first day the part can have been made
    #: (from the family's introduction and a lead-free mark), with why; not in ``to_dict``
    line_maker: str | None = None
    earliest: date | None = None
    earliest_why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "part_number": self.part_number,
            "status": self.status,
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
            "maker_at_date": self.maker_at_date,
            "owner_today": self.owner_today,
            "hq_country": self.hq_country,
            "category": self.category,
            "family": self.family,
            "decoded": self.decoded.to_dict() if self.decoded else None,
            "screening": self.screening,
        }


def _candidate(maker_id: str, confidence: float, rule: str, evidence: list[str]) -> MakerCandidate:
    maker = load_makers().get(maker_id)
    return MakerCandidate(maker_id, maker.name if maker else maker_id, confidence, rule, evidence)


def _when(year: int | None, week: int | None, month: int | None) -> date | None:
    if year is None:
        return None
    if week is not None:
        return date.fromisocalendar(year, min(week, 52), 1)
    if month is not None:
        return date(year, month, 15)
    return date(year, 7, 1)


def _second_source(
    best: RuleMatch, brand: Maker | None, part: str
) -> tuple[str, str, list[MakerCandidate]]:
    rule = best.rule
    makers = ", ".join(rule.makers)
    if brand is not None:
        listed = [m for m in rule.makers if same_lineage(m, brand.id)]
        confidence = 0.9 if listed else 0.75
        why = (
            f"{rule.family}; the brand as marked ({brand.name}) settles the maker"
            if listed
            else f"{rule.family}; brand as marked is {brand.name}, not one of the usual "
            f"sources ({makers})"
        )
        return "resolved", why, [_candidate(brand.id, confidence, f"{rule.id}+brand", [why])]
    hinted = [h.maker for h in rule.hints if h.pattern.search(part)]
    if rule.shared and len(set(hinted)) == 1:
        why = (
            f"{rule.family}: the ordering code of {part!r} is in {hinted[0]}'s style, "
            "and each number of this family is one maker's part"
        )
        others = [
            _candidate(m, 0.1, rule.id, [f"shares the {rule.family} numbering"])
            for m in rule.makers
            if m != hinted[0]
        ]
        return "resolved", why, [_candidate(hinted[0], SHARED_HINT, rule.id, [why]), *others]
    candidates = []
    for maker_id in rule.makers:
        hint = maker_id in hinted and len(set(hinted)) == 1
        evidence = [f"{rule.family}: made by {makers}"]
        if hint:
            evidence.append(f"ordering code of {part!r} is in {maker_id}'s style")
        candidates.append(_candidate(maker_id, 0.5 if hint else rule.confidence, rule.id, evidence))
    candidates.sort(key=lambda c: c.confidence, reverse=True)
    reason = f"second-sourced part ({rule.family}); the brand as marked is needed to settle it"
    if len(set(hinted)) == 1:
        reason += f"; the ordering code points to {hinted[0]}"
    return "ambiguous", reason, candidates


def _single(
    matches: list[RuleMatch], brand: Maker | None, earliest: date | None, why_earliest: str
) -> tuple[str, str, list[MakerCandidate]]:
    best = matches[0]
    rule = best.rule
    evidence = [f"rule {rule.id}: {rule.family}", f"base part {best.base_part}"]
    ties = [
        m
        for m in matches[1:]
        if m.rank == best.rank and not m.rule.second_source and m.rule.maker != rule.maker
    ]
    if brand is not None and not same_lineage(brand.id, rule.maker):
        why = (
            f"the brand as marked ({brand.name}) contradicts the part family "
            f"({rule.family}): a relabelled part or a licensed second source"
        )
        return (
            "ambiguous",
            why,
            [
                _candidate(rule.maker, 0.5, rule.id, [*evidence, why]),
                _candidate(brand.id, 0.5, "brand", [f"brand as marked: {brand.name}"]),
            ],
        )
    confidence = rule.confidence
    if brand is not None:
        confidence = max(confidence, 0.97)
        evidence.append(f"brand as marked ({brand.name}) agrees")
    if ties:
        names = ", ".join(sorted({m.rule.maker for m in ties}))
        why = f"rules of several makers accept it equally ({rule.maker}, {names})"
        out = [_candidate(rule.maker, 0.5, rule.id, evidence)]
        out += [_candidate(m.rule.maker, 0.5, m.rule.id, [m.rule.family]) for m in ties]
        return "ambiguous", why, out
    first_owner = _owner_on(rule.maker, earliest)  # owner of the line when it can first be made
    if first_owner != rule.maker:
        makers = load_makers()
        evidence.append(
            f"{why_earliest}: {makers[rule.maker].name} line then owned by "
            f"{makers[first_owner].name}, so this part is theirs"
        )
    out = [_candidate(first_owner, confidence, rule.id, evidence)]
    seen = {rule.maker, first_owner}
    for other in matches[1:]:
        for maker_id in other.rule.makers:
            if maker_id not in seen and len(out) < 3:
                seen.add(maker_id)
                out.append(
                    _candidate(
                        maker_id,
                        round(min(other.rule.confidence, confidence) * 0.3, 3),
                        other.rule.id,
                        [f"weaker rule: {other.rule.family}"],
                    )
                )
    return "resolved", f"part family {rule.family}", out


def resolve(
    part_or_marking: str,
    brand: str | None = None,
    year: int | None = None,
    screener: Screener | None = None,
) -> Resolution:
    """Resolve a part number or whole marking to ranked maker candidates.

    ``brand`` is the brand or logo as marked (it settles second-sourced parts); ``year``
    overrides the date code's year; with a ``screener`` the top maker, the maker at the date
    and today's owner are screened against its lists
    (:func:`~tracewire.parts.maker_screening.screen_makers`). Raises
    :class:`~tracewire.errors.InputError` on an empty marking.
    """
    if year is not None:
        check_year(year)
    decoded = decode(part_or_marking, maker=brand)
    brand_maker = find_maker(brand) if brand else None
    notes: list[str] = []
    if brand and brand_maker is None:
        notes.append(f"brand {brand!r} is not in the maker knowledge base")
    if brand_maker is None and decoded.brand:
        brand_maker = find_maker(decoded.brand)
    res = Resolution(
        query=part_or_marking, part_number=decoded.part_number, status="unresolved", reason=""
    )
    res.decoded = decoded
    if decoded.matches:
        best = decoded.matches[0]
        res.category, res.family = best.rule.category, best.rule.family
        if best.rule.second_source:
            res.status, res.reason, res.candidates = _second_source(
                best, brand_maker, decoded.part_number or ""
            )
        else:
            res.earliest, res.earliest_why = earliest_made(best.rule, decoded.suffixes)
            res.status, res.reason, res.candidates = _single(
                decoded.matches, brand_maker, res.earliest, res.earliest_why
            )
            if res.status == "resolved":
                res.line_maker = best.rule.maker
    elif brand_maker is not None:
        why = f"no part rule knows {decoded.part_number!r}; maker taken from the brand as marked"
        res.status, res.reason = "resolved", why
        res.candidates = [_candidate(brand_maker.id, 0.7, "brand", [why])]
    elif decoded.part_number:
        res.reason = f"no part-number rule matches {decoded.part_number!r} and no brand is marked"
    else:
        res.reason = "no part number found in the marking"
    if notes:
        res.reason = f"{res.reason}; {'; '.join(notes)}"
    if res.status == "resolved":
        _attribute(res, year if year is not None else decoded.year, decoded)
    if screener is not None:
        res.screening = screen_makers(_screen_ids(res), screener)
    return res


@cache
def _owner_on(maker_id: str, day: date | None) -> str:
    """Owner of ``maker_id``'s line on ``day`` (the maker itself when ``day`` is ``None``)."""
    if day is None:
        return maker_id
    maker = load_makers().get(maker_id)
    return maker.owner_at(day) if maker is not None else maker_id


@cache
def _lineage(maker_id: str, since: date | None) -> str | None:
    """Who owned ``maker_id``'s line from ``since`` on, when more than one maker did."""
    makers = load_makers()
    owners = makers[maker_id].owners_since(since)
    if len(owners) < 2:
        return None
    names = ", then ".join(
        f"{makers[o].name} from {d.isoformat()}" if i and d else makers[o].name
        for i, (o, d) in enumerate(owners)
    )
    return f"no date code to say which owner of the line made it: {names}"


def _attribute(res: Resolution, year: int | None, decoded: DecodedMarking) -> None:
    makers = load_makers()
    top = res.candidates[0]
    maker = makers.get(top.maker_id)
    if maker is None:
        return
    line = makers.get(res.line_maker or maker.id, maker)
    res.owner_today = maker.owner_today()
    when = _when(year, decoded.week if year == decoded.year else None, decoded.month)
    if when is not None:
        res.maker_at_date = line.owner_at(when)
        if res.earliest is not None and when < res.earliest:
            why = (
                f"the date code ({when.isoformat()[:7]}) is older than the part can be "
                f"({res.earliest_why}): a re-marked part or a misread date code; "
                f"{makers[res.maker_at_date].name} owned the line then"
            )
            top.confidence = min(top.confidence, CONTRADICTED)
            top.evidence.append(why)
            res.reason = f"{res.reason}; {why}"
        elif res.maker_at_date != maker.id:
            top.evidence.append(
                f"made {when.isoformat()[:7]}: {maker.name} line then owned by "
                f"{makers[res.maker_at_date].name}"
            )
    elif (lineage := _lineage(line.id, res.earliest)) is not None:
        top.evidence.append(lineage)
    anchor = makers.get(res.maker_at_date or maker.id)
    res.hq_country = anchor.hq_country if anchor else maker.hq_country


def _screen_ids(res: Resolution) -> list[str]:
    ids: list[str] = []
    for maker_id in (
        *(c.maker_id for c in res.candidates[:1]),
        res.maker_at_date,
        res.owner_today,
    ):
        if maker_id and maker_id not in ids:
            ids.append(maker_id)
    return ids
