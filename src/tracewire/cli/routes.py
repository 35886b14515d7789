"""``tracewire routes``: build the graph of teardowns, makers, trade and the lists'
relationships; the paths from a part, maker, teardown or weapon to listed parties; an
entity's neighbourhood; exports; the red-flag rules."""

from __future__ import annotations

from typing import Any

import click

from tracewire.cli.common import db_url, dumps, write_jsonl
from tracewire.errors import UsageError
from tracewire.store import open_store

HOPS_HELP = "Most edges after the makers (1-12)."


@click.group(name="routes")
def command() -> None:
    """Supply routes: the graph, paths to listed parties, red flags, exports."""


@command.command(name="build")
@click.option(
    "--screen/--no-screen",
    default=True,
    show_default=True,
    help="Match trade parties to list entities with the screening engine "
    "(identifiers are always matched).",
)
@click.option("--processes", type=int, default=None, help="Screening worker processes.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def build(ctx: click.Context, screen: bool, processes: int | None, as_json: bool) -> None:
    """Rebuild the routes graph from the store's trade records, lists and teardowns.

    Example: tracewire routes build
    """
    from tracewire.routes.build import build_graph
    from tracewire.routes.teardown_feed import stored_links

    store = open_store(db_url(ctx))
    try:
        counts = build_graph(store, stored_links(store), screen=screen, processes=processes)
    finally:
        store.close()
    if as_json:
        click.echo(dumps(counts))
        return
    if not counts:
        click.echo("the graph is empty: load trade records, lists or teardowns first")
    for name, count in counts.items():
        click.echo(f"{name:28} {count:>10}")


def _print_routes(answer: dict[str, Any]) -> None:
    graph = answer["graph"]
    stale = "  (stale: run `tracewire routes build`)" if graph["stale"] else ""
    click.echo(
        f"routes from {answer['from']} to {answer['to']} in {answer['max_hops']} hops: "
        f"{answer['total']}{stale}"
    )
    for rank, route in enumerate(answer["routes"], start=1):
        via = " → ".join(n["label"] for n in route["via"])
        click.echo(
            f"\n#{rank}  strength {route['strength']:.3f}  {route['hops']} hops"
            + (f"  (via {via})" if via else "")
        )
        labels = {n["id"]: n for n in route["nodes"]}
        for edge in route["edges"]:
            src, dst = labels[edge["src"]], labels[edge["dst"]]
            click.echo(f"  {_node(src)} —{edge['kind']} {edge['strength']:.2f}→ {_node(dst)}")
            click.echo(f"      evidence: {_evidence(edge)}")
        for flag in route["flags"]:
            click.echo(f"  ⚑ {flag['rule']}: {'; '.join(flag['explanation'])}")


def _node(node: dict[str, Any]) -> str:
    country = f" [{node['country'].upper()}]" if node.get("country") else ""
    listed = " (LISTED)" if node["listed"] else ""
    return f"{node['label']}{country}{listed}"


def _evidence(edge: dict[str, Any]) -> str:
    ev = edge["evidence"]
    if edge["kind"] == "shipped_to":
        ids = ", ".join(
            f"{r['declaration_id']} {r['date']} HS {r['hs_code']}"
            for r in edge.get("records", [])[:3]
        )
        return f"{ev['records']} record(s) {ev['first']}..{ev['last']}: {ids}"
    if "list_version" in ev and "schema" in ev:
        return (
            f"{ev['schema']} {ev['entity']} in {ev['dataset']} (list version {ev['list_version']})"
        )
    if "score" in ev:
        return f"{ev['reason']} score {ev['score']}: {ev['explanation']}"
    return ", ".join(f"{k} {v}" for k, v in ev.items() if v is not None)


@command.command(name="from")
@click.argument("spec")
@click.option(
    "--to",
    "to",
    type=click.Choice(["listed", "any"]),
    default="listed",
    show_default=True,
    help="End at listed entities, or at any party.",
)
@click.option("--max-hops", type=int, default=6, show_default=True, help=HOPS_HELP)
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="The API's response shape.")
@click.pass_context
def from_(ctx: click.Context, spec: str, to: str, max_hops: int, limit: int, as_json: bool) -> None:
    """Paths from a PART, MAKER, TEARDOWN or WEAPON to listed parties, each edge with its
    evidence, ranked by the strength of that evidence, with red flags.

    Example: tracewire routes from "Shahed-136" --max-hops 5
    """
    from tracewire.routes.service import routes_from

    store = open_store(db_url(ctx))
    try:
        answer, _ = routes_from(store, spec, to=to, max_hops=max_hops, limit=limit)
    finally:
        store.close()
    if as_json:
        click.echo(dumps(answer))
    else:
        _print_routes(answer)


@command.command(name="entity")
@click.argument("entity_id")
@click.option("--hops", type=int, default=1, show_default=True, help="Steps out (1-3).")
@click.option("--limit", type=int, default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def entity(ctx: click.Context, entity_id: str, hops: int, limit: int, as_json: bool) -> None:
    """An entity's neighbourhood: every edge around a list entity id (or any node id of the
    graph, such as a trade party's), with its evidence.

    Example: tracewire routes entity NK-abc123 --hops 2
    """
    from tracewire.routes.service import entity_routes

    store = open_store(db_url(ctx))
    try:
        answer, _ = entity_routes(store, entity_id, hops=hops, limit=limit)
    finally:
        store.close()
    if as_json:
        click.echo(dumps(answer))
        return
    click.echo(f"{answer['node']}: {answer['total']} edge(s) within {hops} hop(s)")
    for edge in answer["edges"]:
        labels = {n["id"]: n for n in edge["nodes"]}
        click.echo(
            f"  {_node(labels[edge['src']])} —{edge['kind']} {edge['strength']:.2f}→ "
            f"{_node(labels[edge['dst']])}"
        )
        click.echo(f"      evidence: {_evidence(edge)}")


@command.command(name="export")
@click.argument("spec")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ftm", "graphml", "gexf", "svg"]),
    required=True,
    help="FtM JSON lines, GraphML or GEXF (Gephi), or an SVG picture.",
)
@click.option("--to", "to", type=click.Choice(["listed", "any"]), default="listed")
@click.option("--max-hops", type=int, default=6, show_default=True, help=HOPS_HELP)
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--output", "-o", "output", default="-", help="File (default stdout).")
@click.pass_context
def export(
    ctx: click.Context, spec: str, fmt: str, to: str, max_hops: int, limit: int, output: str
) -> None:
    """The subgraph of the routes from SPEC as FtM, GraphML, GEXF or SVG.

    Example: tracewire routes export "Shahed-136" --format gexf -o shahed.gexf
    """
    from tracewire.routes.export import to_ftm, write_graph, write_svg
    from tracewire.routes.service import routes_from

    store = open_store(db_url(ctx))
    try:
        _, routes = routes_from(store, spec, to=to, max_hops=max_hops, limit=limit)
    finally:
        store.close()
    if not routes:
        raise UsageError(f"no routes from {spec!r} to export")
    handle = click.open_file(output, "w", encoding="utf-8")
    with handle:
        if fmt == "ftm":
            write_jsonl(to_ftm(routes), handle)
        elif fmt == "svg":
            handle.write(write_svg(routes, f"routes from {spec}"))
        else:
            handle.write(write_graph(routes, fmt))


@command.command(name="flags")
@click.option("--json", "as_json", is_flag=True)
def flags(as_json: bool) -> None:
    """The red-flag rules, each with its documentation."""
    from tracewire.routes.flags import describe_rules

    rules = describe_rules()
    if as_json:
        click.echo(dumps(rules))
        return
    for rule in rules:
        click.echo(f"{rule['name']}\n    {rule['description']}\n")
