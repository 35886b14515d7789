"""Known variants of one name: Nikolai/Nikolay/Mykola, Mohammad/Muhammad, Qods/Quds/Ghods.

Two sources, merged into *variant keys* per token (two tokens sharing a key are spellings
of one name): rigour's name data (Wikidata given/family-name items, nicknames), and our
own table ``data/names/variants.txt`` for the forms rigour does not link.
"""

from __future__ import annotations

from functools import lru_cache

from rigour.names import NameTypeTag, analyze_names

from tracewire.names.datafiles import data_lines
from tracewire.names.text import tokenize


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for number, line in enumerate(data_lines("variants.txt"), start=1):
        key = f"tw{number}"
        for spelling in line.split(","):
            tokens = tokenize(spelling)
            if len(tokens) == 1:
                groups.setdefault(tokens[0], set()).add(key)
    return {token: frozenset(keys) for token, keys in groups.items()}


@lru_cache(maxsize=262_144)
def variant_keys(token: str) -> frozenset[str]:
    """Keys naming the name this normalised token is a spelling of (may be empty)."""
    keys: set[str] = set(_table().get(token, ()))
    if token.isalpha() and len(token) > 2:
        # one word: no rewrites or consolidation to do (the keys are the same, 10x faster)
        for name in analyze_names(
            NameTypeTag.PER, [token], phonetics=False, numerics=False,
            consolidate=False, rewrite=False,
        ):  # fmt: skip
            for symbol in name.symbols:
                text = str(symbol)
                if text.startswith(("[NAME:", "[NICK:")):
                    keys.add(text)
    return frozenset(keys)
