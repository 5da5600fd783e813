"""The namespaces of the interop contract as plain strings.

Kept free of rdflib so that the fast path (YAML → N-Triples → pyoxigraph) never pays for
importing it; :mod:`sysml_graph.vocab` builds rdflib namespaces from the same strings.
"""

from __future__ import annotations

BASE = "https://w3id.org/sysml-graph/"
NAMESPACES: dict[str, str] = {
    "sg": BASE + "ns#",
    "bibo": "http://purl.org/ontology/bibo/",
    "cito": "http://purl.org/spar/cito/",
    "dcterms": "http://purl.org/dc/terms/",
    "fabio": "http://purl.org/spar/fabio/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "pro": "http://purl.org/spar/pro/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Kinds of entity whose IRIs are minted as BASE + kind + "/" + id. Tables print them as
# ``kind:id`` and queries may use the same prefixed names.
ENTITY_KINDS = (
    "paper",
    "person",
    "venue",
    "technique",
    "platform",
    "scheme",
    "authorship",
    "software",
    "source",
)
ENTITY_PREFIXES: dict[str, str] = {kind: f"{BASE}{kind}/" for kind in ENTITY_KINDS}
DATASET = BASE + "dataset"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def concept_kind(scheme: str) -> str:
    """IRI segment for a concept of ``scheme``: techniques → technique.

    >>> concept_kind("techniques")
    'technique'
    """
    return scheme[:-1] if scheme.endswith("s") else scheme
