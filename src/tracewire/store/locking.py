"""Writes to a store run one at a time: imports never interleave, and a waiting import says so.

SQLite: every write transaction starts with ``BEGIN IMMEDIATE``, which takes the database's
write lock at once (SQLAlchemy's pysqlite driver would otherwise begin lazily, letting two
imports both read "not loaded yet" before either writes). PostgreSQL: every write transaction
takes one transaction-scoped advisory lock (``pg_advisory_xact_lock``). Either way the lock is
tried first without waiting; if it is held, ``on_wait`` is told once and the write waits up
to the lock timeout, then fails with :class:`~tracewire.store.base.StoreBusy` (exit code 2 in
the CLI), never with the driver's raw "database is locked".

The timeout comes from the caller, else ``TRACEWIRE_LOCK_TIMEOUT`` (seconds), else
:data:`DEFAULT_LOCK_TIMEOUT`.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from tracewire.errors import UsageError
from tracewire.store.base import StoreBusy

#: seconds a write waits for another import before it gives up
DEFAULT_LOCK_TIMEOUT = 600.0
#: busy timeout of ordinary (read) transactions on SQLite, as pysqlite sets it
SQLITE_BUSY_MS = 5000
#: the advisory lock key of tracewire's write lock on PostgreSQL ("tracewir" in ASCII)
PG_LOCK_KEY = 0x7472_6163_6577_6972
_OPTION = "tracewire_write_lock"

log = logging.getLogger("tracewire.store")


def lock_timeout_from_env() -> float:
    """``TRACEWIRE_LOCK_TIMEOUT`` in seconds, or the default; a bad value is a usage error."""
    raw = os.environ.get("TRACEWIRE_LOCK_TIMEOUT")
    if raw is None or raw.strip() == "":
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise UsageError(f"TRACEWIRE_LOCK_TIMEOUT must be a number of seconds >= 0, not {raw!r}")
    return value


def install_sqlite_locking(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, emit BEGIN, so a write transaction can be IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        lock = conn.get_execution_options().get(_OPTION)
        if isinstance(lock, WriteLock):
            lock.begin_sqlite(conn)
        else:
            conn.exec_driver_sql("BEGIN")


class WriteLock:
    """The store's write lock: :meth:`transaction` is a write transaction holding it."""

    def __init__(
        self,
        engine: Engine,
        *,
        timeout: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.engine = engine
        self.timeout = lock_timeout_from_env() if timeout is None else timeout
        self.on_wait = on_wait or log.warning
        self.dialect = engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A transaction that holds the write lock from its start to its commit."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(**{_OPTION: self})
                with conn.begin():
                    yield conn
                return
            with conn.begin():
                if self.dialect == "postgresql":
                    self._lock_postgres(conn)
                yield conn

    def _waiting(self) -> None:
        self.on_wait(
            "another import is writing to this store; waiting for its lock "
            f"(up to {self.timeout:g} s, TRACEWIRE_LOCK_TIMEOUT)"
        )

    def _busy(self) -> StoreBusy:
        return StoreBusy(
            f"the store is locked by another import for more than {self.timeout:g} s "
            "(TRACEWIRE_LOCK_TIMEOUT); nothing was written, try again when it has finished"
        )

    def begin_sqlite(self, conn: Connection) -> None:
        """``BEGIN IMMEDIATE``: at once if the lock is free, else after telling the user."""
        dbapi = conn.connection.dbapi_connection
        if dbapi is None:  # pragma: no cover - a checked-out connection always has one
            raise RuntimeError("no DB-API connection")
        try:
            if not _try_immediate(dbapi, 0):
                self._waiting()
                if not _try_immediate(dbapi, int(self.timeout * 1000)):
                    raise self._busy()
        finally:
            dbapi.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")

    def _lock_postgres(self, conn: Connection) -> None:
        got = conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
        if got.scalar():
            return
        self._waiting()
        conn.execute(text(f"SET LOCAL lock_timeout = {int(self.timeout * 1000)}"))
        try:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
                raise self._busy() from None
            raise
        conn.execute(text("SET LOCAL lock_timeout = 0"))


def _try_immediate(dbapi: Any, busy_ms: int) -> bool:
    dbapi.execute(f"PRAGMA busy_timeout = {busy_ms}")
    try:
        dbapi.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return False
        raise
    return True
