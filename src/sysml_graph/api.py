"""The Python API: the knowledge graph of a data folder or a file as an ``rdflib.Graph``.

For users who work in rdflib; the command line and the build run on pyoxigraph
(:mod:`sysml_graph.builder.pipeline`).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .builder.pipeline import kg_from_data
from .corpus.records import Corpus
from .rdf.rdflib_api import to_rdflib
from .rdf.store import KnowledgeGraph


def graph_from_data(data_dir: Path, shacl: bool = True) -> tuple[Graph, Corpus]:
    """:func:`kg_from_data` as an rdflib graph (the public Python API).

    >>> from sysml_graph.resources import default_data_dir
    >>> graph, corpus = graph_from_data(default_data_dir(), shacl=False)  # (SHACL: seconds more)
    >>> len(corpus.papers) >= 16
    True
    """
    kg, corpus = kg_from_data(data_dir, shacl)
    return to_rdflib(kg), corpus


def graph_from_file(path: Path) -> Graph:
    """Read a Turtle or N-Triples file as an rdflib graph (never a format that could fetch
    remote contexts)."""
    return to_rdflib(KnowledgeGraph.from_file(path))
