"""The graph and the network a command works on, kept alive until the process ends.

The library is imported inside these functions, as in every command's body: ``--help`` and
each command load only what they use (``import pyoxigraph, networkx`` costs ~0.2 s).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .exit import _keep_until_exit
from .options import _data

if TYPE_CHECKING:
    import networkx as nx

    from ..rdf.store import KnowledgeGraph


def graph_of(
    data_dir: Path | None, graph_file: Path | None, out_dir: Path, whole: bool = True
) -> KnowledgeGraph:
    """:func:`sysml_graph.builder.reuse.load_graph` for a command's options."""
    from ..builder.reuse import load_graph

    return _keep_until_exit(load_graph(_data(data_dir), graph_file, out_dir, whole))


def network_of(data_dir: Path | None, graph_file: Path | None, out_dir: Path) -> nx.Graph:
    """:func:`sysml_graph.builder.network_reuse.load_network` for a command's options."""
    from ..builder.network_reuse import load_network

    return _keep_until_exit(load_network(_data(data_dir), graph_file, out_dir))
