"""``tracewire serve``: the HTTP API on uvicorn."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from tracewire.api.settings import ApiSettings, settings_from_env, settings_to_env
from tracewire.cli.common import db_url
from tracewire.errors import UsageError

#: seconds a worker may leave uvicorn's liveness ping unanswered before it is killed and
#: restarted. uvicorn's 5 s default killed workers in a loop: building the screening index
#: holds the GIL in long C calls (the ping is answered by a Python thread), for more than 5 s
#: when the machine is busy.
WORKER_HEALTHCHECK_SECONDS = 120


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
    "--max-body-bytes",
    default=ApiSettings.max_body_bytes,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body (checked before it is read).",
)
@click.option(
    "--max-names",
    default=ApiSettings.max_names,
    show_default=True,
    type=click.IntRange(1),
    help="Most names in one /match query.",
)
@click.option(
    "--max-name-chars",
    default=ApiSettings.max_name_chars,
    show_default=True,
    type=click.IntRange(1),
    help="Longest name in a query, in characters.",
)
@click.option(
    "--max-limit",
    default=ApiSettings.max_limit,
    show_default=True,
    type=click.IntRange(5, 500),
    help="Largest /match limit (results per query).",
)
@click.option(
    "--max-candidates",
    default=ApiSettings.max_candidates,
    show_default=True,
    type=click.IntRange(50, 500),
    help="Largest /match candidates (candidates scored per query).",
)
@click.option(
    "--time-budget",
    "time_budget_seconds",
    default=ApiSettings.time_budget_seconds,
    show_default=True,
    type=click.FloatRange(min=0.0, min_open=True),
    help="Seconds one /match request may take before it answers 503 timeout.",
)
@click.option(
    "--screen-threads",
    default=ApiSettings.screen_threads,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Screening threads per worker (screening never runs on the event loop).",
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
    max_body_bytes: int,
    max_names: int,
    max_name_chars: int,
    max_limit: int,
    max_candidates: int,
    time_budget_seconds: float,
    screen_threads: int,
    refresh_seconds: float,
    log_level: str,
) -> None:
    """Serve the HTTP API (yente-compatible /match, /search, /entities, /catalog, parts and
    weapons; OpenAPI docs at /docs) on the store given by the global --db.

    Limits not given as options keep their values from the environment
    (TRACEWIRE_MAX_URL_CHARS, TRACEWIRE_MAX_JSON_DEPTH, TRACEWIRE_MAX_VALUE_CHARS,
    TRACEWIRE_MAX_VALUES) or their defaults; see the README's HTTP API section."""
    import uvicorn

    for origin in cors_origins:
        if origin == "*" or not origin.startswith(("http://", "https://")):
            raise UsageError(
                f"--cors-origin: give a full origin like https://example.org, not {origin!r}"
            )
    # validate here so a bad option is a usage error, not a worker crash
    settings = replace(
        settings_from_env(),
        batch_limit=batch_limit,
        refresh_seconds=refresh_seconds,
        cors_origins=tuple(cors_origins),
        max_body_bytes=max_body_bytes,
        max_names=max_names,
        max_name_chars=max_name_chars,
        max_limit=max_limit,
        max_candidates=max_candidates,
        time_budget_seconds=time_budget_seconds,
        screen_threads=screen_threads,
    )
    # the workers build the app from the environment (uvicorn imports the factory)
    os.environ["TRACEWIRE_DB"] = db_url(ctx)
    os.environ.update(settings_to_env(settings))
    click.echo(f"tracewire: serving {db_url(ctx)} on http://{host}:{port} (docs: /docs)", err=True)
    uvicorn.run(
        "tracewire.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level=log_level,
    )
