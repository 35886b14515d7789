"""API errors and the one handler that turns every error into one JSON shape.

Every error the API returns looks like ``{"status": 404, "type": "not_found", "detail": "…"}``:
our own :class:`~tracewire.errors.TracewireError` subclasses (which carry their HTTP status),
FastAPI's request validation errors, Starlette's 404/405 and, as a last resort, unexpected
exceptions (500, without internals).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tracewire.errors import NotFound, TracewireError, UsageError

log = logging.getLogger(__name__)

#: names for the HTTP statuses Starlette raises itself (unknown route, wrong method, ...)
HTTP_TYPES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
    503: "not_ready",
}


class BatchTooLarge(UsageError):
    """More queries in one ``/match`` request than the server's batch limit."""

    status = 400
    type = "batch_too_large"


class InvalidQuery(UsageError):
    """A query that cannot be screened (no name, unknown schema, bad characters, ...)."""

    status = 400
    type = "invalid_query"


class UnknownDataset(NotFound):
    """A dataset name that is neither in the store nor a collection name."""

    status = 404
    type = "unknown_dataset"


class NotReady(TracewireError):
    """The screening index is still being built; retry shortly."""

    status = 503
    type = "not_ready"


class MalformedJson(UsageError):
    """A body that is not JSON: bad syntax, not UTF-8, a lone surrogate, nested too deep."""

    status = 400
    type = "malformed_json"


class PayloadTooLarge(UsageError):
    """A request body over the server's ``max_body_bytes``."""

    status = 413
    type = "payload_too_large"


class UriTooLong(UsageError):
    """A request target (path and query string) over the server's ``max_url_chars``."""

    status = 414
    type = "uri_too_long"


class UnsupportedMediaType(UsageError):
    """A request body that is not JSON by its ``Content-Type``."""

    status = 415
    type = "unsupported_media_type"


class Timeout(TracewireError):
    """A request that ran past the server's time budget (``time_budget_seconds``)."""

    status = 503
    type = "timeout"


def error_type(exc: TracewireError) -> str:
    """The ``type`` of an error: its ``type`` attribute or its class name in snake case."""
    explicit = getattr(type(exc), "type", None)
    if isinstance(explicit, str):
        return explicit
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def error_body(status: int, kind: str, detail: str) -> dict[str, Any]:
    """The one error shape."""
    return {"status": status, "type": kind, "detail": detail}


def error_response(status: int, kind: str, detail: str) -> JSONResponse:
    headers = {"Retry-After": "2"} if status == 503 else None
    return JSONResponse(error_body(status, kind, detail), status_code=status, headers=headers)


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def describe_validation(errors: Sequence[Any]) -> tuple[int, str, str]:
    """(status, type, detail) for FastAPI's validation errors; malformed JSON is a 400."""
    if any(err.get("type") == "json_invalid" for err in errors):
        first = next(err for err in errors if err.get("type") == "json_invalid")
        ctx = first.get("ctx") or {}
        reason = ctx.get("error", "invalid JSON")
        return 400, "malformed_json", f"request body is not valid JSON: {reason}"
    parts = []
    for err in errors[:10]:
        where = _location(err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
    more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
    return 422, "validation_error", "; ".join(parts) + more


async def _tracewire_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, TracewireError):  # pragma: no cover - registration guarantees it
        raise exc
    return error_response(exc.status, error_type(exc), exc.message)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):  # pragma: no cover
        raise exc
    status, kind, detail = describe_validation(list(exc.errors()))
    return error_response(status, kind, detail)


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):  # pragma: no cover
        raise exc
    kind = HTTP_TYPES.get(exc.status_code, "http_error")
    detail = str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such route: {request.method} {request.url.path}"
    response = error_response(exc.status_code, kind, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Map every error to the one shape (see the module docstring)."""
    app.add_exception_handler(TracewireError, _tracewire_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


#: the OpenAPI description of error responses, for ``responses=`` on routes
def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given statuses, all with the error model."""
    from tracewire.api.models import ErrorResponse

    descriptions = {
        400: "Bad request (invalid query, batch too large, malformed JSON)",
        404: "Unknown dataset, entity or weapon",
        413: "Request body larger than the server accepts",
        414: "Request URL longer than the server accepts",
        415: "Request body is not JSON",
        422: "Request does not validate",
        503: "Index not built yet, or the request ran past its time budget",
    }
    return {
        status: {"model": ErrorResponse, "description": descriptions.get(status, "Error")}
        for status in statuses
    }
