"""tracewire: trace foreign-made parts in recovered weapons and screen every party on the way.

The public Python API (imported lazily, so ``import tracewire`` stays cheap):

- :func:`screen` — screen a name or :class:`Query` against the lists in a store
- :class:`Query`, :class:`Screening` — the screening request and answer
- :func:`open_store` — open a store (SQLite path or SQLAlchemy URL)
- :func:`load_path` — import one list file as a new list version
- :func:`decode`, :func:`resolve`, :func:`classify` — chip markings, makers, HS-6/CHPL
- :func:`scan` — the listed parties, weapons, parts and makers a document names
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "screen": "tracewire.screening",
    "Query": "tracewire.match.types",
    "Screening": "tracewire.match.types",
    "open_store": "tracewire.store",
    "load_path": "tracewire.lists.importer",
    "decode": "tracewire.parts.marking",
    "resolve": "tracewire.parts.maker_decision",
    "classify": "tracewire.parts.classify",
    "scan": "tracewire.scan",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tracewire' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
