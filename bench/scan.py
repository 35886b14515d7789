"""Bench: scan a labelled corpus; print precision and recall, speed and memory.

Corpus: bench/data/scan/labels.json (see its ``about``): the news article and the cognis
pages read from ../shared/data/documents, and short documents written for the bench in
bench/data/scan/docs/. Split ``tune`` was looked at while the scanner was written; split
``blind`` was written after and never tuned on: both are reported, apart.

Scoring: a listed party is the set of entities carrying one of its labelled names (the same
words, legal forms aside); a finding is right when its entity is one of them. Precision counts
parties (a wrong party found on three lists is one mistake), recall the labelled parties
found. Weapons by weapon id, parts by part number.

Speed: a generated report of about 1 MB of plain text (sentences of invented people and
companies, real places, listed names of the corpus) scanned whole on one core, after the
scanner is built; a 100-page text PDF generated with fpdf2 (not kept), read and scanned.
Memory: the process's peak resident size, with every list of the store indexed.

    .venv/bin/python bench/scan.py --db demo.db
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

from fpdf import FPDF

from tracewire.names.prepared import prepare_name
from tracewire.scan import Scanner
from tracewire.scan.findings import ScanReport
from tracewire.scan.names import NAME_PROPS, PARTY_SCHEMATA
from tracewire.scan.read import read_bytes, read_source
from tracewire.store import open_store

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "scan"
SHARED = HERE.parent.parent / "shared" / "data"

FIRST = [
    "Anna",
    "Pavel",
    "Lukas",
    "Mirela",
    "Tomasz",
    "Ingrid",
    "Farid",
    "Lena",
    "Kofi",
    "Yuki",
    "Rafael",
    "Selin",
    "Marek",
    "Olga",
    "Hamid",
    "Beatriz",
    "Jonas",
    "Amara",
]
LAST = [
    "Kovacsik",
    "Brandvold",
    "Ostrowska",
    "Saarinen",
    "Lindqvist",
    "Okonkwo-Bell",
    "Vasquez-Roe",
    "Halvorsen",
    "Dimitrakos",
    "Mbeki-Stone",
    "Tanaka-Hill",
    "Zelinski",
]
ORGS = [
    "Northgate Maritime Services",
    "Baltic Crest Logistics",
    "Amber Ridge Holdings",
    "Silverline Components",
    "Eastbay Freight Partners",
    "Crescent Delta Trading",
]
PLACES = [
    "Vienna",
    "Istanbul",
    "Dubai",
    "Tallinn",
    "Yerevan",
    "Almaty",
    "Rotterdam",
    "Hong Kong",
    "Shenzhen",
    "Tashkent",
    "Bishkek",
    "Warsaw",
    "Kharkiv",
]
TEMPLATES = [
    "{p} of {o} met {q} in {c} to discuss shipments routed through {d}.",
    "According to {p}, {o} moved funds to {c} in {n} transfers.",
    "Customs records from {c} show {o} exporting to {d} in {n} consignments.",
    "{q} told the {c} Times that {o} had cut its ties with {l}.",
    "Investigators in {c} said {l} had bought parts from {o} through {d}.",
]  # fmt: skip


def _key(name: str, person: bool) -> frozenset[str]:
    return frozenset(prepare_name(name, person).core_texts)


def party_ids(db: str) -> dict[frozenset[str], set[str]]:
    """Core-token set of every listed name -> the entities carrying it."""
    store = open_store(db)
    out: dict[frozenset[str], set[str]] = {}
    try:
        for entity in store.iter_entities(schemata=list(PARTY_SCHEMATA)):
            person = entity["schema"] == "Person"
            for prop in NAME_PROPS:
                for name in entity["properties"].get(prop) or ():
                    out.setdefault(_key(name, person), set()).add(entity["id"])
    finally:
        store.close()
    return out


def _ids(names: list[str], by_key: dict[frozenset[str], set[str]]) -> set[str]:
    found: set[str] = set()
    for name in names:
        for person in (True, False):
            found |= by_key.get(_key(name, person), set())
    return found


def score(
    report: ScanReport, label: dict[str, Any], by_key: dict[frozenset[str], set[str]]
) -> tuple[dict[str, list[int]], list[str]]:
    """Per kind: [right, found, labelled]; and the wrong parties found (their words)."""
    parties = [_ids(names, by_key) for names in label["listed"]]
    ambiguous = set().union(*(_ids(n, by_key) for n in label.get("ambiguous", [])))
    listed = [f for f in report.findings if f.kind == "listed" and f.id not in ambiguous]
    hit = [any(f.id in ids for f in listed) for ids in parties]
    wrong = {
        _key(f.caption, f.details.get("schema") == "Person")
        for f in listed
        if not any(f.id in ids for ids in parties)
    }
    weapons = {f.id for f in report.findings if f.kind == "weapon"}
    parts = {f.id.upper() for f in report.findings if f.kind == "part"}
    want_parts = {p.upper() for p in label["parts"]}
    return {
        "listed": [sum(hit), sum(hit) + len(wrong), len(parties)],
        "weapon": [len(weapons & set(label["weapons"])), len(weapons), len(label["weapons"])],
        "part": [len(parts & want_parts), len(parts), len(want_parts)],
    }, sorted(" ".join(sorted(w)) for w in wrong)


def _path(entry: str) -> Path:
    return SHARED / entry[7:] if entry.startswith("shared:") else DATA / entry


def report_text(listed: list[str], target: int) -> str:
    rng = random.Random(0)
    lines: list[str] = []
    size = 0
    while size < target:
        people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2)]
        text = rng.choice(TEMPLATES).format(
            p=people[0], q=people[1], o=rng.choice(ORGS), c=rng.choice(PLACES),
            d=rng.choice(PLACES), n=rng.randint(2, 90), l=rng.choice(listed),
        )  # fmt: skip
        lines.append(text)
        size += len(text.encode("utf-8")) + 1
        if len(lines) % 6 == 0:
            lines.append("")
    return "\n".join(lines) + "\n"


def pdf_bytes(text: str, pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    chunk = max(len(text) // pages, 1)
    for number in range(pages):
        pdf.add_page()
        body = text[number * chunk : (number + 1) * chunk]
        pdf.multi_cell(0, 5, text=body.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="demo.db", help="store with every list loaded")
    parser.add_argument("--mb", type=float, default=1.0, help="size of the speed report, MB")
    args = parser.parse_args()
    labels = json.loads((DATA / "labels.json").read_text("utf-8"))["documents"]
    started = time.perf_counter()
    scanner = Scanner.for_store(args.db)
    build = time.perf_counter() - started
    by_key = party_ids(args.db)
    totals: dict[str, dict[str, list[int]]] = {}
    print(f"scanner built in {build:.1f} s ({len(scanner.parties.screener):,} entities)")
    for label in labels:
        report = scanner.scan(read_source(str(_path(label["path"]))))
        counts, wrong = score(report, label, by_key)
        split = totals.setdefault(label["split"], {})
        for kind, (right, got, wanted) in counts.items():
            into = split.setdefault(kind, [0, 0, 0])
            into[0] += right
            into[1] += got
            into[2] += wanted
        if wrong or counts["listed"][0] < counts["listed"][2]:
            print(f"  {label['path']}: listed {counts['listed']} wrong: {wrong}")
    print(f"\n{'split':6} {'kind':7} {'right':>5} {'found':>5} {'labelled':>8} "
          f"{'precision':>9} {'recall':>6}")  # fmt: skip
    for name, kinds in totals.items():
        for kind, (right, got, wanted) in kinds.items():
            precision = right / got if got else 1.0
            recall = right / wanted if wanted else 1.0
            print(f"{name:6} {kind:7} {right:5} {got:5} {wanted:8} {precision:9.3f} "
                  f"{recall:6.3f}")  # fmt: skip
    listed = [names[0] for label in labels for names in label["listed"]]
    prose = "\n\n".join(_path(label["path"]).read_text("utf-8") for label in labels)
    copies = max(1, int(args.mb * 1_000_000 / len(prose.encode("utf-8"))))
    long_report = "\n\n".join(f"Annex {n}\n\n{prose}" for n in range(copies))
    document = read_bytes(long_report.encode("utf-8"), "corpus.txt")
    started = time.perf_counter()
    result = scanner.scan(document)
    seconds = time.perf_counter() - started
    megabytes = len(long_report.encode("utf-8")) / 1e6
    print(
        f"\nplain text, the corpus {copies} times over (a long report repeats its names): "
        f"{megabytes:.2f} MB in {seconds:.2f} s = {megabytes / seconds:.2f} MB/s"
    )
    text = report_text(listed, int(args.mb * 1_000_000))
    document = read_bytes(text.encode("utf-8"), "report.txt")
    started = time.perf_counter()
    result = scanner.scan(document)
    seconds = time.perf_counter() - started
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"plain text, generated (invented names and places in every sentence): "
          f"{megabytes:.2f} MB in {seconds:.2f} s = {megabytes / seconds:.2f} MB/s "
          f"(one core; {result.stats['spans_screened']} distinct spans screened, "
          f"{len(result.findings)} findings)")  # fmt: skip
    data = pdf_bytes(report_text(listed[::-1], 330_000), 100)
    started = time.perf_counter()
    pdf = read_bytes(data, "report.pdf")
    read = time.perf_counter() - started
    scanner.scan(pdf)
    seconds = time.perf_counter() - started
    print(f"PDF: 100 pages ({len(data) / 1e6:.1f} MB, {len(pdf.text):,} characters) read in "
          f"{read:.2f} s, read and scanned in {seconds:.2f} s")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (every list of {args.db} indexed)")
    print(f"\ncommand: .venv/bin/python bench/scan.py --db {args.db} --mb {args.mb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
