"""Screening off the event loop, in a bounded set of threads, within a time budget.

A ``/match`` request's queries are screened in one of ``screen_threads`` threads (more
requests wait for a thread; the event loop keeps answering ``/healthz`` and reading other
requests meanwhile). Each request has ``time_budget_seconds`` from the moment it asks for a
thread: the job checks its :class:`Deadline` before every query and gives up with
503 ``timeout`` instead of running on. The compiled core holds the GIL while it aligns one
query's names with its candidates, so the request limits (names, characters, candidates)
are what bound the longest stretch the event loop can wait; ``bench/load.py`` measures it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from tracewire.api.errors import Timeout
from tracewire.api.settings import setting_name

T = TypeVar("T")


class Deadline:
    """When a request's time budget runs out."""

    def __init__(self, budget_seconds: float) -> None:
        self.budget = budget_seconds
        self.started = time.monotonic()

    def check(self, doing: str) -> None:
        """:class:`Timeout` once the budget is spent (``doing`` says where it stopped)."""
        spent = time.monotonic() - self.started
        if spent > self.budget:
            raise Timeout(
                f"request stopped after {spent:.1f} s, past its time budget of "
                f"{self.budget:g} s ({setting_name('time_budget_seconds')}), {doing}; "
                "send fewer queries per request or a smaller limit"
            )


class ScreeningPool:
    """``screen_threads`` threads for screening jobs, each job with its own deadline."""

    def __init__(self, threads: int, budget_seconds: float) -> None:
        self.threads = threads
        self.budget_seconds = budget_seconds
        self._limiter: anyio.CapacityLimiter | None = None

    async def run(self, job: Callable[[Deadline], T]) -> T:
        """``job(deadline)`` in a screening thread; its result or its error."""
        if self._limiter is None:  # made in the event loop that uses it
            self._limiter = anyio.CapacityLimiter(self.threads)
        deadline = Deadline(self.budget_seconds)
        return await anyio.to_thread.run_sync(job, deadline, limiter=self._limiter)
