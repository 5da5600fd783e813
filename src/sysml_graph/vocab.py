"""The interop contract's vocabulary as rdflib namespaces, for the rdflib side of the API.

The strings live in :mod:`sysml_graph.namespaces` (free of rdflib, for the fast path).
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef

from .namespaces import BASE, NAMESPACES, concept_kind
from .namespaces import DATASET as _DATASET
from .namespaces import LICENSE as _LICENSE

__all__ = ["BASE", "BIBO", "CITO", "DATASET", "FABIO", "LICENSE", "PREFIXES", "PRO", "SG", "SH"]
__all__ += ["concept_kind", "iri", "new_graph"]

PREFIXES: dict[str, Namespace] = {prefix: Namespace(ns) for prefix, ns in NAMESPACES.items()}
SG = PREFIXES["sg"]
BIBO = PREFIXES["bibo"]
FABIO = PREFIXES["fabio"]
PRO = PREFIXES["pro"]
CITO = PREFIXES["cito"]
SH = Namespace("http://www.w3.org/ns/shacl#")

DATASET = URIRef(_DATASET)
LICENSE = URIRef(_LICENSE)


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
