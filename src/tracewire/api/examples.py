"""From a yente-style example entity to a screening :class:`~tracewire.match.types.Query`.

Like yente, properties the schema does not have are skipped and names are combined from name
parts (firstName, lastName ...). A query without a name is accepted, as yente accepts it, and
matched by its identifiers (none: no results); a name given empty or blank is an error. Values
are checked: no control characters, at most :data:`MAX_VALUE_CHARS` characters.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from tracewire.api.errors import InvalidQuery
from tracewire.api.models import EntityExample
from tracewire.match.types import Query

MAX_VALUE_CHARS = 1000
MAX_VALUES = 100
#: name parts combined into a full name, in this order
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
#: date properties compared as the birth date of a person or the founding of an organisation
BIRTH_DATE_PROPS = ("birthDate", "incorporationDate")
#: whitespace allowed in free-text values (never in names)
TEXT_WHITESPACE = frozenset("\t\n\r")


def check_text(value: str, where: str, *, is_name: bool = False) -> str:
    """The value stripped; :class:`InvalidQuery` if too long or holding control characters."""
    if len(value) > MAX_VALUE_CHARS:
        raise InvalidQuery(f"{where}: value longer than {MAX_VALUE_CHARS} characters")
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cs") and (is_name or char not in TEXT_WHITESPACE):
            raise InvalidQuery(f"{where}: control character U+{ord(char):04X} not allowed")
    return value.strip()


def _values(raw: str | list[Any], where: str) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if len(items) > MAX_VALUES:
        raise InvalidQuery(f"{where}: more than {MAX_VALUES} values")
    values = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise InvalidQuery(f"{where}: values must be strings, got {type(item).__name__}")
        values.append(str(item))
    return values


def example_to_query(key: str, example: EntityExample) -> tuple[Query, dict[str, Any]]:
    """The query for one example and the example as understood (echoed as ``query``)."""
    where = f"queries.{key}"
    schema = model.get(example.schema_)
    if schema is None or not schema.is_a("Thing"):
        raise InvalidQuery(f"{where}.schema: unknown schema {example.schema_!r}")
    props: dict[str, list[str]] = {}
    types: dict[str, Any] = {}
    name_given = False
    for name, raw in example.properties.items():
        prop = schema.get(name)
        if prop is None:
            continue  # yente skips properties the schema does not have
        types[name] = prop.type
        is_name = prop.type == registry.name or name in NAME_PARTS
        name_given = name_given or is_name
        values = []
        for value in _values(raw, f"{where}.properties.{name}"):
            text = check_text(value, f"{where}.properties.{name}", is_name=is_name)
            if text and text not in values:
                values.append(text)
        if values:
            props[name] = values
    names = [value for name in props if types[name] == registry.name for value in props[name]]
    parts = [" ".join(props[part]) for part in NAME_PARTS if part in props]
    if parts:
        combined = " ".join(parts)
        if combined not in names:
            names.append(combined)
    if name_given and not names:
        raise InvalidQuery(f"{where}: a name is given but empty (properties.name)")
    countries: list[str] = []
    identifiers: list[str] = []
    for name, values in props.items():
        prop_type = types[name]
        if prop_type == registry.country:
            countries.extend(value.lower() for value in values)
        elif prop_type == registry.identifier:
            identifiers.extend(values)
    birth_dates = [value for name in BIRTH_DATE_PROPS for value in props.get(name, [])]
    query = Query(
        names=tuple(names),
        schema=schema.name,
        birth_dates=tuple(birth_dates),
        countries=tuple(dict.fromkeys(countries)),
        identifiers=tuple(dict.fromkeys(identifiers)),
        properties=props,
    )
    echo = {"id": example.id, "schema": schema.name, "properties": props}
    return query, echo
