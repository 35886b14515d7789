"""EU Financial Sanctions Files, XML v1.1 (root ``export`` in the FSD export namespace).

Each ``sanctionEntity`` becomes a Person (``subjectType`` person) or an Organization
(enterprise; Company when a name carries a legal form), id ``eu-<logicalId>``. Every
``wholeName`` is kept: the first Latin-script strong name is ``name``, other strong names
are aliases, names marked ``strong="false"`` weak aliases, and names in another script
aliases (the store records their script). One Sanction per entity carries the programmes
of its regulations, the designation date and the EU reference number. ``published`` is the
root's ``generationDate``. An entry whose logicalId repeats (the sample file prints one
listing twice) is merged into one entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from followthemoney.proxy import EntityProxy
from lxml import etree
from rigour.names.org_types import extract_org_types

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, add_url, make, sanction
from tracewire.lists.build import country_code as country
from tracewire.lists.dates import parse_date
from tracewire.lists.source import Source
from tracewire.lists.un_sc import line_of, root_name
from tracewire.lists.xmlsafe import check_prolog, children, iterparse, text

NAMESPACE = b"http://eu.europa.ec/fpi/fsd/export"
_GENERATED = re.compile(rb'generationDate="([^"]+)"')


def is_latin(value: str) -> bool:
    """True when every letter of ``value`` is a Latin letter."""
    return all(
        unicodedata.name(c, "").startswith("LATIN")
        for c in value
        if unicodedata.category(c)[0] == "L"
    )


def _attr(elem: etree._Element, name: str) -> str | None:
    value = elem.get(name)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _country(elem: etree._Element) -> str | None:
    code = _attr(elem, "countryIso2Code")
    if code is None or code == "00":
        return None
    return country(code)


def _hold(held: list[EntityProxy], entity: EntityProxy) -> None:
    for other in held:
        if other.id == entity.id:
            other.merge(entity)
            return
    held.append(entity)


class EuFsfLoader(Loader):
    """Reads the EU consolidated Financial Sanctions File (XML v1.1)."""

    format = "eu_fsf"
    dataset = "eu_fsf"
    authority = "European Union"

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True when the root is ``export`` in the FSD export namespace."""
        head = source.head()
        return root_name(head) == "export" and NAMESPACE in head

    def entities(self) -> Iterator[EntityProxy]:
        """Each sanctionEntity and its Sanction, streaming."""
        path = str(self.source.path)
        head = self.source.head()
        check_prolog(head, path)
        if root_name(head) != "export" or NAMESPACE not in head:
            raise InputError("not an EU FSF v1.1 export (root is not FSD <export>)", path=path)
        generated = _GENERATED.search(head)
        if generated:
            self.published = parse_date(generated.group(1).decode("ascii", "replace"))
        # a logicalId can repeat (the same listing printed twice): count first, then hold
        # a repeated entry until its last occurrence and merge, so ids stay unique
        counts: Counter[str] = Counter()
        with self.source.open() as stream:
            for elem in iterparse(stream, path, {"sanctionEntity"}):
                counts[elem.get("logicalId") or ""] += 1
        pending: dict[str, list[EntityProxy]] = {}
        with self.source.open() as stream:
            for elem in iterparse(stream, path, {"sanctionEntity"}):
                key = elem.get("logicalId") or ""
                if counts[key] == 1 and key not in pending:
                    yield from self._entity(path, elem)
                    continue
                held = pending.setdefault(key, [])
                for entity in self._entity(path, elem):
                    _hold(held, entity)
                counts[key] -= 1
                if counts[key] == 0:
                    yield from pending.pop(key)

    def _entity(self, path: str, elem: etree._Element) -> Iterator[EntityProxy]:
        logical_id = _attr(elem, "logicalId")
        if logical_id is None:
            raise InputError(
                "sanctionEntity without logicalId",
                path=path,
                line=line_of(elem),
                element="sanctionEntity",
            )
        subject = next(children(elem, "subjectType"), None)
        is_person = subject is not None and subject.get("code") == "person"
        names = [n for n in children(elem, "nameAlias") if _attr(n, "wholeName")]
        if is_person:
            schema = "Person"
        elif any(extract_org_types(_attr(n, "wholeName") or "") for n in names):
            schema = "Company"
        else:
            schema = "Organization"
        entity = make(schema, "eu", logical_id)
        self._names(entity, names, is_person)
        for remark in children(elem, "remark"):
            add(entity, "notes", text(remark))
        for cit in children(elem, "citizenship"):
            add(entity, "nationality" if is_person else "country", _country(cit))
        for birth in children(elem, "birthdate"):
            if not is_person:
                break
            add(entity, "birthDate", parse_date(_attr(birth, "birthdate") or _attr(birth, "year")))
            place = ", ".join(
                filter(
                    None,
                    [_attr(birth, k) for k in ("place", "city", "region", "countryDescription")],
                )
            )
            add(entity, "birthPlace", place if place != "UNKNOWN" else None)
            add(entity, "birthCountry", _country(birth))
        for ident in children(elem, "identification"):
            number = _attr(ident, "number") or _attr(ident, "latinNumber")
            kind = (_attr(ident, "identificationTypeCode") or "").lower()
            prop = "passportNumber" if kind == "passport" and is_person else "idNumber"
            if schema != "Person" and kind in ("regnumber", "registration"):
                prop = "registrationNumber"
            add(entity, prop, number)
        for address in children(elem, "address"):
            parts = [
                _attr(address, k) for k in ("street", "poBox", "zipCode", "city", "place", "region")
            ]
            parts.append(_attr(address, "countryDescription"))
            full = ", ".join(p for p in parts if p and p != "UNKNOWN")
            add(entity, "address", full or None)
            add(entity, "country", _country(address))
        add(entity, "topics", "sanction")
        yield entity

        programs: list[str] = []
        regulations = list(children(elem, "regulation"))
        for regulation in regulations:
            programme = _attr(regulation, "programme")
            if programme and programme not in programs:
                programs.append(programme)
        s = sanction(
            entity,
            authority=self.authority,
            programs=programs,
            listing_date=parse_date(_attr(elem, "designationDate")),
            reference=_attr(elem, "euReferenceNumber"),
        )
        add(s, "unscId", _attr(elem, "unitedNationId"))
        add(s, "reason", _attr(elem, "designationDetails"))
        for regulation in regulations:
            add(s, "provisions", _attr(regulation, "numberTitle"))
            for url in children(regulation, "publicationUrl"):
                add_url(s, "sourceUrl", text(url))
        yield s

    @staticmethod
    def _names(entity: EntityProxy, names: list[etree._Element], is_person: bool) -> None:
        have_name = False
        for alias in names:
            whole = _attr(alias, "wholeName") or ""
            strong = alias.get("strong", "true") != "false"
            if not is_latin(whole):
                prop = "alias"
            elif not strong:
                prop = "weakAlias"
            elif not have_name:
                prop, have_name = "name", True
            else:
                prop = "alias"
            add(entity, prop, whole)
            if is_person:
                add(entity, "firstName", _attr(alias, "firstName"))
                add(entity, "middleName", _attr(alias, "middleName"))
                add(entity, "lastName", _attr(alias, "lastName"))
                add(entity, "title", _attr(alias, "title"))
                gender = {"M": "male", "F": "female"}.get(alias.get("gender") or "")
                add(entity, "gender", gender)
            add(entity, "position", _attr(alias, "function"))
            for remark in children(alias, "remark"):
                add(entity, "notes", text(remark))
        if not have_name and names:
            # only weak or non-Latin names: the first becomes the name
            add(entity, "name", _attr(names[0], "wholeName"))
