"""Pictures of the field (matplotlib, no display): the technique × platform gap map, technique
families per year and papers per year, as PNG and SVG. Output is deterministic for the same
data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from .analysis import OPEN_MIN_EXPECTED, GapMap


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "sysml-graph"  # stable ids inside the SVG
    plt.rcParams["font.size"] = 9
    return plt


def _save(fig: Any, stem: Path) -> list[Path]:
    import io

    from matplotlib import rcParams

    # One layout for both files: bbox_inches="tight" would draw the figure an extra time
    # for each (on the gap map, most of `stats`' time is laying out its cells' text).
    fig.set_dpi(150)
    fig.draw_without_rendering()
    box = fig.get_tightbbox().padded(rcParams["savefig.pad_inches"])
    written = []
    for fmt, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=150, bbox_inches=box, metadata=meta)
        path = stem.with_suffix(f".{fmt}")
        write_atomic(path, buf.getvalue())
        written.append(path)
    return written


def _counted(links: str) -> str:
    return "curated links only" if links == "curated" else "curated and proposed links"


def gap_map_figure(gaps: GapMap, stem: Path, links: str = "all") -> list[Path]:
    """Heatmap of paper counts (log colour scale), each cell's curated part under its count;
    open cells hatched, untried cells with too few papers around them greyed."""
    plt = _pyplot()
    import numpy as np
    from matplotlib.colors import LogNorm

    counts = np.array(gaps.counts, dtype=float)
    fig, ax = plt.subplots(
        figsize=(1.6 + 0.8 * len(gaps.platforms), 1.6 + 0.42 * len(gaps.techniques))
    )
    shown = np.ma.masked_where(counts == 0, counts)
    top = max(counts.max(), 2)
    image = ax.imshow(shown, cmap="Blues", aspect="auto", norm=LogNorm(vmin=1, vmax=top))
    for i in range(len(gaps.techniques)):
        for j in range(len(gaps.platforms)):
            n, mine = gaps.counts[i][j], gaps.curated[i][j]
            if n == 0:
                opened = gaps.is_open(i, j)
                ax.add_patch(
                    plt.Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        fill=not opened,
                        facecolor="#eeeeee",
                        hatch="///" if opened else None,
                        edgecolor="#d9a3a3" if opened else "#eeeeee",
                        linewidth=0,
                    )
                )
                text, colour = ("open", "#b04545") if opened else ("·", "#999999")
                ax.text(j, i, text, ha="center", va="center", fontsize=6, color=colour)
                continue
            dark = np.log(n) > 0.6 * np.log(top)
            colour = "white" if dark else "black"
            ax.text(j, i - (0.12 if mine else 0), str(n), ha="center", va="center", color=colour)
            if mine:
                ax.text(
                    j,
                    i + 0.25,
                    f"{mine} cur.",
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    color=colour,
                )
    ax.set_xticks(range(len(gaps.platforms)), gaps.platforms, rotation=40, ha="right")
    ax.set_yticks(range(len(gaps.techniques)), gaps.techniques)
    ax.set_title(f"Technique × platform: papers ({_counted(links)})")
    fig.colorbar(image, ax=ax, shrink=0.6, label="papers (log scale)")
    # As the axis label, so that it sits under the platform names however long they are.
    ax.set_xlabel(
        'Number: papers tagged with both (narrower concepts included); "n cur.": of them, '
        "linked by a curator on both sides,\nthe rest by the tagger's proposals. "
        f"open (hatched): no paper, although ≥ {OPEN_MIN_EXPECTED} are expected from the "
        "row and column totals\n(row × column / papers with both kinds of link). "
        "· (grey): no paper, but too few papers around the cell to call the pair open.",
        fontsize=6.5,
        loc="left",
        labelpad=8,
    )
    paths = _save(fig, stem)
    plt.close(fig)
    return paths


# Years shown one by one in the families chart; earlier ones share the first column.
FAMILY_YEARS = 12


def families_figure(
    families: dict[str, dict[int, int]], stem: Path, links: str = "all"
) -> list[Path]:
    """Technique families (top-level techniques) × years: papers per cell, the field's trends."""
    plt = _pyplot()
    import numpy as np
    from matplotlib.colors import LogNorm

    names = sorted(families, key=lambda f: (-sum(families[f].values()), f))
    years = sorted({y for f in families.values() for y in f})
    if not years:
        years = [0]
    last = years[-1]
    span = list(range(max(years[0], last - FAMILY_YEARS + 1), last + 1))
    first = span[0]
    folded = years[0] < first
    columns = ([f"≤ {first - 1}"] if folded else []) + [str(y) for y in span]
    counts = np.zeros((len(names), len(columns)))
    for i, name in enumerate(names):
        for year, n in families[name].items():
            j = (span.index(year) + folded) if year >= first else 0
            counts[i, j] += n
    fig, ax = plt.subplots(figsize=(1.8 + 0.55 * len(columns), 1.0 + 0.34 * max(len(names), 1)))
    top = max(counts.max(), 2)
    ax.imshow(
        np.ma.masked_where(counts == 0, counts),
        cmap="Greens",
        aspect="auto",
        norm=LogNorm(vmin=1, vmax=top),
    )
    for i in range(len(names)):
        for j in range(len(columns)):
            n = int(counts[i, j])
            if n:
                dark = np.log(n) > 0.6 * np.log(top)
                ax.text(
                    j,
                    i,
                    str(n),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(len(columns)), columns, rotation=45)
    ax.set_yticks(range(len(names)), names)
    ax.set_title(f"Technique families per year: papers ({_counted(links)})")
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
