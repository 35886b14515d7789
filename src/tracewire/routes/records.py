"""Trade records: the documented columns, one row read into a :class:`TradeRecord`, and the
party keys that resolve the same exporter or importer across records.

A row names a declaration, its date, the goods (HS code, description, brand or maker as
declared, part number, quantity, value, currency) and two parties. The importer's tax or
registration number (INN, OGRN ...) is the strongest key a party has: two rows with the same
number are the same party whatever their spelling; without a number, the same normalised name
in the same country is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from followthemoney.types import registry

from tracewire import columns as column_spec
from tracewire.errors import InputError

#: logical field -> default column name (``--columns field=Header`` maps another header)
DEFAULT_COLUMNS: dict[str, str] = {
    name: name
    for name in (
        "declaration_id",
        "date",
        "hs_code",
        "description",
        "brand",
        "maker",
        "part_number",
        "quantity",
        "value",
        "currency",
        "exporter_name",
        "exporter_id",
        "exporter_country",
        "exporter_address",
        "importer_name",
        "importer_id",
        "importer_country",
        "importer_address",
        "origin_country",
        "dispatch_country",
    )
}
#: fields a row cannot do without
REQUIRED = ("declaration_id", "date", "exporter_name", "importer_name")

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_ID_CHARS = re.compile(r"[^0-9A-Za-z]")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def parse_columns(spec: str | None) -> dict[str, str]:
    """``"declaration_id=Decl No,date=Date"`` → column mapping over the defaults."""
    return column_spec.parse_columns(spec, DEFAULT_COLUMNS)


@dataclass(frozen=True, slots=True)
class Party:
    """An exporter or importer as a record names it, and the key it resolves to."""

    key: str
    name: str
    country: str | None
    address: str | None
    identifier: str | None

    @property
    def key_reason(self) -> str:
        return "identifier" if self.identifier else "name+country"


@dataclass(slots=True)
class TradeRecord:
    """One shipment record as read from a row (countries ISO-3166 alpha-2, lower case)."""

    line: int
    declaration_id: str
    date: str
    hs_code: str | None
    description: str | None
    brand: str | None
    maker: str | None
    part_number: str | None
    quantity: float | None
    value: float | None
    currency: str | None
    exporter: Party
    importer: Party
    origin_country: str | None
    dispatch_country: str | None


@lru_cache(maxsize=4096)
def clean_country(text: str) -> str | None:
    """An ISO code from a code or a country name; ``None`` for an empty value."""
    text = text.strip()
    if not text:
        return None
    code = registry.country.clean(text)
    if code is None:
        raise InputError(f"unknown country {text!r}")
    return str(code)


@lru_cache(maxsize=65536)
def clean_date(text: str) -> str:
    """YYYY-MM-DD from ``YYYY-MM-DD`` (or a timestamp starting with it) or ``DD.MM.YYYY``."""
    text = text.strip()
    match = _DMY.match(text)
    if match:
        day, month, year = match.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(f"not a date: {text!r} (use YYYY-MM-DD or DD.MM.YYYY)") from None


def clean_number(text: str, field: str) -> float | None:
    """A non-negative number; ``1 234,5`` and ``1,234.5`` are read too."""
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
        if not cleaned:
            return None
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
        try:
            number = float(cleaned)
        except ValueError:
            raise InputError(f"{field} is not a number: {text!r}") from None
    if number < 0 or number != number or number == float("inf"):
        raise InputError(f"{field} must be a finite number, not negative: {text!r}")
    return number


@lru_cache(maxsize=4096)
def clean_hs(text: str) -> str | None:
    digits = re.sub(r"[\s.]", "", text)
    if not digits:
        return None
    if not digits.isdigit() or len(digits) < 4:
        raise InputError(f"HS code must be 4 to 10 digits: {text!r}")
    return digits


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """A party name compared without case, punctuation or repeated spaces."""
    return _SPACES.sub(" ", _PUNCT.sub(" ", name.casefold())).strip()


def party_key(name: str, country: str | None, identifier: str | None) -> str:
    """The id of a party: from its identifier when it has one, else its name and country."""
    basis = f"id\x00{identifier}" if identifier else f"name\x00{name_key(name)}\x00{country}"
    return "p" + hashlib.sha1(basis.encode()).hexdigest()[:20]


def clean_identifier(text: str) -> str | None:
    """A tax or registration number with spaces and separators removed, upper case."""
    value = _ID_CHARS.sub("", text).upper()
    return value or None


@lru_cache(maxsize=200_000)
def make_party(name: str, country: str, identifier: str, address: str) -> Party:
    """A party from the raw texts of its four columns (cached: parties repeat)."""
    clean_name = _SPACES.sub(" ", name).strip()
    code = clean_country(country)
    number = clean_identifier(identifier)
    key = party_key(clean_name, code, number)
    return Party(key, clean_name, code, address.strip() or None, number)


class RowReader:
    """Reads rows whose values are in the order of ``header`` into records."""

    def __init__(self, columns: dict[str, str], header: list[str]) -> None:
        self.columns = columns
        position = {name: i for i, name in enumerate(header)}
        self.width = len(header)
        # a field whose column is absent reads the empty value appended after the row
        self.order = [position.get(columns[f], self.width) for f in DEFAULT_COLUMNS]

    def read(self, values: list[str], line: int) -> TradeRecord:
        """A record from one row's values (strings; ``""`` when empty); InputError names
        the line and the column of the bad value."""
        if len(values) != self.width:
            values = (values + [""] * self.width)[: self.width]
        values = [*values, ""]
        (
            decl,
            when,
            hs,
            description,
            brand,
            maker,
            part,
            quantity,
            value,
            currency,
            e_name,
            e_id,
            e_country,
            e_address,
            i_name,
            i_id,
            i_country,
            i_address,
            origin,
            dispatch,
        ) = [values[i] for i in self.order]
        if not (decl.strip() and when.strip() and e_name.strip() and i_name.strip()):
            for name, text in (
                ("declaration_id", decl),
                ("date", when),
                ("exporter_name", e_name),
                ("importer_name", i_name),
            ):
                if not text.strip():
                    raise InputError("no value", line=line, field=self.columns[name])
        current = ""
        try:
            current = "date"
            day = clean_date(when)
            current = "hs_code"
            hs_code = clean_hs(hs)
            current = "quantity"
            amount = clean_number(quantity, "quantity")
            current = "value"
            worth = clean_number(value, "value")
            current = "exporter_country"
            exporter = make_party(e_name, e_country, e_id, e_address)
            current = "importer_country"
            importer = make_party(i_name, i_country, i_id, i_address)
            current = "origin_country"
            origin_code = clean_country(origin)
            current = "dispatch_country"
            dispatch_code = clean_country(dispatch)
        except InputError as exc:
            raise InputError(exc.message, line=line, field=self.columns[current]) from None
        currency = currency.strip().upper()
        return TradeRecord(
            line=line,
            declaration_id=decl.strip(),
            date=day,
            hs_code=hs_code,
            description=description.strip() or None,
            brand=brand.strip() or None,
            maker=maker.strip() or None,
            part_number=part.strip() or None,
            quantity=amount,
            value=worth,
            currency=currency[:3] or None,
            exporter=exporter,
            importer=importer,
            origin_country=origin_code,
            dispatch_country=dispatch_code,
        )
