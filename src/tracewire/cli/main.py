"""Entry point: the ``tracewire`` group and the global ``--db`` option."""

from __future__ import annotations

import importlib
import sys

import click

from tracewire import __version__
from tracewire.cli.common import run_cli

#: modules that each define ``command``, a click command or group added to ``tracewire``
COMMAND_MODULES = [
    "tracewire.cli.lists",
    "tracewire.cli.entities",
    "tracewire.cli.screen",
    "tracewire.cli.serve",
    "tracewire.cli.parts",
    "tracewire.cli.teardowns",
    "tracewire.cli.report",
    "tracewire.cli.scan",
    "tracewire.cli.trade",
    "tracewire.cli.routes",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="TRACEWIRE_DB",
    default="tracewire.db",
    show_default=True,
    help="Store: a SQLite file path or a SQLAlchemy URL (env TRACEWIRE_DB).",
)
@click.version_option(__version__, prog_name="tracewire")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Trace foreign-made parts in recovered weapons; screen every party against sanctions lists."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # a concern not built yet
        if _exc.name != _name:
            raise
        continue
    cli.add_command(_module.command)


def main() -> None:
    sys.exit(run_cli(cli))


if __name__ == "__main__":
    main()
