"""Settings of one app instance (from ``create_app`` arguments or the environment).

Every limit that bounds the work of one request lives here, with its default and the
environment variable ``tracewire serve`` passes it to its workers by (:data:`ENV_NAMES`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from tracewire.errors import UsageError

DEFAULT_BATCH_LIMIT = 100
DEFAULT_REFRESH_SECONDS = 5.0
#: /match's default ``limit`` and ``candidates`` (yente's default limit is 5)
DEFAULT_LIMIT = 5
DEFAULT_CANDIDATES = 50


@dataclass(frozen=True)
class ApiSettings:
    """What an operator can set: request limits, the screening time budget and threads,
    how often to look for new list versions, CORS."""

    #: most queries in one /match request
    batch_limit: int = DEFAULT_BATCH_LIMIT
    refresh_seconds: float = DEFAULT_REFRESH_SECONDS
    #: origins allowed to call the API from a browser (never with credentials); () = no CORS
    cors_origins: tuple[str, ...] = ()
    #: largest request body, checked from Content-Length before reading and while reading
    max_body_bytes: int = 1_048_576
    #: longest request target (path and query string)
    max_url_chars: int = 8192
    #: deepest nesting of arrays and objects in a JSON body
    max_json_depth: int = 32
    #: most names one query may carry (name properties and combined name parts)
    max_names: int = 5
    #: longest name, in characters
    max_name_chars: int = 200
    #: longest value of any other property, in characters
    max_value_chars: int = 1000
    #: most values of one property in one query
    max_values: int = 100
    #: largest ``limit`` (results per query)
    max_limit: int = 100
    #: largest ``candidates`` (candidates scored per query); a query scores at least ``limit``
    max_candidates: int = 100
    #: seconds one /match request may take, waiting for a screening thread included
    time_budget_seconds: float = 10.0
    #: screening threads per worker (screening never runs on the event loop)
    screen_threads: int = 2

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name in ("refresh_seconds", "cors_origins"):
                continue
            if isinstance(value, int | float) and value <= 0:
                raise UsageError(f"{setting_name(item.name)} must be positive, got {value}")
        # the defaults of /match's limit and candidates must stay allowed
        for name, least in (("max_limit", DEFAULT_LIMIT), ("max_candidates", DEFAULT_CANDIDATES)):
            if getattr(self, name) < least:
                raise UsageError(f"{setting_name(name)} must be at least {least} (the default)")
        if self.refresh_seconds < 0:
            raise UsageError(f"refresh interval must be >= 0, got {self.refresh_seconds}")
        if "*" in self.cors_origins:
            raise UsageError("CORS origin '*' is not allowed: list the origins explicitly")


def setting_name(field_name: str) -> str:
    """How a setting is named to the user: its environment variable."""
    return ENV_NAMES.get(field_name, field_name)


#: the environment variable of each setting (``tracewire serve`` sets them for its workers)
ENV_NAMES = {item.name: f"TRACEWIRE_{item.name.upper()}" for item in fields(ApiSettings)}
ENV_NAMES["cors_origins"] = "TRACEWIRE_CORS_ORIGINS"


def split_origins(text: str | None) -> tuple[str, ...]:
    """Origins from a comma- or space-separated string."""
    if not text:
        return ()
    return tuple(part for part in text.replace(",", " ").split() if part)


def settings_from_env() -> ApiSettings:
    """Settings from the environment (:data:`ENV_NAMES`; unset means the default)."""
    values: dict[str, object] = {}
    for item in fields(ApiSettings):
        raw = os.environ.get(ENV_NAMES[item.name])
        if raw is None or raw == "":
            continue
        if item.name == "cors_origins":
            values[item.name] = split_origins(raw)
            continue
        kind = float if isinstance(item.default, float) else int
        try:
            values[item.name] = kind(raw)
        except ValueError as exc:
            raise UsageError(f"{ENV_NAMES[item.name]}: not a number: {raw!r}") from exc
    return ApiSettings(**values)  # type: ignore[arg-type]


def settings_to_env(settings: ApiSettings) -> dict[str, str]:
    """The environment that makes :func:`settings_from_env` give ``settings`` back."""
    env = {}
    for item in fields(ApiSettings):
        value = getattr(settings, item.name)
        env[ENV_NAMES[item.name]] = " ".join(value) if isinstance(value, tuple) else str(value)
    return env
