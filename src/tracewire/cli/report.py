"""``tracewire report``: weapon breakdowns and chokepoints as tables, JSON, CSV or charts."""

from __future__ import annotations

from pathlib import Path

import click

from tracewire.cli.common import db_url
from tracewire.reports.analytics import chokepoints, weapon_report
from tracewire.reports.render import FORMATS, render
from tracewire.screening import screener_for
from tracewire.store import open_store
from tracewire.teardowns.weapons import resolve_weapon

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="png/svg write a chart to --output.",
)
_OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (required for png/svg).",
)


def _emit(result: str | Path, output: Path | None) -> None:
    if isinstance(result, Path):
        click.echo(f"wrote {result}")
    elif output is not None:
        output.write_text(result if result.endswith("\n") else result + "\n", encoding="utf-8")
        click.echo(f"wrote {output}")
    else:
        click.echo(result)


@click.group(name="report")
def command() -> None:
    """Reports over the stored teardowns."""


@command.command(name="weapon")
@click.argument("weapon")
@_FORMAT
@_OUTPUT
@click.option(
    "--control-date",
    help="Compare date codes with this date (YYYY-MM-DD) instead "
    "of the weapon's regime default (2022-02-24 Russia, 2023-02-24 Iran UAV).",
)
@click.option("--no-screen", is_flag=True, help="Do not screen the listed maker.")
@click.pass_context
def weapon(
    ctx: click.Context,
    weapon: str,
    fmt: str,
    output: Path | None,
    control_date: str | None,
    no_screen: bool,
) -> None:
    """Components of one weapon model by maker country and maker, CHPL tiers, the date-code
    timeline and the parts made after the control date.

    WEAPON is a name or alias (Geran-2 is Shahed-136). Example:
    tracewire report weapon "Shahed-136" --format png --output shahed.png
    """
    resolve_weapon(weapon)  # an unknown weapon is told before any index is built
    db = db_url(ctx)
    store = open_store(db)
    try:
        screener = None if no_screen else screener_for(db)
        data = weapon_report(store, weapon, control_date, screener=screener)
    finally:
        store.close()
    _emit(render("weapon", data, fmt, output), output)


@command.command(name="chokepoints")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_FORMAT
@_OUTPUT
@click.pass_context
def chokepoints_(ctx: click.Context, limit: int, fmt: str, output: Path | None) -> None:
    """Makers and part families ranked by the weapon models and teardowns they appear in."""
    store = open_store(db_url(ctx))
    try:
        data = chokepoints(store, limit)
    finally:
        store.close()
    _emit(render("chokepoints", data, fmt, output), output)
