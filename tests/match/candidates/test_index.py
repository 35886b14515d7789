"""The candidate index on hand-made entities: reach, ties, filters, compounds."""

from __future__ import annotations

from typing import Any

import pytest

from tracewire.match.running.engine import Screener
from tracewire.match.types import Query


def _entity(entity_id: str, schema: str, *names: str, **props: list[str]) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": schema,
        "properties": {"name": [names[0]], "alias": list(names[1:]), **props},
        "datasets": ["test"],
    }


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.from_entities(
        [
            _entity("p1", "Person", "Ivan Petrov"),
            _entity("p2", "Person", "Ivan Petrov"),  # a twin listed twice
            _entity("p3", "Person", "Ivan Sidorov", "Vanya Sidorov"),
            _entity("o1", "Organization", "Hizb Allah", "Party of God"),
            _entity("v1", "Vessel", "Ivan Petrov"),
            _entity("p4", "Person", "Olga Ivanova"),
        ]
    )


def test_twins_tie_and_keep_entity_order(screener: Screener) -> None:
    results = screener.screen(Query(names=("Ivan Petrov",), schema="Person"), limit=5).results
    assert [r.id for r in results[:2]] == ["p1", "p2"]
    assert results[0].score == results[1].score
    assert results[0].features is not results[1].features


def test_person_query_never_gets_a_vessel(screener: Screener) -> None:
    results = screener.screen(Query(names=("Ivan Petrov",), schema="Person"), limit=10).results
    assert "v1" not in {r.id for r in results}


def test_compound_alias_is_compared(screener: Screener) -> None:
    # "party" reaches the entity; only the compound route reaches its "Hizb Allah"
    query = Query(names=("Hezbollah Party",), schema="Organization")
    fast = screener.screen(query, limit=3).results
    full = screener.screen(query, limit=3, all_names=True).results
    assert [(r.id, r.score) for r in fast] == [(r.id, r.score) for r in full]
    assert fast and fast[0].id == "o1"
    assert fast[0].features["name_similarity"].candidate == "Hizb Allah"


def test_exclude_and_include(screener: Screener) -> None:
    query = Query(names=("Ivan Petrov",), schema="Person")
    kept = screener.screen(query, limit=5, exclude_ids=("p1",)).results
    assert "p1" not in {r.id for r in kept}
    assert screener.screen(query, limit=5, include_datasets=("test",)).results


def test_unrelated_name_finds_nothing(screener: Screener) -> None:
    screening = screener.screen(Query(names=("Xqzt Vbnm",), schema="Person"), limit=5)
    assert screening.results == []
    assert screening.total == 0


def test_weights_rank_rare_tokens_higher(screener: Screener) -> None:
    assert screener.weight("olga") > screener.weight("ivan")
    assert screener.weight("neverseen") >= screener.weight("olga")


def test_a_word_reaches_an_abjad_compound_written_apart() -> None:
    # Latin writes the compound in one word, Arabic script in two; no other part is shared
    latin = Screener.from_entities([_entity("h1", "Person", "HIDAYATULLAH")])
    arabic = Screener.from_entities([_entity("h2", "Person", "هدايت الله")])
    found = latin.screen(Query(names=("هدايت الله",), schema="Person"), limit=5).results
    assert [r.id for r in found if r.match] == ["h1"]
    found = arabic.screen(Query(names=("Hidayatullah",), schema="Person"), limit=5).results
    assert [r.id for r in found if r.match] == ["h2"]


def test_an_abjad_token_reaches_spellings_of_other_readings() -> None:
    # ج read as Egyptian g, ظ as z: frames the token's own (jml, kdm) do not have
    index = Screener.from_entities(
        [_entity("g1", "Person", "Gamal Kazem"), _entity("g2", "Person", "Kamal Kadim")]
    )
    found = index.screen(Query(names=("جمال كاظم",), schema="Person"), limit=5).results
    assert [r.id for r in found if r.match] == ["g1"]
