"""SHACL check of a built graph against ``ontology/shapes.ttl``.

The loader already catches what a curator gets wrong in YAML; the shapes are the same
rules stated on the RDF, so that a graph from anywhere (``--graph FILE.ttl``) is checked
too, and so that a mapping bug cannot slip out unnoticed.

Two engines: ``sparql`` (the default) compiles the shapes into SPARQL run in pyoxigraph
(:mod:`sysml_graph.shacl.sparql_engine`: 0.6 s at 10,000 papers); ``pyshacl``, the reference
implementation of all of SHACL, takes 21 s there. The tests check both agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..corpus.records import Where
from ..problems import Problem
from ..rdf.namespaces import curie
from .pyshacl_engine import _pyshacl_results
from .sparql_engine import _sparql_results

ENGINES = ("sparql", "pyshacl")


def shacl_problems(
    graph: Any,
    where: Mapping[str, Where] | None = None,
    graph_name: str = "graph",
    engine: str = "sparql",
) -> list[Problem]:
    """Every SHACL violation of ``graph`` (a :class:`~sysml_graph.rdf.store.KnowledgeGraph` or
    an rdflib graph) as a :class:`Problem`, located in YAML when ``where`` knows the node."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    results = _sparql_results(graph) if engine == "sparql" else _pyshacl_results(graph)
    problems: list[Problem] = []
    for r in results:
        text = r.message
        if r.value is not None:
            text += f" (value: {r.value})"
        if r.path is not None:
            text += f" [{curie(r.path)}]"
        loc = (where or {}).get(r.focus)
        if loc is not None:
            problems.append(Problem(loc.file, loc.line, text))
        else:
            problems.append(Problem(graph_name, 0, f"<{r.focus}>: {text}"))
    return sorted(set(problems))
