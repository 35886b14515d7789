"""The teardowns a store holds, as :class:`~tracewire.routes.inputs.TeardownLink` s: the one
place the routes package reads the teardown side (its store functions and the maker
knowledge base), so a move of those modules changes this file only."""

from __future__ import annotations

from typing import Any

from tracewire.parts.makers import all_makers
from tracewire.routes.inputs import TeardownLink
from tracewire.teardowns.store import load_teardowns


def stored_links(store: Any) -> list[TeardownLink]:
    """Every component of every stored teardown, with its maker's names and country."""
    teardowns = load_teardowns(store)
    if not teardowns:
        return []
    makers = all_makers()
    out = []
    for teardown in teardowns:
        source = teardown.sources[0].url if teardown.sources else None
        for comp in teardown.components:
            # the attribution the reports use (agreed, resolver's or the source's maker)
            maker = makers.get(comp.maker_id or comp.resolved_maker_id or "")
            name = maker.name if maker else comp.maker_name or comp.asserted_maker
            aliases = tuple(maker.aliases + maker.brands) if maker else ()
            out.append(
                TeardownLink(
                    weapon=teardown.weapon_id,
                    weapon_name=teardown.weapon_name,
                    teardown=teardown.id,
                    part=comp.part_number or comp.marking or comp.key,
                    maker=name,
                    maker_country=maker.hq_country if maker else comp.hq_country,
                    maker_aliases=aliases,
                    source=comp.source.url if comp.source else source,
                )
            )
    return out
