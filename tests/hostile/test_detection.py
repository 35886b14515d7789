"""When no format claims a file, the refusal says why (encoding, NUL byte, oversized line or
field, unreadable workbook), with the line, and which format the file resembles."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
from bombs import CSL_HEADER, csl_row, ofsi_workbook

from tracewire.errors import InputError, UnknownFormat
from tracewire.lists.registry import detect

SDN_ROWS = (
    b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    b'173,"INVENTED TRADING S.A.","-0- ","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
)
UN_XML = (
    '<?xml version="1.0" encoding="UTF-16"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01">\n'
    "<INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>INVENTED</FIRST_NAME>"
    "</INDIVIDUAL></INDIVIDUALS>\n</CONSOLIDATED_LIST>\n"
)


def _refusal(path: Path, fmt: str | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        loader = detect(path, fmt)
        list(loader.entities())
    return caught.value


def test_utf16_csv_names_the_encoding_and_the_format_it_resembles(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + SDN_ROWS.decode().encode("utf-16-le"))
    error = _refusal(path)
    assert isinstance(error, UnknownFormat)
    assert error.line == 1
    assert "UTF-16" in error.message and "ofac_csv" in error.message


def test_utf16_without_bom_is_named_too(tmp_path: Path) -> None:
    path = tmp_path / "csl.csv"
    path.write_bytes((CSL_HEADER + csl_row("k1", "Invented Co")).decode().encode("utf-16-le"))
    error = _refusal(path)
    assert "UTF-16 without a byte-order mark" in error.message and "us_csl" in error.message


def test_nul_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(SDN_ROWS + b"174,\x00\x00\x00broken\r\n")
    # the file is OFAC CSV by its first row, whose reader refuses NULs by line
    error = _refusal(path)
    assert error.line == 3 and "NUL" in error.message
    header_nul = tmp_path / "csl.csv"
    header_nul.write_bytes(CSL_HEADER.replace(b"source", b"sou\x00rce") + csl_row("k", "X"))
    error = _refusal(header_nul)
    assert isinstance(error, UnknownFormat)
    assert error.line == 1 and "NUL byte" in error.message and "us_csl" in error.message


def test_oversized_first_line_and_first_field(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b'"' + b"A" * (10 << 20) + b'",' + SDN_ROWS)
    error = _refusal(huge)
    assert error.line == 1 and "TRACEWIRE_MAX_LINE" in error.message
    wide = tmp_path / "wide.csv"
    wide.write_bytes(b'"' + b"A" * 100_000 + b'",' + SDN_ROWS)
    error = _refusal(wide)
    assert error.line == 1 and "field 1" in error.message
    assert "TRACEWIRE_MAX_FIELD" in error.message


def test_broken_workbooks_say_why(tmp_path: Path) -> None:
    good = ofsi_workbook(tmp_path / "good.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    error = _refusal(truncated)
    assert "cannot be read" in error.message
    garbled = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(garbled, "w") as out, zipfile.ZipFile(tmp_path / "good.xlsx") as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("sheet1.xml"):
                data = b"<worksheet><sheetData><row>"  # cut short
            out.writestr(info.filename, data)
    error = _refusal(garbled)
    assert isinstance(error, UnknownFormat)
    assert "uk_ofsi refused it" in error.message and "workbook" in error.message


def test_un_xml_in_utf16_says_the_encoding_with_or_without_format(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_bytes(codecs.BOM_UTF16_LE + UN_XML.encode("utf-16-le"))
    forced = _refusal(path, "un_sc")
    assert "UTF-16" in forced.message and "root is not" not in forced.message
    assert forced.line == 1
    detected = _refusal(path)
    assert "UTF-16" in detected.message and "un_sc" in detected.message


def test_a_file_like_nothing_keeps_the_general_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"a,b,c\n1,2,3\n")
    error = _refusal(path)
    assert isinstance(error, UnknownFormat) and "not OFAC CSV/XML" in error.message
