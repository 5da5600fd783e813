"""The whole way from a data folder to a checked graph: load, check, map, SHACL."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .check import check_corpus
from .load import read_corpus
from .problems import InvalidInput, Problem
from .records import Corpus
from .shacl import locations, shacl_problems
from .to_rdf import build_graph, new_graph


def graph_from_data(data_dir: Path, shacl: bool = True) -> tuple[Graph, Corpus]:
    """Load ``data_dir``, check it, and map it to RDF; raise :class:`InvalidInput`.

    >>> from sysml_graph.resources import default_data_dir
    >>> graph, corpus = graph_from_data(default_data_dir())
    >>> len(corpus.papers) >= 16
    True
    """
    corpus, problems = read_corpus(data_dir)
    check_corpus(corpus, problems)
    graph = build_graph(corpus)
    if shacl:
        problems = shacl_problems(graph, locations(corpus))
        if problems:
            raise InvalidInput(problems)
    return graph, corpus


def graph_from_file(path: Path) -> Graph:
    """Read a Turtle or N-Triples file (never a format that could fetch remote contexts)."""
    fmt = "nt" if path.suffix in (".nt", ".ntriples") else "turtle"
    graph = new_graph()
    try:
        graph.parse(path, format=fmt)
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), 1, "file not found")]) from None
    except Exception as err:  # rdflib raises many parser-specific error types
        line = getattr(err, "lines", None) or 1
        raise InvalidInput(
            [Problem(str(path), int(line), f"cannot parse as {fmt}: {err}")]
        ) from None
    return graph
