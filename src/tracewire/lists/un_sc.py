"""UN Security Council consolidated list XML (``CONSOLIDATED_LIST``).

``INDIVIDUAL`` records become Person, ``ENTITY`` records Organization (Company when the
name carries a legal form), with id ``un-<DATAID>`` (the list's own key). Names in their
original script (``NAME_ORIGINAL_SCRIPT``) are kept as aliases; aliases of ``Low`` quality
become ``weakAlias``, ``f.k.a.`` ones ``previousName``. Each record has one Sanction
(program = ``UN_LIST_TYPE``, reference = ``REFERENCE_NUMBER``, listed on ``LISTED_ON``).
``published`` is the root's ``dateGenerated``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followthemoney.proxy import EntityProxy
from lxml import etree
from rigour.names.org_types import extract_org_types

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, make, sanction
from tracewire.lists.build import country_code as country
from tracewire.lists.dates import parse_date, parse_dates
from tracewire.lists.source import Source
from tracewire.lists.xmlsafe import check_prolog, child_text, children, iterparse, local, text

_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)[\s>/]")
_GENERATED = re.compile(rb'dateGenerated="([^"]+)"')
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def root_name(head: bytes) -> str | None:
    """Local name of the first element of an XML document's head, skipping the prolog."""
    pos = 0
    while True:
        start = head.find(b"<", pos)
        if start < 0:
            return None
        if head[start + 1 : start + 2] in (b"?", b"!"):
            end = head.find(b"-->", start) + 3 if head.startswith(b"<!--", start) else 0
            pos = end if end > 2 else head.find(b">", start) + 1
            if pos <= 0:
                return None
            continue
        match = _ROOT.match(head, start)
        return match.group(2).decode("ascii") if match else None


def line_of(elem: etree._Element) -> int | None:
    """The source line an element starts on, when the parser knows it."""
    line = elem.sourceline
    return line if isinstance(line, int) else None


def joined(elem: etree._Element, names: tuple[str, ...], sep: str = ", ") -> str | None:
    """The texts of the named children, in the given order, joined."""
    parts = [child_text(elem, n) for n in names]
    value = sep.join(" ".join(p.split()) for p in parts if p)
    return value or None


def values(elem: etree._Element, name: str) -> list[str]:
    """The ``VALUE`` texts under each child called ``name``."""
    out: list[str] = []
    for child in children(elem, name):
        for value in children(child, "VALUE"):
            item = text(value)
            if item:
                out.append(item)
    return out


class UnScLoader(Loader):
    """Reads the UN Security Council consolidated list XML."""

    format = "un_sc"
    dataset = "un_sc_sanctions"
    authority = "United Nations Security Council"

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True when the document's root element is ``CONSOLIDATED_LIST``."""
        return root_name(source.head()) == "CONSOLIDATED_LIST"

    def entities(self) -> Iterator[EntityProxy]:
        """Each INDIVIDUAL and ENTITY with its Sanction, streaming."""
        path = str(self.source.path)
        head = self.source.head()
        check_prolog(head, path)
        if root_name(head) != "CONSOLIDATED_LIST":
            raise InputError(
                "not a UN consolidated list (root is not CONSOLIDATED_LIST)", path=path
            )
        generated = _GENERATED.search(head)
        if generated:
            self.published = parse_date(generated.group(1).decode("ascii", "replace"))
        with self.source.open() as stream:
            for elem in iterparse(stream, path, {"INDIVIDUAL", "ENTITY"}):
                yield from self._record(path, elem)

    def _record(self, path: str, elem: etree._Element) -> Iterator[EntityProxy]:
        kind = local(elem.tag)
        dataid = child_text(elem, "DATAID")
        if dataid is None:
            raise InputError("record without DATAID", path=path, line=line_of(elem), element=kind)
        name = joined(elem, NAME_PARTS, " ")
        if kind == "INDIVIDUAL":
            schema = "Person"
        elif name and extract_org_types(name):
            schema = "Company"
        else:
            schema = "Organization"
        entity = make(schema, "un", dataid)
        add(entity, "name", name)
        add(entity, "alias", child_text(elem, "NAME_ORIGINAL_SCRIPT"))
        for alias in children(elem, f"{kind}_ALIAS"):
            alias_name = child_text(alias, "ALIAS_NAME")
            quality = (child_text(alias, "QUALITY") or "").lower()
            prop = "alias"
            if quality == "low":
                prop = "weakAlias"
            elif quality.startswith("f.k.a"):
                prop = "previousName"
            add(entity, prop, alias_name)
        add(entity, "notes", child_text(elem, "COMMENTS1"))
        add(entity, "modifiedAt", max(values(elem, "LAST_DAY_UPDATED"), default=None))
        for address in children(elem, f"{kind}_ADDRESS"):
            add(
                entity,
                "address",
                joined(address, ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")),
            )
            add(entity, "country", country(child_text(address, "COUNTRY")))
        if kind == "INDIVIDUAL":
            self._person(entity, elem)
        add(entity, "topics", "sanction")
        yield entity
        program = child_text(elem, "UN_LIST_TYPE")
        reference = child_text(elem, "REFERENCE_NUMBER")
        s = sanction(
            entity,
            authority=self.authority,
            programs=[program] if program else [],
            listing_date=parse_date(child_text(elem, "LISTED_ON")),
            reference=reference,
        )
        add(s, "unscId", reference)
        add(s, "modifiedAt", max(values(elem, "LAST_DAY_UPDATED"), default=None))
        yield s

    @staticmethod
    def _person(entity: EntityProxy, elem: etree._Element) -> None:
        add(entity, "firstName", child_text(elem, "FIRST_NAME"))
        add(entity, "title", values(elem, "TITLE"))
        add(entity, "position", values(elem, "DESIGNATION"))
        for nationality in values(elem, "NATIONALITY"):
            add(entity, "nationality", country(nationality))
        add(entity, "gender", (child_text(elem, "GENDER") or "").lower() or None)
        for dob in children(elem, "INDIVIDUAL_DATE_OF_BIRTH"):
            exact = child_text(dob, "DATE") or child_text(dob, "YEAR")
            dates = parse_dates(exact) if exact else []
            start, end = child_text(dob, "FROM_YEAR"), child_text(dob, "TO_YEAR")
            if start and end:
                dates.extend(parse_dates(f"{start} to {end}"))
            if not dates:
                dates = parse_dates(child_text(dob, "NOTE"))
            add(entity, "birthDate", dates)
        for pob in children(elem, "INDIVIDUAL_PLACE_OF_BIRTH"):
            add(entity, "birthPlace", joined(pob, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")))
            add(entity, "birthCountry", country(child_text(pob, "COUNTRY")))
        for doc in children(elem, "INDIVIDUAL_DOCUMENT"):
            number = child_text(doc, "NUMBER")
            kind = " ".join(
                filter(
                    None,
                    [child_text(doc, "TYPE_OF_DOCUMENT"), child_text(doc, "TYPE_OF_DOCUMENT2")],
                )
            ).lower()
            if not number:
                continue
            is_passport = "pass" in kind or "pasaporte" in kind
            add(entity, "passportNumber" if is_passport else "idNumber", number)
