"""Realistic trade records with invented parties, and planted routes with known answers.

No public shipment-level data set is at hand, so tests and benchmarks use this. Every party,
maker and listed entity is invented from syllables (never a real company in an invented
shipment); HS codes are those the CHPL ranks (8542.31 processors, 8542.32 memories, 8542.39
other ICs, 8526.91 GNSS ...), countries follow the routes investigators describe: makers in
the US, Europe and East Asia, distributors beside them, traders in transshipment hubs (Hong
Kong, the UAE, Türkiye, Central Asia, the Caucasus), consignees in Russia, Belarus and Iran.

A *planted* route is maker → distributor → hub trader → consignee, where the consignee carries
the INN of an entity on a generated sanctions list (and, for every other route, is owned by a
listed entity through an ``Ownership`` relation). The generator returns the answer: which
listed entity each planted route reaches, and through whom.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

SYLLABLES = (
    "var",
    "nor",
    "tel",
    "kis",
    "lum",
    "dra",
    "pex",
    "qua",
    "sol",
    "ven",
    "bri",
    "tor",
    "mak",
    "zen",
    "fal",
    "gor",
    "hel",
    "ix",
    "jun",
    "kor",
    "lin",
    "mir",
    "nox",
    "ost",
    "pri",
    "ril",
    "sam",
    "tav",
    "ul",
    "vor",
    "wex",
    "yar",
    "zil",
    "ab",
    "cer",
    "dov",
)
FORMS = {
    "us": ("Inc", "LLC", "Corp"),
    "de": ("GmbH", "AG"),
    "jp": ("KK", "Co Ltd"),
    "nl": ("BV",),
    "ch": ("AG", "SA"),
    "tw": ("Co Ltd",),
    "kr": ("Co Ltd",),
    "hk": ("Ltd", "Trading Ltd"),
    "ae": ("FZE", "LLC"),
    "tr": ("AS", "Ltd Sti"),
    "kz": ("TOO",),
    "am": ("LLC",),
    "kg": ("OsOO",),
    "cn": ("Co Ltd",),
    "ru": ("OOO", "AO"),
    "by": ("OOO", "ChUP"),
    "ir": ("PJS", "Co"),
}
MAKER_COUNTRIES = ("us", "de", "jp", "nl", "ch", "tw", "kr")
HUBS = ("hk", "ae", "tr", "kz", "am", "kg", "cn")
END_COUNTRIES = ("ru", "ru", "ru", "by", "ir")
#: HS code -> goods description, the codes of the CHPL this generator uses
GOODS = {
    "854231": "microcontroller",
    "854232": "flash memory",
    "854239": "integrated circuit",
    "852691": "GNSS receiver module",
    "854129": "power MOSFET",
    "853224": "ceramic capacitor",
    "847330": "computer parts",  # not on the CHPL: background
}
CURRENCIES = {"ru": "RUB", "by": "USD", "ir": "USD"}
START = date(2021, 1, 1)
DAYS = 3 * 365
DATASET = "generated_sanctions"
INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


@dataclass
class GenParty:
    name: str
    country: str
    address: str
    identifier: str | None


@dataclass
class PlantedRoute:
    """A route the data supports by construction: party names in order, and the listed
    entity it ends at."""

    maker: str
    parties: list[str]
    listed_id: str
    via: str  # identifier | ownership


@dataclass
class Generated:
    records: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    planted: list[PlantedRoute] = field(default_factory=list)
    makers: list[str] = field(default_factory=list)


class Generator:
    """Deterministic for a seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.inns: set[str] = set()
        self.listed_count = 0

    def name(self, country: str) -> str:
        while True:
            words = [
                "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
                for _ in range(self.rng.randint(1, 2))
            ]
            text = " ".join(w.capitalize() for w in words)
            full = f"{text} {self.rng.choice(FORMS[country])}"
            if full not in self.names:
                self.names.add(full)
                return full

    def inn(self) -> str:
        """A 10-digit INN of a legal entity with a valid check digit (FtM validates it)."""
        while True:
            digits = [self.rng.randint(1, 9)] + [self.rng.randint(0, 9) for _ in range(8)]
            check = sum(w * d for w, d in zip(INN_WEIGHTS, digits, strict=True)) % 11 % 10
            value = "".join(map(str, digits)) + str(check)
            if value not in self.inns:
                self.inns.add(value)
                return value

    def party(self, country: str) -> GenParty:
        number = self.rng.randint(1, 250)
        street = "".join(self.rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        address = f"{number} {street} Street, {country.upper()}"
        identifier = self.inn() if country in ("ru", "by") else None
        return GenParty(self.name(country), country, address, identifier)

    def record(
        self, n: int, maker: GenParty, exp: GenParty, imp: GenParty, when: date, hs: str
    ) -> dict[str, Any]:
        quantity = self.rng.choice((10, 50, 100, 250, 500, 1000, 2000))
        unit = round(self.rng.uniform(0.2, 40.0), 2)
        origin = maker.country
        return {
            "declaration_id": f"GEN{n:09d}",
            "date": when.isoformat(),
            "hs_code": hs,
            "description": GOODS[hs],
            "brand": maker.name.rsplit(" ", 1)[0],
            "maker": maker.name,
            "part_number": f"{maker.name[:3].upper()}{self.rng.randint(100, 9999)}",
            "quantity": quantity,
            "value": round(quantity * unit, 2),
            "currency": CURRENCIES.get(imp.country, "USD"),
            "exporter_name": exp.name,
            "exporter_id": exp.identifier or "",
            "exporter_country": exp.country,
            "exporter_address": exp.address,
            "importer_name": imp.name,
            "importer_id": imp.identifier or "",
            "importer_country": imp.country,
            "importer_address": imp.address,
            "origin_country": origin,
            "dispatch_country": exp.country,
        }

    def day(self) -> date:
        return START + timedelta(days=self.rng.randrange(DAYS))

    def listed(self, party: GenParty | None, country: str) -> dict[str, Any]:
        """A sanctioned company of the generated list (the party's name and INN, or new)."""
        name = party.name if party else self.name(country)
        props: dict[str, list[str]] = {"name": [name], "country": [country]}
        if party and party.identifier:
            props["innCode"] = [party.identifier]
        if party:
            props["address"] = [party.address]
        self.listed_count += 1
        ident = f"gen-co-{self.listed_count:06d}"
        return {"id": ident, "schema": "Company", "properties": props, "datasets": [DATASET]}


def generate(
    parties: int = 2000, records: int = 20_000, planted: int = 5, seed: int = 7
) -> Generated:
    """Background trade among ``parties`` invented parties, ``records`` records in all, with
    ``planted`` routes to listed entities whose answer is returned."""
    gen = Generator(seed)
    rng = gen.rng
    n_makers = max(2, parties // 100)
    n_dist = max(2, parties // 10)
    n_hub = max(2, parties // 5)
    makers = [gen.party(rng.choice(MAKER_COUNTRIES)) for _ in range(n_makers)]
    dists = [gen.party(rng.choice(MAKER_COUNTRIES)) for _ in range(n_dist)]
    hubs = [gen.party(rng.choice(HUBS)) for _ in range(n_hub)]
    n_end = max(2, parties - n_makers - n_dist - n_hub)
    ends = [gen.party(rng.choice(END_COUNTRIES)) for _ in range(n_end)]
    out = Generated(records=[], entities=[], makers=[m.name for m in makers])
    codes = list(GOODS)
    count = 0
    for route in range(planted):
        maker = rng.choice(makers)
        dist, hub = gen.party(maker.country), gen.party(HUBS[route % len(HUBS)])
        end = gen.party("ru" if route % 2 == 0 else "by")
        first = date(2022, 6, 1) + timedelta(days=30 * route)
        hs = ("854231", "854232", "854239", "852691")[route % 4]
        for step, (src, dst) in enumerate(((dist, hub), (hub, end), (maker, dist))):
            for k in range(3):
                out.records.append(
                    gen.record(count, maker, src, dst, first + timedelta(7 * k + step), hs)
                )
                count += 1
        if route % 2 == 0:
            entity = gen.listed(end, end.country)
            via = "identifier"
        else:
            owned = gen.listed(end, end.country)
            entity = gen.listed(None, end.country)
            out.entities.append(owned)
            out.entities.append(
                {
                    "id": f"{entity['id']}-owns-{owned['id']}",
                    "schema": "Ownership",
                    "properties": {"owner": [entity["id"]], "asset": [owned["id"]]},
                    "datasets": [DATASET],
                }
            )
            via = "ownership"
        out.entities.append(entity)
        chain = [dist.name, hub.name, end.name]
        out.planted.append(PlantedRoute(maker.name, chain, entity["id"], via))
    for _ in range(max(3, parties // 50)):  # listed entities with no trade: decoys
        out.entities.append(gen.listed(None, rng.choice(END_COUNTRIES)))
    for _ in range(max(0, records - count)):
        layer = rng.random()
        maker = rng.choice(makers)
        if layer < 0.3:
            src, dst = maker, rng.choice(dists)
        elif layer < 0.6:
            src, dst = rng.choice(dists), rng.choice(hubs)
        else:
            src, dst = rng.choice(hubs), rng.choice(ends)
        out.records.append(gen.record(count, maker, src, dst, gen.day(), rng.choice(codes)))
        count += 1
    return out


def iter_csv_lines(records: list[dict[str, Any]]) -> Iterator[str]:
    """The records as CSV text lines (header first) with the default column names."""
    import csv
    import io

    if not records:
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    for row in records:
        writer.writerow(row)
        if buffer.tell() > 1 << 20:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
