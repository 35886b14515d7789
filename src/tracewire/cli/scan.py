"""``tracewire scan``: the listed parties, weapons, parts and makers documents name."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import click

from tracewire.cli.common import db_url, dumps
from tracewire.cli.progress import Progress
from tracewire.errors import InputError, UsageError
from tracewire.scan.findings import ScanReport
from tracewire.scan.ftm import ftm_entities
from tracewire.scan.page import html_page
from tracewire.scan.read import read_source
from tracewire.scan.scanner import Scanner, parse_kinds
from tracewire.scan.table import scan_table

EXIT_SOME_BAD = 1


def _files(paths: tuple[str, ...]) -> tuple[list[str], bool]:
    """The files to scan, and whether more than one was asked for (a folder, many paths)."""
    files: list[str] = []
    many = len(paths) > 1
    for path in paths:
        folder = Path(path)
        if path != "-" and folder.is_dir():
            many = True
            files += sorted(
                str(p)
                for p in folder.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.parts[-1:])
            )
        else:
            files.append(path)
    return files, many


def _write(out: IO[str], fmt: str, report: ScanReport) -> None:
    if fmt == "jsonl":
        for finding in report.findings:
            out.write(dumps(finding.to_dict(report.document)) + "\n")
    elif fmt == "ftm":
        for entity in ftm_entities(report):
            out.write(dumps(entity) + "\n")
    elif fmt == "table":
        out.write(scan_table(report) + "\n")


@click.command("scan")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines (same as --format jsonl).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "ftm", "html"]),
              default=None, help="Output: table (default), jsonl, ftm or html.")  # fmt: skip
@click.option("--threshold", type=float, default=None, help="Match threshold (0..1).")
@click.option("--kinds", default=None, help="Any of listed,weapon,part,maker (default all).")
@click.option("-o", "--output", "output", default="-", help="Output file (default stdout).")
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[str, ...],
    as_json: bool,
    fmt: str | None,
    threshold: float | None,
    kinds: str | None,
    output: str,
) -> None:
    """Scan documents (text, Markdown, HTML, PDF; a folder file by file; - for stdin) for
    the listed parties, weapons, part numbers and makers they name, with citations.

    Example: tracewire scan article.txt --format html -o article.html
    """
    if as_json and fmt not in (None, "jsonl"):
        raise UsageError("--json means --format jsonl; give one of them")
    fmt = "jsonl" if as_json else (fmt or "table")
    wanted = parse_kinds(kinds)
    files, many = _files(paths)
    if not files:
        raise UsageError(f"no files to scan in {', '.join(paths)}")
    scanner = Scanner.for_store(db_url(ctx))
    try:
        out: IO[str] = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None
    bad: list[str] = []
    reports: list[ScanReport] = []
    try:
        with Progress("scanning", unit="files") as progress:
            for done, path in enumerate(files, start=1):
                try:
                    report = scanner.scan(read_source(path), threshold=threshold, kinds=wanted)
                except InputError as exc:
                    if not many:
                        raise
                    bad.append(exc.message)
                    continue
                finally:
                    progress.update(done)
                if fmt == "html":
                    reports.append(report)
                else:
                    _write(out, fmt, report)
        if fmt == "html":
            out.write(html_page(reports))
        out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    if bad:
        click.echo(f"tracewire: {len(bad)} of {len(files)} files could not be scanned:", err=True)
        for message in bad:
            click.echo(f"  {message}", err=True)
        ctx.exit(EXIT_SOME_BAD)


command = scan
