"""Each red-flag rule fires where the small network gives it cause, and nowhere else."""

from __future__ import annotations

from tracewire.routes.flags import RULES, describe_rules
from tracewire.routes.service import routes_from
from tracewire.store import Store


def flags_of(route: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {f["rule"]: f["explanation"] for f in route["flags"]}


def via_harbor(small: Store) -> dict:  # type: ignore[type-arg]
    answer, _ = routes_from(small, "Norvane Microsystems Inc")
    for route in answer["routes"]:
        names = [n["label"] for n in route["nodes"]]
        if "Harbor Lumen Ltd" in names and route["nodes"][-1]["id"] == "entity:lst-kormak":
            return route
    raise AssertionError("no route through Harbor Lumen to Kormak")


def test_every_rule_fires_on_the_route_through_hong_kong(small: Store) -> None:
    flags = flags_of(via_harbor(small))
    assert set(flags) == set(RULES)
    assert any("(HK) ships to" in x and "origin US" in x for x in flags["transshipment"])
    assert flags["chpl_goods"] == ["HS 854231 is on the CHPL (2024-02) tier 1: 2 record(s)"]
    assert "after the russia control date 2022-02-24" in flags["after_control_date"][0]
    assert "1 step(s) from listed entity:lst-kormak" in flags["consignee_near_listed"][0]
    assert any(
        "identifier of listed entity:lst-kormak" in x for x in flags["shared_address_or_identifier"]
    )
    assert any(
        x.startswith("Harbor Lumen Ltd first seen 2022-05-20") for x in flags["first_seen_recently"]
    )


def test_shared_address_with_a_listed_party(small: Store) -> None:
    answer, _ = routes_from(small, "Norvane Microsystems Inc")
    via_ostrel = [
        r for r in answer["routes"] if "Ostrel Freight FZE" in [n["label"] for n in r["nodes"]]
    ]
    assert via_ostrel
    reasons = flags_of(via_ostrel[0])["shared_address_or_identifier"]
    assert "Ostrel Freight FZE shares an address with listed entity:lst-tessal" in reasons


def test_no_rule_fires_on_a_domestic_shipment_of_ordinary_goods(small: Store) -> None:
    answer, _ = routes_from(small, "Quietwell Parts Inc", to="any")
    calmora = [r for r in answer["routes"] if r["nodes"][-1]["label"] == "Calmora Assembly Inc"]
    assert calmora and all(r["flags"] == [] for r in calmora)


def test_every_rule_is_documented() -> None:
    rules = describe_rules()
    assert [r["name"] for r in rules] == list(RULES)
    assert all(len(r["description"]) > 60 for r in rules)
