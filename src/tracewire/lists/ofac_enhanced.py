"""OFAC Enhanced XML (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``; zipped or not).

The document holds ``publicationInfo`` (``dataAsOf``), ``referenceValues`` and
``featureTypes`` (small lookup tables), then ``entities``; each entity carries its names in
every script, addresses, features (birth date, nationality, website ...), identity documents
and its ``relationships``. Entities are parsed one at a time and freed; an entity's
relationships are emitted right after it: "Owned or Controlled By" as an Ownership (owner = the
related party, asset = this one), every other type as an UnknownLink with the type as ``role``,
with ids from the relationship's own id (``ofac-rel-<id>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from followthemoney.proxy import EntityProxy
from lxml import etree

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.build import add, clean_text, make, sanction
from tracewire.lists.dates import parse_date
from tracewire.lists.ofac_party import AUTHORITY, CONS, SDN, line_of, party, schema_for
from tracewire.lists.ofac_remarks import apply_values, label_values
from tracewire.lists.source import Source
from tracewire.lists.xmlsafe import child_text, children, iterparse, local

NAMESPACE = b"sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
_ROOT = re.compile(rb"<(?:[\w.-]+:)?sanctionsData[\s>]")
_OWNED = "owned or controlled by"
_ALIAS_PROPS = {"a.k.a.": "alias", "n.k.a.": "alias", "f.k.a.": "previousName"}
_ADDRESS_ORDER = ("ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE")
_SCAN_LIMIT = 1 << 24
#: the list every non-SDN (consolidated) entry belongs to
CONSOLIDATED_LIST = "Consolidated List"


def _items(elem: etree._Element, outer: str, inner: str) -> Iterator[etree._Element]:
    for container in children(elem, outer):
        yield from children(container, inner)


def _is_true(elem: etree._Element, name: str) -> bool:
    return (child_text(elem, name) or "").lower() == "true"


class OfacEnhancedLoader(Loader):
    """OFAC Enhanced XML: parties, Sanctions, Ownerships and UnknownLinks."""

    format: ClassVar[str] = "ofac_enhanced"
    dataset: ClassVar[str] = SDN
    authority: ClassVar[str] = AUTHORITY

    def __init__(self, source: Source) -> None:
        super().__init__(source)
        #: featureTypeId -> type name, from the featureTypes table
        self.feature_types: dict[str, str] = {}
        #: entities and relationships read (known once entities() is exhausted)
        self.entity_count = 0
        self.relationship_count = 0

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """An XML document whose root is ``sanctionsData`` in the ENHANCED_XML namespace."""
        if len(source.members) != 1:
            return False
        head = source.head(size=8192)
        match = _ROOT.search(head)
        if match is None:
            return False
        end = head.find(b">", match.end() - 1)
        root_tag = head[match.start() : end if end > 0 else len(head)]
        return NAMESPACE in root_tag

    def default_dataset(self) -> str:
        """``us_ofac_cons`` when the entries belong to OFAC's "Consolidated List" (the non-SDN
        lists: CONS_ENHANCED), else ``us_ofac_sdn``. Read from the first entity's
        ``sanctionsLists``, scanning no further than needed."""
        block = self._first_entity_lists()
        if block is not None and CONSOLIDATED_LIST.encode() in block:
            return CONS
        return SDN

    def _first_entity_lists(self) -> bytes | None:
        buffer = b""
        scanned = 0
        with self.source.open() as fh:
            while scanned < _SCAN_LIMIT:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                scanned += len(chunk)
                buffer += chunk
                start = buffer.find(b"<entity ")
                if start < 0:
                    buffer = buffer[-64:]
                    continue
                end = buffer.find(b"</sanctionsLists>", start)
                if end >= 0:
                    return buffer[start:end]
                buffer = buffer[start:]
        return None

    def entities(self) -> Iterator[EntityProxy]:
        """Parties with their Sanction and relationships, one entity at a time."""
        path = str(self.source.path)
        tags = {"publicationInfo", "referenceValue", "featureType", "entity"}
        with self.source.open() as fh:
            head = self.source.head()
            for elem in iterparse(fh, path, tags, head=head):
                name = local(elem.tag)
                if name == "entity":
                    self.entity_count += 1
                    yield from self._entity(elem, path)
                elif name == "featureType":
                    type_id = elem.get("featureTypeId")
                    type_name = child_text(elem, "type")
                    if type_id and type_name:
                        self.feature_types[type_id] = type_name
                elif name == "publicationInfo":
                    self.published = parse_date(child_text(elem, "dataAsOf"))
        if self.entity_count == 0:
            raise InputError("no entity in the file", path=path, element="entities")

    def _entity(self, elem: etree._Element, path: str) -> Iterator[EntityProxy]:
        ent_id = elem.get("id", "")
        if not ent_id.isdigit():
            raise InputError(
                f"entity id {ent_id!r} is not a number",
                path=path,
                line=line_of(elem),
                element="entity",
            )
        info = next(children(elem, "generalInfo"), None)
        entity_type = child_text(info, "entityType") if info is not None else None
        entity = party(schema_for(entity_type), int(ent_id))
        eid = str(entity.id)
        lists = list(_items(elem, "sanctionsLists", "sanctionsList"))
        dates = sorted(d for d in (parse_date(s.get("datePublished")) for s in lists) if d)
        programs = [
            t
            for p in _items(elem, "sanctionsPrograms", "sanctionsProgram")
            if (t := clean_text(p.text))
        ]
        sanc = sanction(
            entity,
            authority=AUTHORITY,
            programs=programs,
            listing_date=dates[0] if dates else None,
            reference=str(int(ent_id)),
        )
        add(sanc, "description", "; ".join(t for s in lists if (t := clean_text(s.text))))
        for stype in _items(elem, "sanctionsTypes", "sanctionsType"):
            add(sanc, "provisions", stype.text)
        self._names(elem, entity)
        if entity.first("name") is None:
            raise InputError("entity has no name", path=path, line=line_of(elem), element="entity")
        self._addresses(elem, entity)
        for feature in _items(elem, "features", "feature"):
            type_elem = next(children(feature, "type"), None)
            label = clean_text(type_elem.text) if type_elem is not None else None
            if label is None and type_elem is not None:
                label = self.feature_types.get(type_elem.get("featureTypeId", ""))
            apply_values(entity, label_values(label or "", child_text(feature, "value")), sanc)
        for doc in _items(elem, "identityDocuments", "identityDocument"):
            label = child_text(doc, "type") or ""
            apply_values(entity, label_values(label, child_text(doc, "documentNumber")), sanc)
        yield entity
        yield sanc
        yield from self._relationships(elem, eid)

    @staticmethod
    def _names(elem: etree._Element, entity: EntityProxy) -> None:
        is_person = entity.schema.is_a("Person")
        for name in _items(elem, "names", "name"):
            primary = _is_true(name, "isPrimary")
            alias_type = (child_text(name, "aliasType") or "").lower()
            prop = "name" if primary else _ALIAS_PROPS.get(alias_type, "alias")
            if not primary and _is_true(name, "isLowQuality"):
                prop = "weakAlias"
            for translation in _items(name, "translations", "translation"):
                full = child_text(translation, "formattedFullName")
                # the name as written in its primary (Latin) form; other scripts are aliases
                translated_prop = prop if _is_true(translation, "isPrimary") else "alias"
                if prop == "name" and translated_prop == "name":
                    add(entity, "name", full)
                    if is_person:
                        add(entity, "firstName", child_text(translation, "formattedFirstName"))
                        add(entity, "lastName", child_text(translation, "formattedLastName"))
                else:
                    add(entity, translated_prop if prop != "previousName" else prop, full)

    @staticmethod
    def _addresses(elem: etree._Element, entity: EntityProxy) -> None:
        for address in _items(elem, "addresses", "address"):
            country = child_text(address, "country")
            add(entity, "country", country)
            for translation in _items(address, "translations", "translation"):
                parts: dict[str, str] = {}
                for part in _items(translation, "addressParts", "addressPart"):
                    kind = (child_text(part, "type") or "").upper()
                    value = child_text(part, "value")
                    if value:
                        parts[kind] = f"{parts[kind]}, {value}" if kind in parts else value
                ordered = [parts.pop(k) for k in _ADDRESS_ORDER if k in parts]
                ordered.extend(parts.values())
                if country and _is_true(translation, "isPrimary"):
                    ordered.append(country)
                add(entity, "address", ", ".join(ordered) if ordered else None)

    def _relationships(self, elem: etree._Element, eid: str) -> Iterator[EntityProxy]:
        for rel in _items(elem, "relationships", "relationship"):
            rel_id = rel.get("id")
            related = next(children(rel, "relatedEntity"), None)
            other = related.get("entityId") if related is not None else None
            if not rel_id or not other or not other.isdigit():
                continue
            self.relationship_count += 1
            role = child_text(rel, "type") or "Related to"
            other_id = f"ofac-{int(other)}"
            if role.lower() == _OWNED:
                link = make("Ownership", "ofac-rel", rel_id)
                link.add("owner", other_id)
                link.add("asset", eid)
            else:
                link = make("UnknownLink", "ofac-rel", rel_id)
                link.add("subject", eid)
                link.add("object", other_id)
            add(link, "role", role)
            yield link
