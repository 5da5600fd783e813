"""``sysml-graph stats``."""

from __future__ import annotations

from pathlib import Path

import click

from .exit import reports_problems
from .load import network_of
from .options import BUILD_OPTION, DATA_OPTION, LINKS_OPTION, graph_option


@click.command()
@DATA_OPTION
@graph_option("Analyse this Turtle/N-Triples file instead of building from --data.")
@BUILD_OPTION
@LINKS_OPTION
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows in each ranking."
)
@reports_problems
def stats(
    data_dir: Path | None, graph_file: Path | None, out_dir: Path, links: str, top: int
) -> None:
    """Tables of the field: counts per year, venue, technique and platform (rolled up),
    central people and papers, co-author communities, open technique × platform pairs;
    the gap map, technique families per year and papers-per-year charts as PNG and SVG,
    and the gap map's cells with their papers as CSV."""
    from ..stats.analysis import compute
    from ..stats.plots import families_figure, gap_map_figure, per_year_figure
    from ..stats.tables import gap_map_cells
    from .report import print_stats

    full = network_of(data_dir, graph_file, out_dir)
    result = compute(full, top=top, links=links)
    print_stats(result, top=top)
    written = gap_map_figure(result.gaps, out_dir / "gap-map", links=links)
    written.append(gap_map_cells(result.gaps, full, out_dir / "gap-map.csv"))
    written += families_figure(result.families, out_dir / "technique-families", links=links)
    written += per_year_figure(result.per_year, out_dir / "papers-per-year")
    click.echo("wrote " + ", ".join(str(p) for p in written))
