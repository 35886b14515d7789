"""Helpers every loader uses to build FtM entities the same way."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

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


#: characters of Unicode categories Cc, Zl and Zp: replaced by a space
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: bidirectional embedding marks lists wrap Arabic names in; they carry no text
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PLACEHOLDERS = frozenset(("", "-0-", "-", "n/a", "N/A", "None", "null"))


def clean_text(value: object) -> str | None:
    """Whitespace-collapsed text without control or bidi marks, or None for empty values and
    list placeholders (``-0-``)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():
        text = _BIDI.sub("", _CONTROL.sub(" ", text))
    text = " ".join(text.split())
    if text in _PLACEHOLDERS:
        return None
    return text


@lru_cache(maxsize=8192)
def _country(text: str) -> str | None:
    code: str | None = registry.country.clean(text, fuzzy=True)
    return code


def country_code(value: str | None) -> str | None:
    """An ISO code (lower case, as FtM keeps it) for a country name or code, or None.
    Cached: the lookup is the costliest step of a load and names repeat."""
    text = clean_text(value)
    return None if text is None else _country(text)


@lru_cache(maxsize=4096)
def _url(text: str) -> str | None:
    cleaned: str | None = registry.url.clean(text)
    return cleaned


def add(entity: EntityProxy, prop: str, values: object | Iterable[object]) -> None:
    """Add values to a property, cleaning them, ignoring empties and values the type rejects.
    Countries and URLs, which repeat across a list, are cleaned once per distinct value."""
    if values is None:
        return
    items = values if isinstance(values, (list, tuple, set)) else [values]
    prop_obj = entity.schema.get(prop)
    kind = prop_obj.type if prop_obj is not None else None
    for item in items:
        text = clean_text(item)
        if text is None:
            continue
        if kind == registry.country:
            code = _country(text)
            if code is not None:
                entity.add(prop, code, cleaned=True, quiet=True)
        elif kind == registry.url:
            url = _url(text)
            if url is not None:
                entity.add(prop, url, cleaned=True, quiet=True)
        else:
            entity.add(prop, text, quiet=True, fuzzy=True)


def add_url(entity: EntityProxy, prop: str, value: str | None) -> None:
    """Add a URL property (cleaned once per distinct URL)."""
    add(entity, prop, value)


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
    if entity.id is None:
        raise ValueError("a Sanction needs the id of its party")
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
