"""Exports: FtM entities that validate, GraphML/GEXF that read back, an SVG picture."""

from __future__ import annotations

import io

import networkx as nx
from followthemoney import model

from tracewire.routes.export import to_ftm, write_graph, write_svg
from tracewire.routes.service import routes_from
from tracewire.store import Store


def test_ftm_export_validates_and_holds_every_record(small: Store) -> None:
    _, routes = routes_from(small, "Norvane Microsystems Inc")
    entities = to_ftm(routes)
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.name == data["schema"]
    activities = [e for e in entities if e["schema"] == "EconomicActivity"]
    numbers = {e["properties"]["ccdNumber"][0] for e in activities}
    assert {"D0002", "D0003", "D0004", "D0005", "D0006"} <= numbers
    d4 = next(e for e in activities if e["properties"]["ccdNumber"] == ["D0004"])
    assert d4["properties"]["vedCode"] == ["854231"]
    assert d4["properties"]["departureCountry"] == ["hk"]
    ids = {e["id"] for e in entities}
    assert set(d4["properties"]["sender"]) <= ids and set(d4["properties"]["receiver"]) <= ids


def test_graphml_and_gexf_read_back(small: Store) -> None:
    _, routes = routes_from(small, "Norvane Microsystems Inc")
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = reader(io.BytesIO(write_graph(routes, fmt).encode()))
        assert "entity:lst-kormak" in graph.nodes
        kinds = {d["kind"] for _a, _b, d in graph.edges(data=True)}
        assert {"shipped_to", "same_identifier", "ownership"} <= kinds


def test_svg_picture_names_the_parties(small: Store) -> None:
    _, routes = routes_from(small, "Norvane Microsystems Inc")
    svg = write_svg(routes, "routes")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
