"""The cases issue 3 says must hold, on the real OFAC SDN and UN lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.lists.registry import detect
from tracewire.match.running.engine import Screener
from tracewire.match.types import Query
from tracewire.names.text import normalize


@pytest.fixture(scope="module")
def un_entities(lists_dir: Path) -> list[dict[str, object]]:
    return [e.to_dict() for e in detect(lists_dir / "un_consolidated_2026-02-27.xml").entities()]


@pytest.fixture(scope="module")
def screener(lists_dir: Path, un_entities: list[dict[str, object]]) -> Screener:
    sdn = [e.to_dict() for e in detect(lists_dir / "ofac_sdn_2024-05-03.csv").entities()]
    return Screener.from_entities(sdn + un_entities, {"us_ofac_sdn": 1, "un_sc_sanctions": 2})


def _top(screener: Screener, name: str, schema: str = "LegalEntity") -> tuple[str, float, bool]:
    screening = screener.screen(Query(names=(name,), schema=schema), limit=5)
    assert screening.results, f"no candidates for {name!r}"
    top = screening.results[0]
    return str(top.entity.get("caption")), top.score, top.match


def test_mykola_patrushev(screener: Screener) -> None:
    caption, score, match = _top(screener, "Mykola Patrushev", "Person")
    assert caption == "PATRUSHEV, Nikolai Platonovich"
    assert match, score


@pytest.mark.parametrize("name", ["Шахед Авиэйшн Индастриз", "Shahed Aviation Industries"])
def test_shahed(screener: Screener, name: str) -> None:
    caption, score, match = _top(screener, name)
    assert caption == "SHAHED AVIATION INDUSTRIES RESEARCH CENTER"
    assert match, score


def test_qods(screener: Screener) -> None:
    caption, score, match = _top(screener, "Qods Aviation Industry Co.", "Company")
    assert caption == "QODS AVIATION INDUSTRIES"
    assert match, score


def test_george_bush_is_not_habbash(screener: Screener) -> None:
    screening = screener.screen(Query(names=("George Bush",), schema="Person"), limit=20)
    for result in screening.results:
        if "HABBASH" in str(result.entity.get("caption")).upper():
            assert not result.match, result.score
    assert not any(r.match for r in screening.results)


@pytest.mark.parametrize("word", ["CORP", "Trading Company", "Industries", "LLC", "Group"])
def test_lone_generic_words_match_nothing(screener: Screener, word: str) -> None:
    for schema in ("Company", "LegalEntity"):
        screening = screener.screen(Query(names=(word,), schema=schema), limit=20)
        assert not any(r.match for r in screening.results), screening.results[:1]


def test_person_never_matches_vessel(screener: Screener) -> None:
    vessels = [
        e
        for e in (screener.get(i) for i in list(screener._ids)[:40000])
        if e and e["schema"] == "Vessel"
    ][:25]
    assert vessels
    for vessel in vessels:
        name = vessel["properties"]["name"][0]
        screening = screener.screen(Query(names=(name,), schema="Person"), limit=20)
        assert all(r.entity["schema"] != "Vessel" for r in screening.results)
        as_vessel = screener.screen(Query(names=(name,), schema="Vessel"), limit=5)
        assert as_vessel.results[0].entity["id"] == vessel["id"]


def _native_pairs(un_entities: list[dict[str, object]]) -> list[tuple[str, str, str]]:
    """(entity id, primary Latin name, an alias in a non-Latin script)."""
    pairs = []
    for entity in un_entities:
        props = entity.get("properties")
        if not isinstance(props, dict) or entity.get("schema") not in (
            "Person",
            "Organization",
            "LegalEntity",
            "Company",
        ):
            continue
        names = props.get("name", [])
        aliases = props.get("alias", [])
        latin = [n for n in names if n.isascii()]
        native = [
            a
            for a in aliases + names
            if not a.isascii()
            and any(
                "\u0400" <= c <= "\u04ff" or "\u0600" <= c <= "\u06ff" or "\u4e00" <= c <= "\u9fff"
                for c in a
            )
        ]
        if latin and native:
            pairs.append((str(entity["id"]), latin[0], native[0]))
    return pairs


def test_un_native_script_names_match_latin_and_back(
    un_entities: list[dict[str, object]],
) -> None:
    pairs = _native_pairs(un_entities)
    assert len(pairs) >= 20
    # each side alone: an index holding only the Latin names, one holding only the native
    latin_only = Screener.from_entities(
        {"id": i, "schema": "Person", "properties": {"name": [lat]}} for i, lat, _ in pairs
    )
    native_only = Screener.from_entities(
        {"id": i, "schema": "Person", "properties": {"name": [nat]}} for i, _, nat in pairs
    )
    found = back = 0
    for entity_id, latin, native in pairs:
        hits = latin_only.screen(Query(names=(native,), schema="Person"), limit=5).results
        found += any(r.id == entity_id and r.match for r in hits)
        hits = native_only.screen(Query(names=(latin,), schema="Person"), limit=5).results
        back += any(r.id == entity_id and r.match for r in hits)
    # measured 2026-11: 0.794 native->Latin, 0.796 Latin->native of 378 pairs (Arabic
    # script 0.80, Cyrillic 10/11, Chinese 0/5: translated, not transliterated, names).
    # Most misses left: Latin compounds with the article assimilated (Shamsuddin ~ شمس
    # الدين), which the alignment does not read, and organisations named by translation.
    assert found / len(pairs) >= 0.77, (found, len(pairs))
    assert back / len(pairs) >= 0.77, (back, len(pairs))
    assert normalize(pairs[0][2])  # native names normalise to something
