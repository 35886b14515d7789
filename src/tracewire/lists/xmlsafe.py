"""Safe streaming XML for untrusted list files.

Official lists never declare entities, so a document type with an internal subset that
declares entities (billion laughs, external entities pointing at local files) is refused
before parsing. The parser itself runs with entity resolution, DTD loading and network
access off, and without lxml's huge-tree mode, so memory stays bounded. Each yielded record's
texts and attributes pass the value rules (:mod:`tracewire.lists.values`): control
characters removed with a warning naming the line, nothing over the field limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

from tracewire.errors import InputError
from tracewire.lists.values import ValueCleaner

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def check_prolog(head: bytes, path: str) -> None:
    """Refuse documents whose DOCTYPE declares entities or loads an external DTD."""
    match = _DOCTYPE.search(head)
    if match is None:
        return
    if _ENTITY_DECL.search(head, match.start()):
        raise InputError(
            "XML declares entities in its DOCTYPE (entity expansion / external entity); refused",
            path=path,
            element="!DOCTYPE",
        )
    if re.search(rb"<!DOCTYPE[^>\[]*(SYSTEM|PUBLIC)", head, re.IGNORECASE):
        raise InputError("XML references an external DTD; refused", path=path, element="!DOCTYPE")


def local(tag: object) -> str:
    """The tag name without its namespace."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def iterparse(
    stream: IO[bytes], path: str, tags: set[str], head: bytes | None = None
) -> Iterator[etree._Element]:
    """Yield each completed element whose local name is in ``tags``, then free it.

    Errors (malformed, truncated, hostile XML) become :class:`InputError` naming the file and
    the line. The caller must not keep references to yielded elements after the next one.
    """
    if head is not None:
        check_prolog(head, path)
    context = etree.iterparse(
        stream,
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        recover=False,
    )
    clean = ValueCleaner(path)
    try:
        for _event, elem in context:
            name = local(elem.tag)
            if name in tags:
                _clean_tree(elem, clean)
                yield elem
                elem.clear(keep_tail=False)
                parent = elem.getparent()
                if parent is not None:
                    while elem.getprevious() is not None:
                        del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise InputError(f"malformed XML: {exc.msg}", path=path, line=line) from exc


def _clean_tree(elem: etree._Element, clean: ValueCleaner) -> None:
    most = clean.max_field
    for node in elem.iter():
        line = node.sourceline if isinstance(node.sourceline, int) else None
        body = node.text
        if body is not None and (len(body) > most or not body.isprintable()):
            node.text = clean(body, line, local(node.tag))
        for key, raw in node.attrib.items():
            value = raw if isinstance(raw, str) else raw.decode("utf-8")
            if len(value) > most or not value.isprintable():
                node.set(key, clean(value, line, local(key)))


def text(elem: etree._Element | None) -> str | None:
    """Stripped text of an element, or None when empty."""
    if elem is None or elem.text is None:
        return None
    value = elem.text.strip()
    return value or None


def child_text(elem: etree._Element, name: str) -> str | None:
    """Text of the first direct child with the local name ``name``."""
    for child in elem:
        if local(child.tag) == name:
            return text(child)
    return None


def children(elem: etree._Element, name: str) -> Iterator[etree._Element]:
    """Direct children with the local name ``name``."""
    for child in elem:
        if local(child.tag) == name:
            yield child
