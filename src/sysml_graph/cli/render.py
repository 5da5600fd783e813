"""``sysml-graph render``."""

from __future__ import annotations

from pathlib import Path

import click

from .exit import reports_problems
from .load import network_of
from .options import BUILD_OPTION, DATA_OPTION, LINKS_OPTION, graph_option


@click.command()
@DATA_OPTION
@BUILD_OPTION
@graph_option("Draw this Turtle/N-Triples file instead of building from --data.")
@click.option(
    "--view",
    "view_name",
    type=click.Choice(["full", "coauthor", "topics"]),
    default="full",
    show_default=True,
    help="full: everything; coauthor: people who wrote together; topics: papers, "
    "techniques and platforms.",
)
@LINKS_OPTION
@click.option("--focus", help="Only the neighbourhood of this node (id like tvm or paper:tvm).")
@click.option(
    "--depth",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="How many steps around --focus.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("dist/sysml-graph.html"),
    show_default=True,
    help="The HTML file to write (one self-contained file; works offline).",
)
@reports_problems
def render(
    data_dir: Path | None,
    graph_file: Path | None,
    view_name: str,
    links: str,
    focus: str | None,
    depth: int,
    output: Path,
    out_dir: Path,
) -> None:
    """Draw the network as one interactive HTML page (pyvis/vis-network, offline)."""
    from ..atomic import write_atomic
    from ..network.budget import reduce_to_budget
    from ..network.page import render_html
    from ..network.views import UnknownNode, keep_links, view

    full = keep_links(network_of(data_dir, graph_file, out_dir), links)
    try:
        g = view(full, view_name, focus, depth)
    except UnknownNode as err:
        raise click.BadParameter(str(err), param_hint="--focus") from None
    title = f"sysml-graph — {view_name}" + (f" around {focus}" if focus else "")
    data = render_html(g, title=title, full=full).encode("utf-8")
    write_atomic(output, data)
    shown = reduce_to_budget(g, full)
    of = f" (the best-connected of {g.number_of_nodes()})" if shown is not g else ""
    click.echo(
        f"wrote {output}: {shown.number_of_nodes()} nodes{of}, {shown.number_of_edges()} edges"
    )
