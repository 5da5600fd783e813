"""``sysml-graph query``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..problems import one_line, terminal_safe
from ..sparql.named import LINKS_VALUES
from .exit import reports_problems
from .load import graph_of
from .options import BUILD_OPTION, DATA_OPTION, graph_option, remote_options


def _echo_answer(text: str, fmt: str) -> None:
    """A query's answer on stdout: exactly as is into a pipe or file (click would strip what
    looks like a colour code), with the characters a terminal would obey escaped on one."""
    if sys.stdout.isatty():
        text = terminal_safe(text, json=fmt == "json")
    click.echo(text, nl=False, color=True)


@click.command()
@click.argument("query", required=False)
@click.option("-e", "--expr", "expr", help="SPARQL text to run instead of a file or name.")
@graph_option("Query this Turtle/N-Triples file instead of the graph built from --data.")
@DATA_OPTION
@BUILD_OPTION
@click.option("--bind", "binds", multiple=True, metavar="K=V", help="Bind a parameter (repeat).")
@click.option(
    "--links",
    type=click.Choice(LINKS_VALUES),
    help="Which technique and platform links count, for a query that takes `links` "
    "(the same as --bind links=…; the query's default is all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="table for people; csv, tsv or SPARQL JSON results for programs.",
)
@click.option(
    "--endpoint",
    help="Run the query on this remote SPARQL endpoint (http or https) instead; credentials "
    "from $SYSML_GRAPH_USER and $SYSML_GRAPH_PASSWORD or ~/.netrc.",
)
@remote_options(read=60.0, deadline=300.0)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@reports_problems
def query(
    query: str | None,
    expr: str | None,
    graph_file: Path | None,
    data_dir: Path | None,
    binds: tuple[str, ...],
    links: str | None,
    fmt: str,
    endpoint: str | None,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    list_queries: bool,
    out_dir: Path,
) -> None:
    """Run a SPARQL query: a FILE.rq, the NAME of a shipped query, or -e TEXT.

    SERVICE, FROM / FROM NAMED and updates are refused: a query never reaches the network
    or reads a file.
    """
    from ..sparql.named import NamedQuery, named_queries, resolve
    from ..sparql.params import bind, check_bindings
    from ..sparql.results import format_result
    from ..sparql.run import run

    if list_queries:
        for name, q in named_queries().items():
            click.echo(f"{name}: {q.question}")
            for p in q.params:
                default = f" (default {p.default})" if p.default else ""
                click.echo(f"    --bind {p.name}=…  {p.help}{default}")
        return
    if (query is None) == (expr is None):
        raise click.UsageError("give a query NAME or FILE.rq, or -e SPARQL (one of them)")
    bindings: dict[str, str] = {}
    for item in binds:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--bind takes K=V, got '{item}'")
        bindings[key] = value
    named = resolve(query) if query is not None else NamedQuery("-e", "", expr or "")
    if links is not None:
        if "links" not in {p.name for p in named.params}:
            takes = [n for n, q in named_queries().items() if "links" in {p.name for p in q.params}]
            raise click.UsageError(
                f"{named.name} takes no links parameter; these do: {', '.join(takes)}"
            )
        bindings.setdefault("links", links)
    text = bind(named, bindings)
    if endpoint is not None:
        from ..sparql.remote import Limits, RemoteError, query_endpoint
        from ..sparql.remote import endpoint as remote_endpoint

        try:
            site = remote_endpoint(endpoint)
            limits = Limits(connect_timeout, read_timeout, deadline)

            def remote_column(sparql: str) -> list[str]:
                return [str(r[0].value) for r in query_endpoint(site, sparql, limits).rows]

            check_bindings(named, bindings, remote_column)
            result = query_endpoint(site, text, limits)
        except RemoteError as err:
            click.echo(one_line(f"error: {err}"), err=True)
            sys.exit(1)
        _echo_answer(format_result(result, fmt), fmt)
        return
    graph = graph_of(data_dir, graph_file, out_dir, whole=False)
    check_bindings(named, bindings, lambda q: [str(r[0].value) for r in run(graph, q).rows])
    _echo_answer(format_result(run(graph, text), fmt), fmt)
