"""The vocabulary of the interop contract: every namespace and term IRI, as plain strings.

The one place the vocabulary is spelt. The other forms derive from it: N-Triples terms
(:mod:`sysml_graph.rdf.ntriples`), rdflib namespaces (:mod:`sysml_graph.rdf.rdflib_api`), the
prefixes written into Turtle and prepended to queries. Free of rdflib, so that the fast path
(YAML → N-Triples → pyoxigraph) never imports it.
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
# Namespaces the data does not use, only the shapes and the SPARQL service description.
SH = "http://www.w3.org/ns/shacl#"
SGS = BASE + "shapes#"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"

# Each namespace by name, for the modules that spell IRIs in SPARQL text.
BIBO = NAMESPACES["bibo"]
CITO = NAMESPACES["cito"]
DCTERMS = NAMESPACES["dcterms"]
FABIO = NAMESPACES["fabio"]
FOAF = NAMESPACES["foaf"]
OWL = NAMESPACES["owl"]
PRO = NAMESPACES["pro"]
RDF = NAMESPACES["rdf"]
RDFS = NAMESPACES["rdfs"]
SDO = NAMESPACES["schema"]
SG = NAMESPACES["sg"]
SKOS = NAMESPACES["skos"]
VOID = NAMESPACES["void"]
XSD = NAMESPACES["xsd"]
RDF_TYPE = RDF + "type"
PROV_ENTITY = NAMESPACES["prov"] + "Entity"
XSD_STRING = XSD + "string"
XSD_GYEAR = XSD + "gYear"
XSD_INTEGER = XSD + "integer"
XSD_BOOLEAN = XSD + "boolean"
XSD_DATE = XSD + "date"

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
    "proposal",
    "decision",
)
ENTITY_PREFIXES: dict[str, str] = {kind: f"{BASE}{kind}/" for kind in ENTITY_KINDS}

# Turtle and TriG also abbreviate the entity IRIs: paper:tvm, person:tianqi-chen, … (in
# name order; source files stay written in full, as every build so far wrote them).
WRITE_PREFIXES: dict[str, str] = NAMESPACES | {
    k: ENTITY_PREFIXES[k] for k in sorted(ENTITY_KINDS) if k != "source"
}

# The vocabularies of the interop contract, and ``paper:``, ``person:``… as tables print them.
QUERY_PREFIXES: dict[str, str] = {**NAMESPACES, **ENTITY_PREFIXES}

DATASET = BASE + "dataset"

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def concept_kind(scheme: str) -> str:
    """IRI segment for a concept of ``scheme``: techniques → technique.

    >>> concept_kind("techniques")
    'technique'
    """
    return scheme[:-1] if scheme.endswith("s") else scheme


def short_id(iri: str) -> str | None:
    """The id tables and the network print for an entity IRI; None for other IRIs.

    >>> short_id("https://w3id.org/sysml-graph/paper/tvm")
    'paper:tvm'
    >>> short_id("https://w3id.org/sysml-graph/ns#Authorship") is None
    True
    """
    if not iri.startswith(BASE) or "#" in iri:
        return None
    kind, _, rest = iri[len(BASE) :].partition("/")
    return f"{kind}:{rest}" if rest else None


def curie(iri: str) -> str:
    """``iri`` as a prefixed name of the contract's vocabularies when it is one.

    >>> curie("http://purl.org/dc/terms/title")
    'dcterms:title'
    """
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and iri[len(ns) :].replace("_", "").isalnum():
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
