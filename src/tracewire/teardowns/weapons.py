"""The weapon model knowledge base (``data/weapons.yaml``): names, aliases, makers, regimes.

A weapon is found by any of its names: ``Geran-2``, ``Герань-2`` and ``shahed 136`` all give
Shahed-136. An unknown name is an :class:`UnknownWeapon` error that lists the known models.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tracewire.errors import InputError

REGIMES = ("russia", "iran_uav")


class UnknownWeapon(InputError):
    """A weapon name that is not in the knowledge base (the message lists the known ones)."""


@dataclass(frozen=True)
class WeaponModel:
    """One weapon model as publicly reported, with the name its maker is listed under."""

    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str
    maker: str
    listed_maker: str | None
    control_regime: str
    notes: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "type": self.type,
            "country": self.country,
            "maker": self.maker,
            "listed_maker": self.listed_maker,
            "control_regime": self.control_regime,
            "notes": self.notes,
            "sources": list(self.sources),
        }


def weapon_key(name: str) -> str:
    """A comparable form of a weapon name: NFKC, case-folded, letters and digits only."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "", text)


def _require(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError("missing or empty", path=where, field=key)
    return value.strip()


def _parse(raw: Any, where: str) -> WeaponModel:
    if not isinstance(raw, dict):
        raise InputError("each weapon must be a mapping", path=where)
    regime = _require(raw, "control_regime", where)
    if regime not in REGIMES:
        raise InputError(f"unknown control regime {regime!r}", path=where, field="control_regime")
    country = _require(raw, "country", where).upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InputError("country must be ISO-2", path=where, field="country")
    aliases = raw.get("aliases") or []
    sources = raw.get("sources") or []
    if not isinstance(aliases, list) or not isinstance(sources, list):
        raise InputError("aliases and sources must be lists", path=where)
    listed = raw.get("listed_maker")
    return WeaponModel(
        id=_require(raw, "id", where),
        name=_require(raw, "name", where),
        aliases=tuple(str(a) for a in aliases),
        type=_require(raw, "type", where),
        country=country,
        maker=_require(raw, "maker", where),
        listed_maker=str(listed) if listed else None,
        control_regime=regime,
        notes=str(raw["notes"]).strip() if raw.get("notes") else None,
        sources=tuple(str(s) for s in sources),
    )


def parse_weapons(text: str, where: str = "weapons.yaml") -> dict[str, WeaponModel]:
    """Weapons from YAML text; duplicate ids or names clashing across models are errors."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path=where) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("weapons"), list):
        raise InputError("expected a mapping with a 'weapons' list", path=where)
    models: dict[str, WeaponModel] = {}
    owners: dict[str, str] = {}
    for number, raw in enumerate(doc["weapons"], start=1):
        model = _parse(raw, f"{where} (weapon {number})")
        if model.id in models:
            raise InputError(f"duplicate weapon id {model.id!r}", path=where)
        for name in (model.id, *model.names):
            key = weapon_key(name)
            if owners.get(key, model.id) != model.id:
                raise InputError(f"name {name!r} used by {owners[key]} and {model.id}", path=where)
            owners[key] = model.id
        models[model.id] = model
    return models


@lru_cache(maxsize=1)
def _default_weapons() -> dict[str, WeaponModel]:
    text = resources.files("tracewire").joinpath("data/weapons.yaml").read_text("utf-8")
    return parse_weapons(text, "tracewire/data/weapons.yaml")


def load_weapons(path: str | Path | None = None) -> dict[str, WeaponModel]:
    """Weapon models by id, from the package data (cached) or from ``path``."""
    if path is None:
        return dict(_default_weapons())
    return parse_weapons(Path(path).read_text("utf-8"), str(path))


def find_weapon(name: str, weapons: dict[str, WeaponModel] | None = None) -> WeaponModel | None:
    """The model ``name`` (id, name or alias, any case or punctuation) refers to, or None."""
    models = _default_weapons() if weapons is None else weapons
    key = weapon_key(name)
    if not key:
        return None
    for model in models.values():
        if key == weapon_key(model.id) or any(key == weapon_key(n) for n in model.names):
            return model
    return None


def resolve_weapon(
    name: str, weapons: dict[str, WeaponModel] | None = None, *, field_name: str | None = None
) -> WeaponModel:
    """Like :func:`find_weapon` but an unknown name raises :class:`UnknownWeapon`."""
    model = find_weapon(name, weapons)
    if model is None:
        models = _default_weapons() if weapons is None else weapons
        known = ", ".join(sorted(m.name for m in models.values()))
        raise UnknownWeapon(f"unknown weapon {name!r}; known: {known}", field=field_name)
    return model
