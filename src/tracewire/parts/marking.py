"""Decode a transcribed chip marking into part number, ordering suffixes, date code, lot, country.

``decode("STM32F405RGT6 GH22U 93 CHN 318")`` gives part ``STM32F405RGT6`` (base
``STM32F405RG``, package ``T``, temperature ``6``), country ``CN``, a ``YWW`` date code and
the lot. Every token gets a role and the reason for it; what cannot be settled is listed in
``ambiguous`` rather than guessed, and every repair (look-alike letters, truncation) is in
``warnings``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tracewire.errors import InputError
from tracewire.parts import datecode
from tracewire.parts.countries import MULTIWORD, PRINTED
from tracewire.parts.lookalike import fold
from tracewire.parts.makers import brand_index, find_maker
from tracewire.parts.rules import RuleMatch, load_rules

#: longer markings are cut here (with a warning); a chip top holds far less
MAX_MARKING = 200
_SEPARATORS = re.compile(r"\s+[/|]\s+|[|;,\n\r\t]")
_LEAD_FREE_TOKENS = {"E3": "e3", "E4": "e4", "G4": "G4", "PB-FREE": "Pb-free", "ROHS": "RoHS"}
_SWAPS = {"O": "0", "0": "O", "I": "1", "1": "I"}
_XILINX_GRADE = re.compile(r"^(\d)([CIEQM])$")


@dataclass
class DecodedMarking:
    """What a marking says, token by token."""

    raw: str
    normalised: str
    part_number: str | None = None
    base_part: str | None = None
    suffixes: dict[str, str] = field(default_factory=dict)
    date_code: str | None = None
    date_format: str | None = None
    year: int | None = None
    week: int | None = None
    lot: str | None = None
    country: str | None = None
    brand: str | None = None
    tokens: list[dict[str, str]] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: extra: month where the date code gives a month (TI), rule ids that accept the part
    month: int | None = None
    rules: list[str] = field(default_factory=list)
    matches: list[RuleMatch] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the rule matches are given as rule ids)."""
        return {
            "raw": self.raw,
            "normalised": self.normalised,
            "part_number": self.part_number,
            "base_part": self.base_part,
            "suffixes": dict(self.suffixes),
            "date_code": self.date_code,
            "date_format": self.date_format,
            "year": self.year,
            "week": self.week,
            "month": self.month,
            "lot": self.lot,
            "country": self.country,
            "brand": self.brand,
            "tokens": [dict(t) for t in self.tokens],
            "ambiguous": list(self.ambiguous),
            "warnings": list(self.warnings),
            "rules": list(self.rules),
        }


def _clean(marking: object) -> tuple[str, list[str]]:
    if not isinstance(marking, str):
        raise InputError(f"marking must be text, not {type(marking).__name__}", field="marking")
    warnings: list[str] = []
    text = marking
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        text = "".join(
            " " if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" else ch for ch in text
        )
        warnings.append("control characters removed")
    if not text.strip():
        raise InputError("empty marking", field="marking")
    if len(text) > MAX_MARKING:
        cut = text[:MAX_MARKING]
        if " " in cut.strip():
            cut = cut[: cut.rstrip().rfind(" ")]
        warnings.append(f"marking of {len(text)} characters truncated to {len(cut.rstrip())}")
        text = cut
    text, folded = fold(text)
    warnings.extend(folded)
    return text, warnings


def _find_part(
    tokens: list[str], roles: list[str | None]
) -> tuple[int, int, str, list[RuleMatch]] | None:
    """(first index, tokens used, part text, matches) of the earliest token a rule accepts."""
    book = load_rules()
    for i, token in enumerate(tokens):
        if roles[i] is not None:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) and roles[i + 1] is None else None
        if nxt and token.isalpha() and len(token) <= 4 and nxt[0].isdigit():
            joined = f"{token} {nxt}"
            found = book.match(joined)
            if found:
                return i, 2, joined, found
        found = book.match(token)
        if found:
            return i, 1, token, found
    return None


def _swap_variants(token: str) -> list[str]:
    spots = [k for k, ch in enumerate(token) if ch in _SWAPS][:4]
    out = []
    for mask in itertools.product((False, True), repeat=len(spots)):
        if not any(mask):
            continue
        chars = list(token)
        for k, flip in zip(spots, mask, strict=True):
            if flip:
                chars[k] = _SWAPS[chars[k]]
        out.append("".join(chars))
    return out


def _repair_part(
    tokens: list[str], roles: list[str | None], warnings: list[str]
) -> tuple[int, int, str, list[RuleMatch]] | None:
    """Retry with O/0 and I/1 swapped, for tokens that look like part numbers."""
    book = load_rules()
    for i, token in enumerate(tokens):
        if roles[i] is not None or len(token) < 4 or not any(c in _SWAPS for c in token):
            continue
        best: tuple[str, list[RuleMatch]] | None = None
        for variant in _swap_variants(token):
            found = book.match(variant)
            if found and (best is None or found[0].rank > best[1][0].rank):
                best = (variant, found)
        if best is not None:
            warnings.append(
                f"read {token!r} as {best[0]!r} (O/0 or I/1 confusion; "
                f"matches {best[1][0].rule.family})"
            )
            tokens[i] = best[0]
            return i, 1, best[0], best[1]
    return None


def decode(marking: str, maker: str | None = None, ref_year: int | None = None) -> DecodedMarking:
    """Split a transcribed marking into part number, ordering suffixes, date, lot and country.

    ``maker`` (a maker id, name or brand) selects that maker's date-code forms; ``ref_year``
    (e.g. the year the weapon was recovered) bounds one-digit years. Raises
    :class:`~tracewire.errors.InputError` for an empty marking.
    """
    text, warnings = _clean(marking)
    normalised = " ".join(_SEPARATORS.sub(" ", text).upper().split())
    tokens = normalised.split(" ")
    roles: list[str | None] = [None] * len(tokens)
    why: list[str] = [""] * len(tokens)
    out = DecodedMarking(raw=marking, normalised=normalised, warnings=warnings)

    _mark_countries(tokens, roles, why, out)
    brands = brand_index()
    found = _find_part(tokens, roles) or _repair_part(tokens, roles, warnings)
    if found is not None:
        start, used, part, matches = found
        best = matches[0]
        out.part_number, out.base_part, out.suffixes = part, best.base_part, dict(best.suffixes)
        out.matches, out.rules = matches, [m.rule.id for m in matches]
        for k in range(start, start + used):
            roles[k] = "part_number"
            why[k] = f"matches rule {best.rule.id} ({best.rule.family})"
    # brand and lead-free tokens (after the part so a part number is never taken for a logo)
    for i, token in enumerate(tokens):
        if roles[i] is not None:
            continue
        if token in _LEAD_FREE_TOKENS:
            roles[i], why[i] = "lead_free", "lead-free/RoHS mark"
            out.suffixes.setdefault("lead_free", _LEAD_FREE_TOKENS[token])
        elif out.brand is None and len(token) >= 2 and token in brands and not token.isdigit():
            roles[i], why[i] = "brand", f"brand or logo marking of {brands[token]}"
            out.brand = token
    if found is None:
        _fallback_part(tokens, roles, why, out)

    maker_id = _maker_context(maker, out)
    _mark_dates(tokens, roles, why, out, maker_id, ref_year)
    lot: list[str] = []
    for i, token in enumerate(tokens):
        if roles[i] is None:
            grade = _XILINX_GRADE.match(token) if maker_id in ("xilinx", "amd") else None
            if grade:
                roles[i], why[i] = "grade", "Xilinx speed grade and temperature range"
                out.suffixes.setdefault("speed", grade.group(1))
                out.suffixes.setdefault("temperature", grade.group(2))
                continue
            roles[i], why[i] = "lot", "not a part number, date, country or brand: lot/trace code"
            lot.append(token)
    if lot:
        out.lot = " ".join(lot) if out.lot is None else f"{out.lot} {' '.join(lot)}"
    out.tokens = [
        {"text": t, "role": r or "unknown", "why": w}
        for t, r, w in zip(tokens, roles, why, strict=True)
    ]
    return out


def _mark_countries(
    tokens: list[str], roles: list[str | None], why: list[str], out: DecodedMarking
) -> None:
    for i in range(len(tokens) - 1):
        if tokens[i] == "MADE" and tokens[i + 1] == "IN":
            rest = tokens[i + 2 :]
            for words in [*MULTIWORD, *((t,) for t in rest[:1])]:
                if tuple(rest[: len(words)]) == words and " ".join(words) in PRINTED:
                    out.country = PRINTED[" ".join(words)]
                    for k in range(i, i + 2 + len(words)):
                        roles[k], why[k] = "country", f"'Made in' {' '.join(words)}"
                    return
    for i, token in enumerate(tokens):
        if len(token) >= 3 and token in PRINTED and token.isalpha():
            out.country = PRINTED[token]
            roles[i], why[i] = "country", "country of assembly"
            return


def _fallback_part(
    tokens: list[str], roles: list[str | None], why: list[str], out: DecodedMarking
) -> None:
    for i, token in enumerate(tokens):
        if roles[i] is not None or len(token) < 3:
            continue
        has_digit = any(c.isdigit() for c in token)
        if has_digit and (any(c.isalpha() for c in token) or i == 0) and not token.isdigit():
            out.part_number = token
            out.base_part = token
            roles[i], why[i] = "part_number", "first letters-and-digits token; no rule knows it"
            out.ambiguous.append(f"{token}: taken as the part number, but no part rule matches it")
            return


def _maker_context(maker: str | None, out: DecodedMarking) -> str | None:
    if maker:
        found = find_maker(maker)
        if found is not None:
            return found.id
    if out.brand:
        found = find_maker(out.brand)
        if found is not None:
            return found.id
    if out.matches and not out.matches[0].rule.second_source:
        return out.matches[0].rule.maker
    return None


def _mark_dates(
    tokens: list[str],
    roles: list[str | None],
    why: list[str],
    out: DecodedMarking,
    maker_id: str | None,
    ref_year: int | None,
) -> None:
    free = [t if roles[i] is None else "" for i, t in enumerate(tokens)]
    found, known = datecode.find_dates(free, maker_id, ref_year)
    if not found:
        return
    index, reading = found[0]
    roles[index] = "date_code"
    why[index] = f"{reading.format} date code" + ("" if known else " (generic form)")
    out.date_code, out.date_format = reading.token, reading.format
    out.year, out.week, out.month = reading.year, reading.week, reading.month
    if reading.lot:
        out.lot = reading.lot
    if reading.package:
        out.suffixes.setdefault("package", reading.package)
    if reading.note:
        out.ambiguous.append(f"{reading.token}: {reading.note}")
    if not known and reading.format == "YYWW":
        out.ambiguous.append(
            f"{reading.token}: read as YYWW ({reading.year}-W{reading.week:02d}); this maker's "
            "date-code form is not known, it could also be a lot code"
        )
    for _, other in found[1:]:
        out.ambiguous.append(f"{other.token}: also reads as a {other.format} date code")
