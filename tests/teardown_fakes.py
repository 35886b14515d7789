"""A small stand-in for the parts forensics, so teardown tests do not depend on its rules."""

from __future__ import annotations

import re
from typing import Any

from tracewire.errors import InputError
from tracewire.parts.makers import maker_key

MAKERS: dict[str, dict[str, Any]] = {
    "ti": {"name": "Texas Instruments", "hq_country": "US", "owner_today": "ti"},
    "maxim": {"name": "Maxim Integrated", "hq_country": "US", "owner_today": "adi"},
    "adi": {"name": "Analog Devices", "hq_country": "US", "owner_today": "adi"},
    "st": {"name": "STMicroelectronics", "hq_country": "CH", "owner_today": "st"},
    "ir": {"name": "International Rectifier", "hq_country": "US", "owner_today": "infineon"},
    "infineon": {"name": "Infineon Technologies", "hq_country": "DE", "owner_today": "infineon"},
}
RULES = [
    ("TMS320", ["ti"]),
    ("MAX", ["maxim"]),
    ("STM32", ["st"]),
    ("IRF", ["ir"]),
    ("LM317", ["st", "ti"]),
]
CLASSES = [
    ("TMS320", "dsp", "854231", "1"),
    ("STM32", "mcu", "854231", "1"),
    ("MAX", "other_ic", "854239", "1"),
    ("LM317", "voltage_regulator", "854239", "1"),
    ("IRF", "transistor", "854129", "3.A"),
]


class FakeParts:
    """Implements tracewire.teardowns.attribution.PartsBackend with a few fixed rules."""

    def decode(self, marking: str, brand: str | None) -> dict[str, Any]:
        if len(marking) > 100:
            raise InputError("marking longer than 100 characters")
        tokens = marking.split()
        out: dict[str, Any] = {"part_number": tokens[0], "base_part": tokens[0], "warnings": []}
        for token in tokens[1:]:
            if re.fullmatch(r"\d{4}", token):
                out.update(date_code=token, year=2000 + int(token[:2]), week=int(token[2:]))
        return out

    def resolve(self, marking: str, brand: str | None, year: int | None) -> dict[str, Any]:
        answer = self._resolve(marking)
        answer["decoded"] = self.decode(marking, brand)
        return answer

    def _resolve(self, marking: str) -> dict[str, Any]:
        part = marking.split()[0]
        for prefix, makers in RULES:
            if part.startswith(prefix):
                cands = [
                    {
                        "maker_id": m,
                        "name": MAKERS[m]["name"],
                        "confidence": 0.9,
                        "rule": prefix,
                        "evidence": [f"prefix {prefix}"],
                    }
                    for m in makers
                ]
                status = "resolved" if len(makers) == 1 else "ambiguous"
                return {
                    "status": status,
                    "reason": "prefix",
                    "candidates": cands,
                    "maker_at_date": makers[0] if status == "resolved" else None,
                    "owner_today": MAKERS[makers[0]]["owner_today"]
                    if status == "resolved"
                    else None,
                }
        return {"status": "unresolved", "reason": "no rule", "candidates": []}

    def classify(
        self, part_number: str | None, function: str | None, maker: str | None
    ) -> dict[str, Any]:
        for prefix, category, hs6, tier in CLASSES:
            if part_number and part_number.startswith(prefix):
                return {
                    "category": category,
                    "hs6": hs6,
                    "hs_description": "",
                    "chpl_tier": tier,
                    "reason": f"prefix {prefix}",
                }
        if function == "capacitor":
            return {
                "category": "capacitor",
                "hs6": "853224",
                "hs_description": "",
                "chpl_tier": "2",
                "reason": "function",
            }
        return {
            "category": "unknown",
            "hs6": None,
            "hs_description": "",
            "chpl_tier": None,
            "reason": "no rule",
        }

    def find_maker(self, name: str) -> str | None:
        key = maker_key(name)
        for maker_id, info in MAKERS.items():
            if key in (maker_key(maker_id), maker_key(info["name"])):
                return maker_id
        return None

    def maker_info(self, maker_id: str) -> dict[str, Any] | None:
        return MAKERS.get(maker_id)
