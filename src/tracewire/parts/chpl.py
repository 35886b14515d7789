"""The Common High Priority List (CHPL): HS-6 codes of items the EU, US, UK and Japan rank as
most needed by Russia's weapons programmes, by tier. Kept as package data with its version."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

DATA_FILE = "chpl_2024-02.yaml"


@dataclass(frozen=True)
class ChplItem:
    """One HS-6 code on the list."""

    hs6: str
    tier: str
    description: str


@dataclass(frozen=True)
class Chpl:
    """A version of the list."""

    version: str
    items: dict[str, ChplItem]

    def tier(self, hs6: str | None) -> str | None:
        """The tier of an HS-6 code (``"1"``, ``"2"``, ``"3.A"`` ...), or ``None`` if not listed."""
        item = self.items.get(hs6 or "")
        return item.tier if item else None


@cache
def load_chpl() -> Chpl:
    """The CHPL shipped with the package (read once)."""
    text = resources.files("tracewire.data").joinpath(DATA_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    items = {
        str(i["hs6"]): ChplItem(str(i["hs6"]), str(i["tier"]), str(i["description"]))
        for i in data["items"]
    }
    return Chpl(version=str(data["version"]), items=items)
