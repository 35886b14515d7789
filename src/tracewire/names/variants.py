"""Known variants of one name: Nikolai/Nikolay/Mykola, Mohammad/Muhammad, Qods/Quds/Ghods.

Two sources, merged into *variant keys* per token (two tokens sharing a key are spellings
of one name): rigour's name data (Wikidata given/family-name items, nicknames), and our
own table ``data/names/variants.txt`` for the forms rigour does not link.

Loading rigour's name tagger takes seconds (once per process). The keys it gives a token
are kept on disk (``~/.cache/tracewire``, or ``$TRACEWIRE_CACHE_DIR``), in a file named
for rigour's version: a process whose tokens are all there never loads the tagger. A
token not there is asked of rigour as before, so the keys are the same either way.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import orjson
from rigour.names import NameTypeTag, analyze_names

from tracewire.names.datafiles import data_lines
from tracewire.names.text import tokenize

#: bump when what is kept per token changes
_CACHE_FORMAT = 1


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


def cache_path() -> Path:
    """The file the rigour keys of tokens are kept in (named for rigour's version)."""
    base = os.environ.get("TRACEWIRE_CACHE_DIR")
    folder = Path(base) if base else Path.home() / ".cache" / "tracewire"
    try:
        rigour_version = version("rigour")
    except PackageNotFoundError:  # pragma: no cover - rigour is a dependency
        rigour_version = "unknown"
    return folder / f"rigour-name-keys-{rigour_version}-v{_CACHE_FORMAT}.json"


class _RigourKeys:
    """Token -> rigour's name keys: from the disk cache, else from rigour (and noted)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[str, ...]] | None = None
        self.added = 0

    def _load(self) -> dict[str, tuple[str, ...]]:
        known: dict[str, tuple[str, ...]] = {}
        try:
            raw = orjson.loads(cache_path().read_bytes())
            if isinstance(raw, dict):
                known = {
                    str(token): tuple(str(k) for k in keys)
                    for token, keys in raw.items()
                    if isinstance(keys, list)
                }
        except (OSError, orjson.JSONDecodeError):
            pass  # no cache yet, or an unreadable one: ask rigour
        return known

    def get(self, token: str) -> tuple[str, ...]:
        if self.known is None:
            self.known = self._load()
        found = self.known.get(token)
        if found is None:
            found = self.known[token] = _ask_rigour(token)
            self.added += 1
        return found

    def save(self) -> None:
        if not self.added or self.known is None:
            return
        path = cache_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = orjson.dumps(self.known)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
            self.added = 0
        except OSError:
            pass  # a read-only home: the next process asks rigour again


def _ask_rigour(token: str) -> tuple[str, ...]:
    keys: set[str] = set()
    for name in analyze_names(NameTypeTag.PER, [token], phonetics=False, numerics=False):
        for symbol in name.symbols:
            text = str(symbol)
            if text.startswith(("[NAME:", "[NICK:")):
                keys.add(text)
    return tuple(sorted(keys))


_RIGOUR = _RigourKeys()


@lru_cache(maxsize=1)
def load_name_tagger() -> None:
    """Load rigour's name tagger now (once per process), e.g. before forking workers
    that would each load it on their first token missing from the disk cache."""
    _ask_rigour("nikolai")


def save_variant_cache() -> None:
    """Write the rigour keys of tokens met in this process to the disk cache (when any
    were new); errors writing it are ignored (the cache only saves time)."""
    _RIGOUR.save()


@lru_cache(maxsize=262_144)
def variant_keys(token: str) -> frozenset[str]:
    """Keys naming the name this normalised token is a spelling of (may be empty)."""
    keys: set[str] = set(_table().get(token, ()))
    if token.isalpha() and len(token) > 2:
        keys.update(_RIGOUR.get(token))
    return frozenset(keys)
