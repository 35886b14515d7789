"""Classify a part: category -> HS 2022 six-digit code (with the reason) -> CHPL tier.

Whether a date code falls after an export-control date is :mod:`tracewire.parts.control_dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tracewire.errors import InputError
from tracewire.parts.chpl import load_chpl

# the table lives in control_dates; routes/reference.py still imports it from here
from tracewire.parts.makers import find_maker
from tracewire.parts.rules import match_part

DATA_FILE = "hs_categories.yaml"

#: words in a component's function -> category (first match wins)
FUNCTION_WORDS: list[tuple[str, str]] = [
    (r"\bgnss|\bgps\b|glonass|beidou|navigation receiver", "gnss_module"),
    (r"dc[/-]?dc|converter module|power module", "dc_dc_module"),
    (r"power supply|ac[/-]?dc", "power_supply"),
    (r"\bengine\b|motor engine", "engine"),
    (r"\bservo", "servo"),
    (r"\bmotor\b|\besc\b", "motor"),
    (r"camera|thermal imager|optical module", "camera"),
    (r"antenna|aerial", "antenna"),
    (r"\bfpga\b|\bcpld\b|programmable logic", "fpga"),
    (r"\bdsp\b|signal processor", "dsp"),
    (r"\bmcu\b|microcontroller|flight controller chip", "mcu"),
    (r"processor|\bcpu\b|\bsoc\b", "processor"),
    (r"memory|flash|eeprom|sram|dram|\bram\b", "memory"),
    (r"amplifier|op-?amp", "amplifier"),
    (r"transceiver|modem|radio module|data link|wi-?fi|bluetooth|lte|gsm", "rf_module"),
    (r"\bimu\b|inertial|gyro|accelerometer|magnetometer|barometer|sensor", "sensor"),
    (r"regulator|\bldo\b|power management", "voltage_regulator"),
    (r"mosfet|transistor|igbt", "transistor"),
    (r"diode|rectifier|\btvs\b", "diode"),
    (r"capacitor", "capacitor"),
    (r"resistor", "resistor"),
    (r"inductor|choke|ferrite", "inductor"),
    (r"connector|socket|header", "connector"),
    (r"crystal|oscillator|resonator", "crystal"),
    (r"flight controller|autopilot", "flight_controller"),
    (r"\bic\b|integrated circuit|chip", "other_ic"),
]
_FUNCTION_RES = [(re.compile(p, re.IGNORECASE), c) for p, c in FUNCTION_WORDS]

#: maker kind -> category, when nothing else says what the part is
KIND_CATEGORY = {
    "engine": "engine",
    "servo": "servo",
    "gnss": "gnss_module",
    "power_module": "dc_dc_module",
    "antenna": "antenna",
    "connector": "connector",
    "motor": "motor",
    "rf_module": "rf_module",
}


@dataclass
class Classification:
    """Category, HS 2022 code and CHPL tier of a part, with the reason."""

    category: str
    hs6: str
    hs_description: str
    reason: str
    chpl_tier: str | None
    chpl_version: str
    after_control: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "hs6": self.hs6,
            "hs_description": self.hs_description,
            "reason": self.reason,
            "chpl_tier": self.chpl_tier,
            "chpl_version": self.chpl_version,
            "after_control": self.after_control,
        }


@dataclass(frozen=True)
class _HsTable:
    categories: dict[str, tuple[str, str]]
    descriptions: dict[str, str]


@cache
def _table() -> _HsTable:
    text = resources.files("tracewire.data").joinpath(DATA_FILE).read_text("utf-8")
    data = yaml.safe_load(text)
    cats = {str(k): (str(v["hs6"]), str(v["reason"])) for k, v in data["categories"].items()}
    descriptions = {str(k): str(v) for k, v in data["descriptions"].items()}
    return _HsTable(cats, descriptions)


def categories() -> dict[str, str]:
    """Category -> HS-6 code."""
    return {k: v[0] for k, v in _table().categories.items()}


def classify(
    part_number: str | None,
    function: str | None = None,
    maker: str | None = None,
    category: str | None = None,
) -> Classification:
    """Classify by (in this order) the given category, the part-number rule, the component's
    function text, or the maker's kind; ``unknown`` with an empty HS code when none applies."""
    table = _table()
    chpl = load_chpl()
    how = ""
    if category:
        if category not in table.categories:
            raise InputError(
                f"unknown category {category!r}; known: {', '.join(sorted(table.categories))}",
                field="category",
            )
        how = "category given"
    elif part_number and part_number.strip():
        matches = match_part(part_number.strip())
        if matches:
            category = matches[0].rule.category
            how = f"part family {matches[0].rule.family} (rule {matches[0].rule.id})"
    if category is None and function:
        for pattern, cat in _FUNCTION_RES:
            if pattern.search(function):
                category, how = cat, f"function {function!r}"
                break
    if category is None and maker:
        found = find_maker(maker)
        if found is not None and found.kind in KIND_CATEGORY:
            category = KIND_CATEGORY[found.kind]
            how = f"maker {found.name} makes {found.kind.replace('_', ' ')}s"
    if category is None:
        return Classification(
            "unknown", "", "", "no part rule, function or maker kind to classify by", None,
            chpl.version,
        )  # fmt: skip
    hs6, why = table.categories[category]
    return Classification(
        category=category,
        hs6=hs6,
        hs_description=table.descriptions.get(hs6, ""),
        reason=f"{how}: {why}",
        chpl_tier=chpl.tier(hs6),
        chpl_version=chpl.version,
    )
