"""What the teardown side feeds the routes graph: weapons, their teardowns, the parts found
in them and the makers of those parts, one :class:`TeardownLink` per component.

The routes package reads no teardown table itself; whoever holds teardowns turns them into
links (see :func:`tracewire.routes.teardown_feed.stored_links`) and passes them to
:func:`tracewire.routes.build.build_graph`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TeardownLink:
    """One component of one teardown: weapon → teardown → part → maker."""

    weapon: str  # weapon model id, e.g. "shahed-136"
    weapon_name: str
    teardown: str  # teardown id
    part: str  # part number, or the component's key when the number is unknown
    maker: str | None  # maker name as the knowledge base writes it (None: unknown maker)
    maker_country: str | None = None
    maker_aliases: tuple[str, ...] = ()
    source: str | None = None  # URL of the report the component comes from
