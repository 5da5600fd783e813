"""SHACL check of a built graph against ``ontology/shapes.ttl`` (pyshacl).

The loader already catches what a curator gets wrong in YAML; the shapes are the same
rules stated on the RDF, so that a graph from anywhere (``--graph FILE.ttl``) is checked
too, and so that a mapping bug cannot slip out unnoticed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal, Namespace, Node, URIRef
from rdflib.namespace import RDF

from .problems import Problem
from .records import Corpus, Where
from .resources import shapes_file
from .vocab import SH, concept_kind, iri

SGS = Namespace("https://w3id.org/sysml-graph/shapes#")


def year_pattern(last: int | None = None) -> str:
    """A pattern for the years 1950 to next year, at the start of a date's lexical form.

    >>> import re
    >>> p = year_pattern(2027)
    >>> [bool(re.match(p, y)) for y in ("1949", "1950", "2027", "2027-06-01", "2028", "20l7")]
    [False, True, True, True, False, False]
    """
    last = last or datetime.date.today().year + 1
    return "^(" + "|".join(str(y) for y in range(1950, last + 1)) + ")(-|$)"


def locations(corpus: Corpus) -> dict[Node, Where]:
    """Where each entity of the graph was written, for messages about it."""
    out: dict[Node, Where] = {}
    for p in corpus.papers:
        out[iri("paper", p.id)] = p.where
        for pos, _ in enumerate(p.authors, start=1):
            out[iri("authorship", f"{p.id}-{pos}")] = p.at("authors")
        out[iri("software", p.id)] = p.at("code")
    for person in corpus.people:
        out[iri("person", person.id)] = person.where
    for s in corpus.series:
        out[iri("venue", s.id)] = s.where
        for e in s.editions:
            out[iri("venue", e.id)] = e.where
    for scheme in corpus.schemes:
        for c in scheme.concepts:
            out[iri(concept_kind(scheme.id), c.id)] = c.where
    return out


def shacl_problems(
    graph: Any, where: Mapping[Node, Where] | None = None, graph_name: str = "graph"
) -> list[Problem]:
    """Every SHACL violation as a :class:`Problem`, located in YAML when known."""
    import pyshacl  # slow to import; only needed here

    from .kgraph import KnowledgeGraph

    if isinstance(graph, KnowledgeGraph):
        graph = graph.rdflib()

    shapes = Graph().parse(shapes_file(), format="turtle")
    shapes.set((SGS.PaperYearRange, SH.pattern, Literal(year_pattern())))
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    problems: list[Problem] = []
    nested = set(report.objects(None, SH.detail))  # reported again by their parent
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if result in nested:
            continue
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        text = str(message) if message is not None else "breaks a SHACL shape"
        if value is not None:
            text += f" (value: {value})"
        if isinstance(path, URIRef):
            text += f" [{graph.namespace_manager.normalizeUri(path)}]"
        loc = (where or {}).get(focus) if focus is not None else None
        if loc is not None:
            problems.append(Problem(loc.file, loc.line, text))
        else:
            problems.append(Problem(graph_name, 0, f"<{focus}>: {text}"))
    return sorted(set(problems))
