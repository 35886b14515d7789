"""``tracewire trade``: load trade records (customs declarations, bills of lading, shipment
records) and generate realistic ones for tests.

``load`` exit codes: 0 every row loaded; 1 some rows were rejected (each reported on stderr
with its line and column; the good rows were stored); 2 nothing could be loaded (the store
is left as it was).
"""

from __future__ import annotations

from pathlib import Path

import click

from tracewire.cli.common import EXIT_FINDINGS, db_url, dumps, write_jsonl
from tracewire.errors import InputError
from tracewire.store import open_store


@click.group(name="trade")
def command() -> None:
    """Trade records: load a CSV or JSON-lines file, or generate test data."""


@command.command(name="load")
@click.argument("path")
@click.option(
    "--columns",
    default=None,
    help="Column mapping over the defaults: declaration_id=Decl No,date=Date …",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    default=None,
    help="Input format (default: from the file name; stdin: jsonl).",
)
@click.option("--json", "as_json", is_flag=True, help="Summary and bad rows as one JSON object.")
@click.pass_context
def load(
    ctx: click.Context, path: str, columns: str | None, fmt: str | None, as_json: bool
) -> None:
    """Load a trade file (``-`` for stdin) into the store.

    Default columns: declaration_id, date, hs_code, description, brand, maker, part_number,
    quantity, value, currency, exporter_name, exporter_id, exporter_country,
    exporter_address, importer_name, importer_id, importer_country, importer_address,
    origin_country, dispatch_country. A bad row is reported with its line and column and
    skipped; the load is one transaction. Run `tracewire routes build` afterwards.

    Example: tracewire trade load shipments.csv --columns "importer_id=INN,date=Date"
    """
    from tracewire.routes.load import load_trade
    from tracewire.routes.records import parse_columns

    mapping = parse_columns(columns)
    store = open_store(db_url(ctx))
    try:
        result = load_trade(store, path, mapping, fmt)
    finally:
        store.close()
    if as_json:
        click.echo(dumps(result.to_dict()))
    else:
        for bad in result.bad:
            click.echo(f"tracewire: {path}: {bad.error}", err=True)
        click.echo(
            f"loaded {result.records} records ({result.parties} parties, "
            f"{result.new_parties} new) from {path} as trade load {result.load_id}; "
            f"{len(result.bad)} bad rows; {result.seconds:.2f} s"
        )
    if result.bad:
        ctx.exit(EXIT_FINDINGS)


@command.command(name="generate")
@click.option("--records", type=int, default=20_000, show_default=True)
@click.option("--parties", type=int, default=2_000, show_default=True)
@click.option(
    "--planted",
    type=int,
    default=5,
    show_default=True,
    help="Routes to listed entities planted with a known answer.",
)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--out", "out_dir", required=True, help="Directory for the generated files.")
def generate(records: int, parties: int, planted: int, seed: int, out_dir: str) -> None:
    """Write invented trade records (trade.csv), the invented sanctions list they meet
    (list.ftm.jsonl, load it with `tracewire lists load --format ftm`) and the planted
    routes' answers (planted.jsonl). Every name is invented."""
    from tracewire.routes.generate import generate as make
    from tracewire.routes.generate import iter_csv_lines

    if records < 1 or parties < 10:
        raise InputError("generate at least 1 record and 10 parties")
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    data = make(parties=parties, records=records, planted=planted, seed=seed)
    with open(target / "trade.csv", "w", encoding="utf-8") as handle:
        handle.writelines(iter_csv_lines(data.records))
    with open(target / "list.ftm.jsonl", "w", encoding="utf-8") as handle:
        write_jsonl(data.entities, handle)
    with open(target / "planted.jsonl", "w", encoding="utf-8") as handle:
        write_jsonl([p.__dict__ for p in data.planted], handle)
    click.echo(
        f"wrote {len(data.records)} records, {len(data.entities)} list entities and "
        f"{len(data.planted)} planted routes to {target}"
    )
