"""US Consolidated Screening List (trade.gov CSV, plain or gzipped).

One row per listing: parties of the BIS Entity List, Denied Persons, Unverified and Military
End User lists, OFAC's SDN and non-SDN lists and the State Department's lists. Every entity
keeps its row's list as a sub-dataset: ``context["datasets"] = ["us_csl", "us_bis_entity_list"]``.

Ids are ``csl-<_id>``: the ``_id`` column is the official file's own stable key (the OFAC
entity number for Treasury rows, a content hash for the others). A party on several lists
(same ``_id``) is one entity with every list in its datasets, and one Sanction per list
(``csl-<_id>-sanction-<sub-dataset>``). Rows without a ``type``
(the BIS and State lists) are Company when the name carries a legal form, else LegalEntity.
The file carries no publication date.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from typing import IO

from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, add_url, make, sanction
from tracewire.lists.build import country_code as country
from tracewire.lists.dates import parse_date, parse_dates
from tracewire.lists.source import Source
from tracewire.lists.tabular import TableReader, decoded_lines, split_values
from tracewire.lists.us_csl_fields import (
    parse_ids,
    party_schema,
    source_authority,
    source_dataset,
)

REQUIRED = ["_id", "source", "type", "name"]
_HEADER_MARKERS = {b"_id", b"source", b"entity_number", b"name", b"alt_names"}
_ALT_PREFIX = re.compile(r"^(and|or|a\.?k\.?a\.?|f\.?k\.?a\.?)\s+", re.IGNORECASE)


def _merge(held: list[EntityProxy], entity: EntityProxy) -> None:
    """Merge ``entity`` into the held entity with its id, or hold it."""
    for other in held:
        if other.id == entity.id:
            datasets = list(dict.fromkeys(other.context["datasets"] + entity.context["datasets"]))
            try:
                other.merge(entity)
            except InvalidData:  # a schema clash: keep the first schema's properties
                for prop, values in entity.properties.items():
                    add(other, prop, values)
            other.context["datasets"] = datasets
            return
    held.append(entity)


def _count_ids(stream: IO[bytes], path: str) -> Counter[str]:
    """Rows per ``_id`` (a light first pass: only the key column is kept)."""
    rows = csv.reader(decoded_lines(stream, path))
    try:
        header = [c.strip() for c in next(rows, [])]
        index = header.index("_id") if "_id" in header else 0
        return Counter(row[index].strip() for row in rows if len(row) > index)
    except csv.Error:
        return Counter()  # the main pass reports the malformed line


class UsCslLoader(Loader):
    """Reads the trade.gov Consolidated Screening List CSV."""

    format = "us_csl"
    dataset = "us_csl"
    authority = "US Government (Consolidated Screening List)"

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True when the first line is the CSL header (``_id,source,entity_number,...``)."""
        head = source.head().lstrip(b"\xef\xbb\xbf")
        first = head.split(b"\n", 1)[0].strip()
        columns = {c.strip(b'" \r') for c in first.split(b",")}
        return columns >= _HEADER_MARKERS

    def entities(self) -> Iterator[EntityProxy]:
        """Each party with one Sanction per list it is on, in file order.

        The same party can be on several lists (an OFAC entity on the SDN, SSI and CAPTA
        lists shares one ``_id``): its rows are merged into one entity whose datasets name
        every list. A first pass counts the rows per ``_id`` so that only the parties with
        several rows are held back until their last row.
        """
        path = str(self.source.path)
        with self.source.open() as stream:
            counts = _count_ids(stream, path)
        pending: dict[str, list[EntityProxy]] = {}
        with self.source.open() as stream:
            for line, row in self._table(stream, path):
                party, listing = self._row(path, line, row)
                key = row["_id"]
                if counts[key] <= 1 and key not in pending:
                    yield party
                    yield listing
                    continue
                held = pending.setdefault(key, [])
                _merge(held, party)
                _merge(held, listing)
                counts[key] -= 1
                if counts[key] == 0:
                    yield from pending.pop(key)

    @staticmethod
    def _table(stream: IO[bytes], path: str) -> TableReader:
        return TableReader(stream, path, required=REQUIRED, marker="_id")

    def _row(self, path: str, line: int, row: dict[str, str]) -> tuple[EntityProxy, EntityProxy]:
        key = row["_id"]
        name = row["name"]
        if not key:
            raise InputError("row has no _id", path=path, line=line, field="_id")
        if not name:
            raise InputError("row has no name", path=path, line=line, field="name")
        schema = party_schema(row["type"], name)
        entity = make(schema, "csl", key)
        sub_dataset = source_dataset(row["source"])
        datasets = [self.dataset, sub_dataset]
        entity.context["datasets"] = datasets
        add(entity, "name", name)
        for alt in split_values(row.get("alt_names")):
            add(entity, "alias", _ALT_PREFIX.sub("", alt))
        self._addresses(entity, row.get("addresses", ""))
        self._person(entity, row)
        self._vessel(entity, row)
        notes = self._ids(entity, row.get("ids", ""))
        add(entity, "notes", row.get("remarks"))
        add_url(entity, "sourceUrl", row.get("source_information_url"))
        programs = split_values(row.get("programs"))
        add(entity, "program", programs)
        add(entity, "topics", "sanction")

        s = sanction(
            entity,
            authority=source_authority(row["source"]),
            programs=programs,
            listing_date=parse_date(row.get("start_date"), "mdy"),
            reference=row.get("entity_number") or None,
            key=sub_dataset,
        )
        s.context["datasets"] = datasets
        add(s, "endDate", parse_date(row.get("end_date"), "mdy"))
        summary = [
            f"{label}: {row[col]}"
            for label, col in (
                ("Federal Register", "federal_register_notice"),
                ("License requirement", "license_requirement"),
                ("License policy", "license_policy"),
            )
            if row.get(col)
        ]
        add(s, "summary", "; ".join(summary) if summary else None)
        add(s, "provisions", notes)
        add_url(s, "sourceUrl", row.get("source_list_url"))
        add_url(s, "sourceUrl", row.get("source_information_url"))
        return entity, s

    @staticmethod
    def _addresses(entity: EntityProxy, cell: str) -> None:
        for address in split_values(cell):
            parts = [p.strip() for p in address.split(",")]
            code = parts[-1] if re.fullmatch(r"[A-Z]{2}", parts[-1]) else None
            if code:
                add(entity, "country", country(code))
            if len(parts) > 1 or code is None:
                add(entity, "address", address)

    @staticmethod
    def _person(entity: EntityProxy, row: dict[str, str]) -> None:
        if not entity.schema.is_a("Person"):
            add(entity, "notes", row.get("title"))
            return
        add(entity, "position", row.get("title"))
        for value in split_values(row.get("dates_of_birth")):
            add(entity, "birthDate", parse_dates(value, "mdy"))
        add(entity, "birthPlace", split_values(row.get("places_of_birth")))
        for code in split_values(row.get("nationalities")):
            add(entity, "nationality", country(code))
        for code in split_values(row.get("citizenships")):
            add(entity, "citizenship", country(code))

    @staticmethod
    def _vessel(entity: EntityProxy, row: dict[str, str]) -> None:
        if not entity.schema.is_a("Vessel"):
            return
        add(entity, "callSign", row.get("call_sign"))
        add(entity, "type", row.get("vessel_type"))
        add(entity, "tonnage", row.get("gross_tonnage"))
        add(entity, "grossRegisteredTonnage", row.get("gross_registered_tonnage"))
        add(entity, "flag", country(row.get("vessel_flag")))
        if row.get("vessel_owner"):
            add(entity, "notes", f"Owner: {row['vessel_owner']}")

    @staticmethod
    def _ids(entity: EntityProxy, cell: str) -> list[str]:
        """Add the typed ids to the party; return the notes that belong to the Sanction."""
        notes: list[str] = []
        for item in parse_ids(cell):
            if item.sanction_note:
                notes.append(f"{item.kind} {item.value}".strip())
                continue
            for prop in item.props:
                if prop in entity.schema.properties:
                    value = f"{item.kind}: {item.value}" if prop == "notes" else item.value
                    add(entity, prop, value)
                    break
            if item.country:
                add(entity, "country", country(item.country))
        return notes
