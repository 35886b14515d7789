"""Documents to text: formats, page numbers, titles, and every bad input refused by name."""

from __future__ import annotations

import codecs

import pytest
from scan_pdfs import image_only_pdf, text_pdf

from tracewire.errors import InputError
from tracewire.scan.read import read_bytes

ARTICLE = "Officials met in Vienna.\nThe Kestrel Trading House signed the deal.\n"


def test_plain_text_and_markdown_title() -> None:
    doc = read_bytes(ARTICLE.encode(), "notes.txt")
    assert doc.text == ARTICLE and doc.media_type == "text/plain" and doc.title == "notes.txt"
    assert doc.page_at(10) is None and len(doc.sha256) == 64
    md = read_bytes(b"# Drone deal\n\nBody text.\n", "deal.md")
    assert md.title == "Drone deal" and md.media_type == "text/markdown"


def test_utf16_with_bom_and_declared_charset_html() -> None:
    doc = read_bytes(codecs.BOM_UTF16_LE + "Ивано́в и Патрушева".encode("utf-16-le"), "ru.txt")
    assert "Патрушева" in doc.text
    page = (
        '<html><head><meta charset="windows-1251"><title>Сделка</title></head><body>'
        "<article><p>" + "Секретарь Совета встретился с делегацией в Тегеране. " * 8
        + "</p></article></body></html>"
    ).encode("cp1251")  # fmt: skip
    html = read_bytes(page, "page.html")
    assert "Тегеране" in html.text and html.media_type == "text/html"


def test_html_main_text_drops_scripts_and_navigation() -> None:
    body = "<p>The Kestrel Trading House signed a contract with the ministry.</p>" * 6
    page = (
        "<!doctype html><html><head><title>Deal</title><script>var x='Secret Script';"
        "</script></head><body><nav><a href='/'>Home</a> <a href='/x'>Sports</a></nav>"
        f"<article><h1>Deal</h1>{body}</article><footer>Copyright Footer Ltd</footer>"
        "</body></html>"
    )
    doc = read_bytes(page.encode(), "deal.html")
    assert "Kestrel Trading House" in doc.text
    assert "Secret Script" not in doc.text and "Copyright Footer" not in doc.text
    assert doc.title == "Deal"


def test_pdf_pages_are_numbered() -> None:
    data = text_pdf(["First page about Vienna.", "Second page: Kestrel Trading House."],
                    title="Report")  # fmt: skip
    doc = read_bytes(data, "report.pdf")
    assert doc.media_type == "application/pdf" and doc.title == "Report"
    at = doc.text.index("Kestrel")
    assert doc.page_at(at) == 2 and doc.page_at(0) == 1
    assert [p.number for p in doc.pages] == [1, 2]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"PK\x03\x04" + b"\x00" * 100, "ZIP"),
        ("Ceci est écrit en Latin-1, café".encode("latin-1"), "unknown encoding"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "truncated"),
        (b"%PDF-1.4\ngarbage garbage\n%%EOF\n", "corrupt"),
    ],
)
def test_bad_input_is_refused_with_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, "bad/file.bin")
    assert caught.value.message.startswith("bad/file.bin: ")
    assert reason in caught.value.message


def test_encrypted_and_image_only_pdfs_say_so() -> None:
    with pytest.raises(InputError, match="encrypted"):
        read_bytes(text_pdf(["secret"], password="pw"), "locked.pdf")
    with pytest.raises(InputError, match="no text layer"):
        read_bytes(image_only_pdf(), "scan.pdf")


def test_truncated_pdf_is_refused() -> None:
    data = text_pdf(["A page of text about Vienna."] * 3)
    with pytest.raises(InputError, match="truncated"):
        read_bytes(data[: len(data) // 2], "cut.pdf")


def test_too_large_is_refused_before_reading() -> None:
    with pytest.raises(InputError, match="too large"):
        read_bytes(b"<html>" + b"a" * 2000, "big.html", max_bytes=1000)
