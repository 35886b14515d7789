"""``tracewire serve``: the HTTP API on uvicorn."""

from __future__ import annotations

import os

import click

from tracewire.api.settings import ApiSettings
from tracewire.cli.common import db_url
from tracewire.errors import UsageError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (each builds its own screening index).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Browser origin allowed to call the API (repeatable; never with credentials; "
    "default: no CORS).",
)
@click.option(
    "--batch-limit",
    default=100,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Most queries in one /match request.",
)
@click.option(
    "--refresh-seconds",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.0),
    help="How often to look for new list versions (the index is rebuilt when they change).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
@click.pass_context
def command(
    ctx: click.Context,
    host: str,
    port: int,
    workers: int,
    cors_origins: tuple[str, ...],
    batch_limit: int,
    refresh_seconds: float,
    log_level: str,
) -> None:
    """Serve the HTTP API (yente-compatible /match, /search, /entities, /catalog, parts and
    weapons; OpenAPI docs at /docs) on the store given by the global --db."""
    import uvicorn

    for origin in cors_origins:
        if origin == "*" or not origin.startswith(("http://", "https://")):
            raise UsageError(
                f"--cors-origin: give a full origin like https://example.org, not {origin!r}"
            )
    # validate here so a bad option is a usage error, not a worker crash
    ApiSettings(
        batch_limit=batch_limit, refresh_seconds=refresh_seconds, cors_origins=tuple(cors_origins)
    )
    # the workers build the app from the environment (uvicorn imports the factory)
    os.environ["TRACEWIRE_DB"] = db_url(ctx)
    os.environ["TRACEWIRE_BATCH_LIMIT"] = str(batch_limit)
    os.environ["TRACEWIRE_REFRESH_SECONDS"] = str(refresh_seconds)
    os.environ["TRACEWIRE_CORS_ORIGINS"] = " ".join(cors_origins)
    click.echo(f"tracewire: serving {db_url(ctx)} on http://{host}:{port} (docs: /docs)", err=True)
    uvicorn.run(
        "tracewire.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
    )
