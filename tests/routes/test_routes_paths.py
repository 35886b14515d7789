"""Paths on the small hand-written network: which are found, how they rank, what supports them."""

from __future__ import annotations

import pytest

from tracewire.errors import NotFound, UsageError
from tracewire.routes.service import entity_routes, routes_from
from tracewire.routes.verify import unsupported
from tracewire.store import Store

MAKER = "Norvane Microsystems Inc"


def labels(route: dict) -> list[str]:  # type: ignore[type-arg]
    return [n["label"] for n in route["nodes"]]


def test_routes_reach_the_listed_consignee_and_its_owner(small: Store) -> None:
    answer, routes = routes_from(small, MAKER)
    ends = {r["nodes"][-1]["id"] for r in answer["routes"]}
    assert ends == {"entity:lst-kormak", "entity:lst-velgor", "entity:lst-tessal"}
    full = [labels(r) for r in answer["routes"]]
    assert [
        MAKER,
        MAKER,
        "Brightel Components GmbH",
        "Harbor Lumen Ltd",
        "KORMAK AVIA AO",
        "Kormak Avia AO",
    ] in full
    for route in routes:
        assert unsupported(small, route) == []


def test_routes_are_ranked_by_evidence_strength(small: Store) -> None:
    answer, _ = routes_from(small, MAKER)
    strengths = [r["strength"] for r in answer["routes"]]
    assert strengths == sorted(strengths, reverse=True)
    for route in answer["routes"]:
        product = 1.0
        for edge in route["edges"]:
            product *= edge["strength"]
        assert route["strength"] == pytest.approx(product, abs=1e-3)


def test_every_trade_edge_shows_its_records(small: Store) -> None:
    answer, _ = routes_from(small, MAKER)
    trade = [e for r in answer["routes"] for e in r["edges"] if e["kind"] == "shipped_to"]
    harbor_kormak = [e for e in trade if e["evidence"]["records"] == 2]
    assert harbor_kormak, "Harbor Lumen → Kormak is two declarations (D0004, D0005)"
    assert {r["declaration_id"] for r in harbor_kormak[0]["records"]} == {"D0004", "D0005"}


def test_max_hops_bounds_every_path(small: Store) -> None:
    answer, _ = routes_from(small, MAKER, max_hops=3)
    assert answer["routes"]
    assert all(r["hops"] <= 3 for r in answer["routes"])
    assert "entity:lst-velgor" not in {r["nodes"][-1]["id"] for r in answer["routes"]}


def test_to_any_ends_at_parties_too(small: Store) -> None:
    answer, _ = routes_from(small, "Quietwell Parts Inc", to="any")
    assert {labels(r)[-1] for r in answer["routes"]} == {
        "Quietwell Parts Inc",
        "Calmora Assembly Inc",
    }
    listed, _ = routes_from(small, "Quietwell Parts Inc")
    assert listed["routes"] == []


def test_unknown_start_and_bad_options(small: Store) -> None:
    with pytest.raises(NotFound, match="no weapon, teardown, part or maker"):
        routes_from(small, "Nobody Inc")
    with pytest.raises(UsageError, match="--max-hops"):
        routes_from(small, MAKER, max_hops=0)


def test_entity_neighbourhood(small: Store) -> None:
    answer, _ = entity_routes(small, "lst-kormak")
    kinds = sorted(e["kind"] for e in answer["edges"])
    assert kinds == ["ownership", "same_identifier"]
    two, _ = entity_routes(small, "lst-kormak", hops=2)
    assert two["total"] > answer["total"]
    with pytest.raises(NotFound):
        entity_routes(small, "no-such-entity")


def test_a_part_number_declared_in_trade_records_is_a_start(small: Store) -> None:
    answer, routes = routes_from(small, "nv32f405")
    assert answer["routes"]
    assert all([n["id"] for n in r["via"]] == ["part:NV32F405"] for r in answer["routes"])
    made_by = {e["kind"] for r in routes for e in r.edges}
    assert "made_by" not in made_by  # the step down to the maker is not a hop
    for route in routes:
        assert unsupported(small, route) == []
