"""The maker knowledge base: who makes a part, where they sit, and who owned them when.

Facts live in ``tracewire/data/makers.yaml``; this module reads them once (cached) and walks
the acquisition chain so a part can be attributed to the maker that made it at its date code
(:meth:`Maker.owner_at`) and to today's owner (:meth:`Maker.owner_today`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from tracewire.errors import InputError
from tracewire.names.orgtypes import legal_form_spans
from tracewire.names.text import tokenize

DATA_FILE = "makers.yaml"
#: makers GUR names, generated from its maker list by ``scripts/gur_makers.py``
GUR_FILE = "makers_gur.yaml"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Acquisition:
    """One change of owner: ``acquirer`` (a maker id) took over on ``date``."""

    acquirer: str
    date: date
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"acquirer": self.acquirer, "date": self.date.isoformat(), "note": self.note}


@dataclass
class Maker:
    """A maker of parts: canonical name, names it goes by, HQ country and ownership history."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    hq_country: str | None = None
    parent: str | None = None
    acquisitions: list[Acquisition] = field(default_factory=list)
    kind: str = "semiconductor"
    website: str | None = None
    source: str | None = None  # where a maker not written by hand comes from
    source_names: list[str] = field(default_factory=list)  # names other sources give it

    def owner_at(self, when: date | str | int | None) -> str:
        """Maker id that owned this maker's line at ``when`` (a date, ISO string or year).

        Walks the chain: Dallas (2001) -> Maxim (2021) -> Analog Devices. ``None`` means today.
        """
        day = _as_date(when) if when is not None else date.today()
        return _walk(self.id, day)

    def owner_today(self) -> str:
        """Maker id that owns this maker's line today."""
        return _walk(self.id, date.today())

    def owners_since(self, start: date | None = None) -> tuple[tuple[str, date | None], ...]:
        """Every owner of this maker's line from ``start`` (``None``: its beginning) to today.

        ``((owner, from), ...)``: the first is the owner on ``start`` (``from`` is ``start``),
        each next one took the line over on ``from``. Dallas from 2003: Maxim (2003-...), then
        Analog Devices from 2021-08-26.
        """
        return _owners_since(self.id, start)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "brands": list(self.brands),
            "hq_country": self.hq_country,
            "parent": self.parent,
            "acquisitions": [a.to_dict() for a in self.acquisitions],
            "kind": self.kind,
            "website": self.website,
            "source": self.source,
            "source_names": list(self.source_names),
        }


def _as_date(value: date | str | int) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, int):
        return date(value, 12, 31)
    match = _DATE_RE.match(value.strip())
    if match is None:
        raise InputError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}", field="date")
    year, month, day = match.groups()
    return date(int(year), int(month or 1), int(day or 1))


def _walk(maker_id: str, day: date) -> str:
    makers = load_makers()
    current = maker_id
    seen = {current}
    while True:
        maker = makers.get(current)
        if maker is None:
            return current
        owner = current
        for acq in maker.acquisitions:  # sorted by date
            if acq.date <= day:
                owner = acq.acquirer
        if owner == current or owner in seen:
            return owner
        seen.add(owner)
        current = owner


@cache
def _owners_since(maker_id: str, start: date | None) -> tuple[tuple[str, date | None], ...]:
    makers = load_makers()
    days: set[date] = set()
    todo, seen = [maker_id], {maker_id}
    while todo:  # every change of owner anywhere along the chain
        maker = makers.get(todo.pop())
        for acq in maker.acquisitions if maker else []:
            days.add(acq.date)
            if acq.acquirer not in seen:
                seen.add(acq.acquirer)
                todo.append(acq.acquirer)
    today = date.today()
    out: list[tuple[str, date | None]] = [(_walk(maker_id, start or date.min), start)]
    for day in sorted(d for d in days if (start is None or d > start) and d <= today):
        owner = _walk(maker_id, day)
        if owner != out[-1][0]:
            out.append((owner, day))
    return tuple(out)


def _parse(raw: dict[str, Any], index: int) -> Maker:
    where = f"makers[{index}]"
    try:
        maker_id = str(raw["id"])
        name = str(raw["name"])
    except KeyError as exc:
        raise InputError(f"maker without {exc.args[0]!r}", path=DATA_FILE, element=where) from None
    acquisitions = []
    for item in raw.get("acquisitions") or []:
        acquisitions.append(
            Acquisition(str(item["acquirer"]), _as_date(str(item["date"])), item.get("note", ""))
        )
    acquisitions.sort(key=lambda a: a.date)
    for key in ("aliases", "brands"):
        for value in raw.get(key) or []:
            if not isinstance(value, str):
                raise InputError(
                    f"{maker_id}: {key} entry {value!r} is not text (quote it in YAML)",
                    path=DATA_FILE,
                    element=where,
                )
    return Maker(
        id=maker_id,
        name=name,
        aliases=[str(a) for a in raw.get("aliases") or []],
        brands=[str(b) for b in raw.get("brands") or []],
        hq_country=raw.get("hq"),
        parent=raw.get("parent"),
        acquisitions=acquisitions,
        kind=str(raw.get("kind", "semiconductor")),
        website=raw.get("website"),
    )


@cache
def load_makers() -> dict[str, Maker]:
    """All makers by id, read once from the package data."""
    text = resources.files("tracewire.data").joinpath(DATA_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    makers: dict[str, Maker] = {}
    for index, raw in enumerate(data["makers"]):
        maker = _parse(raw, index)
        if maker.id in makers:
            raise InputError(f"duplicate maker id {maker.id!r}", path=DATA_FILE)
        makers[maker.id] = maker
    for maker in makers.values():
        for acq in maker.acquisitions:
            if acq.acquirer not in makers:
                raise InputError(
                    f"{maker.id}: acquirer {acq.acquirer!r} is not a maker", path=DATA_FILE
                )
    return makers


def _key(text: str) -> str:
    """A brand marking as printed on a chip top: upper case, runs of other characters a space."""
    return re.sub(r"[^0-9A-Z]+", " ", text.upper()).strip()


@lru_cache(maxsize=65_536)
def maker_key(name: str) -> str:
    """The key a maker's name is looked up by: :func:`tracewire.names.text.tokenize` (case,
    accents, punctuation) with the legal forms of :mod:`tracewire.names.orgtypes` dropped
    ("Texas Instruments Inc." -> ``texasinstruments``). A name that is only a legal form
    keeps it."""
    tokens = tokenize(name)
    dropped = {i for start, end, _ in legal_form_spans(tokens, name) for i in range(start, end)}
    kept = [token for i, token in enumerate(tokens) if i not in dropped] or list(tokens)
    return "".join(kept)


@cache
def all_makers() -> dict[str, Maker]:
    """The hand-written makers and the makers GUR names (``makers_gur.yaml``), by id.

    A GUR name written ``same_as`` a hand-written maker is one more of its ``source_names``;
    the others are makers of their own, id ``gur:<GUR's id>``, kind ``gur``, with only what
    GUR says (name, country, parent where given, source page). :func:`load_makers` stays the
    hand-written set: the resolver's rules and the ownership chains are written against it."""
    makers = {m.id: m for m in load_makers().values()}
    text = resources.files("tracewire.data").joinpath(GUR_FILE).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    for index, raw in enumerate(data.get("makers") or []):
        if not isinstance(raw, dict) or not raw.get("gur_id") or not raw.get("name"):
            raise InputError("needs gur_id and name", path=GUR_FILE, element=f"makers[{index}]")
        names = [str(raw["name"]), *(str(n) for n in raw.get("names") or [])]
        same = raw.get("same_as")
        if same:
            if same not in makers:
                raise InputError(f"same_as {same!r} is not a maker", path=GUR_FILE)
            known = makers[same]
            makers[same] = replace(known, source_names=[*known.source_names, *names])
            continue
        maker_id = f"gur:{raw['gur_id']}"
        if maker_id in makers:
            raise InputError(f"duplicate maker id {maker_id!r}", path=GUR_FILE)
        makers[maker_id] = Maker(
            id=maker_id,
            name=names[0],
            hq_country=raw.get("country"),
            parent=raw.get("parent"),
            kind="gur",
            source=raw.get("source") or "https://war-sanctions.gur.gov.ua/en/components",
            source_names=names[1:],
        )
    return makers


def get_maker(maker_id: str) -> Maker | None:
    """The maker with this id, hand-written or from GUR."""
    return all_makers().get(maker_id)


@cache
def _name_index() -> dict[str, str]:
    """maker_key of every id, name and alias, then of names other sources give, then of every
    brand -> maker id (hand-written makers first)."""
    index: dict[str, str] = {}
    makers = all_makers().values()
    for maker in makers:
        for name in (maker.id, maker.name, *maker.aliases):
            index.setdefault(maker_key(name), maker.id)
    for maker in makers:
        for name in maker.source_names:
            index.setdefault(maker_key(name), maker.id)
    for maker in makers:
        for brand in maker.brands:
            index.setdefault(maker_key(brand), maker.id)
    return index


@cache
def brand_index() -> dict[str, str]:
    """Brand or logo marking (upper case, as printed) -> maker id. Names and aliases count as
    brands."""
    index: dict[str, str] = {}
    for maker in load_makers().values():
        for brand in maker.brands:
            index.setdefault(_key(brand), maker.id)
    for maker in load_makers().values():
        for name in (maker.id, maker.name, *maker.aliases):
            index.setdefault(_key(name), maker.id)
    return index


def find_maker(name: str) -> Maker | None:
    """The maker a name, alias, id or brand refers to (see :func:`maker_key`), or ``None``.

    The one lookup of a maker by name: the parts resolver, the classifier and teardown
    attribution all use it."""
    key = maker_key(name)
    if not key:
        return None
    maker_id = _name_index().get(key)
    return all_makers()[maker_id] if maker_id else None


def same_lineage(a: str, b: str) -> bool:
    """True when one maker absorbed the other at some time (Maxim and ADI, Atmel and Microchip)."""
    if a == b:
        return True
    makers = load_makers()

    def chain(start: str) -> set[str]:
        out = {start}
        todo = [start]
        while todo:
            maker = makers.get(todo.pop())
            for acq in maker.acquisitions if maker else []:
                if acq.acquirer not in out:
                    out.add(acq.acquirer)
                    todo.append(acq.acquirer)
        return out

    return b in chain(a) or a in chain(b)
