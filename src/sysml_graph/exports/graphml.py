"""The network as GraphML, for Gephi, Cytoscape and yEd."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
import networkx as nx

from .tables import xml_text


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, list | tuple):
        return xml_text("; ".join(str(v) for v in value))
    if isinstance(value, bool | int | float):
        return value
    return "" if value is None else xml_text(str(value))


def graphml(full: nx.Graph) -> bytes:
    """The projection as GraphML, nodes and edges sorted, list attributes joined by '; '."""

    g = nx.Graph()
    for node in sorted(full.nodes):
        attrs = {k: _scalar(v) for k, v in sorted(full.nodes[node].items())}
        g.add_node(xml_text(node), **{k: v for k, v in attrs.items() if v != ""})
    for a, b in sorted(tuple(sorted(e)) for e in full.edges):
        attrs = {k: _scalar(v) for k, v in sorted(full.edges[a, b].items())}
        g.add_edge(xml_text(a), xml_text(b), **attrs)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()
