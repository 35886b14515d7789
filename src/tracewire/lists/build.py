"""Helpers every loader uses to build FtM entities the same way."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

#: list entry types to FtM schemata
SCHEMA_BY_TYPE = {
    "individual": "Person",
    "person": "Person",
    "entity": "LegalEntity",
    "organization": "Organization",
    "company": "Company",
    "vessel": "Vessel",
    "ship": "Vessel",
    "aircraft": "Airplane",
    "airplane": "Airplane",
}


def make(schema: str, *key_parts: object) -> EntityProxy:
    """A new entity whose id is the joined key parts, e.g. ``make("Person", "ofac", 123)``
    gives ``ofac-123``. Keys must come from the list's own identifiers so that ids are
    stable across versions."""
    entity = model.make_entity(schema)
    entity.id = "-".join(_slug(p) for p in key_parts if p is not None and str(p) != "")
    return entity


def hashed_id(prefix: str, *parts: object) -> str:
    """A stable id for records that carry no key of their own (hash of their content)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


def _slug(value: object) -> str:
    text = str(value).strip()
    return "".join(c if c.isalnum() or c in "._" else "-" for c in text).strip("-")


def clean_text(value: object) -> str | None:
    """Whitespace-collapsed, control-free text, or None for empty and list placeholders."""
    if value is None:
        return None
    text = str(value)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    text = " ".join(text.split())
    if text in ("", "-0-", "-", "n/a", "N/A", "None", "null"):
        return None
    return text


def add(entity: EntityProxy, prop: str, values: object | Iterable[object]) -> None:
    """Add values to a property, cleaning them, ignoring empties and values the type rejects."""
    if values is None:
        return
    items = values if isinstance(values, (list, tuple, set)) else [values]
    for item in items:
        text = clean_text(item)
        if text is not None:
            entity.add(prop, text, quiet=True, fuzzy=True)


def country_code(value: str | None) -> str | None:
    """An ISO code (lower case, as FtM keeps it) for a country name or code, or None."""
    text = clean_text(value)
    if text is None:
        return None
    code: str | None = registry.country.clean(text, fuzzy=True)
    return code


def sanction(
    entity: EntityProxy,
    *,
    authority: str,
    programs: Iterable[str] = (),
    listing_date: str | None = None,
    reference: str | None = None,
    source_url: str | None = None,
    reason: str | None = None,
    key: str | None = None,
) -> EntityProxy:
    """The Sanction entity for one listing of ``entity`` (one per listing, id derived from
    the party's id so it stays stable)."""
    assert entity.id is not None
    s = model.make_entity("Sanction")
    s.id = f"{entity.id}-sanction" + (f"-{_slug(key)}" if key else "")
    s.add("entity", entity.id)
    add(s, "authority", authority)
    for program in programs:
        add(s, "program", program)
    add(s, "listingDate", listing_date)
    add(s, "startDate", listing_date)
    add(s, "authorityId", reference)
    add(s, "sourceUrl", source_url)
    add(s, "reason", reason)
    return s
