"""``tracewire lists``: load, update, status, versions, diff."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import click

from tracewire.cli.common import db_url, dumps, write_jsonl
from tracewire.cli.progress import Progress
from tracewire.cli.table import print_table
from tracewire.errors import InputError, NotFound, TracewireError
from tracewire.lists.catalog import load_catalog, select_entries
from tracewire.lists.download import update_entry
from tracewire.lists.importer import expand, load_path
from tracewire.lists.registry import FORMATS
from tracewire.store import open_store
from tracewire.store.diff import DiffSummary, diff, pick_versions


def _tell_waiting(message: str) -> None:
    click.echo(f"tracewire: {message}", err=True)


@contextmanager
def _warnings_on_stderr() -> Iterator[None]:
    """Loaders' warnings (a control character removed, line N) as ``tracewire: warning: ...``
    lines on stderr while a command runs."""
    log = logging.getLogger("tracewire.lists")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("tracewire: %(message)s"))
    log.addHandler(handler)
    propagate, log.propagate = log.propagate, False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


@click.group(name="lists")
def command() -> None:
    """Official sanctions and screening lists: load, update, inspect, diff."""


@command.command(name="load")
@click.argument("paths", nargs=-1, required=True)
@click.option("--dataset", help="Dataset name (default: the list's own, e.g. us_ofac_sdn).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), help="Skip detection.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines on stdout.")
@click.pass_context
@_warnings_on_stderr()
def load(
    ctx: click.Context, paths: tuple[str, ...], dataset: str | None, fmt: str | None, as_json: bool
) -> None:
    """Load list files (or folders of them, or - for stdin) as new versions of their datasets.

    Example: tracewire lists load ../shared/data/lists/un_consolidated_2026-02-27.xml
    """
    store = open_store(db_url(ctx), on_wait=_tell_waiting)
    stdin_dir = None
    try:
        if "-" in paths:
            # a list on stdin is spooled to a file first: detection and hashing read it twice
            stdin_dir = tempfile.mkdtemp(prefix="tracewire-stdin-")
            spooled = Path(stdin_dir) / "stdin"
            with spooled.open("wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
            paths = tuple(str(spooled) if p == "-" else p for p in paths)
        for path in expand(list(paths)):
            source = "-" if stdin_dir and str(path).startswith(stdin_dir) else None
            with Progress(f"loading {path.name}") as progress:
                try:
                    result = load_path(
                        store,
                        path,
                        dataset=dataset,
                        fmt=fmt,
                        source=source,
                        progress=progress.update,
                    )
                except InputError as exc:
                    if source is None:
                        raise
                    raise InputError(exc.message.replace(str(path), "<stdin>")) from exc
            label = source or str(path)
            if as_json:
                click.echo(dumps(result.to_dict()))
            elif result.skipped:
                click.echo(
                    f"{label}: already loaded as {result.dataset} version {result.version.id} "
                    "(same sha256); nothing to do"
                )
            else:
                v = result.version
                click.echo(
                    f"{label}: {result.dataset} version {v.id} ({result.format}, "
                    f"published {v.published or 'unknown'}): {v.total:,} entities "
                    f"in {result.seconds:.2f}s"
                )
    finally:
        store.close()
        if stdin_dir is not None:
            shutil.rmtree(stdin_dir, ignore_errors=True)


@command.command(name="update")
@click.argument("datasets", nargs=-1)
@click.option("--catalog", "catalog_path", help="JSON file replacing catalog entries (URLs).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_warnings_on_stderr()
def update(
    ctx: click.Context, datasets: tuple[str, ...], catalog_path: str | None, as_json: bool
) -> None:
    """Download lists from their official URLs, verify and import what changed.

    Example: tracewire lists update un_sc_sanctions us_csl
    """
    catalog = load_catalog(catalog_path)
    entries = select_entries(catalog, list(datasets))
    store = open_store(db_url(ctx), on_wait=_tell_waiting)
    failed = 0
    try:
        for entry in entries:
            try:
                result = update_entry(store, entry)
            except TracewireError as exc:  # one failed list does not stop the others
                failed += 1
                row = {"dataset": entry.dataset, "status": "failed", "message": exc.message}
                click.echo(dumps(row) if as_json else f"{entry.dataset}: failed: {exc.message}")
                continue
            if as_json:
                click.echo(dumps(result.to_dict()))
            else:
                click.echo(f"{entry.dataset}: {result.status}: {result.message}")
    finally:
        store.close()
    if failed:
        ctx.exit(2)


def _age(loaded_at: str) -> str:
    then = datetime.fromisoformat(loaded_at)
    seconds = (datetime.now(UTC) - then).total_seconds()
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400 * 2:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


@command.command(name="status")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Per dataset: active version, publication date, counts, age.

    Example: tracewire lists status
    """
    store = open_store(db_url(ctx))
    try:
        active = store.active_versions()
        all_versions = store.versions()
    finally:
        store.close()
    if as_json:
        write_jsonl(v.to_dict() for v in active)
        return
    n_versions = {
        d: sum(1 for v in all_versions if v.dataset == d) for d in {v.dataset for v in active}
    }
    rows = [
        [
            v.dataset,
            str(v.id),
            v.format,
            v.published or "-",
            f"{v.total:,}",
            ", ".join(f"{k} {n:,}" for k, n in sorted(v.counts.items(), key=lambda kv: -kv[1])),
            _age(v.loaded_at),
            str(n_versions[v.dataset]),
        ]
        for v in active
    ]
    print_table(
        ["dataset", "version", "format", "published", "entities", "by schema", "age", "versions"],
        rows,
    )
    click.echo(f"{len(active)} datasets, {sum(v.total for v in active):,} entities")


@command.command(name="versions")
@click.argument("dataset")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def versions(ctx: click.Context, dataset: str, as_json: bool) -> None:
    """Every version of a dataset, newest first.

    Example: tracewire lists versions us_ofac_sdn
    """
    store = open_store(db_url(ctx))
    try:
        found = store.versions(dataset)
    finally:
        store.close()
    if not found:
        raise NotFound(f"no versions of dataset {dataset!r}")
    if as_json:
        write_jsonl(v.to_dict() for v in found)
        return
    print_table(
        ["version", "active", "published", "loaded at", "entities", "sha256", "source"],
        [
            [
                str(v.id),
                "*" if v.active else "",
                v.published or "-",
                v.loaded_at,
                f"{v.total:,}",
                v.sha256[:12],
                v.source,
            ]
            for v in found
        ],
    )


@command.command(name="diff")
@click.argument("dataset")
@click.argument("old", type=int, required=False)
@click.argument("new", type=int, required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per change, then a summary.")
@click.option("--summary", "summary_only", is_flag=True, help="Only the summary.")
@click.pass_context
def diff_cmd(
    ctx: click.Context,
    dataset: str,
    old: int | None,
    new: int | None,
    as_json: bool,
    summary_only: bool,
) -> None:
    """Entities added, removed and changed between two versions (default: the active one and
    the one before it).

    Example: tracewire lists diff us_ofac_sdn 1 2 --json
    """
    store = open_store(db_url(ctx))
    try:
        before, after = pick_versions(store, dataset, old, new)
        summary = DiffSummary(dataset, before, after)
        for record in diff(store, before, after, summary):
            if summary_only:
                continue
            if as_json:
                click.echo(dumps(record))
            else:
                changed = ", ".join(record.get("changes", {}))
                click.echo(
                    f"{record['op']:8} {record['id']:24} {record['schema']:13} "
                    f"{record['caption']}" + (f"  [{changed}]" if changed else "")
                )
    finally:
        store.close()
    if as_json:
        click.echo(dumps({"summary": summary.to_dict()}))
    else:
        s = summary.to_dict()
        top = ", ".join(f"{k} {n}" for k, n in list(s["properties"].items())[:8])
        click.echo(
            f"{dataset} {before.id} -> {after.id}: {s['added']:,} added, {s['removed']:,} "
            f"removed, {s['changed']:,} changed, {s['unchanged']:,} unchanged"
            + (f" (changed properties: {top})" if top else "")
        )
