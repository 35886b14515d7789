"""Which loader reads a file: detection by content, not only by name."""

from __future__ import annotations

import importlib
from pathlib import Path

from tracewire.errors import InputError, UnknownFormat
from tracewire.lists.base import Loader
from tracewire.lists.diagnose import encoding_problem, head_problem, resembles
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
    """Open a path (file or multi-file directory) with the loader that recognises it.

    When no format claims the file, the error says why: what is wrong with its start (the
    encoding, a NUL byte, an oversized line or field, an unreadable archive) with the line,
    which formats it resembles, and why a format that looked at it closely refused it."""
    source = Source(Path(path))
    for member in source.members:
        if member.stat().st_size == 0:
            raise InputError("file is empty (0 bytes)", path=str(member))
    if fmt is not None:
        cls = loader_class(fmt)
        if fmt != "uk_ofsi" or source.members[0].suffix.lower() != ".xlsx":
            for member in source.members:
                problem = encoding_problem(source.head(member))
                if problem is not None:
                    raise InputError(
                        f"{problem.reason} (--format {fmt})", path=str(member), line=problem.line
                    )
        return cls(source)
    refusals: dict[str, str] = {}
    for name in FORMATS:
        cls = loader_class(name)
        try:
            if cls.sniff(source):
                return cls(source)
        except InputError as exc:
            refusals[name] = exc.message
    raise _unknown(source, path, refusals)


def _unknown(source: Source, path: Path | str, refusals: dict[str, str]) -> UnknownFormat:
    member = source.members[0]
    problem = head_problem(source, member)
    by_message: dict[str, list[str]] = {}
    for name, message in refusals.items():
        by_message.setdefault(message, []).append(name)
    parts = [] if problem is None else [problem.reason]
    for message, names in by_message.items():
        bare = message.split(": ", 1)[1] if message.startswith(f"{member}: ") else message
        if len(names) > 1:  # the file itself could not be opened: one reason for all
            if problem is None:
                parts.append(bare)
        else:
            parts.append(f"{names[0]} refused it: {bare}")
    near = [name for name in resembles(source, member) if name not in refusals]
    if near:
        looks = " or ".join(near)
        parts.append(
            f"otherwise it looks like {looks}"
            if parts
            else f"it looks like {looks} but does not match its layout"
        )
    if not parts:
        parts.append(
            "not OFAC CSV/XML/Enhanced XML, US CSL, BIS DPL, UN, EU FSF, UK OFSI or "
            "FollowTheMoney JSON"
        )
    return UnknownFormat(
        "unknown list format: " + "; ".join(parts),
        path=str(path),
        line=problem.line if problem is not None else None,
    )
