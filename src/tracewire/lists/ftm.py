"""FollowTheMoney JSON lines (e.g. OpenSanctions exports, ``tracewire entities export``).

Entities are taken as they are: ids, schemata, properties and their own ``datasets`` are
kept. The default dataset is the one dataset every entity names, when they all name the
same one; otherwise the file's name without its suffixes and without a trailing date
(``opensanctions_zala_2026-04.ftm.json`` gives ``opensanctions_zala``). No publication
date is read from the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from tracewire.errors import InputError
from tracewire.lists.base import Loader
from tracewire.lists.source import Source
from tracewire.lists.tabular import raw_lines
from tracewire.lists.values import ValueCleaner


def _first_line(head: bytes) -> bytes:
    for line in head.lstrip(b"\xef\xbb\xbf").split(b"\n"):
        if line.strip():
            return line.strip()
    return b""


class FtmLoader(Loader):
    """Reads FollowTheMoney entities, one JSON object per line."""

    format = "ftm"
    dataset = "ftm"
    authority = ""

    @classmethod
    def sniff(cls, source: Source) -> bool:
        """True when the first line is a JSON object with ``schema`` and ``properties``."""
        line = _first_line(source.head())
        if not line.startswith(b"{"):
            return False
        try:
            data = orjson.loads(line)
        except orjson.JSONDecodeError:
            # a first line longer than the head: judge by its keys
            return b'"schema"' in line and b'"properties"' in line
        return isinstance(data, dict) and "schema" in data and "properties" in data

    def default_dataset(self) -> str:
        """The dataset all entities share, else the file stem (reads the file once)."""
        shared: set[str] | None = None
        for _line, data in self._records():
            names = data.get("datasets")
            current = set(names) if isinstance(names, list) else set()
            shared = current if shared is None else shared & current
            if not shared:
                break
        if shared and len(shared) == 1:
            return next(iter(shared))
        stem = self.source.path.name.split(".", 1)[0]
        name = re.sub(r"[^A-Za-z0-9_]+", "_", stem).strip("_").lower()
        # a date in the name marks the version, not the dataset
        name = re.sub(r"_\d{4}(_\d{2}){0,2}$", "", name)
        return name or self.dataset

    def _records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        path = str(self.source.path)
        clean = ValueCleaner(path)
        with self.source.open() as stream:
            for number, raw in enumerate(raw_lines(stream, path), start=1):
                if not raw.strip():
                    continue
                try:
                    data = orjson.loads(raw)
                except orjson.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON ({exc})", path=path, line=number) from exc
                if not isinstance(data, dict):
                    raise InputError("line is not a JSON object", path=path, line=number)
                props = data.get("properties")
                if isinstance(props, dict):
                    for prop, values in props.items():
                        if isinstance(values, list):
                            props[prop] = [
                                clean(v, number, prop) if isinstance(v, str) else v for v in values
                            ]
                yield number, data

    def entities(self) -> Iterator[EntityProxy]:
        """Each line as an entity, validated against the FtM model."""
        path = str(self.source.path)
        for number, data in self._records():
            schema = data.get("schema")
            if not isinstance(schema, str) or model.get(schema) is None:
                raise InputError(
                    f"unknown FtM schema {schema!r}", path=path, line=number, field="schema"
                )
            if not data.get("id"):
                raise InputError("entity has no id", path=path, line=number, field="id")
            if not isinstance(data.get("properties", {}), dict):
                raise InputError(
                    "properties is not an object", path=path, line=number, field="properties"
                )
            try:
                entity = model.get_proxy(data, cleaned=False)
            except (InvalidData, TypeError, ValueError) as exc:
                raise InputError(f"invalid entity ({exc})", path=path, line=number) from exc
            yield entity
