"""A progress line on stderr for long work (only when stderr is a terminal)."""

from __future__ import annotations

import sys
import time
from types import TracebackType


class Progress:
    """``with Progress("loading x") as p: p.update(n)`` prints ``loading x: n entities``."""

    def __init__(self, label: str, unit: str = "entities", enabled: bool | None = None) -> None:
        self.label = label
        self.unit = unit
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self._last = 0.0

    def update(self, count: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.1:
            return
        self._last = now
        rate = count / max(now - self.started, 1e-9)
        sys.stderr.write(f"\r{self.label}: {count:,} {self.unit} ({rate:,.0f}/s)")
        sys.stderr.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
