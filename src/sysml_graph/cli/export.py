"""``sysml-graph export``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from .exit import reports_problems
from .load import graph_of, network_of
from .options import BUILD_OPTION, DATA_OPTION, _data, graph_option


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "nt", "jsonld", "rdfxml", "trig", "bibtex", "csv", "graphml"]),
    default="turtle",
    show_default=True,
    help="What to write: RDF (trig: one named graph per source file), bibtex, a csv table, "
    "or the network as graphml.",
)
@click.option(
    "--table",
    type=click.Choice(["papers", "people", "venues"]),
    default="papers",
    show_default=True,
    help="Which table --format csv writes.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@DATA_OPTION
@BUILD_OPTION
@graph_option("Convert this Turtle/N-Triples file instead of building from --data.")
@reports_problems
def export(
    fmt: str,
    table: str,
    output: Path | None,
    data_dir: Path | None,
    graph_file: Path | None,
    out_dir: Path,
) -> None:
    """Export the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG, BibTeX, CSV
    tables of papers, people or venues, or the network as GraphML (Gephi, Cytoscape)."""
    from ..atomic import copy_atomic, write_atomic
    from ..rdf.serialise import FORMATS, serialize, trig

    if graph_file is None and fmt in ("turtle", "nt", "jsonld"):
        from ..builder.outputs import built_file

        # The last build wrote exactly these bytes from the same data: hand them over.
        done = built_file(_data(data_dir), f"sysml-graph{FORMATS[fmt][1]}", out_dir)
        if done is not None:
            if output is None:
                with done.open("rb") as f:
                    shutil.copyfileobj(f, sys.stdout.buffer)
            else:
                copy_atomic(done, output)
                click.echo(f"wrote {output} ({output.stat().st_size:,} bytes)", err=True)
            return
    if fmt in ("csv", "graphml"):
        from ..exports.graphml import graphml
        from ..exports.tables import table as csv_table

        full = network_of(data_dir, graph_file, out_dir)
        data = graphml(full) if fmt == "graphml" else csv_table(full, table).encode("utf-8")
    elif fmt == "bibtex":
        from ..exports.bibtex import export_bibtex

        data = export_bibtex(graph_of(data_dir, graph_file, out_dir)).encode("utf-8")
    elif graph_file is None:
        from ..builder.reuse import rdf_export

        data = rdf_export(_data(data_dir), out_dir, fmt)
    elif fmt == "trig":
        from ..builder.reuse import owners

        graph = graph_of(data_dir, graph_file, out_dir)
        data = trig(graph, owners(graph, _data(data_dir), graph_file, out_dir))
    else:
        data = serialize(graph_of(data_dir, graph_file, out_dir), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
