"""The news article of the issue, scanned against every list at hand (slow: loads them all).

Reads ``../shared/data/documents/news_ru_ir_drone_deal_2022-11.txt`` and the lists where
they are; nothing is copied into the tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.lists.importer import load_path
from tracewire.scan import Scanner, scan
from tracewire.scan.findings import ScanReport
from tracewire.store import open_store

pytestmark = pytest.mark.slow

NOT_LISTED = [
    "The Washington Post", "News.ro", "HotNews.ro", "White House", "Adrienne Watson",
    "Institute for Science and International Security", "Tehran", "Moscow", "Bushehr",
    "Ashley Bailey",
]  # fmt: skip


@pytest.fixture(scope="module")
def report(
    tmp_path_factory: pytest.TempPathFactory, lists_dir: Path, shared_data: Path
) -> ScanReport:
    db = str(tmp_path_factory.mktemp("news") / "lists.db")
    store = open_store(db)
    try:
        for path in sorted(lists_dir.iterdir()):
            if path.suffix != ".xsd":
                load_path(store, path)
    finally:
        store.close()
    article = shared_data / "documents" / "news_ru_ir_drone_deal_2022-11.txt"
    return scan(article, scanner=Scanner.for_store(db))


def test_patrushev_with_sanctions_and_sentences(report: ScanReport) -> None:
    listed = [f for f in report.findings if f.kind == "listed"]
    assert listed, "Mykola Patrushev was not found"
    assert {f.caption.upper().replace(",", "") for f in listed} <= {
        "PATRUSHEV NIKOLAI PLATONOVICH",
        "NIKOLAI PLATONOVICH PATRUSHEV",
    }
    for finding in listed:
        assert finding.details["sanctions"], finding.id
        for sanction in finding.details["sanctions"]:
            assert sanction["authority"] and sanction["program"]
        [citation] = finding.citations
        assert citation.text == "Mykola Patrushev"
        assert "Russian Security Council Secretary Mykola Patrushev" in citation.sentence
    dates = [s.get("listingDate") for f in listed for s in f.details["sanctions"]]
    assert any(dates)  # the lists that date a listing (UK) give it


def test_weapons_linked_to_teardowns_and_makers(report: ScanReport) -> None:
    weapons = {f.id: f for f in report.findings if f.kind == "weapon"}
    assert set(weapons) >= {"shahed-136", "shahed-131", "mohajer-6"}
    for finding in weapons.values():
        assert finding.details["teardowns"]["api"] == f"/weapons/{finding.id}/report"
        assert finding.details["maker_listed"], finding.id
    assert "SHAHED" in weapons["shahed-136"].details["maker_listed"][0]["caption"]


@pytest.mark.parametrize("name", NOT_LISTED)
def test_not_reported_as_listed(report: ScanReport, name: str) -> None:
    text = report.document.text
    assert name in text
    spans = []
    at = text.find(name)
    while at >= 0:
        spans.append((at, at + len(name)))
        at = text.find(name, at + 1)
    for finding in report.findings:
        if finding.kind != "listed":
            continue
        for c in finding.citations:
            assert not any(c.start < end and start < c.end for start, end in spans), (
                f"{name!r} reported as {finding.caption}"
            )
