"""A rebuild's change to the network, kept so that the network of the data as it is can be had
without projecting again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import cache
from .network_cache import NETWORK, NETWORK_KIND, decode_network

if TYPE_CHECKING:
    import networkx as nx


DELTAS = ".cache/network-deltas.json"

DELTAS_KIND = "network deltas"

# One changed paper in the network: nodes to remove, nodes to add (with their data) and
# the added nodes' edges (with theirs).
Delta = tuple[list[str], list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]]


def _read_network(out_dir: Path, report: cache.Report = cache.warn) -> nx.Graph | None:
    """The last full build's network (:func:`built_network` also
    checks that it is the data's)."""
    path = out_dir / NETWORK
    return cache.read(path, NETWORK_KIND, decode_network, report=report)


def apply_delta(g: nx.Graph, delta: Delta) -> None:
    """Patch the network: the changed papers' nodes go, their new nodes and edges come."""
    remove, nodes, edges = delta
    g.remove_nodes_from(remove)
    g.add_nodes_from(nodes)
    for u, v, data in edges:
        g.add_edge(u, v, **data)


def _read_deltas(out_dir: Path, report: cache.Report = cache.warn) -> list[Delta] | None:
    """The network deltas of the rebuilds since the last full build; None when there are
    none or they cannot be read."""
    return cache.read(out_dir / DELTAS, DELTAS_KIND, _decode_deltas, report=report)


def _decode_deltas(value: Any) -> list[Delta]:
    def mapping(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise TypeError("node or edge data that is not a mapping")
        return data

    return [
        (
            [str(n) for n in remove],
            [(str(n), mapping(data)) for n, data in nodes],
            [(str(u), str(v), mapping(data)) for u, v, data in edges],
        )
        for remove, nodes, edges in value
    ]
