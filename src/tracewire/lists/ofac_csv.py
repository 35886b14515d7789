"""OFAC legacy CSV: ``sdn.csv`` alone, or the set sdn/add/alt/sdn_comments (and cons_*).

The files have no header. The main file (12 columns: ent_num, SDN_Name, SDN_Type, Program,
Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks) is streamed; the
address (6 columns), alias (5) and comment (2) files are small and indexed by ent_num first.
A file's role is found by its column count, not its name. ``-0-`` means empty. A comment row
continues the main row's Remarks, which OFAC cuts at a fixed length, so it is appended as is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, clean_text, make
from tracewire.lists.ofac_party import (
    AUTHORITY,
    CONS,
    SDN,
    NameIndex,
    add_person_name,
    emit_links,
    party,
    programs_of,
    remarks_party,
    schema_for,
)
from tracewire.lists.ofac_textfile import csv_rows, first_row
from tracewire.lists.source import Source

MAIN, ADD, ALT, COMMENTS = "main", "add", "alt", "comments"
#: column count -> role of the file in the set
ROLES = {12: MAIN, 6: ADD, 5: ALT, 2: COMMENTS}
COLUMNS = {
    MAIN: "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, "
    "Vess_flag, Vess_owner, Remarks",
    ADD: "ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks",
    ALT: "ent_num, alt_num, alt_type, alt_name, alt_remarks",
    COMMENTS: "ent_num, Remarks_Extended",
}
_VESSEL_FIELDS = (
    (5, "callSign"),
    (6, "type"),
    (7, "tonnage"),
    (8, "grossRegisteredTonnage"),
    (9, "flag"),
)
_ALT_PROPS = {"aka": "alias", "nka": "alias", "fka": "previousName"}


def _role(source: Source, member: Path) -> str | None:
    row = first_row(source, member)
    if row is None or not row[0].strip().isdigit():
        return None
    role = ROLES.get(len(row))
    if role == MAIN and "-0-" not in source.head(member, 16384).decode("ascii", "replace"):
        return None
    return role


def _roles(source: Source) -> dict[str, Path] | None:
    if len(source.members) > 8:
        return None
    roles: dict[str, Path] = {}
    for member in source.members:
        role = _role(source, member)
        if role is None or role in roles:
            return None
        roles[role] = member
    return roles if MAIN in roles else None


def _ent_num(value: str, member: Path, line: int) -> str:
    text = value.strip()
    if not text.isdigit():
        raise InputError(
            f"ent_num {value!r} is not a number", path=str(member), line=line, field="ent_num"
        )
    return str(int(text))


class OfacCsvLoader(Loader):
    """OFAC SDN / consolidated list in the legacy headerless CSV layout."""

    format: ClassVar[str] = "ofac_csv"
    dataset: ClassVar[str] = SDN
    authority: ClassVar[str] = AUTHORITY

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """A headerless CSV whose first row has 12 columns, an integer first column and
        ``-0-`` placeholders (plus, in a directory, only the 6/5/2-column companion files)."""
        return _roles(source) is not None

    def default_dataset(self) -> str:
        """``us_ofac_cons`` for the non-SDN set (``cons_prim.csv``), else ``us_ofac_sdn``."""
        roles = _roles(self.source)
        main = roles[MAIN] if roles else self.source.members[0]
        return CONS if main.name.lower().startswith("cons") else SDN

    def _index(self, member: Path | None, role: str) -> dict[str, list[list[str]]]:
        index: dict[str, list[list[str]]] = defaultdict(list)
        if member is None:
            return index
        width = len(COLUMNS[role].split(", "))
        for line, row in csv_rows(self.source, member):
            self._check(row, width, role, member, line)
            index[_ent_num(row[0], member, line)].append(row)
        return index

    @staticmethod
    def _check(row: list[str], width: int, role: str, member: Path, line: int) -> None:
        if len(row) != width:
            raise InputError(
                f"expected {width} columns ({COLUMNS[role]}), found {len(row)}",
                path=str(member),
                line=line,
            )

    def entities(self) -> Iterator[EntityProxy]:
        """Parties with their Sanctions while streaming; links and vessel owners at the end."""
        roles = _roles(self.source)
        if roles is None and len(self.source.members) == 1:
            # a lone file given as this format: read it and report what is wrong, by line
            roles = {MAIN: self.source.members[0]}
        if roles is None:
            raise InputError(
                "not an OFAC legacy CSV set (sdn.csv [+ add.csv, alt.csv, sdn_comments.csv])",
                path=str(self.source.path),
            )
        addresses = self._index(roles.get(ADD), ADD)
        aliases = self._index(roles.get(ALT), ALT)
        comments = self._index(roles.get(COMMENTS), COMMENTS)
        names = NameIndex()
        pending: list[tuple[str, str, str]] = []
        owners: list[tuple[str, str]] = []
        main = roles[MAIN]
        for line, row in csv_rows(self.source, main):
            self._check(row, 12, MAIN, main, line)
            ent_num = _ent_num(row[0], main, line)
            name = clean_text(row[1])
            if name is None:
                raise InputError("entry has no name", path=str(main), line=line, field="SDN_Name")
            entity = party(schema_for(row[2]), ent_num)
            eid = str(entity.id)
            add_person_name(entity, "name", name)
            names.add(name, eid, main=True)
            if entity.schema.is_a("Person"):
                add(entity, "position", row[4])
            else:
                add(entity, "notes", clean_text(row[4]) and f"Title: {row[4]}")
            if entity.schema.is_a("Vessel"):
                for index, prop in _VESSEL_FIELDS:
                    add(entity, prop, row[index])
            owner = clean_text(row[10])
            if owner is not None:
                owners.append((eid, owner))
                add(entity, "notes", f"Vessel owner: {owner}")
            for alt in aliases.get(ent_num, ()):
                prop = _ALT_PROPS.get(alt[2].lower().strip(" ."), "alias")
                if "weak" in alt[4].lower():
                    prop = "weakAlias"
                add_person_name(entity, prop, alt[3])
                if clean_text(alt[3]):
                    names.add(alt[3], eid, main=False)
            for address in addresses.get(ent_num, ()):
                parts = [clean_text(p) for p in address[2:5]]
                add(entity, "address", ", ".join(p for p in parts if p))
                add(entity, "country", address[4])
            remarks = row[11] if clean_text(row[11]) else ""
            for comment in comments.get(ent_num, ()):
                remarks += comment[1]
            sanc, links = remarks_party(
                entity, remarks, programs=programs_of(row[3]), reference=ent_num
            )
            for alias in entity.get("alias"):
                names.add(alias, eid, main=False)
            pending.extend((eid, linked, "Linked To") for linked in links)
            yield entity
            yield sanc
        yield from emit_links(pending, names)
        yield from self._ownerships(owners, names)

    @staticmethod
    def _ownerships(owners: list[tuple[str, str]], names: NameIndex) -> Iterator[EntityProxy]:
        for vessel_id, owner_name in owners:
            owner_id = names.resolve(owner_name)
            if owner_id is None or owner_id == vessel_id:
                continue
            own = make("Ownership", vessel_id, "owner", owner_id.removeprefix("ofac-"))
            own.add("owner", owner_id)
            own.add("asset", vessel_id)
            add(own, "role", "Vessel owner")
            yield own
