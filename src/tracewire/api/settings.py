"""Settings of one app instance (from ``create_app`` arguments or the environment)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from tracewire.errors import UsageError

DEFAULT_BATCH_LIMIT = 100
DEFAULT_REFRESH_SECONDS = 5.0


@dataclass(frozen=True)
class ApiSettings:
    """What an operator can set: batch size, how often to look for new list versions, CORS."""

    batch_limit: int = DEFAULT_BATCH_LIMIT
    refresh_seconds: float = DEFAULT_REFRESH_SECONDS
    #: origins allowed to call the API from a browser (never with credentials); () = no CORS
    cors_origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.batch_limit < 1:
            raise UsageError(f"batch limit must be at least 1, got {self.batch_limit}")
        if self.refresh_seconds < 0:
            raise UsageError(f"refresh interval must be >= 0, got {self.refresh_seconds}")
        if "*" in self.cors_origins:
            raise UsageError("CORS origin '*' is not allowed: list the origins explicitly")


def split_origins(text: str | None) -> tuple[str, ...]:
    """Origins from a comma- or space-separated string."""
    if not text:
        return ()
    return tuple(part for part in text.replace(",", " ").split() if part)


def settings_from_env() -> ApiSettings:
    """Settings from ``TRACEWIRE_BATCH_LIMIT``, ``TRACEWIRE_REFRESH_SECONDS`` and
    ``TRACEWIRE_CORS_ORIGINS`` (how ``tracewire serve`` passes them to its workers)."""
    try:
        batch = int(os.environ.get("TRACEWIRE_BATCH_LIMIT", DEFAULT_BATCH_LIMIT))
        refresh = float(os.environ.get("TRACEWIRE_REFRESH_SECONDS", DEFAULT_REFRESH_SECONDS))
    except ValueError as exc:
        raise UsageError(f"bad API setting in the environment: {exc}") from exc
    return ApiSettings(
        batch_limit=batch,
        refresh_seconds=refresh,
        cors_origins=split_origins(os.environ.get("TRACEWIRE_CORS_ORIGINS")),
    )
