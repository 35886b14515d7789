"""GUR's component record: read by line, sources kept, makers looked up, disagreements flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.errors import InputError
from tracewire.parts.makers import find_maker, get_maker
from tracewire.teardowns.attribution import enrich_read
from tracewire.teardowns.gur import read_gur, read_gur_weapons, summary
from tracewire.teardowns.model import FLAG_RESOLVER_DISAGREES, FLAG_UNKNOWN_MAKER

HEADER = (
    "component_id,name_marking,category,function,manufacturer,manufacturer_country,"
    "oem_part_number,production_date,found_in_drones,sanctions_status,is_dual_use,"
    "replaceable_with,price_retail_usd,source_url,evidence_image,last_verified,notes\n"
)
URL = "https://war-sanctions.gur.gov.ua/en/components/"


def _row(cid: str, maker: str, part: str, drones: str, url: str | None = None) -> str:
    link = url if url is not None else URL + cid.removeprefix("gur-")
    return (
        f'{cid},Microcontroller,mcu,,"{maker}",US,{part},,"{drones}",unknown,False,[],,'
        f"{link},,2026-06-13,\n"
    )


DRONES = (
    "id,display_name,aka,operators,manufacturer_country,role,propulsion,"
    "total_components_documented,primary_source_url,secondary_sources,image_url,"
    "last_verified,notes\n"
    'uav-shahed-136,UAV Shahed 136,[],"[""RU""]",RU,loitering_munition,unknown,3,'
    "https://war-sanctions.gur.gov.ua/en/page-uav-shahed-136,[],,2026-06-13,\n"
    'zyx-test-uav,Zyx Test UAV,"[""Zyx-9""]","[""RU""]",UNK,isr,unknown,1,'
    "https://war-sanctions.gur.gov.ua/en/page-zyx,[],,2026-06-13,\n"
)


@pytest.fixture
def gur_files(tmp_path: Path) -> Path:
    one = '[""uav-shahed-136""]'
    rows = [
        _row("gur-1", "Texas Instruments", "", one),
        _row("gur-2", "Texas Instruments", "STM32F405RGT6", one),  # the part is ST's
        _row("gur-3", "Zorblat Widget Works", "", '[""zyx-test-uav"", ""uav-shahed-136""]'),
        _row("gur-4", "Not identified", "", '[""no-such-drone""]'),
        _row("gur-5", "Analog Devices", "", one, url="not a url"),
        _row("gur-6", "Not identified", "", one),
    ]
    path = tmp_path / "gur_components_test.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    (tmp_path / "gur_drones_test.csv").write_text(DRONES, encoding="utf-8")
    return path


def test_rows_keep_their_gur_page_and_weapon(gur_files: Path) -> None:
    result = enrich_read(read_gur(gur_files))
    comps = {(c.key, c.teardown_id): c for c in result.components}
    first = comps[("gur-1", "gur:uav-shahed-136")]
    assert first.source is not None and first.source.url == URL + "1"
    assert result.teardowns["gur:uav-shahed-136"].weapon_id == "shahed-136"  # the KB weapon
    zyx = result.teardowns["gur:zyx-test-uav"]
    assert zyx.weapon_name == "Zyx Test UAV" and len(zyx.components) == 1
    assert ("gur-3", "gur:uav-shahed-136") in comps  # one component, two weapons
    assert comps[("gur-6", "gur:uav-shahed-136")].asserted_maker is None


def test_bad_rows_reported_by_line_and_field(gur_files: Path) -> None:
    result = read_gur(gur_files)
    errors = {(e.line, e.field) for e in result.errors}
    assert errors == {(5, "found_in_drones"), (6, "source_url")}
    assert result.rows == 6 and len({c.key for c in result.components}) == 4


def test_makers_looked_up_and_disagreement_flagged(gur_files: Path) -> None:
    result = enrich_read(read_gur(gur_files))
    comps = {(c.key, c.teardown_id): c for c in result.components}
    agreed = comps[("gur-1", "gur:uav-shahed-136")]
    assert agreed.asserted_maker_id == "ti" and agreed.maker_id == "ti"
    contested = comps[("gur-2", "gur:uav-shahed-136")]
    assert contested.resolved_maker_id == "st" and contested.asserted_maker_id == "ti"
    assert FLAG_RESOLVER_DISAGREES in contested.flags and contested.maker_id is None
    unknown = comps[("gur-3", "gur:zyx-test-uav")]
    assert FLAG_UNKNOWN_MAKER in unknown.flags
    counts = summary(result)
    assert counts["part_resolved_with_maker"] == 1 and counts["part_maker_disagrees"] == 1
    assert counts["maker_named"] == 4 and counts["maker_in_kb"] == 2


def test_missing_drones_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(InputError, match="--drones"):
        read_gur(path)


def test_gur_makers_grow_the_knowledge_base() -> None:
    maxim = find_maker("Maxim Integrated Products (Analog Devices)")
    assert maxim is not None and maxim.id == "maxim"  # a name of the hand-written maker
    fotek = find_maker("FOTEK CONTROLS CO., LTD")
    assert fotek is not None and fotek.kind == "gur" and fotek.hq_country == "TW"
    assert fotek.source and fotek.source.startswith("https://war-sanctions.gur.gov.ua/")
    assert get_maker(fotek.id) is fotek
    cyrillic = find_maker("АО Морион")
    other = find_maker("ООО АЭК")
    assert cyrillic is not None and other is not None and cyrillic.id != other.id


def test_unit_pages_are_their_weapon_but_a_model_number_is_not(tmp_path: Path) -> None:
    drones = DRONES.splitlines(keepends=True)[0] + "".join(
        f'{slug},{name},[],"[""RU""]",RU,isr,unknown,1,https://example.org/{slug},[],,,\n'
        for slug, name in (
            ("uav-shahed-136-13678", "UAV Shahed 136 13678"),
            ("shahed-107-uav", "Shahed 107 UAV"),
        )
    )
    path = tmp_path / "gur_drones_x.csv"
    path.write_text(drones, encoding="utf-8")
    weapons, errors = read_gur_weapons(path)
    assert not errors
    assert weapons["uav-shahed-136-13678"].id == "shahed-136"
    assert "UAV Shahed 136 13678" in weapons["uav-shahed-136-13678"].aliases
    assert weapons["shahed-107-uav"].id == "shahed-107-uav"
