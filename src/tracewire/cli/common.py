"""What every command shares: opening the store, JSON lines, errors to exit codes."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

import click
import orjson

from tracewire.errors import TracewireError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def run_cli(group: click.Group) -> int:
    """Run the group; user errors print one line and exit 2; a broken pipe exits quietly."""
    try:
        # without standalone mode click returns the code given to ctx.exit(n) instead of
        # exiting, so the code is passed on here
        result = group.main(standalone_mode=False, prog_name="tracewire")
    except TracewireError as exc:
        click.echo(f"tracewire: error: {exc.message}", err=True)
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _silence_stdout()
            return EXIT_OK
        raise
    return result if isinstance(result, int) else EXIT_OK


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def db_url(ctx: click.Context) -> str:
    obj = ctx.find_root().obj or {}
    return str(obj.get("db") or os.environ.get("TRACEWIRE_DB") or "tracewire.db")


def dumps(obj: Any) -> str:
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")


def write_jsonl(rows: Iterable[Any], out: IO[str] | None = None) -> int:
    """Write one JSON object per line; returns how many."""
    stream = out or sys.stdout
    count = 0
    for row in rows:
        stream.write(dumps(row))
        stream.write("\n")
        count += 1
    stream.flush()
    return count


def read_lines(path: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of a file, or stdin for ``-``, skipping blank lines."""
    handle = (
        sys.stdin if path == "-" else open(path, encoding="utf-8", errors="strict")  # noqa: SIM115
    )
    try:
        for number, line in enumerate(handle, start=1):
            text = line.rstrip("\r\n")
            if text.strip():
                yield number, text
    finally:
        if handle is not sys.stdin:
            handle.close()
