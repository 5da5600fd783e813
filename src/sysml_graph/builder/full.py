"""A build: the data folder checked and mapped, written as Turtle, N-Triples, JSON-LD and the
network page, all or nothing; or, when only paper files changed, those spliced into the last
build (:mod:`sysml_graph.builder.rebuild`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import staged
from ..network.page import render_html
from ..network.projection import project
from ..problems import InvalidInput
from ..rdf.locations import locations
from ..rdf.mapping import head_lines
from ..rdf.serialise import FORMATS, serialize_to_temp
from ..shacl.validate import shacl_problems
from .fingerprint import scan
from .fragments import Writer
from .network_cache import NETWORK, stage_network
from .outputs import record_build
from .page_worker import PageWorker
from .parse_cache import parse_cache_file
from .pipeline import kg_from_data
from .publish import publish
from .rebuild import rebuild
from .rebuild_state import NotIncremental, draft_state, forget_state, save_state

# A build's steps, for a progress bar: step(description, total) starts a step; total is the
# number of steps of the kind of build that runs (a rebuild has fewer).
Step = Callable[[str, int], None]


@dataclass
class Built:
    """What a build wrote."""

    triples: int
    papers: int
    files: list[Path]
    changed: list[str] | None = None  # paper files spliced in; None after a full build
    graph: object = field(default=None, repr=False)  # the store, for the caller to keep


def outputs(out_dir: Path) -> dict[str, Path]:
    """Where a build into ``out_dir`` writes each format (and the page, as ``html``)."""
    files = {f: out_dir / f"sysml-graph{FORMATS[f][1]}" for f in ("turtle", "nt", "jsonld")}
    return files | {"html": out_dir / "sysml-graph.html"}


def build(
    data_dir: Path, out_dir: Path, worker: PageWorker, step: Step = lambda d, t: None
) -> Built:
    """Build the data in ``data_dir`` into ``out_dir``: a rebuild when only paper files
    changed since the last build there, else a full build. Nothing is replaced unless all
    of it succeeds; :class:`~sysml_graph.problems.InvalidInput` lists what is wrong."""
    files = outputs(out_dir)
    targets = {f: files[f] for f in ("turtle", "nt", "jsonld")}
    html_file = files["html"]
    step("scan the data folder", 4)
    data_fingerprint, stats = scan(data_dir)
    try:
        # Only paper files changed since the last build: splice them into its outputs.
        done = rebuild(data_dir, out_dir, data_fingerprint, stats, worker, lambda d: step(d, 4))
    except NotIncremental:
        worker.stop()
    else:
        return Built(done.triples, done.papers, list(files.values()), done.changed)
    step("load, check and map the YAML", 6)
    # The outputs are made of each file's fragment (builder.fragments): the N-Triples as the
    # mapping goes, the others by a second process while this one checks the shapes and
    # draws the network.
    writer = Writer(targets)
    temps: dict[Path, Path] = {}
    network: Path | None = None
    try:
        graph, corpus = kg_from_data(
            data_dir, shacl=False, cache=parse_cache_file(out_dir), sink=writer.add
        )
        writer.start()  # the Turtle and JSON-LD fragments, while this process goes on
        papers = len(corpus.papers)
        head_nt = "".join(head_lines(corpus.source_lists, papers, len(graph))).encode()
        with ThreadPoolExecutor(max_workers=1) as pool:
            # pyoxigraph lets go of the GIL while it queries: the shapes are checked by a
            # second thread while this one projects the network.
            checked = pool.submit(shacl_problems, graph, locations(corpus))
            state = draft_state(data_dir, stats, corpus, len(graph), writer.units)
            del corpus  # the records' memory goes to the network (~0.3 GB at 100k papers)
            step("project the network", 6)
            full = project(graph.store)
            network = stage_network(full, out_dir)
            temps[out_dir / NETWORK] = network
            step("check the SHACL shapes", 6)
            problems = checked.result()
        if problems:
            raise InvalidInput(problems)
        step("lay out and render the network", 6)
        html = render_html(full, full=full).encode("utf-8")
        del full
        step("serialise", 6)
        staged_outputs, offsets = writer.finish(head_nt)
        temps.update({targets[fmt]: tmp for fmt, tmp in staged_outputs.items()})
        if writer.lines + head_nt.count(b"\n") != len(graph):
            # A triple in two files' fragments would be in the outputs twice: write them
            # from the store instead (and leave the next build a full one).
            for fmt, path in targets.items():
                temps[path].unlink()
                temps[path] = serialize_to_temp(graph, fmt, path)
            state = None
    except BaseException:
        writer.stop()
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    step("note where each paper is, for rebuilds", 6)
    temps[html_file] = staged(html_file, lambda tmp: tmp.write_bytes(html))
    forget_state(out_dir)  # it describes the outputs about to be replaced
    publish(out_dir, temps)  # the four outputs change at once
    record_build(out_dir, data_fingerprint, list(temps))
    with contextlib.suppress(OSError):  # without it the next build is a full one
        save_state(state, out_dir, data_fingerprint, offsets)
    return Built(len(graph), papers, list(files.values()), None, graph)
