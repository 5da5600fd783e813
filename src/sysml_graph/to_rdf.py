"""Map checked records to one rdflib graph following the interop contract (DESIGN.md).

No blank nodes anywhere: every node, authorships included, gets an IRI minted from curated
ids, which is what makes the Turtle byte-identical from run to run.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SDO, SKOS, VOID, XSD

from .records import Corpus, Paper, PaperKind, Scheme, Series, Status, VenueKind
from .resources import ontology_file
from .vocab import (
    BIBO,
    CITO,
    DATASET,
    FABIO,
    LICENSE,
    PREFIXES,
    PRO,
    SG,
    concept_kind,
    iri,
)

PAPER_TYPES: dict[PaperKind, tuple[URIRef, ...]] = {
    PaperKind.CONFERENCE_PAPER: (SDO.ScholarlyArticle, FABIO.ConferencePaper),
    PaperKind.WORKSHOP_PAPER: (SDO.ScholarlyArticle, FABIO.ConferencePaper, SG.WorkshopPaper),
    PaperKind.JOURNAL_ARTICLE: (SDO.ScholarlyArticle, FABIO.JournalArticle),
    PaperKind.PREPRINT: (SDO.ScholarlyArticle, FABIO.Preprint),
    PaperKind.ARTICLE: (SDO.ScholarlyArticle, FABIO.Expression),
    PaperKind.BOOK: (SDO.Book, FABIO.Book, BIBO.Book),
}
SPDX = "https://spdx.org/licenses/"
SERIES_TYPES: dict[VenueKind, tuple[URIRef, ...]] = {
    VenueKind.CONFERENCE: (SDO.EventSeries, SG.ConferenceSeries),
    VenueKind.WORKSHOP: (SDO.EventSeries, SG.WorkshopSeries),
    VenueKind.JOURNAL: (SDO.Periodical, BIBO.Journal),
}
# The seed list is README.md of this commit of Awesome-System-for-Machine-Learning (MIT).
SEED_LIST = URIRef(
    "https://github.com/HuaizhengZhang/Awesome-System-for-Machine-Learning/blob/"
    "4175f1dcf6ec440b29c02a46efdf5aec521083ad/README.md"
)


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound (and nothing else)."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def add_schemes(g: Graph, schemes: list[Scheme]) -> None:
    for scheme in schemes:
        s = iri("scheme", scheme.id)
        g.add((s, RDF.type, SKOS.ConceptScheme))
        g.add((s, SKOS.prefLabel, _en(scheme.title)))
        g.add((s, DCTERMS.title, _en(scheme.title)))
        kind = concept_kind(scheme.id)
        for c in scheme.concepts:
            node = iri(kind, c.id)
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.inScheme, s))
            g.add((node, SKOS.prefLabel, _en(c.label)))
            for alt in c.alt_labels:
                g.add((node, SKOS.altLabel, _en(alt)))
            if c.definition:
                g.add((node, SKOS.definition, _en(c.definition)))
            for b in c.broader:
                g.add((node, SKOS.broader, iri(kind, b)))
                g.add((iri(kind, b), SKOS.narrower, node))
            if not c.broader:
                g.add((node, SKOS.topConceptOf, s))
                g.add((s, SKOS.hasTopConcept, node))


def add_venues(g: Graph, series: list[Series]) -> None:
    for s in series:
        node = iri("venue", s.id)
        for t in SERIES_TYPES[s.kind]:
            g.add((node, RDF.type, t))
        g.add((node, SKOS.prefLabel, Literal(s.acronym)))
        for alt in s.alt_acronyms:
            g.add((node, SKOS.altLabel, Literal(alt)))
        g.add((node, SDO.name, Literal(s.name)))
        for e in s.editions:
            ed = iri("venue", e.id)
            g.add((ed, RDF.type, SDO.Event))
            g.add((ed, RDF.type, BIBO.Conference))
            g.add((ed, SDO.superEvent, node))
            g.add((node, SDO.subEvent, ed))
            g.add((ed, SDO.name, Literal(e.name)))
            g.add((ed, RDFS.label, Literal(f"{s.acronym} {e.year}")))
            g.add((ed, SG.year, Literal(str(e.year), datatype=XSD.gYear)))
            if e.location:
                g.add((ed, SDO.location, Literal(e.location)))
            if e.colocated_with:
                g.add((ed, SG.colocatedWith, iri("venue", e.colocated_with)))


def add_paper(g: Graph, p: Paper, journals: set[str]) -> None:
    node = iri("paper", p.id)
    types = PAPER_TYPES[p.kind]
    if p.kind is not PaperKind.BOOK and not p.complete:
        # Without an author, a year or a venue the record cannot keep the contract of a
        # schema:ScholarlyArticle: it stays a draft until a curator completes it.
        # Only the FaBiO kind stays: sg:WorkshopPaper is a schema:ScholarlyArticle.
        types = (SG.PaperDraft, *(t for t in types if str(t).startswith(str(FABIO))))
    for t in types:
        g.add((node, RDF.type, t))
    status = SG.Curated if p.status is Status.CURATED else SG.Imported
    g.add((node, SG.curationStatus, status))
    if p.authors_incomplete:
        g.add((node, SG.authorListComplete, Literal(False)))
    g.add((node, DCTERMS.title, Literal(p.title)))
    for pos, person in enumerate(p.authors, start=1):
        who = iri("person", person)
        g.add((node, DCTERMS.creator, who))
        role = iri("authorship", f"{p.id}-{pos}")
        g.add((role, RDF.type, PRO.RoleInTime))
        g.add((role, RDF.type, SG.Authorship))
        g.add((role, PRO.withRole, PRO.author))
        g.add((role, PRO.isHeldBy, who))
        g.add((role, PRO.relatesToDocument, node))
        g.add((role, SDO.position, Literal(pos)))
    if p.year is not None:
        g.add((node, DCTERMS.issued, Literal(str(p.year), datatype=XSD.gYear)))
    if p.venue:
        venue = iri("venue", p.venue)
        g.add((node, DCTERMS.isPartOf if p.venue in journals else BIBO.presentedAt, venue))
    if p.pages:
        g.add((node, BIBO.pages, Literal(p.pages)))
    if p.doi:
        g.add((node, BIBO.doi, Literal(p.doi)))
    if p.arxiv:
        g.add((node, SG.arxiv, Literal(p.arxiv)))
    if p.url:
        g.add((node, SDO.url, URIRef(p.url)))
    if p.publisher:
        g.add((node, DCTERMS.publisher, Literal(p.publisher)))
    if p.code or p.website:
        software = iri("software", p.id)
        g.add((software, RDF.type, SDO.SoftwareSourceCode))
        g.add((software, RDFS.label, Literal(f"software of {p.title.split(':')[0]}")))
        if p.code:
            g.add((software, SDO.codeRepository, URIRef(p.code)))
        if p.website:
            g.add((software, SDO.url, URIRef(p.website)))
        g.add((node, SG.hasImplementation, software))
        g.add((node, SDO.workExample, software))
    # The own sub-properties say which taxonomy a subject comes from; dcterms:subject is
    # materialised too so that tools without RDFS reasoning see the standard term.
    for tech in p.techniques:
        g.add((node, SG.technique, iri("technique", tech)))
        g.add((node, DCTERMS.subject, iri("technique", tech)))
    for pl in p.platforms:
        g.add((node, SG.platform, iri("platform", pl)))
        g.add((node, DCTERMS.subject, iri("platform", pl)))
    for other in p.extends:
        g.add((node, CITO.extends, iri("paper", other)))
    for other in p.cites:
        g.add((node, CITO.cites, iri("paper", other)))
    for tech in p.inferred_techniques:
        g.add((node, SG.inferredTechnique, iri("technique", tech)))
    for pl in p.inferred_platforms:
        g.add((node, SG.inferredPlatform, iri("platform", pl)))
    for topic in p.topics:
        g.add((node, SG.listSection, Literal(topic)))
    if p.note:
        g.add((node, SKOS.editorialNote, Literal(p.note)))
    source = iri("source", p.where.file)
    g.add((node, PROV.wasDerivedFrom, source))
    g.add((source, RDF.type, PROV.Entity))
    for origin in p.sources:
        line = URIRef(origin.url)
        g.add((node, PROV.wasDerivedFrom, line))
        g.add((line, RDF.type, PROV.Entity))
        if origin.list.startswith("http"):
            g.add((line, DCTERMS.isPartOf, URIRef(origin.list)))


def build_graph(corpus: Corpus, include_ontology: bool = True) -> Graph:
    """The whole knowledge graph of ``corpus``.

    With ``include_ontology`` the project's own OWL terms (and their alignments to the
    standard ones) travel in the same file, so that Protégé and reasoners see them.
    """
    g = new_graph()
    if include_ontology:
        g.parse(ontology_file(), format="turtle")
    add_schemes(g, corpus.schemes)
    add_venues(g, corpus.series)
    for person in corpus.people:
        node = iri("person", person.id)
        g.add((node, RDF.type, FOAF.Person))
        g.add((node, RDF.type, SDO.Person))
        g.add((node, FOAF.name, Literal(person.name)))
        g.add((node, SDO.name, Literal(person.name)))
    journals = {s.id for s in corpus.series if s.kind is VenueKind.JOURNAL}
    for paper in corpus.papers:
        add_paper(g, paper, journals)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, DCTERMS.title, _en("sysml-graph: a knowledge graph of ML-systems research")))
    g.add((DATASET, DCTERMS.license, LICENSE))
    g.add((DATASET, DCTERMS.source, SEED_LIST))
    g.add((SEED_LIST, DCTERMS.license, URIRef(SPDX + "MIT")))
    for lst in corpus.source_lists:
        repo = URIRef(
            lst.repository if lst.repository.startswith("http") else iri("source", lst.id)
        )
        g.add((DATASET, DCTERMS.source, repo))
        g.add((repo, RDF.type, PROV.Entity))
        g.add((repo, DCTERMS.title, Literal(lst.title)))
        if lst.commit:
            g.add((repo, DCTERMS.hasVersion, Literal(lst.commit)))
        if lst.licence:
            g.add((repo, DCTERMS.license, URIRef(SPDX + lst.licence)))
    g.add((DATASET, VOID.uriSpace, Literal("https://w3id.org/sysml-graph/")))
    g.add((DATASET, VOID.entities, Literal(len(corpus.papers))))
    # void:triples counts every triple, itself included.
    g.add((DATASET, VOID.triples, Literal(len(g) + 1)))
    return g
