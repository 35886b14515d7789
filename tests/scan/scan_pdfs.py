"""PDFs the scan tests read, made with fpdf2 (nothing binary is kept in the tree)."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf import FPDF


def text_pdf(pages: Sequence[str], *, title: str = "", password: str | None = None) -> bytes:
    """A PDF with a text layer: one page per string."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text=text)
    return bytes(pdf.output())


def image_only_pdf(pages: int = 2) -> bytes:
    """A PDF of drawings only (what a scan without OCR looks like): no text layer."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())
