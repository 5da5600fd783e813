"""The network the last full build drew, kept as JSON for render, stats and rebuilds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx

from . import cache

if TYPE_CHECKING:
    import networkx as nx


NETWORK = ".cache/network.json"

NETWORK_KIND = "network"


def stage_network(full: nx.Graph, out_dir: Path) -> Path:
    """``full`` written into a temporary file beside ``OUT/.cache/network.json``, for
    ``build`` to rename there once everything has succeeded."""

    return cache.stage(out_dir / NETWORK, NETWORK_KIND, "", encode_network(full))


def encode_network(g: nx.Graph) -> dict[str, Any]:
    """``g`` as JSON values: its nodes with their data, and each node's neighbours (by
    their place among the nodes) with the edge's data (by its place in a table of the
    distinct edge data: 785,000 edges have ten at 100,000 papers), all in ``g``'s order.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_node("b", label="B"); g.add_edge("a", "b", rel="cites")
    >>> encode_network(g)["adj"]
    [[1, 0], [0, 0]]
    """
    index = {node: i for i, node in enumerate(g._node)}
    table: dict[tuple[tuple[str, Any], ...], int] = {}
    edges: list[dict[str, Any]] = []
    adj: list[list[int]] = []
    for neighbours in g._adj.values():
        flat: list[int] = []
        for v, data in neighbours.items():
            shape = tuple(sorted(data.items()))
            k = table.get(shape)
            if k is None:
                k = table[shape] = len(edges)
                edges.append(data)
            flat += (index[v], k)
        adj.append(flat)
    return {
        "graph": g.graph,
        "nodes": list(g._node),
        "data": list(g._node.values()),
        "edges": edges,
        "adj": adj,
    }


def decode_network(value: Any) -> nx.Graph:
    """The graph :func:`encode_network` wrote, nodes and neighbours in the same order;
    edges with equal data share one dict, as networkx shares one between an edge's two
    ends (nothing that reads the network changes an edge's data)."""

    nodes, data, edges, adj = value["nodes"], value["data"], value["edges"], value["adj"]
    if not all(isinstance(n, str) for n in nodes):
        raise ValueError("a node id that is not text")
    if not all(isinstance(d, dict) for d in (value["graph"], *data, *edges)):
        raise ValueError("node or edge data that is not a mapping")
    g = networkx.Graph()
    g.graph.update(value["graph"])
    # networkx's own storage, filled in place (its views hold these very dicts), as the
    # projection fills it (network._linker): add_edge checks and copies on every call.
    g._node.update(zip(nodes, data, strict=True))
    node_at, data_at = nodes.__getitem__, edges.__getitem__
    for node, flat in zip(nodes, adj, strict=True):
        g._adj[node] = dict(zip(map(node_at, flat[::2]), map(data_at, flat[1::2]), strict=True))
    return g
