"""The ``sysml-graph`` command line: a thin click layer over the library.

Errors go to stderr as one line per problem, never as a traceback. Exit codes: 0 ok,
1 invalid input, 2 usage error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .problems import InvalidInput, one_line, terminal_safe

if TYPE_CHECKING:
    import networkx as nx

    from .kgraph import KnowledgeGraph
from .resources import default_data_dir

KG = TypeVar("KG")
F = TypeVar("F", bound=Callable[..., Any])

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder: curated YAML and imported drafts (default: the shipped data/).",
)


def graph_option(help_text: str) -> Callable[[F], F]:
    """``--graph FILE``: work on a Turtle/N-Triples file instead of the data folder."""
    return click.option(
        "--graph",
        "graph_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help=help_text,
    )


def import_options(func: F) -> F:
    """Options every importer takes: where to write, and whether to write at all."""
    func = click.option(
        "--dry-run", is_flag=True, help="Report what would be imported; write nothing."
    )(func)
    func = click.option(
        "-o",
        "--output",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("data"),
        show_default=True,
        help="Data folder to import into; drafts go to its imported/ folder.",
    )(func)
    return func


def _finish_import(importer: Any, files: dict[str, str], data_dir: Path, dry_run: bool) -> None:
    from .importer import write_imported
    from .report import print_import_report

    if not dry_run:
        write_imported(files, data_dir)
    for line in importer.report.refused:  # what validate would refuse, one line each
        click.echo(one_line(line), err=True)
    print_import_report(importer.report, data_dir, dry_run)


def _data(data_dir: Path | None) -> Path:
    return data_dir if data_dir is not None else default_data_dir()


def _echo_answer(text: str, fmt: str) -> None:
    """A query's answer on stdout: exactly as is into a pipe or file (click would strip what
    looks like a colour code), with the characters a terminal would obey escaped on one."""
    if sys.stdout.isatty():
        text = terminal_safe(text, json=fmt == "json")
    click.echo(text, nl=False, color=True)


def reports_problems(func: F) -> F:
    """Turn the library's errors into one line each on stderr and the right exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .sparql import QueryError

        try:
            return func(*args, **kwargs)
        except InvalidInput as err:
            for problem in err.problems:
                click.echo(str(problem), err=True)
            n = len(err.problems)
            click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
            sys.exit(1)
        except QueryError as err:
            click.echo(one_line(f"error: {err}"), err=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (| head): nothing more to say
            sys.stderr.close()
            sys.exit(0)
        except OSError as err:
            click.echo(one_line(f"error: {err.filename or ''}: {err.strerror or err}"), err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]  # wraps() keeps the signature mypy cannot see


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sysml-graph")
def cli() -> None:
    """A curated knowledge graph of machine-learning-systems research.

    Curated YAML in, standards-based RDF out: validate the data, build the Turtle, ask
    SPARQL questions, export for other tools.
    """


@cli.command()
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

    from .kgraph import KnowledgeGraph
    from .pipeline import kg_from_data
    from .shacl import locations, shacl_problems

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
    from .build_index import parse_cache_file

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


# The last graph a command loaded stays alive until the process ends: main() leaves with
# os._exit, and freeing a store of 4 million triples on the way out took 1.9 s for nothing.
# One slot per kind, so that commands run one after another in a process (tests) keep one.
_KEPT: dict[type, object] = {}


def _keep_until_exit(graph: KG) -> KG:
    _KEPT[type(graph)] = graph
    return graph


def _progress() -> Any:
    """Step-by-step progress on stderr when a person is watching (quiet in pipes)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


@cli.command()
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the built files.",
)
@reports_problems
def build(data_dir: Path | None, out_dir: Path) -> None:
    """Build the graph: write OUT/sysml-graph.{ttl,nt,jsonld,html}.

    Nothing is written unless the data is valid; each file is replaced atomically.
    """
    from .build_lock import build_lock
    from .rebuild import PageWorker

    # The rebuild's second process starts first (a fork, before any thread does), and
    # before the lock, which it must not inherit: it could outlive a build killed by -9.
    worker = PageWorker(out_dir)
    try:
        with build_lock(out_dir, lambda message: click.echo(message, err=True)):
            _build(_data(data_dir), out_dir, worker)
    finally:
        worker.stop()


def _build(data_dir: Path, out_dir: Path, worker: Any) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from .build_index import NETWORK, parse_cache_file, record_build, scan, stage_network
    from .export import FORMATS, serialize_to_temp, staged
    from .network import project
    from .output_set import publish
    from .pipeline import kg_from_data
    from .rebuild import NotIncremental, draft_state, forget_state, rebuild, save_state
    from .render import render_html
    from .shacl import locations, shacl_problems

    targets = {f: out_dir / f"sysml-graph{FORMATS[f][1]}" for f in ("turtle", "nt", "jsonld")}
    html_file = out_dir / "sysml-graph.html"
    with _progress() as progress:
        steps = progress.add_task("scan the data folder", total=4)
        data_fingerprint, stats = scan(data_dir)

        def step(description: str) -> None:
            progress.update(steps, advance=1, description=description)

        try:
            # Only paper files changed since the last build: splice them into its outputs.
            done = rebuild(data_dir, out_dir, data_fingerprint, stats, worker, step)
        except NotIncremental:
            worker.stop()
        else:
            progress.update(steps, completed=4)
            progress.stop()
            how = (
                f"{len(done.changed)} changed paper file(s) spliced into the last build"
                if done.changed
                else "nothing changed since the last build"
            )
            click.echo(f"built {done.triples} triples from {done.papers} papers ({how})")
            for path in [*targets.values(), html_file]:
                click.echo(f"  {path}  ({path.stat().st_size:,} bytes)")
            return
        progress.update(steps, completed=0, total=6, description="load, check and map the YAML")
        cache = parse_cache_file(out_dir)
        graph, corpus = kg_from_data(data_dir, shacl=False, cache=cache)
        _keep_until_exit(graph)
        # pyoxigraph lets go of the GIL while it dumps and queries: the shapes are checked
        # and the three dumps written (into temporary files) by two more threads while this
        # one draws the network. At 100,000 papers that hides the SHACL check (4–7 s) and the
        # dumps (12 s) behind the projection. Nothing replaces the previous build until
        # everything has succeeded.
        network: Path | None = None
        with ThreadPoolExecutor(max_workers=2) as pool:
            checked = pool.submit(shacl_problems, graph, locations(corpus))
            dumps = {
                fmt: pool.submit(serialize_to_temp, graph, fmt, path)
                for fmt, path in targets.items()
            }
            try:
                papers = len(corpus.papers)
                state = draft_state(data_dir, stats, corpus, len(graph))
                del corpus  # the records' memory goes to the network (~0.3 GB at 100k papers)
                progress.update(steps, advance=1, description="project the network")
                full = project(graph.store)
                network = stage_network(full, out_dir)
                progress.update(steps, advance=1, description="check the SHACL shapes")
                problems = checked.result()
                if problems:
                    raise InvalidInput(problems)
                progress.update(steps, advance=1, description="lay out and render the network")
                html = render_html(full, full=full).encode("utf-8")
                del full
                progress.update(steps, advance=1, description="serialise")
                temps = {targets[fmt]: dump.result() for fmt, dump in dumps.items()}
                temps[out_dir / NETWORK] = network
            except BaseException:
                for dump in dumps.values():
                    if not dump.cancel() and dump.exception() is None:
                        dump.result().unlink(missing_ok=True)
                if network is not None:
                    network.unlink(missing_ok=True)
                raise
        progress.update(steps, advance=1, description="note where each paper is, for rebuilds")
        temps[html_file] = staged(html_file, lambda tmp: tmp.write_bytes(html))
        forget_state(out_dir)  # it describes the outputs about to be replaced
        publish(out_dir, temps)  # the four outputs change at once
        record_build(out_dir, data_fingerprint, list(temps))
        with contextlib.suppress(OSError):  # without it the next build is a full one
            save_state(state, out_dir, data_fingerprint)
        progress.update(steps, advance=1)
    click.echo(f"built {len(graph)} triples from {papers} papers")
    for path in [*targets.values(), html_file]:
        click.echo(f"  {path}  ({path.stat().st_size:,} bytes)")


def _load_network(data_dir: Path | None, graph_file: Path | None) -> nx.Graph:
    """The network projection of the graph: the one the last build drew (or patched),
    while the data is unchanged since (0.5 s instead of 20 s at 100,000 papers), else
    projected anew."""
    from .network import project

    if graph_file is None:
        from .rebuild import built_network

        full = built_network(_data(data_dir))
        if full is not None:
            return _keep_until_exit(full)
    return _keep_until_exit(project(_load_graph(data_dir, graph_file).store))


def _load_graph(
    data_dir: Path | None, graph_file: Path | None, whole: bool = True
) -> KnowledgeGraph:
    """The graph to work on; ``whole=False`` when only queries will read it."""
    from .kgraph import KnowledgeGraph
    from .pipeline import kg_from_data

    if graph_file is not None:
        return _keep_until_exit(KnowledgeGraph.from_file(graph_file))
    from .build_index import built_graph

    # The last `build` (in ./dist) of the same data, if any: no need to map the YAML again.
    built = built_graph(_data(data_dir), whole=whole)
    return _keep_until_exit(built or kg_from_data(_data(data_dir), shacl=False)[0])


def remote_options(read: float, deadline: float) -> Callable[[F], F]:
    """The waits of `push` and `query --endpoint`: none of them lasts for ever."""
    seconds = click.FloatRange(min=0, min_open=True, max=86400)

    def add(func: F) -> F:
        for name, default, help_text in reversed(
            [
                ("--connect-timeout", 10.0, "Seconds to wait for a connection to the store."),
                ("--read-timeout", read, "Seconds the store may stay silent while answering."),
                ("--deadline", deadline, "Seconds for the whole exchange, retries included."),
            ]
        ):
            func = click.option(
                name, type=seconds, default=default, show_default=True, help=help_text
            )(func)
        return func

    return add


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expr", "expr", help="SPARQL text to run instead of a file or name.")
@graph_option("Query this Turtle/N-Triples file instead of the graph built from --data.")
@DATA_OPTION
@click.option("--bind", "binds", multiple=True, metavar="K=V", help="Bind a parameter (repeat).")
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
    fmt: str,
    endpoint: str | None,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    list_queries: bool,
) -> None:
    """Run a SPARQL query: a FILE.rq, the NAME of a shipped query, or -e TEXT.

    SERVICE, FROM / FROM NAMED and updates are refused: a query never reaches the network
    or reads a file.
    """
    from .sparql import (
        NamedQuery,
        bind,
        check_bindings,
        format_result,
        named_queries,
        resolve,
        run,
    )

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
    text = bind(named, bindings)
    if endpoint is not None:
        from .remote import Limits, RemoteError, query_endpoint
        from .remote import endpoint as remote_endpoint

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
    graph = _load_graph(data_dir, graph_file, whole=False)
    check_bindings(named, bindings, lambda q: [str(r[0].value) for r in run(graph, q).rows])
    _echo_answer(format_result(run(graph, text), fmt), fmt)


@cli.command()
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
@graph_option("Convert this Turtle/N-Triples file instead of building from --data.")
@reports_problems
def export(
    fmt: str, table: str, output: Path | None, data_dir: Path | None, graph_file: Path | None
) -> None:
    """Export the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG, BibTeX, CSV
    tables of papers, people or venues, or the network as GraphML (Gephi, Cytoscape)."""
    from .export import FORMATS, copy_atomic, serialize, trig, trig_of_nt, write_atomic

    if graph_file is None and fmt in ("turtle", "nt", "jsonld"):
        from .build_index import built_file

        # The last build wrote exactly these bytes from the same data: hand them over.
        done = built_file(_data(data_dir), f"sysml-graph{FORMATS[fmt][1]}")
        if done is not None:
            if output is None:
                with done.open("rb") as f:
                    shutil.copyfileobj(f, sys.stdout.buffer)
            else:
                copy_atomic(done, output)
                click.echo(f"wrote {output} ({output.stat().st_size:,} bytes)", err=True)
            return
    if fmt in ("csv", "graphml"):
        from .tables import graphml
        from .tables import table as csv_table

        full = _load_network(data_dir, graph_file)
        data = graphml(full) if fmt == "graphml" else csv_table(full, table).encode("utf-8")
    elif fmt == "bibtex":
        from .bibtex import export_bibtex

        data = export_bibtex(_load_graph(data_dir, graph_file)).encode("utf-8")
    elif fmt == "trig":
        from .build_index import NT, built_file

        built = built_file(_data(data_dir), NT) if graph_file is None else None
        if built is not None:  # the build's N-Triples are in its store's order
            data = trig_of_nt(built.read_bytes(), _owners(None, data_dir, None))
        else:
            graph = _load_graph(data_dir, graph_file)
            data = trig(graph, _owners(graph, data_dir, graph_file))
    else:
        data = serialize(_load_graph(data_dir, graph_file), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


@cli.command()
@DATA_OPTION
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
    focus: str | None,
    depth: int,
    output: Path,
) -> None:
    """Draw the network as one interactive HTML page (pyvis/vis-network, offline)."""
    from .export import write_atomic
    from .network import UnknownNode, view
    from .render import reduce_to_budget, render_html

    full = _load_network(data_dir, graph_file)
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


@cli.command()
@DATA_OPTION
@graph_option("Analyse this Turtle/N-Triples file instead of building from --data.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the charts (gap-map.png/.svg, papers-per-year.png/.svg).",
)
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows in each ranking."
)
@reports_problems
def stats(data_dir: Path | None, graph_file: Path | None, out_dir: Path, top: int) -> None:
    """Tables of the field: counts per year, venue, technique and platform (rolled up),
    central people and papers, co-author communities, open technique × platform pairs;
    and the gap map and papers-per-year charts as PNG and SVG."""
    from .analysis import compute
    from .plots import gap_map_figure, per_year_figure
    from .report import print_stats

    full = _load_network(data_dir, graph_file)
    result = compute(full, top=top)
    print_stats(result, top=top)
    written = gap_map_figure(result.gaps, out_dir / "gap-map")
    written += per_year_figure(result.per_year, out_dir / "papers-per-year")
    click.echo("wrote " + ", ".join(str(p) for p in written))


def _owners(graph: Any, data_dir: Path | None, graph_file: Path | None) -> dict[str, str]:
    """Which source file each node was written in: from the YAML when building from data,
    else from the papers' prov:wasDerivedFrom links."""
    if graph_file is None:
        from .build_index import parse_cache_file
        from .load import ParseCache, read_corpus
        from .shacl import locations

        # The last build's parse cache, if any, spares parsing the files again.
        cache = ParseCache(parse_cache_file())
        corpus, problems = read_corpus(_data(data_dir), cache)
        if problems:
            raise InvalidInput(problems)
        where = locations(corpus)
        return {str(node): w.file for node, w in where.items()}
    from .namespaces import BASE, NAMESPACES

    prefix = BASE + "source/"
    query = f"SELECT ?s ?o {{ ?s <{NAMESPACES['prov']}wasDerivedFrom> ?o }}"
    return {
        row["s"].value: row["o"].value[len(prefix) :]
        for row in graph.store.query(query)
        if row["o"].value.startswith(prefix)
    }


@cli.command()
@DATA_OPTION
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
) -> None:
    """Serve the graph read-only over the SPARQL 1.1 Protocol, with the HTML network at
    /network and a query page at /."""
    from .render import render_html
    from .server import Limits, serving

    graph = _load_graph(data_dir, graph_file)
    full = _load_network(data_dir, graph_file)
    page = render_html(full, full=full).encode("utf-8")
    with serving(graph, host, port, Limits(timeout, max_results), page) as server:
        address = f"http://{host}:{server.server_address[1]}"
        click.echo(
            f"serving {len(graph)} triples: SPARQL at {address}/sparql, query page at "
            f"{address}/ (Ctrl-C stops)",
            err=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@cli.command()
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store endpoint (http or https), e.g. http://localhost:7878/store (Oxigraph), "
    "http://localhost:3030/ds/data (Fuseki); credentials from $SYSML_GRAPH_USER and "
    "$SYSML_GRAPH_PASSWORD or ~/.netrc.",
)
@click.option("--graph", "graph_iri", help="Named graph to replace (default: the default graph).")
@DATA_OPTION
@click.option(
    "--from",
    "graph_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Push this Turtle/N-Triples file instead of building from --data.",
)
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
) -> None:
    """Upload the graph into a triple store (SPARQL 1.1 Graph Store HTTP Protocol, one PUT
    that replaces the graph), retrying when the store is briefly unavailable."""
    from .export import serialize
    from .remote import Limits, RemoteError
    from .remote import endpoint as remote_endpoint
    from .remote import push as push_graph

    try:
        # Checked before the graph is loaded: a wrong URL fails at once.
        site = remote_endpoint(endpoint)
        limits = Limits(connect_timeout, read_timeout, deadline)
        graph = _load_graph(data_dir, graph_file)
        url = push_graph(serialize(graph, "turtle"), site, graph_iri, limits)
    except RemoteError as err:
        click.echo(one_line(f"error: {err}"), err=True)
        sys.exit(1)
    click.echo(f"pushed {len(graph)} triples to {url}")


@cli.group(name="import")
def import_() -> None:
    """Turn awesome lists and BibTeX files into YAML drafts under DATA/imported/."""


@import_.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--source-url", help="Address of the list (default: SOURCE.txt's repository).")
@click.option("--commit", help="Commit of the list that was read (default: SOURCE.txt's).")
@import_options
@reports_problems
def awesome(
    inputs: tuple[Path, ...],
    source_url: str | None,
    commit: str | None,
    data_dir: Path,
    dry_run: bool,
) -> None:
    """Import awesome lists: markdown files, or folders of them (with a SOURCE.txt)."""
    from .importer import import_lists

    with _progress() as progress:
        task = progress.add_task("reading lists", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        importer, files = import_lists(inputs, data_dir, source_url, commit, step)
    _finish_import(importer, files, data_dir, dry_run)


@import_.command()
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--source-url", help="Where the .bib file lives (default: the file's name).")
@import_options
@reports_problems
def bibtex(inputs: tuple[Path, ...], source_url: str | None, data_dir: Path, dry_run: bool) -> None:
    """Import BibTeX files (titles, authors, venue, year, DOI, URL, pages, arXiv id)."""
    from .importer import import_bibtex

    importer, files = import_bibtex(inputs, data_dir, source_url)
    _finish_import(importer, files, data_dir, dry_run)


def main() -> None:
    """Entry point of the ``sysml-graph`` console script."""
    code: Any = 0
    try:
        cli(prog_name="sysml-graph")  # standalone mode: ends with SystemExit
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # what sys.exit("message") does
        print(code, file=sys.stderr)
        code = 1
    # Everything is written and closed by now. Leaving without freeing what is still alive
    # saves ~3 s after a build of 100,000 papers, where the interpreter would otherwise
    # free a 4-million-triple store and a million network objects one by one.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head): nothing to add
            stream.flush()
    os._exit(code or 0)
