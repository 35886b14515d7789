"""A scan as one self-contained HTML page: the document text with every mention
highlighted and linked to its finding, then the findings with their evidence."""

from __future__ import annotations

import html
from collections.abc import Sequence

from tracewire.scan.findings import Finding, ScanReport

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
pre{white-space:pre-wrap;font:inherit;background:#fafafa;padding:1rem;border:1px solid #ddd}
mark{padding:0 .1em}mark.listed{background:#ffb3b3}mark.weapon{background:#ffe08a}
mark.part{background:#b8e0ff}mark.maker{background:#c9f0c0}
mark a{color:inherit;text-decoration:none}dt{font-weight:600;margin-top:1rem}
small{color:#555}table{border-collapse:collapse}td{padding:0 .5em;vertical-align:top}
"""


def _anchor(report_no: int, number: int) -> str:
    return f"d{report_no}-f{number}"


def _text(report: ScanReport, report_no: int) -> str:
    marks = sorted(
        (c.start, c.end, f.kind, n) for n, f in enumerate(report.findings) for c in f.citations
    )
    text = report.document.text
    out: list[str] = []
    at = 0
    for start, end, kind, number in marks:
        if start < at:
            continue  # overlaps a mention already marked
        out.append(html.escape(text[at:start]))
        href = _anchor(report_no, number)
        out.append(
            f'<mark class="{kind}"><a href="#{href}">{html.escape(text[start:end])}</a></mark>'
        )
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _finding(finding: Finding, anchor: str) -> str:
    head = f"{html.escape(finding.kind)}: {html.escape(finding.caption)}"
    if finding.score is not None:
        head += f" <small>score {finding.score:.3f}, {html.escape(finding.id)}</small>"
    rows = []
    for sanction in finding.details.get("sanctions") or []:
        program = ", ".join(sanction.get("program") or [])
        rows.append(
            "<tr><td>" + html.escape(str(sanction.get("authority") or "")) + "</td><td>"
            + html.escape(program) + "</td><td>"
            + html.escape(str(sanction.get("listingDate") or sanction.get("startDate") or ""))
            + "</td></tr>"
        )  # fmt: skip
    table = f"<table>{''.join(rows)}</table>" if rows else ""
    quotes = "".join(
        f"<li><small>page {c.page if c.page is not None else '-'}, "
        f"chars {c.start}-{c.end}</small> {html.escape(c.sentence)}</li>"
        for c in finding.citations
    )
    return f'<dt id="{anchor}">{head}</dt><dd>{table}<ul>{quotes}</ul></dd>'


def html_page(reports: Sequence[ScanReport]) -> str:
    """One page for one or more scanned documents."""
    sections = []
    for no, report in enumerate(reports):
        doc = report.document
        findings = "".join(_finding(f, _anchor(no, n)) for n, f in enumerate(report.findings))
        sections.append(
            f"<section><h1>{html.escape(doc.title)}</h1>"
            f"<p><small>{html.escape(doc.source)} · sha256 {doc.sha256}</small></p>"
            f"<pre>{_text(report, no)}</pre><h2>Findings ({len(report.findings)})</h2>"
            f"<dl>{findings or '<dd>none</dd>'}</dl></section>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>tracewire scan</title><style>{_STYLE}</style></head><body>"
        + "".join(sections)
        + "</body></html>\n"
    )
