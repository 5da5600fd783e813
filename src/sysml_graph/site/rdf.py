"""An entity's description as RDF: its own triples, the triples that point at it, and the
labels of every node they name, so that a client sees names without a second request."""

from __future__ import annotations

from itertools import islice

import pyoxigraph as ox

from ..rdf.namespaces import DCTERMS, FOAF, RDFS, SDO, SKOS, WRITE_PREFIXES
from ..sparql.worker import graph

LABELS = tuple(
    ox.NamedNode(p)
    for p in (FOAF + "name", DCTERMS + "title", SKOS + "prefLabel", SDO + "name", RDFS + "label")
)
# Triples pointing at one entity shown at most (a venue series has thousands of papers).
INCOMING = 2000

# Media types of the formats an entity comes in, and pyoxigraph's name for each.
FORMATS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    r"""The triples about ``iri`` (none when the graph does not know it).

    >>> kg = ox.Store()
    >>> kg.load(b'<http://x/a> <http://x/p> <http://x/b> .\n<http://x/b> '
    ...         b'<http://xmlns.com/foaf/0.1/name> "B" .\n', format=ox.RdfFormat.N_TRIPLES)
    >>> [str(t.object) for t in describe(kg, "http://x/a")]
    ['<http://x/b>', '"B"']
    """
    node, default = ox.NamedNode(iri), ox.DefaultGraph()
    out = [q.triple for q in store.quads_for_pattern(node, None, None, default)]
    if not out:
        return []
    out += [q.triple for q in islice(store.quads_for_pattern(None, None, node, default), INCOMING)]
    named: dict[ox.NamedNode, None] = {}
    for t in out:
        for term in (t.subject, t.object):
            if isinstance(term, ox.NamedNode) and term != node:
                named[term] = None
    for other in named:
        for p in LABELS:
            out += [q.triple for q in store.quads_for_pattern(other, p, None, default)]
    return list(dict.fromkeys(out))


def description(store: ox.Store, iri: str, media: str) -> bytes | None:
    """``iri``'s description in the format of ``media`` (a key of :data:`FORMATS`)."""
    triples = describe(store, iri)
    if not triples:
        return None
    return graph(triples, FORMATS[media], WRITE_PREFIXES)
