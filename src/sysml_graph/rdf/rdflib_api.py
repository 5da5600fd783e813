"""The graph as an ``rdflib.Graph`` and the vocabulary as rdflib namespaces, for Python users.

The only module of the mapping that imports rdflib: the build, the queries and the exports
run on pyoxigraph. The names come from :mod:`sysml_graph.rdf.namespaces`.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from ..corpus.records import Corpus
from . import namespaces
from .mapping import knowledge_graph
from .namespaces import BASE, NAMESPACES, XSD_STRING
from .store import KnowledgeGraph

PREFIXES: dict[str, Namespace] = {prefix: Namespace(ns) for prefix, ns in NAMESPACES.items()}
SG = PREFIXES["sg"]
BIBO = PREFIXES["bibo"]
FABIO = PREFIXES["fabio"]
PRO = PREFIXES["pro"]
CITO = PREFIXES["cito"]
SH = Namespace(namespaces.SH)
DATASET = URIRef(namespaces.DATASET)
LICENSE = URIRef(namespaces.LICENSE)


def iri(kind: str, ident: str) -> URIRef:
    """The stable IRI of an entity, minted from its curated id.

    >>> iri("paper", "deepx")
    rdflib.term.URIRef('https://w3id.org/sysml-graph/paper/deepx')
    """
    return URIRef(f"{BASE}{kind}/{ident}")


def new_graph() -> Graph:
    """An empty rdflib graph with the project's prefixes bound (and nothing else)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in NAMESPACES.items():
        g.bind(prefix, ns)
    return g


def to_rdflib(kg: KnowledgeGraph) -> Graph:
    """The same triples as an rdflib graph with the project's prefixes bound.

    >>> x = "<https://w3id.org/sysml-graph/paper/x>"
    >>> kg = KnowledgeGraph.from_lines([f'{x} <http://purl.org/dc/terms/title> "X" .\\n'])
    >>> len(to_rdflib(kg))
    1
    """
    graph = new_graph()
    convert = _converter()
    add = graph.add
    for t in kg.triples():
        add((convert(t.subject), convert(t.predicate), convert(t.object)))
    return graph


def build_graph(corpus: Corpus, include_ontology: bool = True) -> Graph:
    """The whole knowledge graph of ``corpus`` as an rdflib graph."""
    return to_rdflib(knowledge_graph(corpus, include_ontology))


def _converter() -> Any:
    """A converter from pyoxigraph terms to rdflib terms that reuses what it made."""
    made: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        done = made.get(term)
        if done is not None:
            return done
        if isinstance(term, pyoxigraph.NamedNode):
            done = URIRef(term.value)
        elif isinstance(term, pyoxigraph.BlankNode):
            done = BNode(term.value)
        elif term.language:
            done = Literal(term.value, lang=term.language)
        elif term.datatype.value == XSD_STRING:
            done = Literal(term.value)
        else:
            done = Literal(term.value, datatype=URIRef(term.datatype.value))
        made[term] = done
        return done

    return convert
