"""``sysml-graph push``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..problems import one_line
from .exit import reports_problems
from .load import graph_of
from .options import BUILD_OPTION, DATA_OPTION, graph_option, remote_options


@click.command()
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store endpoint (http or https), e.g. http://localhost:7878/store (Oxigraph), "
    "http://localhost:3030/ds/data (Fuseki); credentials from $SYSML_GRAPH_USER and "
    "$SYSML_GRAPH_PASSWORD or ~/.netrc.",
)
@click.option(
    "--named-graph", "graph_iri", help="Named graph to replace (default: the default graph)."
)
@DATA_OPTION
@BUILD_OPTION
@graph_option("Push this Turtle/N-Triples file instead of building from --data.")
@remote_options(read=120.0, deadline=600.0)
@reports_problems
def push(
    endpoint: str,
    graph_iri: str | None,
    data_dir: Path | None,
    graph_file: Path | None,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    out_dir: Path,
) -> None:
    """Upload the graph into a triple store (SPARQL 1.1 Graph Store HTTP Protocol, one PUT
    that replaces the graph), retrying when the store is briefly unavailable."""
    from ..rdf.serialise import serialize
    from ..sparql.remote import Limits, RemoteError
    from ..sparql.remote import endpoint as remote_endpoint
    from ..sparql.remote import push as push_graph

    try:
        # Checked before the graph is loaded: a wrong URL fails at once.
        site = remote_endpoint(endpoint)
        limits = Limits(connect_timeout, read_timeout, deadline)
        graph = graph_of(data_dir, graph_file, out_dir)
        url = push_graph(serialize(graph, "turtle"), site, graph_iri, limits)
    except RemoteError as err:
        click.echo(one_line(f"error: {err}"), err=True)
        sys.exit(1)
    click.echo(f"pushed {len(graph)} triples to {url}")
