"""FollowTheMoney export of what the teardowns show: weapon models, their makers, part makers.

- each weapon model with stored teardowns: an ``Airplane`` (UAVs) or ``Asset`` (missiles);
- its maker: an ``Organization``, linked by an ``UnknownLink`` (role "designer and producer");
- each maker whose parts were found: a ``Company`` (country = HQ), linked to the weapon by an
  ``UnknownLink`` (role "parts found in N teardown(s)", with the reports' URLs as sourceUrl),
  and to today's owner by an ``Ownership`` when it was acquired.

Ids are stable (``tw-...``), so a re-export can be diffed. Values are cleaned by followthemoney;
a value it rejects raises (quiet=False), so an export never carries invalid data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from followthemoney import model

from tracewire.parts.makers import maker_key
from tracewire.reports.analytics import groups_of
from tracewire.teardowns.attribution import PartsBackend, default_backend
from tracewire.teardowns.store import load_teardowns
from tracewire.teardowns.weapons import WeaponModel, load_weapons

PUBLISHER = "tracewire teardowns"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:80] or "x"


def _entity(schema: str, entity_id: str, **props: Any) -> dict[str, Any]:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in props.items():
        if values is None or values == []:
            continue
        proxy.add(prop, values, quiet=False)
    proxy.add("publisher", PUBLISHER, quiet=True)
    return dict(proxy.to_dict())


def weapon_entities(weapon: WeaponModel) -> list[dict[str, Any]]:
    """The weapon model, its maker, and the link between them."""
    uav = bool(re.search(r"UAV|loitering|drone", weapon.type, re.IGNORECASE))
    weapon_id = f"tw-weapon-{weapon.id}"
    maker_id = f"tw-org-{_slug(weapon.maker)}"
    props: dict[str, Any] = {
        "name": weapon.name,
        "alias": list(weapon.aliases),
        "country": weapon.country,
        "description": weapon.type,
        "sourceUrl": list(weapon.sources),
    }
    if uav:
        props.update(type=weapon.type, model=weapon.name, manufacturer=weapon.maker)
    return [
        _entity("Airplane" if uav else "Asset", weapon_id, **props),
        _entity(
            "Organization",
            maker_id,
            name=weapon.maker,
            alias=[weapon.listed_maker] if weapon.listed_maker else [],
            country=weapon.country,
        ),
        _entity(
            "UnknownLink",
            f"tw-link-{_slug(weapon.maker)}-{weapon.id}",
            subject=maker_id,
            object=weapon_id,
            role="designer and producer",
        ),
    ]


def export_entities(store: Any, *, backend: PartsBackend | None = None) -> Iterator[dict[str, Any]]:
    """FtM entity dicts for the stored teardowns' weapons and makers (see module doc); each
    entity once."""
    seen: set[str] = set()
    for entity in _entities(store, backend):
        if entity["id"] not in seen:
            seen.add(entity["id"])
            yield entity


def _entities(store: Any, backend: PartsBackend | None) -> Iterator[dict[str, Any]]:
    parts = backend or default_backend()
    weapons = load_weapons()
    teardowns = load_teardowns(store)
    by_weapon: dict[str, list[Any]] = defaultdict(list)
    for td in teardowns:
        by_weapon[td.weapon_id].append(td)
    makers: dict[str, dict[str, Any]] = {}
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for weapon_id, tds in sorted(by_weapon.items()):
        if weapon_id in weapons:
            yield from weapon_entities(weapons[weapon_id])
        for group in groups_of(tds, parts):
            if group.attribution in ("contested", "unknown") or not group.maker_name:
                continue
            key = group.maker_id or "name-" + maker_key(group.maker_name)
            maker = makers.setdefault(
                key,
                {
                    "name": group.maker_name,
                    "country": group.hq_country,
                    "owner": group.owner_today,
                    "maker_id": group.maker_id,
                },
            )
            link = links.setdefault((key, weapon_id), {"teardowns": set(), "urls": set()})
            link["teardowns"].add(group.teardown_id)
            link["urls"].update(r.source.url for r in group.rows if r.source)
    for key, maker in sorted(makers.items()):
        yield _entity(
            "Company", f"tw-maker-{_slug(key)}", name=maker["name"], country=maker["country"]
        )
        owner = maker["owner"]
        if owner and maker["maker_id"] and owner != maker["maker_id"]:
            info = parts.maker_info(owner) or {}
            yield _entity(
                "Company",
                f"tw-maker-{_slug(owner)}",
                name=info.get("name") or owner,
                country=info.get("hq_country"),
            )
            yield _entity(
                "Ownership",
                f"tw-own-{_slug(owner)}-{_slug(key)}",
                owner=f"tw-maker-{_slug(owner)}",
                asset=f"tw-maker-{_slug(key)}",
                role="acquired",
            )
    for (key, weapon_id), link in sorted(links.items()):
        count = len(link["teardowns"])
        yield _entity(
            "UnknownLink",
            f"tw-parts-{_slug(key)}-{weapon_id}",
            subject=f"tw-maker-{_slug(key)}",
            object=f"tw-weapon-{weapon_id}",
            role=f"parts found in {count} teardown(s)",
            sourceUrl=sorted(link["urls"]),
        )
