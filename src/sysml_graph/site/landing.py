"""The landing page's summaries, from the network as ``stats`` computes them: one
implementation of the gap map and of the technique families."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..stats.analysis import OPEN_MIN_EXPECTED, families_by_year, gap_map, label, top_concepts
from .pages import Summary

if TYPE_CHECKING:
    import networkx as nx


def summary_of(full: nx.Graph) -> Summary:
    """Gap map and families by year of the full network, keyed by concept ids."""
    gaps = gap_map(full)
    rows, cols = top_concepts(full, "technique"), top_concepts(full, "platform")
    t_ids = [n.split(":", 1)[1] for n in rows]
    p_ids = [n.split(":", 1)[1] for n in cols]
    by_label = {label(full, n): n.split(":", 1)[1] for n in rows}
    return Summary(
        techniques=list(zip(t_ids, gaps.techniques, strict=True)),
        platforms=list(zip(p_ids, gaps.platforms, strict=True)),
        counts=gaps.counts,
        open_cells={
            (t_ids[i], p_ids[j])
            for i in range(len(t_ids))
            for j in range(len(p_ids))
            if gaps.is_open(i, j)
        },
        open_min=OPEN_MIN_EXPECTED,
        families={by_label[name]: by for name, by in families_by_year(full).items()},
    )
