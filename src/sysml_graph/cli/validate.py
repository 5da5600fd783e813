"""``sysml-graph validate``."""

from __future__ import annotations

from pathlib import Path

import click

from ..problems import InvalidInput
from .exit import reports_problems
from .options import DATA_OPTION, _data, graph_option


@click.command()
@DATA_OPTION
@graph_option("Check this Turtle/N-Triples file against the SHACL shapes instead.")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of the built graph.")
@click.option(
    "--engine",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="SHACL engine: the shapes compiled to SPARQL in pyoxigraph (fast), or pyshacl "
    "(the reference implementation; slow on big graphs; the 'pyshacl' extra).",
)
@reports_problems
def validate(data_dir: Path | None, graph_file: Path | None, no_shacl: bool, engine: str) -> None:
    """Check the YAML (curated and imported): syntax, types, ids, duplicates, then SHACL.

    Prints FILE:LINE: messages and exits 1 when anything is wrong.
    """
    import importlib.util

    from ..builder.pipeline import kg_from_data
    from ..rdf.locations import locations
    from ..rdf.store import KnowledgeGraph
    from ..shacl.validate import shacl_problems

    if engine == "pyshacl" and not no_shacl and importlib.util.find_spec("pyshacl") is None:
        raise click.UsageError(
            "--engine pyshacl needs pyshacl, an optional extra: pip install 'sysml-graph[pyshacl]'"
        )
    if graph_file is not None:
        foreign = KnowledgeGraph.from_file(graph_file)
        problems = shacl_problems(foreign, graph_name=str(graph_file), engine=engine)
        if problems:
            raise InvalidInput(problems)
        click.echo(f"ok: {len(foreign)} triples conform to the shapes")
        return
    # The last build's parse cache (in ./dist), if any, spares parsing unchanged files.
    from ..builder.parse_cache import parse_cache_file

    cache = parse_cache_file()
    graph, corpus = kg_from_data(_data(data_dir), shacl=False, cache=cache, save_cache=False)
    if not no_shacl:
        problems = shacl_problems(graph, locations(corpus), engine=engine)
        if problems:
            raise InvalidInput(problems)
    click.echo(
        f"ok: {len(corpus.papers)} papers, {len(corpus.people)} people, "
        f"{len(corpus.series)} venues, "
        f"{sum(len(s.concepts) for s in corpus.schemes)} concepts, {len(graph)} triples"
    )
