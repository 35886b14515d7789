"""``/parts/decode`` and ``/parts/resolve``: chip markings to parts, date codes and makers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from tracewire.api.deps import RuntimeDep
from tracewire.api.errors import BatchTooLarge, error_body, error_responses, error_type
from tracewire.api.examples import check_text
from tracewire.api.models import (
    DECODE_EXAMPLE,
    RESOLVE_EXAMPLE,
    DecodeRequest,
    ItemsResponse,
    ResolveRequest,
    example_response,
)
from tracewire.api.runtime import Runtime
from tracewire.errors import TracewireError
from tracewire.parts.maker_decision import resolve
from tracewire.parts.marking import decode

router = APIRouter(tags=["Parts"])

#: markings per POST request
MAX_PARTS_BATCH = 1000
MARKING = Query(
    ...,
    description="A chip marking as transcribed, or a part number.",
    examples=["STM32F405RGT6 GH22U 93 CHN 318"],
)


def _check_batch(items: list[str]) -> None:
    if len(items) > MAX_PARTS_BATCH:
        raise BatchTooLarge(f"too many markings: {len(items)} (limit: {MAX_PARTS_BATCH})")


def _item_error(text: str, exc: TracewireError) -> dict[str, Any]:
    return {"input": text, "error": error_body(exc.status, error_type(exc), exc.message)}


def _decode(marking: str, maker: str | None) -> dict[str, Any]:
    text = check_text(marking, "marking")
    decoded: dict[str, Any] = decode(text, maker=maker).to_dict()
    return decoded


@router.get(
    "/parts/decode",
    summary="Decode one marking",
    responses={**example_response(DECODE_EXAMPLE, "The decoded marking"), **error_responses(400)},
)
def decode_one(
    marking: str = MARKING,
    maker: str | None = Query(None, description="Maker, when known (enables its date forms)."),
) -> dict[str, Any]:
    """Split a marking into part number (ordering suffixes apart), date code with its
    decoded year and ISO week, lot code and country of assembly; ambiguous tokens are
    reported as ambiguous, look-alike letters fixed with a warning."""
    return _decode(marking, maker)


@router.post(
    "/parts/decode",
    summary="Decode many markings",
    response_model=ItemsResponse,
    responses=error_responses(400, 422),
)
def decode_many(body: DecodeRequest) -> dict[str, Any]:
    """Decode each marking; a marking that cannot be decoded gets an `error` in the one
    error shape and the others are still decoded."""
    _check_batch(body.markings)
    results = []
    for marking in body.markings:
        try:
            results.append(_decode(marking, body.maker))
        except TracewireError as exc:
            results.append(_item_error(marking, exc))
    return {"results": results}


def _resolve(
    runtime: Runtime, text: str, brand: str | None, year: int | None, screen: bool
) -> dict[str, Any]:
    screener = runtime.require().screener if screen else None
    resolution = resolve(check_text(text, "q"), brand=brand, year=year, screener=screener)
    out: dict[str, Any] = resolution.to_dict()
    return out


@router.get(
    "/parts/resolve",
    summary="Attribute one part",
    responses={**example_response(RESOLVE_EXAMPLE, "The attribution"), **error_responses(400, 503)},
)
def resolve_one(
    runtime: RuntimeDep,
    q: str = Query(
        ...,
        description="A part number or a chip marking as transcribed.",
        examples=["MAX3485ESA+ 2146"],
    ),
    brand: str | None = Query(None, description="Brand as marked, if legible."),
    year: int | None = Query(None, ge=1950, le=2100, description="Production year."),
    screen: bool = Query(False, description="Screen the maker against the loaded lists."),
) -> dict[str, Any]:
    """Ranked maker candidates with confidence and the rule that fired, the maker at the
    part's date code and today's owner, the HQ country; `screen=true` adds the maker's
    screening hits. Second-source parts stay ambiguous unless `brand` settles them."""
    return _resolve(runtime, q, brand, year, screen)


@router.post(
    "/parts/resolve",
    summary="Attribute many parts",
    response_model=ItemsResponse,
    responses=error_responses(400, 422, 503),
)
def resolve_many(runtime: RuntimeDep, body: ResolveRequest) -> dict[str, Any]:
    """Resolve each part number or marking; one that cannot be read gets an `error`."""
    _check_batch(body.queries)
    results = []
    for text in body.queries:
        try:
            results.append(_resolve(runtime, text, body.brand, body.year, body.screen))
        except TracewireError as exc:
            if exc.status >= 500:
                raise
            results.append(_item_error(text, exc))
    return {"results": results}
