"""Pictures of the field (matplotlib, no display): the technique × platform gap map and
papers per year, as PNG and SVG. Output is deterministic for the same data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from .analysis import GapMap


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "sysml-graph"  # stable ids inside the SVG
    plt.rcParams["font.size"] = 9
    return plt


def _save(fig: Any, stem: Path) -> list[Path]:
    import io

    written = []
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=150, bbox_inches="tight", metadata=meta)
        path = stem.with_suffix(f".{fmt}")
        write_atomic(path, buf.getvalue())
        written.append(path)
    return written


def gap_map_figure(gaps: GapMap, stem: Path) -> list[Path]:
    """Heatmap of paper counts; empty cells (nobody tried this pair yet) are hatched."""
    plt = _pyplot()
    import numpy as np

    counts = np.array(gaps.counts, dtype=float)
    fig, ax = plt.subplots(
        figsize=(1.1 + 0.75 * len(gaps.platforms), 1.2 + 0.36 * len(gaps.techniques))
    )
    shown = np.ma.masked_where(counts == 0, counts)
    image = ax.imshow(shown, cmap="Blues", aspect="auto", vmin=0, vmax=max(counts.max(), 1))
    for i in range(len(gaps.techniques)):
        for j in range(len(gaps.platforms)):
            if counts[i, j] == 0:
                ax.add_patch(
                    plt.Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        fill=False,
                        hatch="///",
                        edgecolor="#d9a3a3",
                        linewidth=0,
                    )
                )
                ax.text(j, i, "open", ha="center", va="center", fontsize=6, color="#b04545")
            else:
                dark = counts[i, j] > 0.6 * counts.max()
                ax.text(
                    j,
                    i,
                    str(int(counts[i, j])),
                    ha="center",
                    va="center",
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(len(gaps.platforms)), gaps.platforms, rotation=40, ha="right")
    ax.set_yticks(range(len(gaps.techniques)), gaps.techniques)
    ax.set_title("Technique × platform: papers (hatched = open research direction)")
    fig.colorbar(image, ax=ax, shrink=0.6, label="papers")
    paths = _save(fig, stem)
    plt.close(fig)
    return paths


def per_year_figure(per_year: dict[int, int], stem: Path) -> list[Path]:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3))
    years = sorted(per_year)
    if years:
        span = list(range(years[0], years[-1] + 1))
        ax.bar(span, [per_year.get(y, 0) for y in span], color="#2f6fb0")
        ax.set_xticks(span, [str(y) for y in span], rotation=45 if len(span) > 12 else 0)
    ax.set_ylabel("papers")
    ax.set_title("Papers per year")
    ax.spines[["top", "right"]].set_visible(False)
    paths = _save(fig, stem)
    plt.close(fig)
    return paths
