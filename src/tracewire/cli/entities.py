"""``tracewire entities``: show one entity, export many as FtM JSON lines."""

from __future__ import annotations

import sys

import click

from tracewire.cli.common import db_url, dumps
from tracewire.errors import NotFound
from tracewire.store import open_store


@click.group(name="entities")
def command() -> None:
    """Entities of the active list versions."""


@command.command(name="show")
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True, help="The FtM entity as one JSON line.")
@click.pass_context
def show(ctx: click.Context, entity_id: str, as_json: bool) -> None:
    """One entity with every property, and the Sanctions and links that point at it.

    Example: tracewire entities show ofac-6365
    """
    store = open_store(db_url(ctx))
    try:
        entity = store.get_entity(entity_id)
        if entity is None:
            raise NotFound(f"no entity {entity_id!r} in the active list versions")
        related = [
            e
            for e in store.iter_entities(
                datasets=entity["datasets"][:1],
                schemata=["Sanction", "Ownership", "UnknownLink", "Directorship", "Family"],
            )
            if entity_id in _refs(e)
        ]
    finally:
        store.close()
    if as_json:
        click.echo(dumps({**entity, "related": related}))
        return
    click.echo(f"{entity['caption']}  [{entity['schema']}]  {entity['id']}")
    click.echo(f"datasets: {', '.join(entity['datasets'])}")
    scripts = entity.get("scripts", {})
    for prop, values in sorted(entity["properties"].items()):
        for value in values:
            tag = f"  ({scripts[value]})" if value in scripts else ""
            click.echo(f"  {prop:18} {value}{tag}")
    for rel in related:
        props = rel["properties"]
        summary = "; ".join(
            f"{k}={', '.join(v)}"
            for k, v in sorted(props.items())
            if k not in ("entity", "owner", "asset", "subject", "object")
        )
        click.echo(f"  -> {rel['schema']} {rel['id']}: {summary}")


def _refs(entity: dict[str, object]) -> set[str]:
    props = entity.get("properties")
    if not isinstance(props, dict):
        return set()
    out: set[str] = set()
    for key in ("entity", "owner", "asset", "subject", "object", "director", "organization"):
        out.update(props.get(key, []))
    return out


@command.command(name="export")
@click.option("--dataset", "datasets", multiple=True, help="Only these datasets (repeatable).")
@click.option("--schema", "schemata", multiple=True, help="Only these schemata (repeatable).")
@click.option("--output", "-o", default="-", show_default=True, help="File, or - for stdout.")
@click.pass_context
def export(
    ctx: click.Context, datasets: tuple[str, ...], schemata: tuple[str, ...], output: str
) -> None:
    """Export entities as FtM JSON lines (loadable again with ``lists load``).

    Example: tracewire entities export --dataset un_sc_sanctions -o un.ftm.json
    """
    store = open_store(db_url(ctx))
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    count = 0
    try:
        for entity in store.iter_entities(
            datasets=list(datasets) or None, schemata=list(schemata) or None
        ):
            entity.pop("scripts", None)
            out.write(dumps(entity))
            out.write("\n")
            count += 1
    finally:
        store.close()
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    click.echo(f"exported {count:,} entities", err=True)
