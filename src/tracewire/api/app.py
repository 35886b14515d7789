"""The app factory: one FastAPI app per store, one router per concern."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from tracewire import __version__
from tracewire.api.budget import ScreeningPool
from tracewire.api.errors import install_error_handlers
from tracewire.api.limits import RequestLimits
from tracewire.api.routers import (
    algorithms,
    catalog,
    entities,
    health,
    match,
    parts,
    reports,
    routes,
    scan,
    search,
    weapons,
)
from tracewire.api.runtime import Runtime
from tracewire.api.settings import ApiSettings, settings_from_env
from tracewire.store import Store

DESCRIPTION = """
Screen names against the official sanctions lists tracewire holds (`/match` speaks yente's
request and response shape, so yente clients work unchanged), read entities and list
versions, decode and attribute chip markings, and break recovered weapons down by maker.

Every error has one shape: `{"status": 404, "type": "not_found", "detail": "…"}`.
"""

TAGS = [
    {"name": "Matching", "description": "Screening by example and free-text search."},
    {"name": "Data access", "description": "Entities as the store holds them."},
    {"name": "Parts", "description": "Chip markings: decode, attribute to makers."},
    {"name": "Weapons", "description": "Teardowns of recovered weapons, chokepoints."},
    {
        "name": "Scan",
        "description": "Documents to the listed parties, weapons and parts they name.",
    },
    {"name": "Routes", "description": "Supply routes: trade, relationships, red flags."},
    {"name": "System information", "description": "Health, readiness, catalog."},
]


def create_app(
    db: str | None = None,
    *,
    store: Store | None = None,
    settings: ApiSettings | None = None,
    wait_ready: bool = False,
) -> FastAPI:
    """The tracewire API on the store ``db`` (path or SQLAlchemy URL; default
    ``TRACEWIRE_DB`` or ``tracewire.db``) or on an open ``store``.

    The screening index is built at start-up in the background (``/readyz`` answers 503
    until it is done) or, with ``wait_ready``, before the app serves its first request.
    """
    settings = settings or ApiSettings()
    if store is None and db is None:
        db = os.environ.get("TRACEWIRE_DB") or "tracewire.db"
    runtime = Runtime(db, store=store, refresh_seconds=settings.refresh_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if wait_ready:
            runtime.build_now()
        else:
            runtime.start()
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="tracewire",
        description=DESCRIPTION,
        version=__version__,
        openapi_tags=TAGS,
        lifespan=lifespan,
        # a body without Content-Type is read as JSON, as yente reads it (no cookies or
        # credentials here, so no cross-site request can act for anyone)
        strict_content_type=False,
    )
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.screening = ScreeningPool(settings.screen_threads, settings.time_budget_seconds)
    install_error_handlers(app)
    # inside CORS (added after it is outermost), so refusals carry the CORS headers
    app.add_middleware(RequestLimits, settings=settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_credentials=False,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept"],
        )
    for module in (match, search, entities, catalog, algorithms, health, parts, weapons, reports):
        app.include_router(module.router)
    app.include_router(routes.router)
    app.include_router(scan.router)
    return app


def app_from_env() -> FastAPI:
    """The app as ``tracewire serve`` starts it in each uvicorn worker (the store from
    ``TRACEWIRE_DB``, settings from ``settings.ENV_NAMES``)."""
    return create_app(os.environ.get("TRACEWIRE_DB"), settings=settings_from_env())
