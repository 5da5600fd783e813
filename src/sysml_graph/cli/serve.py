"""``sysml-graph serve``."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from .exit import reports_problems
from .load import graph_of, network_of
from .options import BUILD_OPTION, DATA_OPTION, _data, graph_option


@click.command()
@DATA_OPTION
@BUILD_OPTION
@graph_option("Serve this Turtle/N-Triples file instead of building from --data.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (loopback unless you mean to share it).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.5),
    default=10.0,
    show_default=True,
    help="Time limit of one query, in seconds.",
)
@click.option(
    "--max-results",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most rows (or triples) one answer may hold.",
)
@reports_problems
def serve(
    data_dir: Path | None,
    graph_file: Path | None,
    host: str,
    port: int,
    timeout: float,
    max_results: int,
    out_dir: Path,
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with the HTML network at
    /network and a query page at /."""
    from ..network.page import render_html
    from ..sparql.server import Limits, serving

    graph = graph_of(data_dir, graph_file, out_dir)
    full = network_of(data_dir, graph_file, out_dir)
    page = render_html(full, full=full).encode("utf-8")
    answers = None
    if graph_file is None:  # pages need the records; a Turtle file from elsewhere has none
        from ..builder.site import site_pages
        from ..site.serve import SiteAnswers

        pages, store = site_pages(_data(data_dir), out_dir, "network", "query")
        answers = SiteAnswers(pages, store)
    limits = Limits(timeout, max_results)
    with serving(graph, host, port, limits, page, site=answers) as server:
        address = f"http://{host}:{server.server_address[1]}"
        where = f"the site at {address}/, " if answers else ""
        click.echo(
            f"serving {len(graph)} triples: {where}SPARQL at {address}/sparql, query page at "
            f"{address}/{'query' if answers else ''} (Ctrl-C stops)",
            err=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
