"""PDF to text with pypdf, page by page (citations name the page).

An encrypted PDF (that opens with no empty password), a corrupt or truncated one, and a
PDF with no text layer (scanned pages: run OCR first) are refused with the reason.
"""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from tracewire.errors import InputError

# pypdf logs what it repairs; a scan reports only what it cannot read
logging.getLogger("pypdf").setLevel(logging.ERROR)

#: between two pages in the document text (a page break is also a sentence break)
PAGE_BREAK = "\n\f\n"


def pdf_pages(data: bytes, source: str) -> tuple[str, list[str]]:
    """(title, text of each page); :class:`InputError` naming ``source`` when unreadable."""
    if b"%%EOF" not in data[-2048:]:
        raise InputError("a truncated PDF (no end-of-file marker)", path=source)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("an encrypted PDF (needs a password)", path=source)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title)
    except InputError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"a corrupt PDF ({exc})", path=source) from None
    except NotImplementedError as exc:  # an encryption pypdf cannot open
        raise InputError(f"an encrypted PDF pypdf cannot open ({exc})", path=source) from None
    if not pages:
        raise InputError("a PDF with no pages", path=source)
    if not any(text.strip() for text in pages):
        raise InputError(
            f"a PDF with no text layer ({len(pages)} pages of images?): run OCR first",
            path=source,
        )
    return title.strip(), pages
