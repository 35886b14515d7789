"""Errors that carry where they happened and how to report them.

Every error a user can cause derives from :class:`TracewireError`. The CLI turns it into a
one-line message and exit code 2; the HTTP API turns it into its ``status`` code.
"""

from __future__ import annotations


class TracewireError(Exception):
    """Base of every error tracewire reports to a user."""

    status: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(TracewireError):
    """Bad input: names the file and, where it applies, the line or element."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        element: str | None = None,
        field: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.element = element
        self.field = field
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if element is not None:
            where.append(f"<{element}>")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = ": ".join([", ".join(where)]) + ": " if where else ""
        super().__init__(f"{prefix}{message}")


class UnknownFormat(InputError):
    """No loader recognises the file's content."""


class NotFound(TracewireError):
    """A dataset, version or entity that does not exist."""

    status = 404


class UsageError(TracewireError):
    """A request that cannot be carried out as asked (bad option combination, bad value)."""

    status = 400
