"""igraph, imported without its plotting side (for the layout, betweenness and PageRank).

Its own module so that the network steps that use igraph (:mod:`.render`, :mod:`.analysis`)
need not import each other for it."""

from __future__ import annotations

import random
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


def import_igraph() -> Any:
    """The igraph module, imported without its plotting side: igraph imports matplotlib
    when it finds it, which took 0.55 s of the 0.6 s of ``import igraph`` here, for
    drawing that this project never asks of igraph (its figures are matplotlib's own).
    Lazy on purpose: imported at the top, igraph would bring matplotlib with it."""
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # ImportError for igraph
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]  # plots.py imports it as usual
    return igraph


def layout(g: nx.Graph, seed: int = 1, even: bool = False) -> dict[str, tuple[float, float]]:
    """Positions for every node: igraph's Fruchterman-Reingold (grid-based above 1,000
    nodes, under a second for 10,000), scaled to vis-network's pixel space. ``even``: the
    Kamada-Kawai layout instead, which spaces a few hundred nodes evenly (labels apart)."""
    igraph = import_igraph()

    # In id order, never in g's: a rebuild patches the network it drew before, which puts
    # a changed paper last, and the page must not depend on how the network was made.
    nodes = sorted(g.nodes)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted(tuple(sorted((index[a], index[b]))) for a, b in g.edges)
    ig = igraph.Graph(n=len(nodes), edges=edges)
    state = random.getstate()
    random.seed(seed)  # igraph draws from Python's random module: seed it for stable pages
    try:
        coords = (
            ig.layout_kamada_kawai(maxiter=50 * len(nodes)).coords
            if even
            else ig.layout_fruchterman_reingold(niter=500).coords
        )
    finally:
        random.setstate(state)
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 60.0 * max(len(nodes), 1) ** 0.5 / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in zip(nodes, coords, strict=True)
    }
