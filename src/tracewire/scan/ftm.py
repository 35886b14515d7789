"""A scan as FollowTheMoney entities: the Document, and per finding a ``Mention`` (the
words as written, resolved to the listed entity) and a ``Documentation`` (the document
names the entity, with the sentences quoted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from followthemoney import model

from tracewire.scan.findings import ScanReport

_SCHEMA = {"listed": None, "maker": "Company", "weapon": "Thing", "part": "Thing"}


def _entity(schema: str, entity_id: str, props: dict[str, list[str]]) -> dict[str, Any]:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in props.items():
        for value in values:
            proxy.add(prop, value)
    return dict(proxy.to_dict())


def ftm_entities(report: ScanReport) -> Iterator[dict[str, Any]]:
    """The Document first, then a Mention (and for a listed party a Documentation) per
    finding; ids are stable for the same document and finding."""
    document = report.document
    doc_id = f"scan-doc-{document.sha256[:20]}"
    doc_props = {
        "title": [document.title],
        "contentHash": [document.sha256],
        "mimeType": [document.media_type],
        "fileName" if "://" not in document.source else "sourceUrl": [document.source],
    }
    yield _entity("Document", doc_id, doc_props)
    for finding in report.findings:
        key = f"{doc_id}-{finding.kind}-{finding.id}".replace(" ", "_")
        names = sorted({c.text for c in finding.citations})
        schema = _SCHEMA[finding.kind] or str(finding.details.get("schema") or "LegalEntity")
        mention: dict[str, list[str]] = {
            "document": [doc_id],
            "name": names,
            "detectedSchema": [schema],
        }
        if finding.kind == "listed":
            mention["resolved"] = [finding.id]
        yield _entity("Mention", f"{key}-mention", mention)
        if finding.kind == "listed":
            yield _entity(
                "Documentation",
                f"{key}-documentation",
                {
                    "document": [doc_id],
                    "entity": [finding.id],
                    "role": ["named in the document"],
                    "summary": [c.sentence for c in finding.citations],
                },
            )
