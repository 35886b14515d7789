"""Reports out: text tables, JSON, CSV, and PNG/SVG charts (matplotlib, Agg backend)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson

from tracewire.errors import UsageError

FORMATS = ("table", "json", "csv", "png", "svg")
CHART_FORMATS = ("png", "svg")


def _pct(share: float) -> str:
    return f"{share * 100:5.1f}%"


def _table(title: str, header: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [title, line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    if not cells:
        out.append("(none)")
    return [*out, ""]


def weapon_table(report: dict[str, Any]) -> str:
    """A weapon report as plain text tables."""
    weapon = report["weapon"]
    lines = [
        f"{weapon['name']} ({weapon['type']}, {weapon['country']}): "
        f"{report['components']} components in {len(report['teardowns'])} teardown(s)",
        f"maker: {weapon['maker']}",
    ]
    listed = report.get("listed_maker")
    hits = [m for m in listed["matches"] if m["match"]] if listed else []
    if hits:
        best = hits[0]
        lines.append(f"listed as: {best['caption']} [{best['id']}] score {best['score']:.2f}")
    elif listed:
        lines.append(f"listed maker {listed.get('name')!r}: {listed.get('status')}")
    unknown = report.get("unknown_maker")
    if unknown:
        lines.append(
            f"of unknown maker: {unknown['count']} of {report['components']} components "
            f"({_pct(unknown['share']).strip()}); the breakdowns below rank the others"
        )
    screened = report.get("maker_screening")
    if screened is not None:
        hits = [m for m in screened if m["status"] == "listed"]
        lines.append(
            f"component makers screened: {len(screened)}, with a screening match: {len(hits)} "
            "(a match is a lead to review, not a finding)"
        )
        for maker in hits:
            best = next(m for m in maker["matches"] if m["match"])
            lines.append(
                f"  {maker['name']} ~ {best['caption']} [{best['id']}] "
                f"score {best['score']:.2f} ({', '.join(best['datasets'])})"
            )
    prov = report.get("provenance")
    if prov:
        lines.append(
            f"source: {prov['sources']} public source page(s) "
            f"({', '.join(prov['publishers']) or 'publishers not given'}); made "
            f"{prov['generated']}; caveat: {prov['caveat']}"
        )
    lines.append("")

    def share_rows(items: list[dict[str, Any]], key: str) -> list[list[Any]]:
        return [[i[key], "", i["count"], _pct(i["share"])] for i in items]

    lines += _table(
        "By maker HQ country",
        ["country", "", "count", "share"],
        share_rows(report["by_country"], "country"),
    )
    lines += _table(
        "By maker (maker at the part's date)",
        ["maker", "name", "count", "share"],
        [[i["maker_id"], i.get("name"), i["count"], _pct(i["share"])] for i in report["by_maker"]],
    )
    lines += _table(
        "CHPL tiers", ["tier", "", "count", "share"], share_rows(report["chpl_tiers"], "tier")
    )
    timeline = report["timeline"]
    if timeline["dated"]:
        lines += _table(
            f"Date codes ({timeline['dated']} dated, {timeline['undated']} undated)",
            ["year", "count"],
            [[y["year"], y["count"]] for y in timeline["by_year"]],
        )
    else:
        lines += [f"Date codes: none of the {timeline['undated']} components is dated", ""]
    after = report["after_control"]
    lines += _table(
        f"Made after the control date {after['control_date']} ({after['regime']}): "
        f"{after['after']} after, {after['before']} before, {after['straddles']} in that week",
        ["teardown", "component", "part", "maker", "year", "week"],
        [
            [
                p["teardown_id"],
                p["component_id"],
                p["part_number"],
                p["maker"],
                p["year"],
                p["week"],
            ]
            for p in after["parts"]
        ],
    )
    if "parts" in report:
        lines += _table(
            "Parts",
            ["teardown", "component", "function", "part", "maker", "country", "tier", "source"],
            [
                [
                    p["teardown_id"],
                    p["component_id"],
                    (p["function"] or "")[:40],
                    p["part_number"] or p["marking"],
                    p["maker"] or ("(contested)" if p["attribution"] == "contested" else ""),
                    p["hq_country"],
                    p["chpl_tier"],
                    p["source"],
                ]
                for p in report["parts"]
            ],
        )
    lines += _table(
        "Conflicting attributions (kept, not merged)",
        ["teardown", "component", "makers claimed"],
        [
            [c["teardown_id"], c["component_id"], ", ".join(c["makers_claimed"])]
            for c in report["conflicts"]
        ],
    )
    return "\n".join(lines)


def chokepoints_table(data: dict[str, Any]) -> str:
    """Chokepoints as plain text tables."""
    lines = [
        f"{data['components']} components in {data['teardowns']} teardowns of "
        f"{data['weapons']} weapon models",
        "",
    ]
    for kind, title in (
        ("makers", "Makers"),
        ("parts", "Part families"),
        ("countries", "Maker countries"),
    ):
        lines += _table(
            f"{title} by weapon models and teardowns",
            ["key", "name", "weapons", "teardowns", "components"],
            [
                [
                    r["key"],
                    r.get("name") or r.get("category") or "",
                    r["weapon_count"],
                    r["teardown_count"],
                    r["components"],
                ]
                for r in data[kind]
            ],
        )
    return "\n".join(lines)


def weapon_csv(report: dict[str, Any]) -> str:
    """Long-form CSV: section, key, name, count, share."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "name", "count", "share"])
    for item in report["by_country"]:
        writer.writerow(["by_country", item["country"], "", item["count"], item["share"]])
    for item in report["by_maker"]:
        writer.writerow(
            ["by_maker", item["maker_id"], item.get("name") or "", item["count"], item["share"]]
        )
    for item in report["by_owner_today"]:
        writer.writerow(["by_owner_today", item["maker_id"], "", item["count"], item["share"]])
    for item in report["chpl_tiers"]:
        writer.writerow(["chpl_tier", item["tier"], "", item["count"], item["share"]])
    for item in report["timeline"]["by_year"]:
        writer.writerow(["year", item["year"], "", item["count"], ""])
    for item in report["timeline"]["by_week"]:
        writer.writerow(["week", item["week"], "", item["count"], ""])
    after = report["after_control"]
    for key in ("after", "before", "straddles", "undated"):
        writer.writerow(["after_control", key, after["control_date"], after[key], ""])
    return out.getvalue()


def chokepoints_csv(data: dict[str, Any]) -> str:
    """CSV: kind, key, name, weapon_count, teardown_count, components, weapons."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["kind", "key", "name", "weapon_count", "teardown_count", "components", "weapons"]
    )
    for kind in ("makers", "parts", "countries"):
        for r in data[kind]:
            writer.writerow(
                [
                    kind,
                    r["key"],
                    r.get("name") or r.get("category") or "",
                    r["weapon_count"],
                    r["teardown_count"],
                    r["components"],
                    ";".join(r["weapons"]),
                ]
            )
    return out.getvalue()


def _figure(height: float) -> Any:
    from matplotlib.figure import Figure  # a bare Figure renders with Agg: no display, no pyplot

    return Figure(figsize=(12, height), layout="constrained")


def _whole(axis: Any) -> None:
    """Count axes tick at whole numbers only."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _footer(fig: Any, report: dict[str, Any]) -> None:
    prov = report.get("provenance")
    if prov:
        fig.text(
            0.01,
            0.003,
            f"Source: {prov['sources']} public source page(s)"
            f" ({', '.join(prov['publishers'][:3]) or 'publishers not given'}). Made "
            f"{prov['generated']} with tracewire. Caveat: {prov['caveat']}.",
            fontsize=8,
            ha="left",
            va="bottom",
        )


def _barh(ax: Any, labels: list[str], values: list[int], title: str) -> None:
    positions = list(range(len(labels)))
    ax.barh(positions, values, color="#3b6ea5")
    _whole(ax.xaxis)
    ax.set_yticks(positions, labels=labels)
    ax.invert_yaxis()
    ax.set_title(title)
    if not labels:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)


def weapon_chart(report: dict[str, Any], path: Path, fmt: str) -> Path:
    """Four panels: countries, makers, CHPL tiers, date-code years (control year marked)."""
    years = report["timeline"]["by_year"]
    fig = _figure(9.5)
    axes = fig.subplots(2, 2)
    weapon = report["weapon"]
    unknown = report.get("unknown_maker") or {"count": 0, "share": 0.0}
    fig.suptitle(
        f"{weapon['name']}: {report['components']} components, "
        f"{len(report['teardowns'])} teardown(s); {unknown['count']} "
        f"({unknown['share']:.0%}) of unknown maker, not shown below"
    )
    countries = report["by_country"][:12]
    _barh(
        axes[0][0],
        [c["country"] for c in countries],
        [c["count"] for c in countries],
        "By maker HQ country (known makers)",
    )
    makers = report["by_maker"][:12]
    _barh(
        axes[0][1],
        [str(m.get("name") or m["maker_id"]) for m in makers],
        [m["count"] for m in makers],
        "By maker (known makers)",
    )
    tiers = report["chpl_tiers"]  # in the list's tier order
    axes[1][0].bar([t["tier"] for t in tiers], [t["count"] for t in tiers], color="#a55b3b")
    axes[1][0].set_title("CHPL tier")
    _whole(axes[1][0].yaxis)
    axis = axes[1][1]
    if not years:  # no date code: no empty panel
        axis.set_visible(False)
    else:
        axis.bar([y["year"] for y in years], [y["count"] for y in years], color="#5b8a3b")
        _whole(axis.yaxis)
        _whole(axis.xaxis)
        control = report["after_control"]["control_date"]
        axis.axvline(
            int(control[:4]) + (int(control[5:7]) - 1) / 12 - 0.5,
            color="red",
            linestyle="--",
            label=f"control date {control}",
        )
        axis.legend(loc="upper left")
        axis.set_title(f"Date codes by year ({report['timeline']['undated']} undated)")
    _footer(fig, report)
    fig.savefig(path, format=fmt)
    return path


def chokepoints_chart(data: dict[str, Any], path: Path, fmt: str) -> Path:
    """Two panels: makers and part families by the number of weapon models they appear in."""
    fig = _figure(7)
    axes = fig.subplots(1, 2)
    fig.suptitle(
        f"Chokepoints across {data['weapons']} weapon models, {data['teardowns']} teardowns"
    )
    makers = data["makers"][:15]
    _barh(
        axes[0],
        [str(m.get("name") or m["key"]) for m in makers],
        [m["weapon_count"] for m in makers],
        "Makers: weapon models",
    )
    parts = data["parts"][:15]
    _barh(
        axes[1],
        [p["key"] for p in parts],
        [p["weapon_count"] for p in parts],
        "Part families: weapon models",
    )
    fig.savefig(path, format=fmt)
    return path


def render(kind: str, data: dict[str, Any], fmt: str, output: Path | None = None) -> str | Path:
    """Render a ``weapon`` or ``chokepoints`` report: text for table/json/csv, a file for
    png/svg (written to ``output``, which png/svg require)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if kind not in ("weapon", "chokepoints"):
        raise UsageError(f"unknown report {kind!r}")
    if fmt in CHART_FORMATS:
        if output is None:
            raise UsageError(f"--format {fmt} writes a chart file: give --output FILE")
        chart = weapon_chart if kind == "weapon" else chokepoints_chart
        return chart(data, output, fmt)
    if fmt == "json":
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    if fmt == "csv":
        return weapon_csv(data) if kind == "weapon" else chokepoints_csv(data)
    return weapon_table(data) if kind == "weapon" else chokepoints_table(data)
