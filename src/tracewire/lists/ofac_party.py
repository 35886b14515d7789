"""The OFAC party shared by the three OFAC loaders: authority, schema, id, names, links."""

from __future__ import annotations

from collections.abc import Iterator

from followthemoney.proxy import EntityProxy

from tracewire.lists.build import add, clean_text, make, sanction
from tracewire.lists.ofac_remarks import apply_values, parse_remarks

AUTHORITY = "US Office of Foreign Assets Control"
SDN = "us_ofac_sdn"
CONS = "us_ofac_cons"

#: OFAC entry types to FtM schemata. OFAC's "Entity" says nothing about legal form (it covers
#: companies, banks, ministries, armed groups), so it becomes LegalEntity, as OpenSanctions does.
SCHEMATA = {
    "individual": "Person",
    "entity": "LegalEntity",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}


def schema_for(sdn_type: str | None) -> str:
    """The FtM schema for an OFAC entry type (empty means entity)."""
    key = (clean_text(sdn_type) or "entity").lower()
    return SCHEMATA.get(key, "LegalEntity")


def party(schema: str, ent_num: str | int) -> EntityProxy:
    """The party entity with OFAC's stable id ``ofac-<ent_num>`` (the same number in the
    legacy CSV, the classic XML ``uid`` and the Enhanced XML ``entity/@id``)."""
    return make(schema, "ofac", ent_num)


def add_person_name(entity: EntityProxy, prop: str, name: str | None) -> None:
    """Add a name as written; for a Person's main name also split ``LAST, First`` into parts."""
    text = clean_text(name)
    if text is None:
        return
    add(entity, prop, text)
    if prop == "name" and entity.schema.is_a("Person") and text.count(",") == 1:
        last, first = (p.strip() for p in text.split(","))
        add(entity, "lastName", last)
        add(entity, "firstName", first)


def key(name: str) -> str:
    """How a name is looked up for ``Linked To:`` and vessel owners: case and spaces folded."""
    return " ".join(name.casefold().split()).rstrip(".")


class NameIndex:
    """Names seen while streaming -> party ids, to resolve ``Linked To: NAME`` at the end.

    Main names win over aliases; a name carried by two parties is ambiguous and not resolved.
    """

    def __init__(self) -> None:
        self._main: dict[str, str | None] = {}
        self._alias: dict[str, str | None] = {}

    def add(self, name: str, entity_id: str, main: bool) -> None:
        table = self._main if main else self._alias
        k = key(name)
        if k in table and table[k] != entity_id:
            table[k] = None
        else:
            table[k] = entity_id

    def resolve(self, name: str) -> str | None:
        k = key(name)
        if k in self._main:
            return self._main[k]
        return self._alias.get(k)


def remarks_party(
    entity: EntityProxy,
    remarks: str | None,
    *,
    programs: list[str],
    reference: str,
    listing_date: str | None = None,
) -> tuple[EntityProxy, list[str]]:
    """Apply a Remarks text to ``entity``; return its Sanction and the ``Linked To`` names."""
    parsed = parse_remarks(remarks)
    sanc = sanction(
        entity,
        authority=AUTHORITY,
        programs=programs,
        listing_date=listing_date,
        reference=reference,
    )
    apply_values(entity, parsed.values, sanc)
    for note in parsed.notes:
        add(entity, "notes", note)
    return sanc, parsed.links


def emit_links(pending: list[tuple[str, str, str]], names: NameIndex) -> Iterator[EntityProxy]:
    """UnknownLinks for ``(subject id, linked name, role)``; unresolved names are skipped."""
    for subject, name, role in pending:
        target = names.resolve(name)
        if target is None or target == subject:
            continue
        link = make("UnknownLink", subject, "link", target.removeprefix("ofac-"))
        link.add("subject", subject)
        link.add("object", target)
        add(link, "role", role)
        yield link


def programs_of(value: str | None) -> list[str]:
    """Programs from the legacy ``"NPWMD] [IFSR"`` form (or one program)."""
    text = clean_text(value)
    if text is None:
        return []
    return [p.strip(" []") for p in text.split("] [") if p.strip(" []")]


def line_of(elem: object) -> int | None:
    """The source line of a parsed XML element, when lxml knows it."""
    value = getattr(elem, "sourceline", None)
    return value if isinstance(value, int) else None
