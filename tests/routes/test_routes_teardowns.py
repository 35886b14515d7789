"""Teardowns feed the graph: weapon → teardown → part → maker, then the maker's trade."""

from __future__ import annotations

from click.testing import CliRunner

from tracewire.cli.main import cli
from tracewire.routes.build import build_graph
from tracewire.routes.inputs import TeardownLink
from tracewire.routes.service import routes_from
from tracewire.routes.teardown_feed import stored_links
from tracewire.store import Store, open_store

LINKS = [
    TeardownLink(
        "testdrone-1",
        "Testdrone-1",
        "td-001",
        "NV32F405",
        "Norvane Microsystems Inc",
        "us",
        ("Norvane",),
        "https://example.org/teardown/td-001",
    ),
    TeardownLink("testdrone-1", "Testdrone-1", "td-001", "XQ100", None),
]


def test_a_weapon_reaches_listed_parties_through_its_parts_makers(small: Store) -> None:
    build_graph(small, LINKS, screen=False)
    answer, _ = routes_from(small, "testdrone-1")
    assert answer["routes"]
    for route in answer["routes"]:
        assert [n["id"] for n in route["via"]] == [
            "weapon:testdrone-1",
            "teardown:td-001",
            "part:NV32F405",
        ]
        assert route["nodes"][0]["id"] == "maker:norvane microsystems inc"
    by_part, _ = routes_from(small, "nv32f405")
    assert by_part["total"] == answer["total"]


def test_stored_demo_teardowns_become_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "t.db")
    result = CliRunner().invoke(
        cli, ["--db", db, "teardowns", "load", "src/tracewire/data/teardowns/demo.csv"]
    )
    assert result.exit_code in (0, 1), result.output
    store = open_store(db)
    try:
        links = stored_links(store)
        assert {link.weapon for link in links} >= {"shahed-136"}
        assert sum(1 for link in links if link.maker) >= 20
        counts = build_graph(store, links, screen=False)
        assert counts["node:weapon"] >= 1 and counts["edge:made_by"] >= 20
    finally:
        store.close()
