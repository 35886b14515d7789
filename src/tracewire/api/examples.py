"""From a yente-style example entity to a screening :class:`~tracewire.match.types.Query`.

Like yente, properties the schema does not have are skipped and names are combined from name
parts (firstName, lastName ...). A query without a name is accepted, as yente accepts it, and
matched by its identifiers (none: no results); a name given empty or blank is an error. Values
are checked against the server's limits (:class:`~tracewire.api.settings.ApiSettings`): no
control characters, at most ``max_name_chars`` characters a name and ``max_value_chars`` any
other value, at most ``max_values`` values a property and ``max_names`` names a query. A query's
key and ``id`` are checked like names, so everything echoed back is clean text.
"""

from __future__ import annotations

import re
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from tracewire.api.errors import InvalidQuery
from tracewire.api.models import EntityExample
from tracewire.api.settings import ApiSettings, setting_name
from tracewire.match.types import Query

DEFAULTS = ApiSettings()
MAX_VALUE_CHARS = DEFAULTS.max_value_chars
#: name parts combined into a full name, in this order
NAME_PARTS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
#: date properties compared as the birth date of a person or the founding of an organisation
BIRTH_DATE_PROPS = ("birthDate", "incorporationDate")
#: whitespace allowed in free-text values (never in names)
TEXT_WHITESPACE = frozenset("\t\n\r")


#: control characters (Unicode category Cc) and surrogates (Cs), found in one regex pass
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(
    value: str, where: str, *, is_name: bool = False, max_chars: int = MAX_VALUE_CHARS
) -> str:
    """The value stripped; :class:`InvalidQuery` if too long or holding control characters
    (or surrogates); tab, newline and carriage return are allowed in values that are not
    names."""
    if len(value) > max_chars:
        raise InvalidQuery(f"{where}: value longer than {max_chars} characters")
    for found in CONTROL.finditer(value):
        char = found.group()
        if is_name or char not in TEXT_WHITESPACE:
            raise InvalidQuery(f"{where}: control character U+{ord(char):04X} not allowed")
    return value.strip()


def _values(raw: str | list[Any], where: str, limit: int) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if len(items) > limit:
        raise InvalidQuery(f"{where}: more than {limit} values ({setting_name('max_values')})")
    values = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise InvalidQuery(f"{where}: values must be strings, got {type(item).__name__}")
        values.append(str(item))
    return values


def check_key(key: str, limits: ApiSettings) -> None:
    """A query's key is echoed back: clean text of name length (named by position only, so
    the error itself never carries a bad key)."""
    if not key.strip():
        raise InvalidQuery("queries: a query key is empty")
    check_text(key, "queries: a query key", is_name=True, max_chars=limits.max_name_chars)


def example_to_query(
    key: str, example: EntityExample, limits: ApiSettings = DEFAULTS
) -> tuple[Query, dict[str, Any]]:
    """The query for one example and the example as understood (echoed as ``query``)."""
    check_key(key, limits)
    where = f"queries.{key}"
    if example.id is not None:
        check_text(example.id, f"{where}.id", is_name=True, max_chars=limits.max_name_chars)
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
        chars = limits.max_name_chars if is_name else limits.max_value_chars
        for value in _values(raw, f"{where}.properties.{name}", limits.max_values):
            text = check_text(value, f"{where}.properties.{name}", is_name=is_name, max_chars=chars)
            if text and text not in values:
                values.append(text)
        if values:
            props[name] = values
    names = [value for name in props if types[name] == registry.name for value in props[name]]
    parts = [" ".join(props[part]) for part in NAME_PARTS if part in props]
    if parts:
        combined = " ".join(parts)
        if len(combined) > limits.max_name_chars:
            raise InvalidQuery(
                f"{where}: the name made of its parts is longer than {limits.max_name_chars} "
                f"characters ({setting_name('max_name_chars')})"
            )
        if combined not in names:
            names.append(combined)
    if name_given and not names:
        raise InvalidQuery(f"{where}: a name is given but empty (properties.name)")
    if len(names) > limits.max_names:
        raise InvalidQuery(
            f"{where}: {len(names)} names, more than {limits.max_names} "
            f"({setting_name('max_names')})"
        )
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
