"""BIS Denied Persons List: tab-separated text with quoted cells, one row per order address.

The file has no key of its own, and one denied party often has several rows (one per
address, or per renewed order). Rows are therefore merged by name: one party per distinct
name (whitespace and case folded), id ``us-bis-dpl-<hash of the name>``, holding every
address, and one Sanction per distinct order (effective date + Federal Register citation).
A party whose name is corrected in a later list gets a new id: DPL has no stable key, so
this is the most stable id the file allows. Merging needs the rows of a name together, so
the (small: ~500 rows) file is grouped in memory as strings before entities are built.

Persons and firms are mixed in the list with no type column: a name carrying a legal form
(LTD, GmbH, Inc., ...) gives a Company, any other name a LegalEntity.

``published`` is the latest ``Last_Update`` that is not in the future (the file holds
typos such as year 3017).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, hashed_id, make, sanction
from tracewire.lists.build import country_code as country
from tracewire.lists.dates import parse_date
from tracewire.lists.source import Source
from tracewire.lists.tabular import TableReader
from tracewire.lists.us_csl_fields import party_schema

REQUIRED = ["Name", "Street_Address", "City", "Country", "Effective_Date"]
_HEADER = b'"Name"\t"Street_Address"'


class BisDplLoader(Loader):
    """Reads the BIS Denied Persons List text file."""

    format = "bis_dpl"
    dataset = "us_bis_dpl"
    authority = "US Bureau of Industry and Security"

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True when the first line is the DPL header (``"Name"<TAB>"Street_Address"...``)."""
        head = source.head().lstrip(b"\xef\xbb\xbf")
        first = head.split(b"\n", 1)[0]
        return first.startswith(_HEADER) or first.startswith(b"Name\tStreet_Address")

    def entities(self) -> Iterator[EntityProxy]:
        """One party per distinct name, then its Sanctions (one per order)."""
        path = str(self.source.path)
        groups: dict[str, list[dict[str, str]]] = {}
        latest: str | None = None
        today = date.today().isoformat()
        with self.source.open() as stream:
            table = TableReader(stream, path, required=REQUIRED, delimiter="\t", marker="Name")
            for line, row in table:
                name = " ".join(row["Name"].split())
                if not name:
                    raise InputError("row has no name", path=path, line=line, field="Name")
                groups.setdefault(name.upper(), []).append(row)
                updated = parse_date(row.get("Last_Update"), "mdy")
                if updated and len(updated) == 10 and updated <= today:
                    latest = max(latest or updated, updated)
        self.published = latest
        for key, rows in groups.items():
            yield from self._party(key, rows)

    def _party(self, key: str, rows: list[dict[str, str]]) -> Iterator[EntityProxy]:
        name = " ".join(rows[0]["Name"].split())
        entity = make(party_schema("", name), hashed_id("us-bis-dpl", key))
        add(entity, "name", name)
        for row in rows:
            add(entity, "name", " ".join(row["Name"].split()))
            parts = [row.get(c, "") for c in ("Street_Address", "City", "State", "Postal_Code")]
            code = country(row.get("Country"))
            text = ", ".join(p.strip() for p in parts if p.strip())
            if text:
                add(entity, "address", f"{text}, {row['Country']}" if row.get("Country") else text)
            add(entity, "country", code)
        add(entity, "topics", "sanction")
        yield entity
        orders: dict[tuple[str, str], dict[str, str]] = {}
        for row in rows:
            orders.setdefault((row.get("Effective_Date", ""), row.get("FR_Citation", "")), row)
        for (effective, citation), row in orders.items():
            start = parse_date(effective, "mdy")
            s = sanction(
                entity,
                authority=self.authority,
                programs=["Denied Persons List"],
                listing_date=start,
                reference=citation or None,
                key=hashed_id("order", effective, citation) if len(orders) > 1 else None,
            )
            add(s, "endDate", parse_date(row.get("Expiration_Date"), "mdy"))
            add(s, "status", row.get("Action"))
            if row.get("Standard_Order"):
                standard = "standard" if row["Standard_Order"].upper() == "Y" else "non-standard"
                add(s, "summary", f"{standard} denial order")
            yield s
