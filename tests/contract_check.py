#!/usr/bin/env python3
"""Check a Turtle file against the interop contract in ../DESIGN.md, using only standard
terms, the way a tool that has never heard of sysml-graph would read it.

    python ../shared/tools/contract_check.py dist/sysml-graph.ttl

Needs pyoxigraph (pip install pyoxigraph). Prints one line per rule: how many nodes break
it, with up to three examples; exits 1 if any rule is broken."""

import sys

import pyoxigraph as ox

PREFIXES = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
PREFIX schema: <https://schema.org/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX pro: <http://purl.org/spar/pro/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX void: <http://rdfs.org/ns/void#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# rule name -> query selecting the offending nodes
RULES = {
    "no blank nodes anywhere": "SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isBlank(?x)) }",
    "every ScholarlyArticle has a dcterms:title": "SELECT ?x WHERE { ?x a schema:ScholarlyArticle FILTER NOT EXISTS { ?x dcterms:title ?t } }",
    "every ScholarlyArticle has dcterms:issued as xsd:gYear or xsd:date": """SELECT ?x WHERE { ?x a schema:ScholarlyArticle FILTER NOT EXISTS { ?x dcterms:issued ?y
           FILTER(datatype(?y) IN (xsd:gYear, xsd:date)) } }""",
    "every ScholarlyArticle has a dcterms:creator with a foaf:name": """SELECT ?x WHERE { ?x a schema:ScholarlyArticle
           FILTER NOT EXISTS { ?x dcterms:creator/foaf:name ?n } }""",
    "every creator is typed foaf:Person and schema:Person": """SELECT DISTINCT ?c WHERE { ?x dcterms:creator ?c
           FILTER NOT EXISTS { ?c a foaf:Person, schema:Person } }""",
    "every creator link has an authorship node with a 1-based schema:position": """SELECT ?x ?c WHERE { ?x dcterms:creator ?c FILTER NOT EXISTS {
           ?a pro:relatesToDocument ?x ; pro:isHeldBy ?c ; schema:position ?n FILTER(?n >= 1) } }""",
    "author positions of a paper are 1..n without gaps or repeats": """SELECT ?x WHERE { ?a pro:relatesToDocument ?x ; schema:position ?n }
           GROUP BY ?x HAVING (COUNT(DISTINCT ?n) != COUNT(?n) || MAX(?n) != COUNT(?n) || MIN(?n) != 1)""",
    "every ScholarlyArticle reaches a venue series with a skos:prefLabel": """SELECT ?x WHERE { ?x a schema:ScholarlyArticle FILTER NOT EXISTS {
           ?x bibo:presentedAt|dcterms:isPartOf ?e . ?e schema:superEvent* ?s . ?s skos:prefLabel ?l } }""",
    "every dcterms:subject is a skos:Concept with a skos:prefLabel in a scheme": """SELECT DISTINCT ?c WHERE { ?x dcterms:subject ?c FILTER NOT EXISTS {
           ?c a skos:Concept ; skos:prefLabel ?l ; skos:inScheme ?s } }""",
    "skos:broader links stay inside their concept scheme": """SELECT ?c ?b WHERE { ?c skos:broader ?b ; skos:inScheme ?s
           FILTER NOT EXISTS { ?b skos:inScheme ?s } }""",
    "every code repository is an http(s) IRI on a schema:SoftwareSourceCode node": """SELECT ?s WHERE { ?s schema:codeRepository ?r
           FILTER(!isIRI(?r) || !STRSTARTS(STR(?r), "http") || NOT EXISTS { ?s a schema:SoftwareSourceCode }) }""",
    "every ScholarlyArticle has prov:wasDerivedFrom": "SELECT ?x WHERE { ?x a schema:ScholarlyArticle FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?src } }",
    "one void:Dataset with a dcterms:license": """SELECT ?n WHERE { { SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {
           ?d a void:Dataset ; dcterms:license ?l } } FILTER(?n != 1) }""",
}


def main(path: str) -> int:
    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.TURTLE)
    papers = next(
        iter(
            store.query(
                PREFIXES + "SELECT (COUNT(?x) AS ?n) WHERE { ?x a schema:ScholarlyArticle }"
            )
        )
    )[0].value
    print(f"{path}: {len(store)} triples, {papers} schema:ScholarlyArticle nodes")
    broken = 0
    for name, q in RULES.items():
        rows = list(store.query(PREFIXES + q))
        if rows:
            broken += 1
            examples = ", ".join(" ".join(str(t) for t in r if t is not None) for r in rows[:3])
            print(f"FAIL {name}: {len(rows)} ({examples})")
        else:
            print(f"ok   {name}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
