"""``tracewire parts``: decode chip markings and resolve parts to their makers.

Both commands take one marking, or ``-`` to read one marking per line from stdin. ``--json``
prints one JSON object per line. Exit 2 on bad input (the line number is given for stdin);
the other lines are still processed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import click

from tracewire.cli.common import EXIT_USAGE, db_url, read_lines, write_jsonl
from tracewire.cli.table import print_table
from tracewire.errors import InputError, UsageError
from tracewire.parts.classify import classify
from tracewire.parts.maker_decision import EARLIEST_YEAR, Resolution, latest_year, resolve
from tracewire.parts.marking import DecodedMarking, decode
from tracewire.screening import screener_for


@click.group(name="parts")
def command() -> None:
    """Chip markings: decode them, resolve them to makers."""


def _inputs(marking: str) -> Iterator[tuple[int | None, str]]:
    if marking == "-":
        yield from read_lines("-")
    else:
        yield None, marking


def _run(ctx: click.Context, marking: str, work: Callable[[str], Any]) -> tuple[list[Any], int]:
    results: list[Any] = []
    errors = 0
    for line, text in _inputs(marking):
        try:
            results.append(work(text))
        except InputError as exc:
            if line is None:
                raise
            errors += 1
            click.echo(f"tracewire: error: stdin line {line}: {exc.message}", err=True)
    return results, errors


def _suffixes(d: DecodedMarking) -> str:
    return ", ".join(f"{k}={v}" for k, v in d.suffixes.items())


def _week(year: int | None, week: int | None) -> str:
    if week is None:
        return str(year or "")
    return f"{year or '?'}-W{week:02d}"


@command.command(name="decode")
@click.argument("marking")
@click.option("--maker", help="Maker id, name or brand, to use its date-code forms.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def decode_cmd(ctx: click.Context, marking: str, maker: str | None, as_json: bool) -> None:
    """Split MARKING into part number, ordering suffixes, date code, lot and country.

    Example: tracewire parts decode "STM32F405RGT6 GH22U 93 CHN 318"
    """
    results, errors = _run(ctx, marking, lambda text: decode(text, maker=maker))
    if as_json:
        write_jsonl(r.to_dict() for r in results)
    else:
        rows = [
            [
                d.part_number or "",
                d.base_part or "",
                _suffixes(d),
                d.date_code or "",
                _week(d.year, d.week),
                d.lot or "",
                d.country or "",
                "; ".join(d.ambiguous + d.warnings),
            ]
            for d in results
        ]
        headers = ["part", "base", "suffixes", "date code", "made", "lot", "country", "notes"]
        print_table(headers, rows)
    if errors:
        ctx.exit(EXIT_USAGE)


def _check_year(ctx: click.Context, param: click.Parameter, year: int | None) -> int | None:
    """A year outside 1950..next year is a usage error naming the option (exit 2)."""
    if year is None:
        return None
    if not EARLIEST_YEAR <= year <= latest_year():
        raise UsageError(f"--year {year} is outside {EARLIEST_YEAR}..{latest_year()}")
    return year


def _resolve_row(res: Resolution) -> dict[str, Any]:
    row = res.to_dict()
    part = res.part_number
    row["classification"] = classify(part, category=res.category).to_dict() if part else None
    return row


@command.command(name="resolve")
@click.argument("part_or_marking")
@click.option("--brand", help="Brand or logo as marked (settles second-sourced parts).")
@click.option(
    "--year",
    type=int,
    callback=_check_year,
    help="Year of manufacture (1950 to next year), overriding the date code.",
)
@click.option("--screen", is_flag=True, help="Screen the makers against the loaded lists.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def resolve_cmd(
    ctx: click.Context,
    part_or_marking: str,
    brand: str | None,
    year: int | None,
    screen: bool,
    as_json: bool,
) -> None:
    """Resolve PART_OR_MARKING to ranked maker candidates, with HS-6 code and CHPL tier.

    Example: tracewire parts resolve "MAX3485ESA+ 2146"
    """
    screener = screener_for(db_url(ctx)) if screen else None

    def work(text: str) -> dict[str, Any]:
        return _resolve_row(resolve(text, brand=brand, year=year, screener=screener))

    results, errors = _run(ctx, part_or_marking, work)
    if as_json:
        write_jsonl(results)
    else:
        rows = []
        for r in results:
            top = r["candidates"][0] if r["candidates"] else {}
            cls = r["classification"] or {}
            hits = [s["name"] for s in r["screening"] or [] if s["status"] == "listed"]
            rows.append(
                [
                    r["part_number"] or "",
                    r["status"],
                    top.get("name", ""),
                    f"{top['confidence']:.2f}" if top else "",
                    top.get("rule", ""),
                    r["maker_at_date"] or "",
                    r["owner_today"] or "",
                    r["hq_country"] or "",
                    cls.get("hs6", ""),
                    cls.get("chpl_tier") or "",
                    ("LISTED: " + ", ".join(hits)) if hits else r["reason"],
                ]
            )
        headers = [
            "part", "status", "maker", "conf", "rule", "at date", "owner now", "HQ", "HS-6",
            "CHPL", "reason",
        ]  # fmt: skip
        print_table(headers, rows)
    if errors:
        ctx.exit(EXIT_USAGE)
