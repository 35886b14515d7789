"""US Consolidated Screening List (trade.gov CSV, plain or gzipped).

One row per listing: parties of the BIS Entity List, Denied Persons, Unverified and Military
End User lists, OFAC's SDN and non-SDN lists and the State Department's lists. Every entity
keeps its row's list as a sub-dataset: ``context["datasets"] = ["us_csl", "us_bis_entity_list"]``.

Ids are ``csl-<_id>``: the ``_id`` column is the official file's own stable key (the OFAC
entity number for Treasury rows, a content hash for the others). Rows without a ``type``
(the BIS and State lists) are Company when the name carries a legal form, else LegalEntity.
The file carries no publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, make, sanction
from tracewire.lists.cached import add_url, country
from tracewire.lists.dates import parse_date, parse_dates
from tracewire.lists.source import Source
from tracewire.lists.tabular import TableReader, split_values
from tracewire.lists.us_csl_fields import (
    parse_ids,
    party_schema,
    source_authority,
    source_dataset,
)

REQUIRED = ["_id", "source", "type", "name"]
_HEADER_MARKERS = {b"_id", b"source", b"entity_number", b"name", b"alt_names"}
_ALT_PREFIX = re.compile(r"^(and|or|a\.?k\.?a\.?|f\.?k\.?a\.?)\s+", re.IGNORECASE)


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
        """Each row as its party and its Sanction, in file order."""
        path = str(self.source.path)
        with self.source.open() as stream:
            table = TableReader(stream, path, required=REQUIRED, marker="_id")
            for line, row in table:
                yield from self._row(path, line, row)

    def _row(self, path: str, line: int, row: dict[str, str]) -> Iterator[EntityProxy]:
        key = row["_id"]
        name = row["name"]
        if not key:
            raise InputError("row has no _id", path=path, line=line, field="_id")
        if not name:
            raise InputError("row has no name", path=path, line=line, field="name")
        schema = party_schema(row["type"], name)
        entity = make(schema, "csl", key)
        datasets = [self.dataset, source_dataset(row["source"])]
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
        yield entity
        yield s

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
