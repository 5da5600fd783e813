"""igraph, imported without its plotting side (for the layout, betweenness and PageRank).

Its own module so that the network steps that use igraph (:mod:`.render`, :mod:`.analysis`)
need not import each other for it."""

from __future__ import annotations

from typing import Any


def import_igraph() -> Any:
    """The igraph module, imported without its plotting side: igraph imports matplotlib
    when it finds it, which took 0.55 s of the 0.6 s of ``import igraph`` here, for
    drawing that this project never asks of igraph (its figures are matplotlib's own)."""
    import sys

    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # ImportError for igraph
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]  # plots.py imports it as usual
    return igraph
