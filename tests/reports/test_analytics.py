"""Analytics numbers on the small fixture set (counts derived by hand from small.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from sqlalchemy import Engine, create_engine

from teardown_fakes import FakeParts
from tracewire.errors import UsageError
from tracewire.match.running.engine import Screener
from tracewire.parts.control_dates import made_after_control
from tracewire.reports.analytics import _tier_rank, chokepoints, list_weapons, weapon_report
from tracewire.reports.ftm_export import export_entities
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.reading import read_teardowns
from tracewire.teardowns.store import save_teardowns
from tracewire.teardowns.weapons import UnknownWeapon


@pytest.fixture
def engine(fixtures_dir: Path, tmp_path: Path) -> Engine:
    eng = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    result = enrich_read(read_teardowns(fixtures_dir / "teardowns" / "small.csv"), FakeParts())
    save_teardowns(eng, result.teardowns.values())
    return eng


def _counts(items: list[dict[str, Any]], key: str) -> dict[str, int]:
    return {i[key]: i["count"] for i in items}


def test_weapon_report_numbers(engine: Engine) -> None:
    report = weapon_report(engine, "Geran-2", backend=FakeParts())
    assert report["weapon"]["id"] == "shahed-136"
    assert report["components"] == 9
    assert [t["id"] for t in report["teardowns"]] == ["T1", "T2"]
    assert _counts(report["by_country"], "country") == {
        "US": 3,
        "JP": 3,
        "CH": 1,
        "IR": 1,
        "contested": 1,
    }
    assert _counts(report["by_maker"], "maker_id") == {
        "ti": 1,
        "maxim": 1,
        "st": 1,
        "ir": 1,
        "name:mado": 1,
        "contested": 1,
    }
    assert report["unknown_maker"] == {"count": 3, "share": round(3 / 9, 4)}  # not a bar
    assert [p["quantity"] for p in report["parts"]] and sum(
        p["quantity"] for p in report["parts"]
    ) == 9
    assert all(p["source"] for p in report["parts"])
    assert report["provenance"]["sources"] >= 1 and "33% of them" in report["provenance"]["caveat"]
    owners = _counts(report["by_owner_today"], "maker_id")
    assert owners["adi"] == 1 and owners["infineon"] == 1
    assert _counts(report["chpl_tiers"], "tier") == {"1": 4, "2": 3, "3.A": 1, "none": 1}
    assert [t["tier"] for t in report["chpl_tiers"]] == ["1", "2", "3.A", "none"]  # tier order
    us = next(c for c in report["by_country"] if c["country"] == "US")
    assert us["share"] == round(3 / 9, 4)
    timeline = report["timeline"]
    assert (timeline["dated"], timeline["undated"]) == (5, 4)
    assert {y["year"]: y["count"] for y in timeline["by_year"]} == {
        2018: 1,
        2019: 1,
        2021: 1,
        2022: 1,
        2023: 1,
    }
    after = report["after_control"]
    assert (after["control_date"], after["after"], after["before"]) == ("2023-02-24", 1, 4)
    assert [p["part_number"] for p in after["parts"]] == ["MAX3485"]
    assert [(c["teardown_id"], c["component_id"]) for c in report["conflicts"]] == [("T2", "c1")]
    assert report["conflicts"][0]["makers_claimed"] == ["ti", "st"]


def test_control_date_is_configurable(engine: Engine) -> None:
    report = weapon_report(engine, "Shahed-136", "2019-06-01", backend=FakeParts())
    # 2021-W05, 2023-W14, 2019-W50 and 2022-W10 are after 2019-06-01; 2018-W30 before
    assert (report["after_control"]["after"], report["after_control"]["before"]) == (4, 1)
    orlan = weapon_report(engine, "Orlan-10", backend=FakeParts())
    assert orlan["after_control"]["regime"] == "russia"
    assert (orlan["after_control"]["after"], orlan["after_control"]["before"]) == (1, 1)
    assert orlan["components"] == 3 and len(orlan["conflicts"]) == 1
    with pytest.raises(UsageError):
        weapon_report(engine, "Orlan-10", "24/02/2022", backend=FakeParts())
    with pytest.raises(UnknownWeapon):
        weapon_report(engine, "Shahed-999", backend=FakeParts())


def test_chokepoints_rank_by_weapons_then_teardowns(engine: Engine) -> None:
    data = chokepoints(engine, 3, backend=FakeParts())
    assert (data["weapons"], data["teardowns"], data["components"]) == (2, 3, 12)
    top = [(m["key"], m["weapon_count"], m["teardown_count"]) for m in data["makers"]]
    assert top == [("st", 2, 2), ("ti", 2, 2), ("ir", 1, 1)]  # ties: by key
    parts = [(p["key"], p["weapon_count"]) for p in data["parts"]]
    assert parts[:2] == [("STM32F405", 2), ("TMS320F28335", 2)]
    assert data["countries"][0]["key"] == "US" and data["countries"][0]["teardown_count"] == 3
    with pytest.raises(UsageError):
        chokepoints(engine, 0, backend=FakeParts())


def test_list_weapons_counts(engine: Engine) -> None:
    weapons = {w["id"]: w for w in list_weapons(engine)}
    assert (weapons["shahed-136"]["teardowns"], weapons["shahed-136"]["components"]) == (2, 9)
    # c9 is described by two rows: one component, as the report counts it
    assert weapons["orlan-10"]["components"] == 3
    assert weapons["kh-101"]["teardowns"] == 0


@pytest.mark.parametrize(
    ("year", "week", "regime", "expected"),
    [
        (2022, 9, "russia", True),  # Mon 2022-02-28: the whole week is after 02-24
        (2022, 8, "russia", None),  # Mon 2022-02-21 .. Sun 2022-02-27 straddles 02-24
        (2022, 7, "russia", False),
        (2022, None, "russia", None),
        (2021, None, "russia", False),
        (2023, 9, "iran_uav", True),
        (2023, 8, "iran_uav", None),
    ],
)
def test_made_after_control_by_regime(
    year: int, week: int | None, regime: str, expected: bool | None
) -> None:
    assert made_after_control(year, week, regime) is expected


def test_ftm_export_validates(engine: Engine) -> None:
    entities = list(export_entities(engine, backend=FakeParts()))
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    schemata = {e["schema"] for e in entities}
    assert {"Airplane", "Organization", "Company", "UnknownLink", "Ownership"} <= schemata
    for entity in entities:
        proxy = model.get_proxy(entity, cleaned=False)
        assert proxy.schema.name == entity["schema"]
        assert proxy.to_dict()["properties"] == entity["properties"]
        proxy.schema.validate(entity)
    links = [e for e in entities if e["id"] == "tw-parts-ti-shahed-136"]
    assert links and links[0]["properties"]["object"] == ["tw-weapon-shahed-136"]


def test_weapon_report_screens_the_listed_maker_only_with_a_screener(engine: Engine) -> None:
    invented = {
        "id": "t-1",
        "schema": "Company",
        "caption": "Quillon Widget Works",
        "properties": {"name": ["Quillon Widget Works"]},
        "datasets": ["t"],
    }
    screener = Screener.from_entities([invented], {"t": 1})
    report = weapon_report(engine, "Shahed-136", backend=FakeParts(), screener=screener)
    listed = report["listed_maker"]
    assert listed["name"] == report["weapon"]["listed_maker"]
    assert listed["maker_id"] is None and listed["status"] == "clear"
    assert all(not m["match"] for m in listed["matches"])
    assert set(listed) == {"name", "maker_id", "status", "algorithm", "matches"}
    assert weapon_report(engine, "Shahed-136", backend=FakeParts())["listed_maker"] is None
    screened = {r["maker_id"] or r["name"]: r["status"] for r in report["maker_screening"]}
    named = {p["maker_id"] or p["maker"] for p in report["parts"] if p["maker_id"] or p["maker"]}
    assert named and named <= set(screened)  # every component maker, not only the weapon's
    assert set(screened.values()) == {"clear"}


def test_chpl_tiers_rank_in_the_lists_order() -> None:
    tiers = ["none", "4.B", "3.A", "1", "3.B", "2"]
    assert sorted(tiers, key=_tier_rank) == ["1", "2", "3.A", "3.B", "4.B", "none"]
