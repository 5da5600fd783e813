"""Reuse of the last build: its graph while the data is as it was built, and where each node's
triples came from. Every function takes the build folder (``out_dir``); nothing here depends
on the working directory."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..problems import InvalidInput
from ..rdf.store import KnowledgeGraph

if TYPE_CHECKING:
    from ..rdf.store import KnowledgeGraph
import pyoxigraph

from ..corpus.read import read_corpus
from ..rdf.locations import locations
from ..rdf.namespaces import BASE, NAMESPACES
from ..rdf.serialise import FORMATS, convert_nt, trig_of_nt
from ..rdf.store import KnowledgeGraph
from .fragments import FORMATS as FRAGMENT_FORMATS
from .fragments import outputs_of
from .outputs import NT, built_file
from .parse_cache import ParseCache, parse_cache_file
from .pipeline import kg_from_data


def built_graph(data_dir: Path, out_dir: Path, whole: bool = False) -> KnowledgeGraph | None:
    """The graph of the last build in ``out_dir`` if it was built from ``data_dir`` as it is
    now; else None. For ``whole``-graph work (dumps, the network) its N-Triples loaded in
    memory: dumping 4.1 million triples from the on-disk index took 35 s, from memory 5 s.
    Otherwise (queries) its on-disk index, made on first use, opened in milliseconds."""

    nt_file = built_file(data_dir, NT, out_dir)
    if nt_file is None:
        return None
    if whole:
        return KnowledgeGraph.from_build(nt_file)
    index = out_dir / ".cache" / f"index-{nt_file.stat().st_mtime_ns}"
    if not index.is_dir():
        _make_index(nt_file, index)
    return KnowledgeGraph(pyoxigraph.Store.read_only(str(index)))


def _make_index(nt_file: Path, index: Path) -> None:

    for old in index.parent.glob("index-*"):  # indexes of earlier builds
        shutil.rmtree(old, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=index.parent, prefix=".index-"))
    try:
        store = pyoxigraph.Store(str(tmp))
        store.bulk_load(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
        store.flush()
        del store
        os.rename(tmp, index)
    except OSError:
        if not index.is_dir():  # another process did not win the race either
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_graph(
    data_dir: Path, graph_file: Path | None, out_dir: Path, whole: bool = True
) -> KnowledgeGraph:
    """The graph to work on: ``graph_file`` if given, else the last build in ``out_dir`` of
    ``data_dir`` as it is now, else ``data_dir`` mapped anew. ``whole=False`` when only
    queries will read it."""
    if graph_file is not None:
        return KnowledgeGraph.from_file(graph_file)
    built = built_graph(data_dir, out_dir, whole=whole)
    return built or kg_from_data(data_dir, shacl=False)[0]


def owners(graph: Any, data_dir: Path, graph_file: Path | None, out_dir: Path) -> dict[str, str]:
    """Which source file each node was written in: from the YAML when building from data,
    else from the papers' prov:wasDerivedFrom links."""
    if graph_file is None:
        # The last build's parse cache, if any, spares parsing the files again.
        cache = ParseCache(parse_cache_file(out_dir))
        corpus, problems = read_corpus(data_dir, cache)
        if problems:
            raise InvalidInput(problems)
        where = locations(corpus)
        return {str(node): w.file for node, w in where.items()}

    prefix = BASE + "source/"
    query = f"SELECT ?s ?o {{ ?s <{NAMESPACES['prov']}wasDerivedFrom> ?o }}"
    return {
        row["s"].value: row["o"].value[len(prefix) :]
        for row in graph.store.query(query)
        if row["o"].value.startswith(prefix)
    }


def rdf_export(data_dir: Path, out_dir: Path, fmt: str) -> bytes:
    """The graph of ``data_dir`` in RDF format ``fmt``: what the last build in ``out_dir``
    wrote when it is of this data, else what a build would write; RDF/XML and TriG made
    from those N-Triples, in their order. So an export is the same bytes with or without a
    build."""
    if fmt in FRAGMENT_FORMATS:
        done = built_file(data_dir, f"sysml-graph{FORMATS[fmt][1]}", out_dir)
        return done.read_bytes() if done is not None else outputs_of(data_dir, (fmt,))[1][fmt]
    built = built_file(data_dir, NT, out_dir)
    nt = built.read_bytes() if built is not None else outputs_of(data_dir, ("nt",))[1]["nt"]
    if fmt == "trig":
        return trig_of_nt(nt, owners(None, data_dir, None, out_dir))
    return convert_nt(nt, fmt)
