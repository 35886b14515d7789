"""OFAC's labelled facts ("DOB 11 Jul 1951", "Passport X (Iran)", "Linked To: NAME") as FtM values.

OFAC prints the same labels in three places: the ``Remarks`` column of the legacy CSV
(``"DOB 1962; POB Shati; a.k.a. 'X'."``), the ``idType`` of the classic XML's ``idList``, and
the feature and identity-document types of the Enhanced XML. :data:`LABELS` maps every label
to an FtM property and a kind of value; :func:`label_values` turns one label and value into
``(property, value)`` pairs, :func:`parse_remarks` splits a whole Remarks text, and
:func:`apply_values` adds the pairs to an entity whose schema may lack the property.

Properties prefixed ``sanction:`` belong on the Sanction entity, not the party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from followthemoney.proxy import EntityProxy

from tracewire.lists.build import add, clean_text
from tracewire.lists.dates import parse_dates

#: label as OFAC prints it -> (FtM property, kind of value). Kinds: ``id`` (the number before a
#: country in brackets and before "issued"/"expires"), ``text``, ``date``, ``gender``, ``link``.
LABELS: dict[str, tuple[str, str]] = {
    # dates and places
    "DOB": ("birthDate", "date"),
    "Birthdate": ("birthDate", "date"),
    "POB": ("birthPlace", "text"),
    "Place of Birth": ("birthPlace", "text"),
    "nationality": ("nationality", "text"),
    "Nationality Country": ("nationality", "text"),
    "citizen": ("citizenship", "text"),
    "Citizenship Country": ("citizenship", "text"),
    "Gender": ("gender", "gender"),
    "Organization Established Date": ("incorporationDate", "date"),
    "Organization Type:": ("sector", "text"),
    "Nationality of Registration": ("jurisdiction", "text"),
    # personal documents
    "Passport": ("passportNumber", "id"),
    "Diplomatic Passport": ("passportNumber", "id"),
    "National ID No.": ("idNumber", "id"),
    "Cedula No.": ("idNumber", "id"),
    "C.U.R.P.": ("idNumber", "id"),
    "D.N.I.": ("idNumber", "id"),
    "Personal ID Card": ("idNumber", "id"),
    "Identification Number": ("idNumber", "id"),
    "National Foreign ID Number": ("idNumber", "id"),
    "Birth Certificate Number": ("idNumber", "id"),
    "Electoral Registry No.": ("idNumber", "id"),
    "Driver's License No.": ("idNumber", "id"),
    "Refugee ID Card": ("idNumber", "id"),
    "Residency Number": ("idNumber", "id"),
    "SSN": ("socialSecurityNumber", "id"),
    # tax and company numbers
    "Tax ID No.": ("taxNumber", "id"),
    "R.F.C.": ("taxNumber", "id"),
    "Italian Fiscal Code": ("taxNumber", "id"),
    "NIT #": ("taxNumber", "id"),
    "RUC #": ("taxNumber", "id"),
    "V.A.T. Number": ("vatCode", "id"),
    "Registration ID": ("registrationNumber", "id"),
    "Registration Number": ("registrationNumber", "id"),
    "Business Registration Number": ("registrationNumber", "id"),
    "Business Registration Document #": ("registrationNumber", "id"),
    "Commercial Registry Number": ("registrationNumber", "id"),
    "Company Number": ("registrationNumber", "id"),
    "UK Company Number": ("registrationNumber", "id"),
    "Public Registration Number": ("registrationNumber", "id"),
    "Unified Social Credit Code (USCC)": ("registrationNumber", "id"),
    "C.R. No.": ("registrationNumber", "id"),
    "Folio Mercantil No.": ("registrationNumber", "id"),
    "Matricula Mercantil No": ("registrationNumber", "id"),
    "Chamber of Commerce Number": ("registrationNumber", "id"),
    "Economic Register Number": ("registrationNumber", "id"),
    "Central Registration System Number": ("registrationNumber", "id"),
    "Trade License No.": ("registrationNumber", "id"),
    "Enterprise Number": ("registrationNumber", "id"),
    "Business Number": ("registrationNumber", "id"),
    "Istanbul Chamber of Comm. No.": ("registrationNumber", "id"),
    "Government Gazette Number": ("registrationNumber", "id"),
    "License": ("licenseNumber", "id"),
    "Legal Entity Number": ("leiCode", "id"),
    "SWIFT/BIC": ("swiftBic", "id"),
    "ISIN": ("isinCode", "id"),
    "Equity Ticker": ("ticker", "id"),
    "BIK (RU)": ("bikCode", "id"),
    # contact
    "Website": ("website", "text"),
    "Email Address": ("email", "text"),
    "Phone Number": ("phone", "text"),
    "Telephone": ("phone", "text"),
    # vessels
    "Vessel Registration Identification": ("imoNumber", "id"),
    "IMO": ("imoNumber", "id"),
    "MMSI": ("mmsi", "id"),
    "Vessel Year of Build": ("buildDate", "date"),
    "Former Vessel Flag": ("pastFlags", "text"),
    "Vessel Flag": ("flag", "text"),
    "Vessel Type": ("type", "text"),
    "Vessel Call Sign": ("callSign", "id"),
    "Vessel Gross Registered Tonnage": ("grossRegisteredTonnage", "text"),
    "Vessel Tonnage": ("tonnage", "text"),
    # aircraft
    "Aircraft Manufacturer's Serial Number (MSN)": ("serialNumber", "id"),
    "Aircraft Manufacturer’s Serial Number (MSN)": ("serialNumber", "id"),
    "Aircraft Tail Number": ("registrationNumber", "id"),
    "Aircraft Model": ("model", "text"),
    "Aircraft Manufacture Date": ("buildDate", "date"),
    "Aircraft Construction Number (also called L/N or S/N or F/N)": ("notes", "labelled"),
    "Aircraft Operator": ("notes", "labelled"),
    "Aircraft Mode S Transponder Code": ("notes", "labelled"),
    "Previous Aircraft Tail Number": ("notes", "labelled"),
    # sanction details
    "Additional Sanctions Information -": ("sanction:provisions", "text"),
    "Secondary sanctions risk:": ("sanction:provisions", "text"),
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:": (
        "sanction:provisions",
        "text",
    ),
    "Executive Order 13662 Directive Determination -": ("sanction:provisions", "text"),
    "Executive Order 14024 Directive Information -": ("sanction:provisions", "text"),
    "Executive Order 14024 Directive Information": ("sanction:provisions", "text"),
    "Executive Order 14014 Directive Information:": ("sanction:provisions", "text"),
    "Executive Order 14059 information:": ("sanction:provisions", "text"),
    "CAATSA Section 235 Information:": ("sanction:provisions", "text"),
    "IFCA Determination -": ("sanction:provisions", "text"),
    "Linked To:": ("link", "link"),
}

_ALIAS_PROPS = {"a.k.a.": "alias", "n.k.a.": "alias", "f.k.a.": "previousName"}
_ALIAS = re.compile(r"^([afn]\.k\.a\.),?\s+(.+)$", re.IGNORECASE)
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
_LABEL = re.compile(
    r"^("
    + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))
    + r")(?=[\s:]|$)[\s:]*(.*)$",
    re.IGNORECASE,
)
_LABEL_CASE = {k.lower(): k for k in LABELS}
_ID_TAIL = re.compile(
    r"\s*(?:\(([^)]*)\))?\s*(?:[,;]?\s*(?:issued|expires|Issue Date|Expire Date|valid)\b.*)?$",
    re.IGNORECASE,
)
#: id props that fall back to a more general property when the schema lacks them
_FALLBACK = {
    "passportNumber": "idNumber",
    "socialSecurityNumber": "idNumber",
    "imoNumber": "registrationNumber",
    "serialNumber": "registrationNumber",
    "vatCode": "taxNumber",
    "isinCode": "registrationNumber",
    "bikCode": "registrationNumber",
    "leiCode": "registrationNumber",
    "swiftBic": "registrationNumber",
    "licenseNumber": "registrationNumber",
    "ticker": "registrationNumber",
    "idNumber": "registrationNumber",
    "taxNumber": "registrationNumber",
    "registrationNumber": "idNumber",
}


@dataclass
class Remarks:
    """What a Remarks text says: property values, aliases, linked names, and the rest."""

    values: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _unquote(value: str) -> str:
    value = value.strip().rstrip(".;").strip()
    if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
        value = value[1:-1]
    elif value[:1] in "'\"":
        value = value[1:]
    return value.strip()


def _id_value(value: str) -> str:
    """The document number alone: without ``(Country)`` and issue/expiry dates."""
    cut = _ID_TAIL.search(value)
    number = value[: cut.start()] if cut else value
    return number.strip().rstrip(".,;").strip()


def label_values(label: str, value: str | None) -> list[tuple[str, str]]:
    """``(property, value)`` pairs for one labelled fact; an unknown label gives a note."""
    text = clean_text(value)
    name = clean_text(label)
    if text is None or name is None:
        return []
    key = _LABEL_CASE.get(name.lower()) or _LABEL_CASE.get(name.lower() + ":")
    if key is None:
        sep = " " if name.endswith((":", "-")) else ": "
        return [("notes", f"{name}{sep}{text}")]
    prop, kind = LABELS[key]
    if kind == "date":
        dates = parse_dates(text.removeprefix("circa ").strip(), numeric="mdy")
        return [(prop, d) for d in dates] or [("notes", f"{key} {text}")]
    if kind == "id":
        number = _id_value(text)
        return [(prop, number)] if number else []
    if kind == "gender":
        return [(prop, text.lower())]
    if kind == "link":
        return [("link", text.rstrip("."))]
    if kind == "labelled":
        return [(prop, f"{key} {text}")]
    return [(prop, text.rstrip(".") if prop != "sanction:provisions" else text)]


def split_remarks(text: str) -> list[str]:
    """Split on ``;`` outside single-quoted alias names."""
    if "'" not in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    parts: list[str] = []
    start = 0
    quoted = False
    for i, char in enumerate(text):
        if char == "'":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not quoted and not before.isalnum():
                quoted = True
            elif quoted and not after.isalnum():
                quoted = False
        elif char == ";" and not quoted:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_remarks(text: str | None) -> Remarks:
    """Every fact in an OFAC Remarks text (legacy CSV ``Remarks`` or classic XML ``remarks``)."""
    out = Remarks()
    cleaned = clean_text(text)
    if cleaned is None:
        return out
    for segment in split_remarks(cleaned):
        segment = _ALT.sub("", segment).strip()
        if m := _ALIAS.match(segment):
            kind = m.group(1).lower()
            name = _unquote(m.group(2))
            if name:
                out.values.append((_ALIAS_PROPS[kind], name))
            continue
        if m := _LABEL.match(segment):
            for prop, value in label_values(m.group(1), m.group(2).rstrip(".")):
                if prop == "link":
                    out.links.append(value)
                else:
                    out.values.append((prop, value))
            continue
        note = segment.rstrip(".").strip()
        if note:
            out.notes.append(note)
    return out


def apply_values(
    entity: EntityProxy, values: Iterable[tuple[str, str]], sanction: EntityProxy | None = None
) -> None:
    """Add pairs to ``entity`` (and ``sanction:`` pairs to the Sanction); a property the
    schema lacks falls back to a general one (passport -> idNumber -> registrationNumber)
    or to ``notes``."""
    schema = entity.schema
    for prop, value in values:
        if prop.startswith("sanction:"):
            if sanction is not None:
                add(sanction, prop.split(":", 1)[1], value)
            continue
        target: str | None = prop
        seen: set[str] = set()
        while target is not None and schema.get(target) is None and target not in seen:
            seen.add(target)
            target = _FALLBACK.get(target)
        if target is None or schema.get(target) is None:
            add(entity, "notes", f"{prop}: {value}")
            continue
        add(entity, target, value)
