"""``tracewire teardowns``: load, list and export teardown records.

``load`` exit codes: 0 every row loaded; 1 some rows were rejected (each reported on stderr with
its line and field; the valid rows were still stored); 2 the file could not be read at all.
"""

from __future__ import annotations

import sys

import click

from tracewire.cli.common import EXIT_FINDINGS, db_url, dumps, write_jsonl
from tracewire.cli.table import print_table
from tracewire.reports.ftm_export import export_entities
from tracewire.store import open_store
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.gur import read_gur
from tracewire.teardowns.reading import read_teardowns
from tracewire.teardowns.store import load_teardowns, save_teardowns
from tracewire.teardowns.weapons import resolve_weapon
from tracewire.teardowns.writing import write_csv
from tracewire.teardowns.writing import write_jsonl as write_teardowns_jsonl


@click.group(name="teardowns")
def command() -> None:
    """Teardown records of recovered weapons: load, list, export."""


@command.command(name="load")
@click.argument("path")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "gur"]),
    help="Skip detection; gur: GUR's component record (gur_components_*.csv).",
)
@click.option(
    "--drones",
    type=click.Path(dir_okay=False),
    help="With --format gur: GUR's weapon list (default: gur_drones_*.csv beside PATH).",
)
@click.option("--json", "as_json", is_flag=True, help="Summary and errors as JSON lines.")
@click.pass_context
def load(ctx: click.Context, path: str, fmt: str | None, drones: str | None, as_json: bool) -> None:
    """Load a teardown CSV or JSON lines file (``-`` for stdin), or GUR's component record.

    Each row is validated; a bad row is reported (line, field, reason) on stderr and skipped,
    the valid rows are stored. Exit 1 if any row was rejected.

    Example: tracewire teardowns load src/tracewire/data/teardowns/demo.csv

    Example: tracewire teardowns load --format gur gur_components_2026-06-13.csv
    """
    if drones and fmt != "gur":
        raise click.UsageError("--drones goes with --format gur")
    read = read_gur(path, drones) if fmt == "gur" else read_teardowns(path, fmt=fmt)
    result = enrich_read(read)
    store = open_store(db_url(ctx))
    try:
        weapons = {row.weapon.id: row.weapon for row in result.read_rows}
        counts = save_teardowns(store, result.teardowns.values(), weapons)
    finally:
        store.close()
    for warning in result.warnings:
        click.echo(f"tracewire: warning: {warning}", err=True)
    for error in result.errors:
        if as_json:
            click.echo(dumps({"error": error.to_dict()}), err=True)
        else:
            click.echo(f"tracewire: rejected: {error}", err=True)
    flagged = [c for c in result.components if c.flags]
    summary = {
        "path": path,
        "rows": result.rows,
        "rejected": len(result.errors),
        "teardowns": counts["teardowns"],
        "components_inserted": counts["inserted"],
        "components_updated": counts["updated"],
        "conflicts": result.conflicts,
        "flagged_rows": len(flagged),
    }
    if as_json:
        click.echo(dumps(summary))
    else:
        click.echo(
            f"{path}: {result.rows} rows, {len(result.errors)} rejected; "
            f"{counts['teardowns']} teardowns stored ({counts['inserted']} component rows new, "
            f"{counts['updated']} updated); {result.conflicts} components with disagreeing "
            f"sources, {len(flagged)} rows flagged"
        )
    if result.errors:
        # SystemExit, not ctx.exit: run_cli runs click with standalone_mode=False, which turns
        # ctx.exit into a return value that run_cli does not pass on
        sys.exit(EXIT_FINDINGS)


def _weapon_ids(weapons: tuple[str, ...]) -> list[str] | None:
    return [resolve_weapon(w, field_name="--weapon").id for w in weapons] if weapons else None


@command.command(name="list")
@click.option("--weapon", "weapons", multiple=True, help="Only this weapon (name or alias).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per teardown.")
@click.pass_context
def list_(ctx: click.Context, weapons: tuple[str, ...], as_json: bool) -> None:
    """Stored teardowns with their weapon, recovery, sources and component counts."""
    store = open_store(db_url(ctx))
    try:
        teardowns = load_teardowns(store, weapon_ids=_weapon_ids(weapons))
    finally:
        store.close()
    if as_json:
        write_jsonl(t.to_dict(with_components=False) for t in teardowns)
        return
    rows = [
        [
            t.id,
            t.weapon_name,
            t.recovery_date or "",
            t.recovery_place or "",
            str(t.component_count),
            str(len(t.sources)),
        ]
        for t in teardowns
    ]
    print_table(["teardown", "weapon", "recovered", "place", "components", "sources"], rows)


@command.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "ftm"]),
    default="jsonl",
    show_default=True,
    help="csv/jsonl: teardown rows (loadable again); ftm: FtM entities.",
)
@click.option("--weapon", "weapons", multiple=True, help="Only this weapon (name or alias).")
@click.option("--output", "-o", default="-", show_default=True, help="File, or - for stdout.")
@click.pass_context
def export(ctx: click.Context, fmt: str, weapons: tuple[str, ...], output: str) -> None:
    """Export stored teardowns as CSV, JSON lines, or FtM entities of weapons and makers."""
    weapon_ids = _weapon_ids(weapons)
    store = open_store(db_url(ctx))
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        if fmt == "ftm":
            if weapon_ids is not None:
                raise click.UsageError("--weapon is not supported with --format ftm")
            write_jsonl(export_entities(store), out)
        else:
            teardowns = load_teardowns(store, weapon_ids=weapon_ids)
            (write_csv if fmt == "csv" else write_teardowns_jsonl)(teardowns, out)
            out.flush()
    finally:
        store.close()
        if out is not sys.stdout:
            out.close()
