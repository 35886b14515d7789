"""Laws of the loaders' value cleaning, and: a loader never crashes on any bytes, it raises
our InputError (Hypothesis)."""

from __future__ import annotations

import codecs
import logging
import tempfile
from pathlib import Path

from bombs import CSL_HEADER, ofsi_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracewire.errors import InputError
from tracewire.lists.registry import FORMATS, detect
from tracewire.lists.values import C1_AS_CP1252, CONTROLS, ValueCleaner

#: starts of files that get a parser past detection, so the bytes after them reach it
PREFIXES = [
    b"",
    CSL_HEADER,
    b'"Name"\t"Street_Address"\t"City"\t"State"\t"Country"\t"Postal_Code"\t"Effective_Date"\n',
    b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n',
    b'<?xml version="1.0"?>\n<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>',
    b'<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-01-01">',
    b"<sdnList><sdnEntry><uid>1</uid>",
    b'{"id": "x", "schema": "Person", "properties": {"name": ["A"]}}\n',
    b"Last Updated,01/01/2026\nName 6,Name 1,Group Type,Group ID\n",
    codecs.BOM_UTF16_LE,
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    b"PK\x03\x04",
]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@given(st.text())
def test_cleaning_touches_every_control_and_nothing_else(value: str) -> None:
    logging.getLogger("tracewire.lists").disabled = True
    try:
        cleaned = ValueCleaner("f.csv")(value, 1, "name")
    finally:
        logging.getLogger("tracewire.lists").disabled = False
    assert CONTROLS.search(cleaned) is None
    expected = "".join(C1_AS_CP1252.get(c, "") if CONTROLS.fullmatch(c) else c for c in value)
    assert cleaned == expected
    assert ValueCleaner("f.csv")(cleaned, 1, "name") == cleaned  # cleaning twice = once


@given(st.text(alphabet=st.characters(exclude_categories=["Cc"])))
def test_text_without_controls_is_kept_whole_and_unwarned(value: str) -> None:
    cleaner = ValueCleaner("f.csv")
    assert cleaner(value) == value
    assert cleaner.removed == 0


@given(st.integers(min_value=0, max_value=300))
def test_the_field_limit_is_exact(extra: int) -> None:
    cleaner = ValueCleaner("f.csv")
    value = "x" * (cleaner.max_field - 150 + extra)
    if len(value) <= cleaner.max_field:
        assert cleaner(value) == value
    else:
        try:
            cleaner(value, 7, "name")
        except InputError as exc:
            assert exc.line == 7 and "TRACEWIRE_MAX_FIELD" in exc.message
        else:
            raise AssertionError("a value over the limit was accepted")


def _load(data: bytes, suffix: str, fmt: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"list{suffix}"
        path.write_bytes(data)
        try:
            loader = detect(path, fmt)
            loader.default_dataset()
            for _ in loader.entities():
                pass
        except InputError:
            pass


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2000))
def test_detection_and_loading_raise_only_input_errors(prefix: bytes, body: bytes) -> None:
    logging.getLogger("tracewire.lists").disabled = True
    try:
        _load(prefix + body, ".csv", None)
    finally:
        logging.getLogger("tracewire.lists").disabled = False


@FUZZ
@given(
    fmt=st.sampled_from(sorted(FORMATS)),
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2000),
)
def test_every_format_forced_raises_only_input_errors(fmt: str, prefix: bytes, body: bytes) -> None:
    logging.getLogger("tracewire.lists").disabled = True
    try:
        _load(prefix + body, ".txt", fmt)
    finally:
        logging.getLogger("tracewire.lists").disabled = False


@FUZZ
@given(cut=st.integers(min_value=1, max_value=2000), noise=st.binary(min_size=1, max_size=64))
def test_damaged_workbooks_raise_only_input_errors(cut: int, noise: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        good = ofsi_workbook(Path(tmp) / "good.xlsx").read_bytes()
    position = cut % len(good)
    damaged = good[:position] + noise + good[position + len(noise) :]
    _load(damaged, ".xlsx", None)
    _load(damaged, ".xlsx", "uk_ofsi")
