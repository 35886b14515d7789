"""Routes out of tracewire: FtM entities of a subgraph, GraphML or GEXF for Gephi, and an SVG
picture of the paths."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import networkx as nx

from tracewire.routes.present import Route

FORMATS = ("ftm", "graphml", "gexf", "svg")
#: node kind -> FtM schema of its entity in an export
SCHEMA_BY_KIND = {
    "party": "LegalEntity",
    "maker": "Company",
    "entity": "LegalEntity",
    "address": "Address",
    "part": "Thing",
    "teardown": "Thing",
    "weapon": "Thing",
}
COLOURS = {
    "party": "#4c78a8",
    "entity": "#e45756",
    "maker": "#54a24b",
    "address": "#bab0ac",
    "part": "#f58518",
    "teardown": "#b279a2",
    "weapon": "#9d755d",
}


def to_networkx(routes: Iterable[Route]) -> nx.MultiDiGraph[str]:
    """The nodes and edges of these routes as one networkx graph (attributes flattened)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for route in routes:
        for node in (*route.prefix, *route.nodes):
            graph.add_node(
                node["id"],
                label=node["label"],
                kind=node["kind"],
                country=node["country"] or "",
                listed=node["listed"],
            )
        for edge in route.edges:
            if graph.has_edge(edge["src"], edge["dst"], key=edge["id"]):
                continue
            records = edge.get("records", [])
            graph.add_edge(
                edge["src"],
                edge["dst"],
                key=edge["id"],
                kind=edge["kind"],
                strength=float(edge["strength"]),
                evidence=", ".join(r["declaration_id"] for r in records[:20])
                or str(edge["evidence"]),
            )
    return graph


def _ftm_node(node: dict[str, Any]) -> dict[str, Any]:
    schema = SCHEMA_BY_KIND.get(node["kind"], "Thing")
    props: dict[str, list[str]] = {}
    if schema == "Address":
        props["full"] = [node["label"]]
    else:
        props["name"] = [node["label"]]
    if node.get("country"):
        props["country"] = [node["country"]]
    ident = (node.get("data") or {}).get("identifier")
    if ident:
        props["innCode" if len(ident) in (10, 12) and ident.isdigit() else "registrationNumber"] = [
            ident
        ]
    return {"id": node["id"], "schema": schema, "properties": props}


def _ftm_records(edge: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for record in edge.get("records", []):
        props: dict[str, list[str]] = {
            "ccdNumber": [record["declaration_id"]],
            "date": [record["date"]],
            "sender": [edge["src"]],
            "receiver": [edge["dst"]],
        }
        optional = {
            "vedCode": record["hs_code"],
            "goodsDescription": " ".join(
                str(x) for x in (record["description"], record["maker"], record["part_number"]) if x
            ),
            "originCountry": record["origin_country"],
            "departureCountry": record["dispatch_country"],
            "invoiceAmount": f"{record['value']} {record['currency'] or ''}".strip()
            if record["value"] is not None
            else None,
        }
        props.update({k: [v] for k, v in optional.items() if v})
        out.append(
            {
                "id": f"trade-{record['load_id']}-{record['id']}",
                "schema": "EconomicActivity",
                "properties": props,
            }
        )
    return out


def to_ftm(routes: Iterable[Route]) -> list[dict[str, Any]]:
    """FtM entities of the subgraph: parties, makers, list entities, addresses, each trade
    record as ``EconomicActivity`` (sender, receiver, HS code as ``vedCode``), resolutions
    as ``UnknownLink`` and list relationships as ``UnknownLink`` naming their source."""
    nodes: dict[str, dict[str, Any]] = {}
    out: dict[str, dict[str, Any]] = {}
    for route in routes:
        for node in (*route.prefix, *route.nodes):
            nodes.setdefault(node["id"], _ftm_node(node))
        for edge in route.edges:
            if edge["kind"] == "shipped_to":
                for entity in _ftm_records(edge):
                    out[entity["id"]] = entity
            else:
                link = f"link-{edge['id']}"
                role = f"{edge['kind']}: {edge['evidence']}"
                out[link] = {
                    "id": link,
                    "schema": "UnknownLink",
                    "properties": {
                        "subject": [edge["src"]],
                        "object": [edge["dst"]],
                        "role": [role[:500]],
                    },
                }
    return [*nodes.values(), *out.values()]


def write_graph(routes: list[Route], fmt: str) -> str:
    """The routes as GraphML or GEXF text."""
    graph = to_networkx(routes)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(fmt)
    return buffer.getvalue().decode("utf-8")


def write_svg(routes: list[Route], title: str) -> str:
    """An SVG picture of the routes, left to right from the maker to the listed party."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graph: nx.DiGraph[str] = nx.DiGraph(to_networkx(routes))
    depth: dict[str, int] = {}
    for route in routes:
        for i, node in enumerate(route.nodes):
            depth[node["id"]] = min(depth.get(node["id"], i), i)
    for node_id in graph.nodes:
        graph.nodes[node_id]["layer"] = depth.get(node_id, 0)
    pos = nx.multipartite_layout(graph, subset_key="layer") if graph.nodes else {}
    width = max(6.0, 2.2 * (max(depth.values(), default=0) + 1))
    fig, ax = plt.subplots(figsize=(width, max(4.0, 0.6 * len(graph.nodes))))
    try:
        colours = [COLOURS.get(graph.nodes[n]["kind"], "#999999") for n in graph.nodes]
        nx.draw_networkx_edges(graph, pos, ax=ax, arrows=True, edge_color="#888888")
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=colours, node_size=300)
        labels = {n: str(graph.nodes[n]["label"])[:28] for n in graph.nodes}
        nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=7)
        ax.set_title(title)
        ax.axis("off")
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)
