"""Reuse of the network the last build drew: as it was, or patched with the rebuilds since."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .fingerprint import fingerprint as data_fingerprint
from .network_cache import NETWORK, NETWORK_KIND, decode_network
from .outputs import built_file, replaced

if TYPE_CHECKING:
    import networkx as nx

from ..gcpause import no_gc_pauses
from ..network.projection import in_id_order, project
from .network_deltas import _read_deltas, _read_network, apply_delta
from .rebuild_state import _deltas_untouched, _load_state, _network_untouched, _outputs_untouched
from .reuse import load_graph


def load_network(data_dir: Path, graph_file: Path | None, out_dir: Path) -> nx.Graph:
    """The network projection of the graph: the one the last build in ``out_dir`` drew (or
    patched), while the data is unchanged since (0.5 s instead of 20 s at 100,000 papers),
    else projected anew."""
    if graph_file is None:
        full = built_network(data_dir, out_dir)
        if full is not None:
            return full
    return project(load_graph(data_dir, graph_file, out_dir).store)


def built_network(data_dir: Path, out_dir: Path) -> nx.Graph | None:
    """The network projection the last build in ``out_dir`` drew (or, after a rebuild,
    patched), if it was built from ``data_dir`` as it is now; else None. Reading it took
    0.1 s at 10,000 papers; loading the N-Triples and projecting them took 20 s at 100,000."""
    path = built_file(data_dir, NETWORK, out_dir)
    if path is None:
        if replaced(out_dir, NETWORK):
            cache.warn(out_dir / NETWORK, "changed since the build that wrote it")
            return None
        return patched_network(data_dir, out_dir)  # the last build was a rebuild
    return cache.read(path, NETWORK_KIND, decode_network)


def patched_network(data_dir: Path, out_dir: Path) -> nx.Graph | None:
    """The network of the data as it is now when the last build into ``out_dir`` was a
    rebuild: the last full build's, patched by the rebuilds since, :func:`in_id_order`
    like a projection's. None when the last build was not a rebuild of this data."""

    state = _load_state(out_dir, data_dir)
    if state is None or not state.deltas or state.fingerprint != data_fingerprint(data_dir):
        return None
    if not _outputs_untouched(out_dir, state) or not _network_untouched(out_dir, state):
        return None
    if not _deltas_untouched(out_dir, state):
        return None
    deltas = _read_deltas(out_dir)
    if deltas is None or len(deltas) < state.deltas:
        return None
    g = _read_network(out_dir)
    if g is None:
        return None
    with no_gc_pauses():
        for delta in deltas[: state.deltas]:
            apply_delta(g, delta)
        return in_id_order(g)
