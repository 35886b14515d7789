"""The structured cells of the US Consolidated Screening List: sources and ``ids``.

``source`` names the list a row comes from, e.g. ``Entity List (EL) - Bureau of Industry and
Security``; it becomes a sub-dataset slug (``us_bis_entity_list``) through a table of the
known lists, with a generic fallback built from the agency and the abbreviation.

``ids`` holds ``;``-separated items of the form ``[COUNTRY, ][dates, ]VALUE, TYPE``, e.g.
``RU, 7707404272, Tax ID No.`` or ``IMO 8898831, Vessel Registration Identification``. The
type (last part) picks the FtM property; sanction notes ("Secondary sanctions risk:") are
returned separately so they land in the Sanction, not on the party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rigour.names.org_types import extract_org_types

from tracewire.lists.build import SCHEMA_BY_TYPE
from tracewire.lists.dates import parse_date

#: abbreviation in the source name -> sub-dataset
KNOWN_SOURCES = {
    "EL": "us_bis_entity_list",
    "DPL": "us_bis_denied",
    "UVL": "us_bis_unverified",
    "MEU": "us_bis_mil_end_user",
    "SDN": "us_ofac_sdn",
    "SSI": "us_ofac_ssi",
    "FSE": "us_ofac_fse",
    "PLC": "us_ofac_plc",
    "CAP": "us_ofac_capta",
    "CMIC": "us_ofac_cmic",
    "NS-MBS LIST": "us_ofac_mbs",
    "ISN": "us_state_isn",
    "DTC": "us_state_dtc_debarred",
}

#: agency in the source name -> slug part
AGENCIES = {
    "bureau of industry and security": "bis",
    "treasury department": "ofac",
    "state department": "state",
    "department of state": "state",
    "department of the treasury": "ofac",
    "department of commerce": "bis",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def source_dataset(source: str) -> str:
    """The sub-dataset slug for a row's ``source`` text."""
    name, _, agency = source.partition(" - ")
    abbr_match = re.search(r"\(([^()]+)\)", name)
    abbr = abbr_match.group(1).strip().upper() if abbr_match else ""
    if abbr in KNOWN_SOURCES:
        return KNOWN_SOURCES[abbr]
    agency_slug = AGENCIES.get(agency.strip().lower(), _slug(agency) or "gov")
    tail = _slug(abbr) if abbr else _slug(name)
    return f"us_{agency_slug}_{tail or 'list'}"


def source_authority(source: str) -> str:
    """The publishing body named after `` - `` in the source text."""
    _, _, agency = source.partition(" - ")
    return agency.strip() or "US Government"


#: id type (lower case, trailing punctuation removed) -> property; first that the schema has
ID_PROPS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "passport": ("passportNumber", "idNumber"),
    "website": ("website",),
    "email address": ("email",),
    "phone number": ("phone",),
    "swift/bic": ("swiftBic", "idNumber"),
    "isin": ("isinCode", "idNumber"),
    "equity ticker": ("ticker", "idNumber"),
    "tax id no": ("taxNumber", "idNumber"),
    "v.a.t. number": ("vatCode", "taxNumber", "idNumber"),
    "r.f.c": ("taxNumber", "idNumber"),
    "registration number": ("registrationNumber", "idNumber"),
    "registration id": ("registrationNumber", "idNumber"),
    "business registration number": ("registrationNumber", "idNumber"),
    "commercial registry number": ("registrationNumber", "idNumber"),
    "company number": ("registrationNumber", "idNumber"),
    "unified social credit code (uscc)": ("registrationNumber", "idNumber"),
    "vessel registration identification": ("imoNumber", "registrationNumber"),
    "mmsi": ("mmsi",),
    "former vessel flag": ("pastFlags",),
    "vessel year of build": ("buildDate",),
    "organization established date": ("incorporationDate",),
    "aircraft model": ("model",),
    "aircraft manufacture date": ("buildDate",),
    "aircraft manufacturer's serial number (msn)": ("serialNumber",),
    "aircraft construction number (also called l/n or s/n or f/n)": ("serialNumber",),
    "aircraft tail number": ("registrationNumber",),
}

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SANCTION_NOTE = re.compile(
    r"(sanction|directive|prohibited|information|listing date|effective date|divestment)",
    re.IGNORECASE,
)


@dataclass
class IdItem:
    """One parsed item of the ``ids`` cell."""

    kind: str
    value: str
    country: str | None = None
    #: FtM properties to try in order ("" = not a party property)
    props: tuple[str, ...] = ()
    #: True for notes about the sanction rather than the party
    sanction_note: bool = False


def parse_ids(cell: str) -> list[IdItem]:
    """Every item of an ``ids`` cell, typed."""
    items: list[IdItem] = []
    for chunk in cell.split(";"):
        parts = [p.strip() for p in chunk.split(",")]
        parts = [p for p in parts if p]
        if len(parts) < 2:
            continue
        kind = parts[-1]
        rest = parts[:-1]
        country = rest[0] if len(rest) > 1 and _COUNTRY.match(rest[0]) else None
        if country:
            rest = rest[1:]
        # issue/expiry dates precede the number on passports; the number is last
        values = [p for p in rest if parse_date(p, "mdy") is None or not re.search(r"\d{4}", p)]
        value = values[-1] if values else ", ".join(rest)
        key = kind.lower().rstrip(":.-").strip()
        props = ID_PROPS.get(key)
        if key == "gender":
            value = value.lower()
        if key in ("organization established date", "aircraft manufacture date"):
            value = parse_date(", ".join(rest), "mdy") or value
        if key == "vessel registration identification":
            value = re.sub(r"^IMO\s*", "", value, flags=re.IGNORECASE)
            value = f"IMO{value}" if value.isdigit() else value
        if props is None:
            if _SANCTION_NOTE.search(kind) or kind.endswith((":", "-")):
                items.append(IdItem(kind, ", ".join(rest), country, (), True))
                continue
            props = ("idNumber",) if re.search(r"\d", value) else ("notes",)
        items.append(IdItem(kind, value, country, props))
    return items


def party_schema(list_type: str, name: str | None) -> str:
    """FtM schema for a row: its ``type`` when given; else Company when the name carries a
    legal form (LLC, GmbH, JSC, ...), else LegalEntity (the lists mix people and firms)."""
    key = list_type.strip().lower()
    if key:
        return SCHEMA_BY_TYPE.get(key, "LegalEntity")
    if name and extract_org_types(name):
        return "Company"
    return "LegalEntity"
