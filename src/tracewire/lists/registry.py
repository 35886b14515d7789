"""Which loader reads a file: detection by content, not only by name."""

from __future__ import annotations

import importlib
from pathlib import Path

from tracewire.errors import InputError, UnknownFormat
from tracewire.lists.base import Loader
from tracewire.lists.source import Source

#: format name -> "module:Class"; tried in this order, first whose sniff() accepts wins
FORMATS: dict[str, str] = {
    "ofac_enhanced": "tracewire.lists.ofac_enhanced:OfacEnhancedLoader",
    "ofac_xml": "tracewire.lists.ofac_xml:OfacXmlLoader",
    "ofac_csv": "tracewire.lists.ofac_csv:OfacCsvLoader",
    "us_csl": "tracewire.lists.us_csl:UsCslLoader",
    "bis_dpl": "tracewire.lists.bis_dpl:BisDplLoader",
    "un_sc": "tracewire.lists.un_sc:UnScLoader",
    "eu_fsf": "tracewire.lists.eu_fsf:EuFsfLoader",
    "uk_ofsi": "tracewire.lists.uk_ofsi:UkOfsiLoader",
    "ftm": "tracewire.lists.ftm:FtmLoader",
}


def loader_class(fmt: str) -> type[Loader]:
    try:
        target = FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}") from None
    module_name, cls_name = target.split(":")
    module = importlib.import_module(module_name)
    cls = getattr(module, cls_name)
    if not (isinstance(cls, type) and issubclass(cls, Loader)):
        raise TypeError(f"{target} is not a Loader")
    return cls


def detect(path: Path | str, fmt: str | None = None) -> Loader:
    """Open a path (file or multi-file directory) with the loader that recognises it."""
    source = Source(Path(path))
    for member in source.members:
        if member.stat().st_size == 0:
            raise InputError("file is empty (0 bytes)", path=str(member))
    if fmt is not None:
        return loader_class(fmt)(source)
    for name in FORMATS:
        cls = loader_class(name)
        if cls.sniff(source):
            return cls(source)
    raise UnknownFormat(
        "unknown list format: not OFAC CSV/XML/Enhanced XML, US CSL, BIS DPL, UN, EU FSF, "
        "UK OFSI or FollowTheMoney JSON",
        path=str(path),
    )
