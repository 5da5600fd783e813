"""The gap map's cells as a table: which papers each cell holds, so a count leads to them."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from .analysis import GapMap

if TYPE_CHECKING:
    import networkx as nx


def gap_map_rows(gaps: GapMap, full: nx.Graph) -> list[list[str]]:
    """One row a cell: technique, platform, papers, curated, proposed, expected, status
    (tried, open, or untried when too few papers surround it to call it open) and the ids
    of its papers, oldest first.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_node("paper:a", year=2016)
    >>> gaps = GapMap(["pruning"], ["FPGA"], [[1]], [[0]], [[["paper:a"]]], [1], [1], 1)
    >>> gap_map_rows(gaps, g)[1]
    ['pruning', 'FPGA', '1', '0', '1', '1.0', 'tried', 'a']
    """
    header = ["technique", "platform", "papers", "curated", "proposed", "expected", "status"]
    rows = [[*header, "paper ids"]]
    for i, technique in enumerate(gaps.techniques):
        for j, platform in enumerate(gaps.platforms):
            n, mine = gaps.counts[i][j], gaps.curated[i][j]
            status = "tried" if n else "open" if gaps.is_open(i, j) else "untried"
            papers = sorted(gaps.papers[i][j], key=lambda p: (full.nodes[p].get("year") or 0, p))
            rows.append(
                [
                    technique,
                    platform,
                    str(n),
                    str(mine),
                    str(n - mine),
                    f"{gaps.expected(i, j):.1f}",
                    status,
                    " ".join(p.split(":", 1)[1] for p in papers),
                ]
            )
    return rows


def gap_map_cells(gaps: GapMap, full: nx.Graph, path: Path) -> Path:
    """Write :func:`gap_map_rows` as CSV (UTF-8, ``\\n`` line ends) to ``path``."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(gap_map_rows(gaps, full))
    write_atomic(path, buf.getvalue().encode("utf-8"))
    return path
