"""Memoised cleaning of values that repeat across a list's rows.

Country names and source URLs recur thousands of times in one list, and cleaning them
(territory lookup, URL normalisation) is the costliest step of a load. These wrappers
clean each distinct value once; the caches are bounded.
"""

from __future__ import annotations

from functools import lru_cache

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tracewire.lists.build import clean_text, country_code


@lru_cache(maxsize=8192)
def country(value: str | None) -> str | None:
    """:func:`tracewire.lists.build.country_code`, memoised."""
    return country_code(value)


@lru_cache(maxsize=4096)
def _url(value: str) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    cleaned: str | None = registry.url.clean(text)
    return cleaned


def add_url(entity: EntityProxy, prop: str, value: str | None) -> None:
    """Add a URL property, cleaning each distinct URL once."""
    if not value:
        return
    cleaned = _url(value)
    if cleaned is not None:
        entity.add(prop, cleaned, cleaned=True, quiet=True)
