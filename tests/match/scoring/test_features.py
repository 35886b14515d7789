"""Features: ranking's score equals the explained score; profile features read no names."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.match.scoring.algorithms import get_algorithm
from tracewire.match.scoring.features import PROFILE_FEATURES, Pair
from tracewire.match.scoring.subject import subject_from_entity

NAMES = st.sampled_from(
    ["Nikolai Patrushev", "PATRUSHEV, Nikolai", "Ali Hassan", "Hassan Ali", "ACME Trading LLC"]
)
DATES = st.lists(st.sampled_from(["1951", "1951-07-11", "1960-01-02", "1952"]), max_size=2)
COUNTRIES = st.lists(st.sampled_from(["ru", "ir", "us", "Iran"]), max_size=2)
IDS = st.lists(st.sampled_from(["A1234567", "X-99-1234", "IMO 9876543"]), max_size=2)
SCHEMATA = st.sampled_from(["Person", "Company", "LegalEntity", "Vessel"])


def _subject(name: str, schema: str, dates: list[str], countries: list[str], ids: list[str]):  # type: ignore[no-untyped-def]
    props = {"name": [name], "birthDate": dates, "country": countries, "idNumber": ids}
    if schema == "Person":
        props["nationality"] = props.pop("country")
    if schema == "Vessel":
        props["imoNumber"] = props.pop("idNumber")
    return subject_from_entity({"schema": schema, "properties": props})


@settings(max_examples=400, deadline=None)
@given(NAMES, NAMES, SCHEMATA, SCHEMATA, DATES, DATES, COUNTRIES, COUNTRIES, IDS, IDS)
def test_ranking_value_equals_explained_score(  # type: ignore[no-untyped-def]
    qn, cn, qs, cs, qd, cd, qc, cc, qi, ci
) -> None:
    algo = get_algorithm(None)
    query = _subject(qn, qs, qd, qc, qi)
    candidate = _subject(cn, cs, cd, cc, ci)
    weight = lambda text: 1.0 + len(text) % 3  # noqa: E731
    explained, features = algo.score(Pair(query, candidate, weight))
    profiles: dict = {}  # type: ignore[type-arg]
    assert algo.value(Pair(query, candidate, weight)) == explained
    assert algo.value(Pair(query, candidate, weight), profiles) == explained
    # a second candidate of the same profile reads the memo, and still gets its own names
    other = dataclasses.replace(candidate, names=query.names)
    assert (
        algo.value(Pair(query, other, weight), profiles)
        == algo.score(Pair(query, other, weight))[0]
    )
    total = sum(f.score * f.weight for f in features.values())
    assert abs(min(1.0, max(0.0, total)) - explained) < 1e-4


@settings(max_examples=200, deadline=None)
@given(NAMES, NAMES, NAMES, SCHEMATA, DATES, DATES, COUNTRIES, COUNTRIES)
def test_profile_features_read_no_names(  # type: ignore[no-untyped-def]
    qn, cn, other_name, schema, qd, cd, qc, cc
) -> None:
    query = _subject(qn, schema, qd, qc, [])
    candidate = _subject(cn, schema, cd, cc, [])
    renamed = dataclasses.replace(candidate, names=_subject(other_name, schema, [], [], []).names)
    assert PROFILE_FEATURES
    for feature in PROFILE_FEATURES:
        weight = lambda text: 1.0  # noqa: E731
        assert feature(Pair(query, candidate, weight)) == feature(Pair(query, renamed, weight))
