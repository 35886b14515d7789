"""A scan as a readable text table: one row per finding, then its quoted sentences."""

from __future__ import annotations

from tracewire.scan.findings import Finding, ScanReport


def _what(finding: Finding) -> str:
    if finding.kind == "listed":
        sanctions = finding.details.get("sanctions") or []
        programs = sorted({p for s in sanctions for p in s.get("program") or []})
        datasets = ", ".join(finding.details.get("datasets") or [])
        return f"[{datasets}] {'; '.join(programs)}".strip()
    if finding.kind == "weapon":
        makers = finding.details.get("maker_listed") or []
        return "maker listed: " + (", ".join(m["caption"] for m in makers) or "no")
    if finding.kind == "part":
        return f"maker: {finding.details.get('maker') or 'unresolved'}"
    listed = finding.details.get("listed") or []
    return "listed: " + (", ".join(m["caption"] for m in listed) or "no")


def scan_table(report: ScanReport) -> str:
    doc = report.document
    lines = [f"{doc.source}  ({doc.title}; sha256 {doc.sha256[:16]}…)"]
    if not report.findings:
        lines.append("  no findings")
    for finding in report.findings:
        score = f"{finding.score:.3f}" if finding.score is not None else "     "
        lines.append(
            f"  {finding.kind:6}  {score}  {finding.caption}  {finding.id}  {_what(finding)}"
        )
        for c in finding.citations:
            page = f"p.{c.page} " if c.page is not None else ""
            lines.append(f"          {page}@{c.start}: “{c.sentence}”")
    return "\n".join(lines)
