"""``POST /scan``: a document (text, or a file as base64) to the listed parties, weapons,
parts and makers it names, each finding with its citations (as ``tracewire scan --json``)."""

from __future__ import annotations

import base64
import binascii
import threading
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from tracewire.api.deps import IndexDep, RuntimeDep
from tracewire.api.errors import error_responses
from tracewire.errors import InputError
from tracewire.scan.findings import KINDS
from tracewire.scan.read import read_bytes
from tracewire.scan.scanner import Scanner, parse_kinds

router = APIRouter(tags=["Scan"])

#: one scan at a time per process (the scanner's caches and the store are shared)
_LOCK = threading.Lock()


class ScanRequest(BaseModel):
    """A document as text, or a file (HTML, PDF, text) as base64; ``name`` names it in
    citations and tells its format (``report.pdf``, ``page.html``)."""

    text: str | None = Field(None, description="The document as text (or Markdown).")
    content_base64: str | None = Field(None, description="A file's bytes, base64-encoded.")
    name: str = Field("upload.txt", max_length=300, examples=["article.txt"])
    threshold: float | None = Field(None, ge=0.0, le=1.0, description="Match threshold.")
    kinds: list[str] | None = Field(None, description=f"Any of {', '.join(KINDS)} (all).")

    model_config = {
        "json_schema_extra": {
            "examples": [{"text": "Mykola Patrushev travelled to Tehran.", "name": "a.txt"}]
        }
    }


def _content(request: ScanRequest) -> bytes:
    if (request.text is None) == (request.content_base64 is None):
        raise InputError("give either text or content_base64", field="text")
    if request.text is not None:
        return request.text.encode("utf-8")
    try:
        return base64.b64decode(request.content_base64 or "", validate=True)
    except (binascii.Error, ValueError):
        raise InputError("not valid base64", field="content_base64") from None


@router.post(
    "/scan",
    summary="Scan a document for listed parties, weapons, parts and makers",
    responses=error_responses(400, 413, 415, 422, 503),
)
def scan_document(request: ScanRequest, runtime: RuntimeDep, index: IndexDep) -> dict[str, Any]:
    """The findings of one document with their citations (page, character offsets, the
    sentence quoted) and, for a listed party, the entity, its sanctions and the screening's
    score, explanation, algorithm and list versions. The body is bounded by the server's
    request size limit."""
    kinds = parse_kinds(request.kinds)
    document = read_bytes(_content(request), request.name, name=request.name)
    with _LOCK:
        scanner = Scanner.for_screener(index.screener, runtime.store)
        report = scanner.scan(document, threshold=request.threshold, kinds=kinds)
    return report.to_dict()
