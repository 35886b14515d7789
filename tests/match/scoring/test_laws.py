"""Score laws (Hypothesis): symmetric for one schema, always in 0..1, never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.errors import InputError
from tracewire.match.running.engine import Screener
from tracewire.match.scoring.algorithms import describe_algorithms, get_algorithm
from tracewire.match.scoring.features import Pair
from tracewire.match.scoring.subject import subject_from_entity
from tracewire.match.types import Query

NAMES = st.text(min_size=1, max_size=60)
SCHEMATA = st.sampled_from(["Person", "Company", "Organization", "LegalEntity", "Vessel"])


def _subject(name: str, schema: str, dates: list[str]):  # type: ignore[no-untyped-def]
    return subject_from_entity(
        {"schema": schema, "properties": {"name": [name], "birthDate": dates}}
    )


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES, SCHEMATA, st.lists(st.sampled_from(["1951", "1960-01-02", "1951-07-11"])))
def test_score_symmetric_and_bounded(a: str, b: str, schema: str, dates: list[str]) -> None:
    algo = get_algorithm(None)
    left = _subject(a, schema, dates)
    right = _subject(b, schema, dates[:1])
    forward, _ = algo.score(Pair(left, right, lambda t: 1.0 + len(t) % 3))
    backward, _ = algo.score(Pair(right, left, lambda t: 1.0 + len(t) % 3))
    assert forward == backward
    assert 0.0 <= forward <= 1.0


def test_identical_names_score_one() -> None:
    algo = get_algorithm(None)
    a = _subject("Nikolai Patrushev", "Person", [])
    assert algo.score(Pair(a, a, lambda t: 1.0))[0] == 1.0


SMALL = Screener.from_entities(
    [
        {
            "id": "p1",
            "schema": "Person",
            "properties": {"name": ["PATRUSHEV, Nikolai"]},
            "datasets": ["t"],
        },
        {
            "id": "v1",
            "schema": "Vessel",
            "properties": {"name": ["NIKOLAI PATRUSHEV"]},
            "datasets": ["t"],
        },
        {
            "id": "c1",
            "schema": "Company",
            "properties": {"name": ["OOO Romashka"]},
            "datasets": ["u"],
        },
    ],
    {"t": 1, "u": 2},
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), SCHEMATA)
def test_screen_never_crashes(name: str, schema: str) -> None:
    try:
        screening = SMALL.screen(Query(names=(name,), schema=schema))
    except InputError:
        return
    assert all(0.0 <= r.score <= 1.0 for r in screening.results)


def test_bad_queries_raise_our_errors() -> None:
    for bad in ["", "   ", "x" * 1001, "a\x07b"]:
        with pytest.raises(InputError):
            SMALL.screen(Query(names=(bad,), schema="Person"))
    with pytest.raises(InputError):
        SMALL.screen(Query(names=("Ali",), schema="Spaceship"))
    with pytest.raises(InputError):
        SMALL.screen(Query(names=("Ali",), schema="Person", birth_dates=("yesterday",)))


def test_screening_records_audit_fields() -> None:
    screening = SMALL.screen(Query(names=("Mykola Patrushev",), schema="Person"))
    assert screening.algorithm == "tracewire-v1" and screening.algorithm_version
    assert screening.list_versions == {"t": 1, "u": 2}
    assert [r.id for r in screening.results] == ["p1"]
    only_u = SMALL.screen(Query(names=("Romashka",), schema="Company"), include_datasets=["u"])
    assert only_u.list_versions == {"u": 2}
    assert [r.id for r in only_u.results] == ["c1"]


def test_algorithms_documented() -> None:
    (algo,) = describe_algorithms()
    assert algo["name"] == "tracewire-v1"
    names = {f["name"] for f in algo["features"]}
    assert {"name_similarity", "identifier_match", "schema_mismatch"} <= names
    assert all(len(f["description"]) > 40 for f in algo["features"])
