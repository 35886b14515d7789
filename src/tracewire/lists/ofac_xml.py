"""OFAC classic XML (``SDN.XML`` and the consolidated list in the same ``sdnList`` schema).

Each ``sdnEntry`` is parsed as it completes and freed (streaming, safe parser). Its ``uid`` is
the same number as the legacy CSV's ent_num and the Enhanced XML's entity id, so the party id
``ofac-<uid>`` is the same in every OFAC format. ``idList`` items carry the same labels as the
legacy Remarks (``Passport``, ``Website``, ``Vessel Registration Identification`` ...) and go
through the same table (:mod:`tracewire.lists.ofac_remarks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from followthemoney.proxy import EntityProxy
from lxml import etree

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, clean_text, sanction
from tracewire.lists.dates import parse_date, parse_dates
from tracewire.lists.ofac_party import (
    AUTHORITY,
    CONS,
    SDN,
    NameIndex,
    add_person_name,
    emit_links,
    line_of,
    party,
    schema_for,
)
from tracewire.lists.ofac_remarks import apply_values, label_values, parse_remarks
from tracewire.lists.source import Source
from tracewire.lists.xmlsafe import child_text, children, iterparse, local

_ROOT = re.compile(rb"<(?:[\w.-]+:)?sdnList[\s>]")
_PROGRAM = re.compile(rb"<(?:[\w.-]+:)?program>([^<]*)<")
#: programs that only the non-SDN lists carry (PLC, FSE, SSI directives, NS-MBS, CMIC, ISA)
NON_SDN_PROGRAMS = re.compile(
    r"^(NS-.*|FSE-.*|561-RELATED|CMIC-.*|UKRAINE-EO13662|CAPTA.*|MBS.*)$", re.IGNORECASE
)
_ALIAS_PROPS = {"a.k.a.": "alias", "n.k.a.": "alias", "f.k.a.": "previousName"}
_VESSEL = {
    "callSign": "callSign",
    "vesselType": "type",
    "vesselFlag": "flag",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "grossRegisteredTonnage",
}


def _full_name(elem: etree._Element) -> str | None:
    """``LAST, First`` as OFAC prints individuals, or the last name alone."""
    last = child_text(elem, "lastName")
    first = child_text(elem, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def _list_items(entry: etree._Element, outer: str, inner: str) -> Iterator[etree._Element]:
    for container in children(entry, outer):
        yield from children(container, inner)


class OfacXmlLoader(Loader):
    """OFAC ``SDN.XML`` / consolidated list, classic schema."""

    format: ClassVar[str] = "ofac_xml"
    dataset: ClassVar[str] = SDN
    authority: ClassVar[str] = AUTHORITY

    def __init__(self, source: Source) -> None:
        super().__init__(source)
        #: ``Record_Count`` as the file states it (known once entities() has started)
        self.record_count: int | None = None

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """An XML document whose root element is ``sdnList``."""
        if len(source.members) != 1:
            return False
        head = source.head(size=4096)
        match = _ROOT.search(head)
        if match is None:
            return False
        # the root must be the first element: only prolog, comments and PIs before it
        before = head[: match.start()]
        return (
            re.sub(
                rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s",
                b"",
                before,
                flags=re.S,
            )
            == b""
        )

    def default_dataset(self) -> str:
        """``us_ofac_cons`` when the file says it is the consolidated list (its name, e.g.
        ``consolidated.xml`` / ``cons_*.xml``), or when most programs in its first part are
        non-SDN programs (NS-PLC, FSE, SSI's UKRAINE-EO13662, 561-Related, CMIC); the classic
        schema has no field naming the list, so this is a heuristic."""
        name = self.source.path.name.lower()
        if "cons" in name or "non_sdn" in name or "nonsdn" in name:
            return CONS
        if "sdn" in name:
            return SDN
        programs = [
            p.decode("utf-8", "replace").strip() for p in _PROGRAM.findall(self.source.head())
        ]
        if programs:
            non_sdn = sum(1 for p in programs if NON_SDN_PROGRAMS.match(p))
            if non_sdn * 2 > len(programs):
                return CONS
        return SDN

    def entities(self) -> Iterator[EntityProxy]:
        """Each entry's party and Sanction as parsed; ``remarks`` links at the end."""
        path = str(self.source.path)
        names = NameIndex()
        pending: list[tuple[str, str, str]] = []
        count = 0
        with self.source.open() as fh:
            head = self.source.head()
            tags = {"sdnEntry", "publshInformation"}
            for elem in iterparse(fh, path, tags, head=head):
                if local(elem.tag) == "publshInformation":
                    self.published = parse_date(child_text(elem, "Publish_Date"), numeric="mdy")
                    records = child_text(elem, "Record_Count")
                    if records and records.isdigit():
                        self.record_count = int(records)
                    continue
                count += 1
                yield from self._entry(elem, path, names, pending)
        if count == 0:
            raise InputError("no sdnEntry in the file", path=path, element="sdnList")
        yield from emit_links(pending, names)

    def _entry(
        self,
        entry: etree._Element,
        path: str,
        names: NameIndex,
        pending: list[tuple[str, str, str]],
    ) -> Iterator[EntityProxy]:
        uid = child_text(entry, "uid")
        if uid is None or not uid.isdigit():
            line = line_of(entry)
            raise InputError(
                f"sdnEntry uid {uid!r} is not a number", path=path, line=line, element="uid"
            )
        entity = party(schema_for(child_text(entry, "sdnType")), int(uid))
        eid = str(entity.id)
        name = _full_name(entry)
        if name is None:
            raise InputError(
                "sdnEntry has no name", path=path, line=line_of(entry), element="sdnEntry"
            )
        add_person_name(entity, "name", name)
        names.add(name, eid, main=True)
        title = child_text(entry, "title")
        if entity.schema.is_a("Person"):
            add(entity, "position", title)
        elif title:
            add(entity, "notes", f"Title: {title}")
        programs = [
            t for p in _list_items(entry, "programList", "program") if (t := clean_text(p.text))
        ]
        sanc = sanction(entity, authority=AUTHORITY, programs=programs, reference=str(int(uid)))
        for aka in _list_items(entry, "akaList", "aka"):
            alias = _full_name(aka)
            if alias is None:
                continue
            prop = _ALIAS_PROPS.get((child_text(aka, "type") or "").lower(), "alias")
            if (child_text(aka, "category") or "").lower() == "weak":
                prop = "weakAlias"
            add_person_name(entity, prop, alias)
            names.add(alias, eid, main=False)
        for address in _list_items(entry, "addressList", "address"):
            parts = [
                child_text(address, f)
                for f in (
                    "address1",
                    "address2",
                    "address3",
                    "city",
                    "stateOrProvince",
                    "postalCode",
                    "region",
                    "country",
                )
            ]
            add(entity, "address", ", ".join(p for p in parts if p))
            add(entity, "country", child_text(address, "country"))
        for item in _list_items(entry, "idList", "id"):
            values = label_values(child_text(item, "idType") or "", child_text(item, "idNumber"))
            apply_values(entity, values, sanc)
        for item in _list_items(entry, "dateOfBirthList", "dateOfBirthItem"):
            text = child_text(item, "dateOfBirth")
            add(entity, "birthDate", parse_dates(text, numeric="mdy") if text else None)
        for item in _list_items(entry, "placeOfBirthList", "placeOfBirthItem"):
            add(entity, "birthPlace", child_text(item, "placeOfBirth"))
        for item in _list_items(entry, "nationalityList", "nationality"):
            add(entity, "nationality", child_text(item, "country"))
        for item in _list_items(entry, "citizenshipList", "citizenship"):
            add(entity, "citizenship", child_text(item, "country"))
        for info in children(entry, "vesselInfo"):
            for tag, prop in _VESSEL.items():
                add(entity, prop, child_text(info, tag))
            owner = child_text(info, "vesselOwner")
            if owner:
                add(entity, "notes", f"Vessel owner: {owner}")
        remarks = parse_remarks(child_text(entry, "remarks"))
        apply_values(entity, remarks.values, sanc)
        for note in remarks.notes:
            add(entity, "notes", note)
        pending.extend((eid, linked, "Linked To") for linked in remarks.links)
        yield entity
        yield sanc
