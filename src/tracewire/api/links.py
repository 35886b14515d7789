"""Adjacent entities: which Sanction, Ownership, UnknownLink ... entities point at an entity.

The store answers "entity by id"; this module adds the reverse direction, built once with the
screening index (ids only, so it stays small), and nests adjacent entities into an entity the
way yente's ``/entities/{id}`` does: ``properties.sanctions``, ``properties.ownershipOwner`` ...
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from followthemoney import model
from followthemoney.types import registry

from tracewire.store import Store

#: how many adjacent entities of one property are nested at most
NESTED_CAP = 50


def link_schemata() -> list[str]:
    """Schemata of entities that point at other entities (sanctions, relationships, ids)."""
    names = []
    for schema in model.schemata.values():
        if schema.abstract or not schema.is_a("Interval"):
            continue
        if any(prop.type == registry.entity for prop in schema.properties.values()):
            names.append(schema.name)
    return sorted(names)


class LinkIndex:
    """Reverse references: target id -> [(reverse property name, referring entity id)]."""

    def __init__(self) -> None:
        self._back: dict[str, list[tuple[str, str]]] = defaultdict(list)

    @classmethod
    def from_entities(cls, entities: Iterable[dict[str, Any]]) -> LinkIndex:
        """Index the entity references of the given (link) entities."""
        index = cls()
        for entity in entities:
            index.add(entity)
        return index

    @classmethod
    def from_store(cls, store: Store) -> LinkIndex:
        """Index every link entity of the store's active versions."""
        return cls.from_entities(store.iter_entities(schemata=link_schemata()))

    def add(self, entity: dict[str, Any]) -> None:
        schema = model.get(str(entity.get("schema", "")))
        entity_id = entity.get("id")
        if schema is None or not entity_id:
            return
        for name, values in (entity.get("properties") or {}).items():
            prop = schema.get(name)
            if prop is None or prop.type != registry.entity or prop.reverse is None:
                continue
            for value in values:
                self._back[str(value)].append((prop.reverse.name, str(entity_id)))

    def referrers(self, entity_id: str) -> list[tuple[str, str]]:
        """(reverse property, referring id) pairs pointing at ``entity_id``."""
        return list(self._back.get(entity_id, ()))

    def __len__(self) -> int:
        return len(self._back)


def _entity_props(entity: dict[str, Any]) -> list[str]:
    schema = model.get(str(entity.get("schema", "")))
    if schema is None:
        return []
    return [
        name
        for name in (entity.get("properties") or {})
        if (prop := schema.get(name)) is not None and prop.type == registry.entity
    ]


def _shallow(entity: dict[str, Any]) -> dict[str, Any]:
    return {**entity, "properties": dict(entity.get("properties") or {})}


def nest_adjacent(
    store: Store, links: LinkIndex | None, entity: dict[str, Any], cap: int = NESTED_CAP
) -> dict[str, Any]:
    """The entity with entities it references and entities referring to it nested (one
    level deep; the referring entities have their other references nested in turn)."""
    root = _shallow(entity)
    root_id = str(root["id"])
    props = root["properties"]
    for name in _entity_props(root):
        props[name] = [_fetch_or_id(store, str(value)) for value in props[name][:cap]]
    if links is None:
        return root
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for reverse, ref_id in links.referrers(root_id):
        if len(grouped[reverse]) >= cap:
            continue
        ref = store.get_entity(ref_id)
        if ref is None:
            continue
        ref = _shallow(ref)
        for name in _entity_props(ref):
            ref["properties"][name] = [
                value if str(value) == root_id else _fetch_or_id(store, str(value))
                for value in ref["properties"][name][:cap]
            ]
        grouped[reverse].append(ref)
    for reverse, refs in grouped.items():
        props[reverse] = list(props.get(reverse, [])) + refs
    return root


def _fetch_or_id(store: Store, entity_id: str) -> Any:
    found = store.get_entity(entity_id)
    return found if found is not None else entity_id
