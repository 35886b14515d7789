"""Scanning documents against a small store of invented parties: what is found, with which
evidence, and what is not reported (precision first)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scan_fixtures import make_store
from scan_pdfs import text_pdf

from tracewire.scan import Scanner, scan
from tracewire.scan.findings import ScanReport

ARTICLE = """Vienna Talks
Dmitri Volkanov met the board of the Kestrel Trading House in Vienna on Monday.
The Northwind Security Council, a lobby group, criticised the meeting.
Volkanov left for Moscow afterwards. Officials at Northwind Security declined to comment.
Journalist Ashley Bramwell reported the talks for the Vienna Star newspaper.
Dmitri Volkanov met the board of the Kestrel Trading House in Vienna on Monday.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_store(tmp_path_factory.mktemp("scan"))


@pytest.fixture(scope="module")
def scanner(db: str) -> Scanner:
    return Scanner.for_store(db)


def run(scanner: Scanner, text: str, name: str = "article.txt") -> ScanReport:
    return scan(text.encode("utf-8"), name=name, scanner=scanner)


def test_listed_person_and_company_with_citations(scanner: Scanner) -> None:
    report = run(scanner, ARTICLE)
    listed = {f.id: f for f in report.findings if f.kind == "listed"}
    assert set(listed) == {"t-volkanov", "t-kestrel"}
    person = listed["t-volkanov"]
    assert person.caption == "VOLKANOV, Dmitri Arkadievich" and person.score is not None
    assert person.score >= person.details["audit"]["threshold"]
    # the sanction as the store holds it: authority, program, listing date
    assert person.details["sanctions"][0]["authority"] == "Test Sanctions Authority"
    assert person.details["sanctions"][0]["program"] == ["TEST-PROGRAM-1"]
    assert person.details["sanctions"][0]["listingDate"] == "2022-03-15"
    # the same explanation and list versions as `tracewire screen` gives
    assert person.details["explanations"]["name_similarity"]["score"] > 0.8
    assert person.details["audit"]["list_versions"] == {"test_list": 1}
    citation = person.citations[0]
    assert ARTICLE[citation.start : citation.end] == citation.text == "Dmitri Volkanov"
    assert citation.sentence.startswith("Dmitri Volkanov met the board")


def test_repeated_paragraph_does_not_double(scanner: Scanner) -> None:
    report = run(scanner, ARTICLE)
    kestrel = [f for f in report.findings if f.id == "t-kestrel"]
    assert len(kestrel) == 1 and len(kestrel[0].citations) == 1


def test_precision_shared_words_places_and_surnames(scanner: Scanner) -> None:
    report = run(scanner, ARTICLE)
    ids = {f.id for f in report.findings}
    # "Northwind Security (Council)" shares two words with NORTHWIND SECURITY SYSTEMS;
    # a lone surname is no finding; a vessel is not a party; a journalist is not listed
    assert "t-northwind" not in ids and "t-vessel" not in ids


def test_one_party_many_mentions_one_finding(scanner: Scanner) -> None:
    text = (
        "Dmitri Volkanov arrived. Later Dmitri Volkanov spoke.\n"
        "Analysts said Dmitri Volkanov would return.\n"
    )
    report = run(scanner, text)
    [finding] = [f for f in report.findings if f.kind == "listed"]
    assert [text[c.start : c.end] for c in finding.citations] == ["Dmitri Volkanov"] * 3


def test_cyrillic_inflected_surname(scanner: Scanner) -> None:
    text = "Вчера в Вене видели Дмитрия Волканова.\nВстреча с Волкановым Дмитрием длилась час.\n"
    report = run(scanner, text, "ru.txt")
    [finding] = [f for f in report.findings if f.kind == "listed"]
    assert finding.id == "t-volkanov"
    assert {c.text for c in finding.citations} == {"Дмитрия Волканова", "Волкановым Дмитрием"}


def test_arabic_and_chinese_names(scanner: Scanner) -> None:
    text = (
        "قال مسؤولون إن قاسم جواد الفاروقي زار المدينة.\n据报道，华星远洋贸易有限公司参与了交易。\n"
    )
    report = run(scanner, text, "mixed.txt")
    ids = {f.id for f in report.findings}
    assert ids == {"t-farouqi", "t-huaxing"}


def test_one_word_listed_name(scanner: Scanner) -> None:
    report = run(scanner, "Funds were sent to Zarganite through Vienna.\n")
    assert [f.id for f in report.findings if f.kind == "listed"] == ["t-zarganite"]


def test_pdf_citation_names_the_page(scanner: Scanner) -> None:
    data = text_pdf(["Nothing of note on this page.", "Dmitri Volkanov signed the contract."])
    report = scan(data, name="report.pdf", scanner=scanner, kinds="listed")
    [finding] = report.findings
    assert finding.citations[0].page == 2


def test_kinds_and_threshold_are_checked(scanner: Scanner) -> None:
    from tracewire.errors import UsageError

    with pytest.raises(UsageError, match="unknown kind"):
        scan(b"text", name="a.txt", scanner=scanner, kinds="listed,ships")
    with pytest.raises(UsageError, match="threshold"):
        scan(b"text", name="a.txt", scanner=scanner, threshold=1.5)
    strict = scan(ARTICLE.encode(), name="a.txt", scanner=scanner, threshold=1.0)
    assert all(f.score is None or f.score >= 1.0 for f in strict.findings)


def test_path_source(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Note\n\nDmitri Volkanov was seen.\n", encoding="utf-8")
    report = scan(path, scanner=scanner)
    assert report.document.title == "Note" and report.document.source == str(path)
    assert [f.id for f in report.findings] == ["t-volkanov"]


def test_tracewire_scan_is_callable_before_and_after_import(scanner: Scanner) -> None:
    import tracewire
    import tracewire.scan as package

    entries: tuple[Any, ...] = (tracewire.scan, package)
    for entry in entries:
        report = entry(b"Dmitri Volkanov was seen.", name="a.txt", scanner=scanner)
        assert [f.id for f in report.findings] == ["t-volkanov"]


def test_one_word_at_a_sentence_start_is_not_a_name(scanner: Scanner) -> None:
    # capitalised only because it begins the sentence (Эксперт, "Expert", is a listed
    # company's one-word alias elsewhere): a one-word name counts only inside a sentence
    report = run(scanner, "Zarganite is a word here.\nThey paid Zarganite twice.\n")
    [finding] = [f for f in report.findings if f.kind == "listed"]
    assert [c.text for c in finding.citations] == ["Zarganite"]
    assert finding.citations[0].start == len("Zarganite is a word here.\nThey paid ")
