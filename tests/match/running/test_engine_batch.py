"""Batch screening on forked workers gives the answers of the one-process path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tracewire.lists.registry import detect
from tracewire.match.running import batch
from tracewire.match.running.batch import read_rows, screen_rows
from tracewire.match.running.engine import Screener

CSV = """name,schema,birth_date,country
"SALEK, ABDULHAI",Person,1965,
JANAN AGHA,Person,1958,af
,Person,,
Shahed Aviation Industries,Company,,
Patricia Lucas Wheeler,Person,2002-07-14,
Mohammad Ali,Person,,
"""


@pytest.fixture(scope="module")
def un_screener(lists_dir: Path) -> Screener:
    entities = [
        e.to_dict() for e in detect(lists_dir / "un_consolidated_2026-02-27.xml").entities()
    ]
    return Screener.from_entities(entities)


def _run(screener: Screener, processes: int) -> list[tuple[int, object, str | None]]:
    rows = read_rows(io.StringIO(CSV), "csv", batch.parse_columns(None), "Person")
    return list(screen_rows(screener, rows, processes=processes, limit=3))


def test_forked_workers_match_one_process(un_screener: Screener) -> None:
    single = _run(un_screener, 1)
    forked = _run(un_screener, 2)
    assert forked == single
    assert [line for line, _, _ in forked] == [2, 3, 4, 5, 6, 7]


def test_bad_row_reported_rest_screened(un_screener: Screener) -> None:
    out = _run(un_screener, 2)
    errors = [(line, error) for line, result, error in out if error]
    assert [line for line, _ in errors] == [4]
    screened = [result for _, result, error in out if not error]
    assert len(screened) == 5
