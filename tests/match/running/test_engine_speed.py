"""The fast screening path gives the answers of the full one (UN list + OFAC SDN).

The golden file holds the top-5 of a fixed query set recorded from the engine before the
speed work (tests/fixtures/match_speed/record.py). Scores move when the scoring features
change, so the exact check is live: the fast path (blocking in numpy, only the names the
query reaches compared) against ``all_names=True`` (every name of every candidate).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tracewire.errors import UsageError
from tracewire.lists.registry import detect
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query


@pytest.fixture(scope="module")
def golden(fixtures_dir: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (fixtures_dir / "match_speed" / "golden.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module")
def screener(lists_dir: Path) -> Screener:
    entities = [
        e.to_dict()
        for name in ("un_consolidated_2026-02-27.xml", "ofac_sdn_2024-05-03.csv")
        for e in detect(lists_dir / name).entities()
    ]
    return Screener.from_entities(entities)


def _query(spec: dict[str, Any]) -> Query:
    return Query(
        names=tuple(spec["names"]),
        schema=spec["schema"],
        birth_dates=tuple(spec["birth_dates"]),
        countries=tuple(spec["countries"]),
    )


def _top(screener: Screener, query: Query, **options: Any) -> list[tuple[str, float]]:
    return [(r.id, r.score) for r in screener.screen(query, limit=5, **options).results]


def test_fast_path_equals_full_comparison(screener: Screener, golden: list[dict[str, Any]]) -> None:
    differ = [
        spec["names"][0]
        for spec in golden
        if _top(screener, _query(spec)) != _top(screener, _query(spec), all_names=True)
    ]
    assert not differ, differ


def test_clear_matches_as_recorded(screener: Screener, golden: list[dict[str, Any]]) -> None:
    clear = [spec for spec in golden if spec["top"] and spec["top"][0][1] >= 0.95]
    assert len(clear) >= 50
    for spec in clear:
        results = screener.screen(_query(spec), limit=5).results
        best = results[0].score
        tops = {r.id for r in results if r.score == best}
        assert spec["top"][0][0] in tops, (spec["names"], spec["top"][:2])
        assert results[0].match


def test_ties_keep_a_fixed_order(screener: Screener) -> None:
    query = Query(names=("Mohammad",), schema="Person")
    first = _top(screener, query)
    assert first == _top(screener, query)
    assert first == _top(screener, query, all_names=True)


def test_filters_apply_to_candidates(screener: Screener) -> None:
    query = Query(names=("Nikolai Patrushev",), schema="Person")
    top = screener.screen(query, limit=3).results[0]
    again = screener.screen(query, limit=3, exclude_ids=(top.id,)).results
    assert top.id not in {r.id for r in again}
    vessel = screener.screen(Query(names=("Nikolai Patrushev",), schema="Vessel"), limit=5)
    assert all(r.entity["schema"] != "Person" for r in vessel.results)


def test_bad_options_are_usage_errors(screener: Screener) -> None:
    query = Query(names=("Ali",), schema="Person")
    with pytest.raises(UsageError):
        screener.screen(query, candidates=0)
    with pytest.raises(UsageError):
        screener.screen(query, limit=10_000)


def test_unseen_token_is_rarest(screener: Screener) -> None:
    assert screener.weight("zzqqxxunseen") >= screener.weight("mohammad")
    assert screener.weight("zzqqxxunseen") == screener.weight("qqzzyyunseen")
