"""A query or a listed entity made ready for scoring: prepared names, dates, countries, ids."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from followthemoney import model, registry

from tracewire.errors import InputError
from tracewire.match.align.dispatch import register
from tracewire.match.types import Query
from tracewire.names.prepared import PreparedName, prepare_name
from tracewire.names.text import check_name

#: properties holding names of a party, strongest first
NAME_PROPS = ("name", "alias", "previousName", "abbreviation", "weakAlias")
DATE_PROPS = ("birthDate",)
#: identifier properties that do not identify one party
_SHARED_IDS = frozenset({"programId", "okvedCode", "wikidataId"})
_ID_CLEAN = re.compile(r"[^0-9A-Z]")
GENDERS = frozenset({"male", "female", "other"})
#: schemata a query may name
QUERY_SCHEMATA = (
    "Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody",
    "Vessel", "Airplane", "Vehicle", "Asset",
)  # fmt: skip


@lru_cache(maxsize=64)
def _schema_props(schema: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = model.get(schema)
    if found is None:
        return (), ()
    countries = tuple(
        p.name for p in found.properties.values() if p.type == registry.country and not p.stub
    )
    ids = tuple(
        p.name
        for p in found.properties.values()
        if p.type == registry.identifier and p.name not in _SHARED_IDS
    )
    return countries, ids


def check_schema(schema: str) -> str:
    """The schema name if it is one a query may use; :class:`InputError` otherwise."""
    if schema not in QUERY_SCHEMATA:
        found = model.get(schema)
        if found is None or not found.is_a("Thing"):
            raise InputError(
                f"unknown schema {schema!r}; use one of {', '.join(QUERY_SCHEMATA)}",
                field="schema",
            )
    return schema


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _clean_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (month and day may lack their leading zero)."""
    found = _DATE.fullmatch(value.strip())
    if found is None or not (1 <= int(found.group(2) or 1) <= 12):
        raise InputError(
            f"birth date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", field="birth_date"
        )
    return "-".join(f"{int(g):02d}" if i else g for i, g in enumerate(found.groups()) if g)


def clean_identifier(value: str) -> str | None:
    """Upper-case letters and digits of an identifier, if it has at least 4 of them."""
    text = _ID_CLEAN.sub("", value.upper())
    return text if len(text) >= 4 else None


@lru_cache(maxsize=65_536)
def clean_country(value: str) -> str | None:
    """An ISO country code (lower-case) from a code or a country name."""
    code = registry.country.clean(value)
    return str(code) if code else None


@dataclass(frozen=True, slots=True)
class Subject:
    """What scoring needs of one side of a comparison."""

    schema: str
    names: tuple[PreparedName, ...]
    birth_dates: tuple[str, ...]
    countries: frozenset[str]
    identifiers: frozenset[str]
    #: names from ``weakAlias`` (short, common aliases lists mark as low quality)
    weak_names: frozenset[str] = frozenset()
    #: "male", "female" or "other" when known (FtM ``gender``), else None
    gender: str | None = None
    #: the years of the birth dates (derived once: every comparison reads them)
    birth_years: tuple[int, ...] = field(init=False, compare=False, repr=False)
    #: everything but the names: what profile features read (equal profiles, equal scores)
    profile: tuple[str, tuple[str, ...], frozenset[str], frozenset[str]] = field(
        init=False, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        years = tuple(int(d[:4]) for d in self.birth_dates if d[:4].isdigit())
        object.__setattr__(self, "birth_years", years)
        profile = (self.schema, self.birth_dates, self.countries, self.identifiers)
        object.__setattr__(self, "profile", profile)

    @property
    def person(self) -> bool:
        return self.schema == "Person"


def subject_from_entity(entity: dict[str, Any]) -> Subject:
    """Prepare an FtM entity dict (``schema``, ``properties``, ...)."""
    schema = str(entity.get("schema") or "Thing")
    props: dict[str, list[str]] = entity.get("properties") or {}
    person = schema == "Person"
    seen: set[str] = set()
    names: list[PreparedName] = []
    raw = [v for prop in NAME_PROPS for v in props.get(prop, ())]
    weak = frozenset(props.get("weakAlias", ())) - {
        v for prop in NAME_PROPS[:-1] for v in props.get(prop, ())
    }
    if not raw and entity.get("caption"):
        raw = [str(entity["caption"])]
    for value in raw:
        text = value.strip()[:1000]
        if text and text not in seen:
            seen.add(text)
            prepared = prepare_name(text, person)
            if prepared.tokens:
                names.append(prepared)
    country_props, id_props = _schema_props(schema)
    countries = {c for p in country_props for v in props.get(p, ()) if (c := clean_country(v))}
    ids = {i for p in id_props for v in props.get(p, ()) if (i := clean_identifier(v))}
    dates = tuple(sorted({v[:10] for p in DATE_PROPS for v in props.get(p, ()) if v}))
    weak_names = frozenset(n.original for n in names if n.original in weak)
    register(names)  # the compiled core's view of the names is part of their preparation
    return Subject(
        schema,
        tuple(names),
        dates,
        frozenset(countries),
        frozenset(ids),
        weak_names,
        _gender(props.get("gender", ())),
    )


def _gender(values: Iterable[str]) -> str | None:
    """One FtM gender value (male, female, other) if the values agree on one."""
    found = {str(v).strip().lower() for v in values} & GENDERS
    return found.pop() if len(found) == 1 else None


def subject_from_query(query: Query) -> Subject:
    """Prepare a :class:`Query`, validating it (names, schema, dates). A query without a
    name is matched by its identifiers alone (and without either, matches nothing)."""
    schema = check_schema(query.schema)
    person = schema == "Person"
    names = []
    for index, name in enumerate(query.names):
        text = check_name(name, field="name" if index == 0 else f"name[{index}]")
        prepared = prepare_name(text, person)
        if prepared.tokens:
            names.append(prepared)
    if query.names and not names:
        raise InputError("name has no letters or digits to match on", field="name")
    register(names)
    dates = [_clean_date(value) for value in query.birth_dates]
    countries = set()
    for value in query.countries:
        code = clean_country(value)
        if code is None:
            raise InputError(f"unknown country {value!r}", field="country")
        countries.add(code)
    ids = {i for v in query.identifiers if (i := clean_identifier(v))}
    return Subject(
        schema,
        tuple(names),
        tuple(dates),
        frozenset(countries),
        frozenset(ids),
        gender=_gender(query.properties.get("gender", ())),
    )
