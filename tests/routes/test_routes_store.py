"""The graph kept in the store behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select

from tracewire.routes import tables as t
from tracewire.routes.build import build_graph
from tracewire.routes.graph import load_graph
from tracewire.routes.service import routes_from
from tracewire.store import Store


def test_graph_is_stored_and_answers_alike(small_any: Store) -> None:
    engine = t.store_engine(small_any)
    with engine.connect() as conn:
        nodes = conn.execute(select(func.count()).select_from(t.route_nodes)).scalar_one()
        kinds = dict(
            conn.execute(
                select(t.route_edges.c.kind, func.count()).group_by(t.route_edges.c.kind)
            ).all()
        )
    assert kinds["shipped_to"] == 5  # six records, two between Harbor Lumen and Kormak
    assert kinds["ownership"] == 1 and kinds["same_identifier"] == 1
    graph = load_graph(small_any)
    assert graph.nodes == nodes
    answer, _ = routes_from(small_any, "Norvane Microsystems Inc")
    assert {r["nodes"][-1]["id"] for r in answer["routes"]} == {
        "entity:lst-kormak",
        "entity:lst-velgor",
        "entity:lst-tessal",
    }
    assert answer["graph"]["stale"] is False


def test_a_rebuild_replaces_the_graph_and_new_lists_make_it_stale(small_any: Store) -> None:
    first = build_graph(small_any, screen=False)
    again = build_graph(small_any, screen=False)
    assert first == again
    small_any.import_entities(
        dataset="another_list",
        fmt="ftm",
        source="x",
        sha256="y",
        entities=[{"id": "x1", "schema": "Company", "properties": {"name": ["Zed Co"]}}],
    )
    answer, _ = routes_from(small_any, "Norvane Microsystems Inc")
    assert answer["graph"]["stale"] is True
