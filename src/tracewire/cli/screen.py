"""``tracewire screen``: screen one name, or a whole CSV / JSON-lines file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from tracewire.cli.common import db_url, dumps
from tracewire.errors import InputError, UsageError
from tracewire.match.output import screening_dict, screening_table
from tracewire.match.running.batch import parse_columns, progress, read_rows, screen_rows
from tracewire.match.running.engine import Screener
from tracewire.match.scoring.algorithms import describe_algorithms
from tracewire.match.types import Query
from tracewire.screening import screener_of


def _screener(ctx: click.Context, datasets: tuple[str, ...]) -> Screener:
    from tracewire.store import open_store

    db = db_url(ctx)
    store = open_store(db)
    try:
        known = {v.dataset for v in store.active_versions()}
        if not known:
            raise UsageError(f"no lists loaded in {db}; run `tracewire lists load`")
        unknown = [d for d in datasets if d not in known]
        if unknown:
            raise UsageError(f"unknown dataset(s): {', '.join(unknown)}")
        return screener_of(store, db)  # the process's one cache
    finally:
        store.close()


def _explain_header() -> str:
    lines = []
    for algo in describe_algorithms():
        lines.append(f"algorithm {algo['name']} {algo['version']}: {algo['description']}")
        lines.append(f"default threshold: {algo['threshold']}")
        for feature in algo["features"]:
            lines.append(f"\n  {feature['name']} (weight {feature['weight']:+.2f})")
            for text in str(feature["description"]).splitlines():
                lines.append(f"    {text}")
    return "\n".join(lines) + "\n"


@click.command("screen")
@click.argument("name", required=False)
@click.option("--schema", default=None, help="Person, Company, Organization, LegalEntity, Vessel…")
@click.option("--birth-date", "birth_dates", multiple=True, help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--country", "countries", multiple=True, help="Country code or name.")
@click.option("--id", "identifiers", multiple=True, help="Passport, registration, IMO… number.")
@click.option("--threshold", type=float, default=None, help="Match threshold (0..1).")
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--dataset", "datasets", multiple=True, help="Only these datasets (repeatable).")
@click.option("--algorithm", default=None, help="Scoring algorithm (default tracewire-v1).")
@click.option("--json", "as_json", is_flag=True, help="yente-shaped JSON output.")
@click.option("--explain", is_flag=True, help="Document every feature and show its scores.")
@click.option("--input", "input_path", default=None, help="Batch: CSV or JSONL file, - = stdin.")
@click.option("--output", "output_path", default="-", help="Batch: JSONL output, - = stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Batch input format (default: from the file name; stdin: jsonl).")  # fmt: skip
@click.option("--columns", default=None, help="Batch CSV columns: name=Full Name,country=Nation")
@click.option("--processes", type=int, default=None, help="Batch worker processes (all cores).")
@click.pass_context
def screen(ctx: click.Context, /, name: str | None, **opts: Any) -> None:
    """Screen NAME against the loaded lists, or every row of --input."""
    if opts["input_path"] is not None:
        if name is not None:
            raise UsageError("give either NAME or --input, not both")
        _batch(ctx, opts)
        return
    if name is None:
        raise UsageError("give a NAME to screen, or --input FILE")
    query = Query(
        names=(name,),
        schema=opts["schema"] or "LegalEntity",
        birth_dates=tuple(opts["birth_dates"]),
        countries=tuple(opts["countries"]),
        identifiers=tuple(opts["identifiers"]),
    )
    screener = _screener(ctx, opts["datasets"])
    screening = screener.screen(
        query,
        limit=opts["limit"],
        threshold=opts["threshold"],
        algorithm=opts["algorithm"],
        include_datasets=opts["datasets"],
    )
    if opts["as_json"]:
        click.echo(dumps(screening_dict(screening)))
        return
    if opts["explain"]:
        click.echo(_explain_header())
    click.echo(screening_table(screening, explain=opts["explain"]))


def _batch(ctx: click.Context, opts: dict[str, Any]) -> None:
    path = opts["input_path"]
    fmt = opts["fmt"]
    if fmt is None:
        suffix = "".join(Path(path).suffixes).lower()
        fmt = "csv" if path != "-" and ".csv" in suffix else "jsonl"
    columns = parse_columns(opts["columns"])
    screener = _screener(ctx, opts["datasets"])
    try:
        handle: IO[str] = (
            sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")  # noqa: SIM115
        )
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    out: IO[str] = (
        sys.stdout if opts["output_path"] == "-" else open(opts["output_path"], "w")  # noqa: SIM115
    )
    done = errors = 0
    try:
        rows = read_rows(handle, fmt, columns, opts["schema"] or "LegalEntity")
        for line, result, error in screen_rows(
            screener,
            rows,
            processes=opts["processes"],
            limit=opts["limit"],
            threshold=opts["threshold"],
            algorithm=opts["algorithm"],
            include_datasets=opts["datasets"],
        ):
            if error is not None:
                errors += 1
                click.echo(f"tracewire: {path}: line {line}: {error}", err=True)
            else:
                done += 1
                out.write(dumps(result))
                out.write("\n")
            if (done + errors) % 500 == 0:
                progress(done, errors)
        out.flush()
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from None
    finally:
        if handle is not sys.stdin:
            handle.close()
        if out is not sys.stdout:
            out.close()
    progress(done, errors, final=True)


command = screen
