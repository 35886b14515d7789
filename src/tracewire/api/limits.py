"""Bounds on a request before any route sees it: URL length, body size, content type, JSON.

:class:`RequestLimits` is a plain ASGI middleware. It refuses, in the one error shape:

- a request target longer than ``max_url_chars`` (414 ``uri_too_long``);
- a body whose ``Content-Length`` is over ``max_body_bytes``, before reading it, or that
  grows past it while being read (chunked), without keeping it (413 ``payload_too_large``);
- a body that is not JSON by its ``Content-Type`` (415 ``unsupported_media_type``; no
  ``Content-Type`` at all is read as JSON, as yente reads it);
- a body that is not JSON: bad syntax, not UTF-8, a lone surrogate (``"\\ud800"``), NaN,
  or arrays and objects nested deeper than ``max_json_depth`` (400 ``malformed_json``).

So every string a route receives from a body is valid Unicode text (no surrogates) and every
body is small and shallow; the routes' own checks (``examples.py``) bound the rest. A refused
body is read to its end (up to :data:`DRAIN_BYTES`) before answering, so the client reads
the error instead of a reset connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracewire.api.errors import (
    MalformedJson,
    PayloadTooLarge,
    UnsupportedMediaType,
    UriTooLong,
    error_response,
    error_type,
)
from tracewire.api.settings import ApiSettings, setting_name
from tracewire.errors import TracewireError, UsageError

#: methods whose body is read and checked
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
#: a refused body is read and thrown away up to this many bytes (then the connection closes)
DRAIN_BYTES = 64 * 1024 * 1024


class BadRequest(UsageError):
    """A request HTTP itself does not allow (a Content-Length that is not a number)."""

    type = "bad_request"


class _ClientGone(Exception):
    """The client disconnected while its body was being read."""


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return bytes(value)
    return None


def check_target(scope: Scope, settings: ApiSettings) -> None:
    """414 when the path and query string are longer than the setting allows."""
    path = scope.get("raw_path") or str(scope.get("path", "")).encode("utf-8", "replace")
    length = len(path) + len(scope.get("query_string") or b"")
    if length > settings.max_url_chars:
        raise UriTooLong(
            f"request URL of {length} characters is longer than "
            f"{settings.max_url_chars} ({setting_name('max_url_chars')})"
        )


def declared_length(scope: Scope) -> int | None:
    """The ``Content-Length`` header as a number (None when absent)."""
    raw = _header(scope, b"content-length")
    if raw is None:
        return None
    text = raw.decode("latin-1").strip()
    if not text.isdigit():
        raise BadRequest(f"Content-Length is not a number: {text[:40]!r}")
    return int(text)


def check_headers(scope: Scope, settings: ApiSettings) -> None:
    """413 from ``Content-Length`` before reading; 415 for a body that is not JSON."""
    limit = settings.max_body_bytes
    declared = declared_length(scope)
    if declared is not None and declared > limit:
        raise PayloadTooLarge(_too_large(limit, f"of {declared} bytes is larger"))
    content_type = _header(scope, b"content-type")
    if declared != 0 and not is_json_type(content_type):
        kind = (content_type or b"").decode("latin-1")[:80]
        raise UnsupportedMediaType(
            f"request body must be JSON (Content-Type: application/json), not {kind!r}"
        )


def is_json_type(raw: bytes | None) -> bool:
    """Whether a ``Content-Type`` names JSON (absent counts as JSON, as in yente)."""
    if raw is None or not raw.strip():
        return True
    media = raw.decode("latin-1").split(";", 1)[0].strip().lower()
    kind, _, subtype = media.partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


def too_deep(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (iterative: no recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


def check_json(body: bytes, settings: ApiSettings) -> None:
    """400 ``malformed_json`` unless ``body`` is UTF-8 JSON, surrogate-free and shallow."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise MalformedJson(f"request body is not valid JSON: {exc}") from None
    limit = settings.max_json_depth
    # a body with fewer brackets than the limit cannot nest deeper (bytes.count is cheap)
    if body.count(b"[") + body.count(b"{") > limit and too_deep(value, limit):
        raise MalformedJson(
            f"request body nests arrays and objects deeper than {limit} levels "
            f"({setting_name('max_json_depth')})"
        )


async def read_body(receive: Receive, limit: int) -> bytes:
    """The whole body; :class:`PayloadTooLarge` as soon as it grows past ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(_too_large(limit, "has more"))
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _too_large(limit: int, how: str) -> str:
    return (
        f"request body {how} than {limit} bytes ({setting_name('max_body_bytes')}); "
        "send fewer queries per request"
    )


async def drain(receive: Receive) -> None:
    """Read what is left of a refused body (up to :data:`DRAIN_BYTES`), keeping nothing."""
    seen = 0
    while seen <= DRAIN_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def replay(body: bytes, receive: Receive) -> Callable[[], Awaitable[Message]]:
    """A ``receive`` that gives the body read already, then waits as the original does."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


class RequestLimits:
    """The ASGI middleware (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = scope.get("method") not in BODY_METHODS
        try:
            check_target(scope, self.settings)
            if not body_done:
                check_headers(scope, self.settings)
                body = await read_body(receive, self.settings.max_body_bytes)
                body_done = True
                if body.strip():
                    check_json(body, self.settings)
                receive = replay(body, receive)
        except _ClientGone:
            return
        except TracewireError as exc:
            if not body_done:
                await drain(receive)
            response = error_response(exc.status, error_type(exc), exc.message)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
