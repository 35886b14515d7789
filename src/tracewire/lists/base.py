"""The loader interface every list format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from followthemoney.proxy import EntityProxy

from tracewire.lists.source import Source


class Loader(ABC):
    """Reads one official list format and yields FollowTheMoney entities.

    A loader streams: :meth:`entities` yields entities as it parses, never holding the
    whole list. ``published`` (ISO date) is set as soon as the file reveals it, at the
    latest once :meth:`entities` is exhausted. Bad input raises
    :class:`tracewire.errors.InputError` naming the file and line or element.

    Entity ids are stable across versions of the same list: they derive from the list's
    own key (OFAC ent_num, UN DATAID, EU logicalId, UK Group ID, ...), never from row order.
    """

    #: short name of the format, e.g. ``"ofac_csv"``
    format: ClassVar[str]
    #: dataset name used when the user gives none, e.g. ``"us_ofac_sdn"``
    dataset: ClassVar[str]
    #: the body that publishes the list, used as Sanction ``authority``
    authority: ClassVar[str] = ""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.published: str | None = None

    @classmethod
    @abstractmethod
    def sniff(cls, source: Source) -> bool:
        """True when the source's content (not only its name) is in this format."""

    def default_dataset(self) -> str:
        """The dataset this source belongs to when the user names none."""
        return self.dataset

    @abstractmethod
    def entities(self) -> Iterator[EntityProxy]:
        """Yield every entity of the list: parties, Sanctions and relationships."""
