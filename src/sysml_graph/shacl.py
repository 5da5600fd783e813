"""SHACL check of a built graph against ``ontology/shapes.ttl``.

The loader already catches what a curator gets wrong in YAML; the shapes are the same
rules stated on the RDF, so that a graph from anywhere (``--graph FILE.ttl``) is checked
too, and so that a mapping bug cannot slip out unnoticed.

Two engines: ``sparql`` (the default) compiles the shapes into SPARQL run in pyoxigraph
(:mod:`sysml_graph.shacl_sparql`: 0.6 s at 10,000 papers); ``pyshacl``, the reference
implementation of all of SHACL, takes 21 s there. The tests check both agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .namespaces import BASE, NAMESPACES, concept_kind
from .problems import Problem
from .records import Corpus, Where
from .resources import shapes_file

SGS = "https://w3id.org/sysml-graph/shapes#"
SH = "http://www.w3.org/ns/shacl#"
ENGINES = ("sparql", "pyshacl")


def year_pattern(last: int | None = None) -> str:
    """A pattern for the years 1950 to next year, at the start of a date's lexical form.

    >>> import re
    >>> p = year_pattern(2027)
    >>> [bool(re.match(p, y)) for y in ("1949", "1950", "2027", "2027-06-01", "2028", "20l7")]
    [False, True, True, True, False, False]
    """
    last = last or datetime.date.today().year + 1
    return "^(" + "|".join(str(y) for y in range(1950, last + 1)) + ")(-|$)"


def locations(corpus: Corpus) -> dict[str, Where]:
    """Where each entity of the graph (by IRI) was written, for messages about it."""
    out: dict[str, Where] = {}
    for p in corpus.papers:
        out[f"{BASE}paper/{p.id}"] = p.where
        for pos, _ in enumerate(p.authors, start=1):
            out[f"{BASE}authorship/{p.id}-{pos}"] = p.at("authors")
        out[f"{BASE}software/{p.id}"] = p.at("code")
    for person in corpus.people:
        out[f"{BASE}person/{person.id}"] = person.where
    for s in corpus.series:
        out[f"{BASE}venue/{s.id}"] = s.where
        for e in s.editions:
            out[f"{BASE}venue/{e.id}"] = e.where
    for scheme in corpus.schemes:
        for c in scheme.concepts:
            out[f"{BASE}{concept_kind(scheme.id)}/{c.id}"] = c.where
    return out


@dataclass(frozen=True)
class _Result:
    focus: str
    message: str
    path: str | None
    value: str | None  # as text: an IRI, a literal's lexical form


def _curie(iri: str) -> str:
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and iri[len(ns) :].replace("_", "").isalnum():
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


@lru_cache(maxsize=1)
def _checks(year_range: str) -> list[Any]:
    from .shacl_sparql import compile_shapes

    return compile_shapes(shapes_file(), {(SGS + "PaperYearRange", SH + "pattern"): year_range})


def _sparql_results(graph: Any) -> list[_Result]:
    import pyoxigraph

    from .kgraph import KnowledgeGraph
    from .shacl_sparql import validate

    kg = KnowledgeGraph.of(graph)
    out = []
    for v in validate(kg.store, _checks(year_pattern())):
        value = None
        if v.value is not None:  # N-Triples form: read it back for its text
            nt = pyoxigraph.RdfFormat.N_TRIPLES
            triple = next(iter(pyoxigraph.parse(f"<s:> <p:> {v.value} .", nt)))
            value = triple.object.value
        out.append(_Result(v.focus, v.message, v.path, value))
    return out


def _pyshacl_results(graph: Any) -> list[_Result]:
    import pyshacl  # slow to import; only needed here
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    from .kgraph import KnowledgeGraph

    if isinstance(graph, KnowledgeGraph):
        graph = graph.rdflib()

    def sh(name: str) -> URIRef:
        return URIRef(SH + name)

    shapes = Graph().parse(shapes_file(), format="turtle")
    shapes.set((URIRef(SGS + "PaperYearRange"), sh("pattern"), Literal(year_pattern())))
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    out = []
    nested = set(report.objects(None, sh("detail")))  # reported again by their parent
    for result in report.subjects(RDF.type, sh("ValidationResult")):
        if result in nested:
            continue
        message = report.value(result, sh("resultMessage"))
        path = report.value(result, sh("resultPath"))
        value = report.value(result, sh("value"))
        out.append(
            _Result(
                str(report.value(result, sh("focusNode"))),
                str(message) if message is not None else "breaks a SHACL shape",
                str(path) if isinstance(path, URIRef) else None,
                None if value is None else str(value),
            )
        )
    return out


def shacl_problems(
    graph: Any,
    where: Mapping[str, Where] | None = None,
    graph_name: str = "graph",
    engine: str = "sparql",
) -> list[Problem]:
    """Every SHACL violation of ``graph`` (a :class:`~sysml_graph.kgraph.KnowledgeGraph` or
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
            text += f" [{_curie(r.path)}]"
        loc = (where or {}).get(r.focus)
        if loc is not None:
            problems.append(Problem(loc.file, loc.line, text))
        else:
            problems.append(Problem(graph_name, 0, f"<{r.focus}>: {text}"))
    return sorted(set(problems))
