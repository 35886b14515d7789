"""UK OFSI Consolidated List (``.xlsx`` or ``.csv``): one row per name, grouped by Group ID.

Rows of one target share a ``Group ID`` but are not always adjacent, so rows are folded
into one accumulator per group holding only the distinct strings seen (names, dates,
addresses, ...), and entities are built once the file is read: memory grows with the
number of distinct facts, not with the rows or their repeated ``Other Information``.

Group Type Individual -> Person, Entity -> Organization (Company when a name carries a
legal form), Ship -> Vessel; id ``gb-<Group ID>``. ``Primary name`` rows give ``name``,
AKA and name variations ``alias`` (``Low quality`` ones ``weakAlias``), FKA
``previousName``; the ``Name Non-Latin Script`` column gives aliases. One Sanction per
target: Regime as program, UK Sanctions List Ref as reference. ``published`` is the
``Last Updated`` date of the title row.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from followthemoney.proxy import EntityProxy
from rigour.names.org_types import extract_org_types

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, make, sanction
from tracewire.lists.build import country_code as country
from tracewire.lists.dates import parse_date
from tracewire.lists.source import Source
from tracewire.lists.uk_ofsi_rows import OfsiRows, is_xlsx, labelled_facts, numbered

SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_COLUMNS = (
    "Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6",
    "Post/Zip Code", "Country",
)  # fmt: skip
#: labels of ``Other Information`` facts -> party property
FACT_PROPS = {
    "gender": "gender",
    "phone number": "phone",
    "tel": "phone",
    "fax": "phone",
    "email address": "email",
    "website": "website",
    "type of entity": "legalForm",
    "business reg no": "registrationNumber",
    "imo number": "imoNumber",
    "flag of ship": "flag",
    "previous flags": "pastFlags",
    "type of ship": "type",
    "tonnage of ship": "tonnage",
    "year built": "buildDate",
}
#: labels whose value belongs to the Sanction
SANCTION_FACTS = {"uk sanctions list ref": "authorityId", "un ref": "unscId"}
SANCTION_FACTS |= {"uk statement of reasons": "reason"}
#: facts whose value is one token or phrase (free text may follow after ". ")
SHORT_FACTS = {k for k in FACT_PROPS if k != "business reg no"} | {
    "uk sanctions list ref",
    "un ref",
}


@lru_cache(maxsize=16384)
def dmy(value: str | None) -> str | None:
    """``dd/mm/yyyy`` with ``00`` for unknown parts, as an ISO prefix."""
    if not value:
        return None
    parts = value.strip().split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day, month, year = parts
        if month in ("0", "00"):
            return parse_date(year)
        if day in ("0", "00"):
            return parse_date(f"{year}-{month}")
    return parse_date(value, "dmy")


class Group:
    """The distinct facts of one target, gathered from its rows."""

    __slots__ = ("group_id", "kind", "other", "props", "sanction")

    def __init__(self, group_id: str, kind: str) -> None:
        self.group_id = group_id
        self.kind = kind
        self.props: dict[str, dict[str, None]] = {}
        self.sanction: dict[str, dict[str, None]] = {}
        self.other: dict[str, None] = {}

    def put(self, prop: str, value: str | None, target: str = "party") -> None:
        if value:
            bucket = self.props if target == "party" else self.sanction
            bucket.setdefault(prop, {})[value] = None

    def add_row(self, row: dict[str, str]) -> None:
        parts = [row.get(c, "") for c in NAME_COLUMNS]
        full = " ".join(p for p in parts if p)
        alias_type = row.get("Alias Type", "").lower()
        low = row.get("Alias Quality", "").lower().startswith("low")
        prop = "alias"
        if alias_type == "primary name":
            prop = "name"
        elif alias_type == "fka":
            prop = "previousName"
        elif low:
            prop = "weakAlias"
        self.put(prop, full)
        self.put("alias", row.get("Name Non-Latin Script"))
        if self.kind == "Person":
            self.put("firstName", parts[0])
            self.put("middleName", " ".join(p for p in parts[1:5] if p))
            self.put("lastName", parts[5])
            self.put("title", row.get("Title"))
            for dob in numbered(row.get("DOB")):
                self.put("birthDate", dmy(dob))
            for town in numbered(row.get("Town of Birth")):
                self.put("birthPlace", town)
            for place in numbered(row.get("Country of Birth")):
                self.put("birthCountry", place)
            for nationality in numbered(row.get("Nationality")):
                self.put("nationality", nationality)
            for number in numbered(row.get("Passport Number")):
                self.put("passportNumber", number)
            self.put("position", row.get("Position"))
        for number in numbered(row.get("National Identification Number")):
            self.put("idNumber", number)
        address = ", ".join(row[c] for c in ADDRESS_COLUMNS if row.get(c))
        self.put("address", address)
        self.put("country", row.get("Country"))
        self.put("program", row.get("Regime"))
        self.put("listingDate", dmy(row.get("Listed On")), "sanction")
        self.put("startDate", dmy(row.get("UK Sanctions List Date Designated")), "sanction")
        self.put("modifiedAt", dmy(row.get("Last Updated")), "sanction")
        self.put("authorityId", row.get("UK Sanctions List Ref"), "sanction")
        if row.get("Other Information"):
            self.other[row["Other Information"]] = None


class UkOfsiLoader(Loader):
    """Reads the UK OFSI Consolidated List workbook or CSV."""

    format = "uk_ofsi"
    dataset = "gb_hmt_ofsi"
    authority = "HM Treasury Office of Financial Sanctions Implementation"

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True for a workbook or CSV whose header (after title rows) has ``Group ID``
        and ``Name 6``; a workbook it cannot read raises the InputError saying why."""
        member = source.members[0]
        if is_xlsx(member):
            # a workbook is this format's or none's: its refusal (broken, over a limit)
            # is the reason detection gives
            rows = iter(OfsiRows(source))
            try:
                next(rows)
            except StopIteration:
                return False
            finally:
                close = getattr(rows, "close", None)
                if close is not None:
                    close()
            return True
        head = source.head().lstrip(b"\xef\xbb\xbf")
        lines = head.split(b"\n")[:12]
        return any(b"Group ID" in line and b"Name 6" in line for line in lines)

    def entities(self) -> Iterator[EntityProxy]:
        """One entity per Group ID and its Sanction, after all rows are read."""
        path = str(self.source.path)
        rows = OfsiRows(self.source)
        groups: dict[str, Group] = {}
        for line, row in rows:
            group_id = row.get("Group ID", "")
            if not group_id:
                raise InputError("row has no Group ID", path=path, line=line, field="Group ID")
            group = groups.get(group_id)
            if group is None:
                kind = row.get("Group Type", "").strip().lower()
                if kind not in SCHEMAS:
                    raise InputError(
                        f"unknown Group Type {row.get('Group Type')!r}",
                        path=path,
                        line=line,
                        field="Group Type",
                    )
                group = groups[group_id] = Group(group_id, SCHEMAS[kind])
            group.add_row(row)
        for cells in rows.preamble:
            if cells and cells[0].lower().startswith("last updated"):
                self.published = next((d for d in map(dmy, cells[1:]) if d), None)
        while groups:
            _key, group = groups.popitem()
            yield from self._build(group)

    def _build(self, group: Group) -> Iterator[EntityProxy]:
        schema = group.kind
        names = list(group.props.get("name", {})) + list(group.props.get("alias", {}))
        if schema == "Organization" and any(extract_org_types(n) for n in names[:5]):
            schema = "Company"
        entity = make(schema, "gb", group.group_id)
        for prop, values in group.props.items():
            if prop in ("country", "nationality", "birthCountry", "flag"):
                for value in values:
                    add(entity, prop, country(value))
            else:
                add(entity, prop, list(values))
        if not entity.has("name"):
            add(entity, "name", names[:1] or list(group.props.get("weakAlias", {}))[:1])
        sanction_props = {k: list(v) for k, v in group.sanction.items()}
        for other in group.other:
            free, facts = labelled_facts(other)
            add(entity, "notes", free)
            for label, text in facts:
                key = label.lower()
                value = text
                if key in SHORT_FACTS:
                    # a short fact ends at its first sentence; the rest is free text
                    value, _sep, rest = text.partition(". ")
                    add(entity, "notes", rest)
                if key in SANCTION_FACTS:
                    sanction_props.setdefault(SANCTION_FACTS[key], []).append(value)
                elif key in FACT_PROPS:
                    prop = FACT_PROPS[key]
                    value = value.lower() if prop == "gender" else value
                    add(entity, prop, country(value) if prop in ("flag", "pastFlags") else value)
                else:
                    add(entity, "notes", f"{label}: {value}")
        add(entity, "topics", "sanction")
        yield entity
        listed = sorted(sanction_props.pop("listingDate", []))
        refs = sanction_props.pop("authorityId", [])
        s = sanction(
            entity,
            authority=self.authority,
            programs=list(group.props.get("program", {})),
            listing_date=listed[0] if listed else None,
            reference=refs[0] if refs else None,
        )
        add(s, "authorityId", refs[1:])
        for prop, items in sanction_props.items():
            add(s, prop, items)
        yield s
