"""Resolution with the screening engine: parties to list entities and to each other."""

from __future__ import annotations

from pathlib import Path

from tracewire.routes.build import build_graph
from tracewire.routes.load import load_trade
from tracewire.routes.records import parse_columns
from tracewire.routes.service import entity_routes, routes_from
from tracewire.routes.verify import unsupported
from tracewire.store import Store

HEADER = (
    "declaration_id,date,hs_code,maker,"
    "exporter_name,exporter_country,importer_name,importer_country"
)


def test_spellings_of_one_party_and_a_listed_name_are_linked(
    list_only: Store, tmp_path: Path
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        f"{HEADER}\n"
        "S1,2022-04-01,854231,Norvane Microsystems Inc,Norvane Microsystems Inc,us,"
        "Harbor Lumen Ltd,hk\n"
        "S2,2022-05-01,854231,,Harbour Lumen Limited,hk,Velgor Holding AO,ru\n",
        encoding="utf-8",
    )
    load_trade(list_only, str(path), parse_columns(None))
    build_graph(list_only, screen=True, processes=1)
    answer, routes = routes_from(list_only, "Norvane Microsystems Inc")
    chains = [[n["label"] for n in r["nodes"]] for r in answer["routes"]]
    assert [
        "Norvane Microsystems Inc",
        "Norvane Microsystems Inc",
        "Harbor Lumen Ltd",
        "Harbour Lumen Limited",
        "Velgor Holding AO",
        "Velgor Holding AO",
    ] in chains
    for route in routes:
        assert unsupported(list_only, route) == []
    edges = entity_routes(list_only, "lst-velgor")[0]["edges"]
    screened = [e for e in edges if e["kind"] == "same_as"]
    assert screened and screened[0]["evidence"]["reason"] == "screening"
    assert 0.7 <= screened[0]["strength"] <= 1.0
    assert "name" in screened[0]["evidence"]["explanation"]
