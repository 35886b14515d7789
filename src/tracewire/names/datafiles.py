"""Reading the name tables kept as data files in ``tracewire/data/names``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "names"


def data_lines(filename: str) -> Iterator[str]:
    """Non-blank, non-comment lines of a file in ``tracewire/data/names``."""
    text = (DATA_DIR / filename).read_text("utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line.rstrip()
