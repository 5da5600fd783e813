"""Namespaces and IRI minting: the interop contract's vocabulary in one place."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

BASE = "https://w3id.org/sysml-graph/"
SG = Namespace(BASE + "ns#")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRO = Namespace("http://purl.org/spar/pro/")
CITO = Namespace("http://purl.org/spar/cito/")
SH = Namespace("http://www.w3.org/ns/shacl#")

DATASET = URIRef(BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")

PREFIXES: dict[str, Namespace] = {
    "sg": SG,
    "bibo": BIBO,
    "cito": CITO,
    "dcterms": Namespace(str(DCTERMS)),
    "fabio": FABIO,
    "foaf": Namespace(str(FOAF)),
    "owl": Namespace(str(OWL)),
    "pro": PRO,
    "prov": Namespace(str(PROV)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "schema": Namespace(str(SDO)),
    "skos": Namespace(str(SKOS)),
    "void": Namespace(str(VOID)),
    "xsd": Namespace(str(XSD)),
}


def iri(kind: str, ident: str) -> URIRef:
    """The stable IRI of an entity, minted from its curated id.

    >>> iri("paper", "deepx")
    rdflib.term.URIRef('https://w3id.org/sysml-graph/paper/deepx')
    """
    return URIRef(f"{BASE}{kind}/{ident}")


def concept_kind(scheme: str) -> str:
    """IRI segment for a concept of ``scheme``: techniques → technique."""
    return scheme[:-1] if scheme.endswith("s") else scheme
