"""Exports of the network projection for other tools: GraphML (Gephi, Cytoscape) and CSV
tables of papers, people and venues. Both read the RDF graph through
:func:`sysml_graph.network.project`, and both are deterministic."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

TABLES = ("papers", "people", "venues")


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool | int | float):
        return value
    return "" if value is None else str(value)


def graphml(full: nx.Graph) -> bytes:
    """The projection as GraphML, nodes and edges sorted, list attributes joined by '; '."""
    import networkx as nx

    g = nx.Graph()
    for node in sorted(full.nodes):
        attrs = {k: _scalar(v) for k, v in sorted(full.nodes[node].items())}
        g.add_node(node, **{k: v for k, v in attrs.items() if v != ""})
    for a, b in sorted(tuple(sorted(e)) for e in full.edges):
        g.add_edge(a, b, **{k: _scalar(v) for k, v in sorted(full.edges[a, b].items())})
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def table(full: nx.Graph, name: str) -> str:
    """One CSV table (``papers``, ``people`` or ``venues``) of the projection."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    nodes = sorted((n, d) for n, d in full.nodes(data=True))
    if name == "papers":
        out.writerow(
            [
                "id",
                "kind",
                "imported",
                "title",
                "authors",
                "year",
                "venue",
                "doi",
                "url",
                "code",
                "techniques",
                "platforms",
                "inferred_tags",
            ]
        )
        for n, d in nodes:
            if d["kind"] in ("paper", "book"):
                out.writerow(
                    [
                        n.split(":", 1)[1],
                        d["kind"],
                        d.get("imported", False),
                        d.get("title", ""),
                        "; ".join(d.get("authors", [])),
                        d.get("year") or "",
                        d.get("venue", ""),
                        d.get("doi", ""),
                        d.get("url", ""),
                        d.get("code", ""),
                        "; ".join(d.get("techniques", [])),
                        "; ".join(d.get("platforms", [])),
                        "; ".join(d.get("inferred", [])),
                    ]
                )
    else:
        kind = "person" if name == "people" else "venue"
        header = (
            ["id", "name", "papers"] if kind == "person" else ["id", "acronym", "name", "papers"]
        )
        out.writerow(header)
        for n, d in nodes:
            if d["kind"] != kind:
                continue
            papers = sum(1 for m in full[n] if full.nodes[m]["kind"] in ("paper", "book"))
            ident = n.split(":", 1)[1]
            if kind == "person":
                out.writerow([ident, d.get("label", ""), papers])
            else:
                out.writerow([ident, d.get("label", ""), d.get("name", ""), papers])
    return buf.getvalue()
