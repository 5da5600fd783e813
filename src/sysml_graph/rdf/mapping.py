"""Map checked records to RDF following the interop contract (DESIGN.md).

The mapping writes canonical N-Triples lines straight from the records: at 100,000 papers
(1.6 million triples) building rdflib terms and a store cost ~15 s, writing the lines costs
~2 s, and every later step (pyoxigraph store, Turtle, JSON-LD, the rdflib graph of the
public API) reads them. No blank nodes anywhere: every node, authorships included, gets an
IRI minted from curated ids, which is what makes the output byte-identical from run to run.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..corpus.records import (
    Corpus,
    Paper,
    PaperKind,
    Scheme,
    Series,
    SourceList,
    Status,
    VenueKind,
)
from ..resources import ontology_file
from .namespaces import BASE, DATASET, LICENSE, concept_kind

if TYPE_CHECKING:
    from .store import KnowledgeGraph
import pyoxigraph

from .namespaces import NAMESPACES, XSD_BOOLEAN, XSD_DATE, XSD_GYEAR
from .ntriples import (
    BIBO,
    CITO,
    COMMENT,
    DCTERMS,
    FABIO,
    FOAF,
    LABEL,
    PRO,
    PROV,
    SDO,
    SG,
    SKOS,
    TYPE,
    VOID,
    en,
    integer,
    is_link,
    link,
    lit,
    node,
    origin_link,
    typed,
)
from .store import KnowledgeGraph

PAPER_TYPES: dict[PaperKind, tuple[str, ...]] = {
    PaperKind.CONFERENCE_PAPER: (SDO.ScholarlyArticle, FABIO.ConferencePaper),
    PaperKind.WORKSHOP_PAPER: (SDO.ScholarlyArticle, FABIO.ConferencePaper, SG.WorkshopPaper),
    PaperKind.JOURNAL_ARTICLE: (SDO.ScholarlyArticle, FABIO.JournalArticle),
    PaperKind.PREPRINT: (SDO.ScholarlyArticle, FABIO.Preprint),
    PaperKind.ARTICLE: (SDO.ScholarlyArticle, FABIO.Expression),
    PaperKind.BOOK: (SDO.Book, FABIO.Book, BIBO.Book),
}

SPDX = "https://spdx.org/licenses/"

SERIES_TYPES: dict[VenueKind, tuple[str, ...]] = {
    VenueKind.CONFERENCE: (SDO.EventSeries, SG.ConferenceSeries),
    VenueKind.WORKSHOP: (SDO.EventSeries, SG.WorkshopSeries),
    VenueKind.JOURNAL: (SDO.Periodical, BIBO.Journal),
}

# The seed list is README.md of this commit of Awesome-System-for-Machine-Learning (MIT).
SEED_LIST = (
    "https://github.com/HuaizhengZhang/Awesome-System-for-Machine-Learning/blob/"
    "4175f1dcf6ec440b29c02a46efdf5aec521083ad/README.md"
)


def add_schemes(out: list[str], schemes: list[Scheme]) -> None:
    a = out.append
    for scheme in schemes:
        s = node("scheme", scheme.id)
        a(f"{s} {TYPE} {SKOS.ConceptScheme} .\n")
        a(f"{s} {SKOS.prefLabel} {en(scheme.title)} .\n")
        a(f"{s} {DCTERMS.title} {en(scheme.title)} .\n")
        kind = concept_kind(scheme.id)
        for c in scheme.concepts:
            n = node(kind, c.id)
            a(f"{n} {TYPE} {SKOS.Concept} .\n")
            a(f"{n} {SKOS.inScheme} {s} .\n")
            a(f"{n} {SKOS.prefLabel} {en(c.label)} .\n")
            for alt in c.alt_labels:
                a(f"{n} {SKOS.altLabel} {en(alt)} .\n")
            for hidden in c.hidden_labels:
                a(f"{n} {SKOS.hiddenLabel} {en(hidden)} .\n")
            if c.definition:
                a(f"{n} {SKOS.definition} {en(c.definition)} .\n")
            if c.scope_note:
                a(f"{n} {SKOS.scopeNote} {en(c.scope_note)} .\n")
            for m in c.matches:
                relation = SKOS.exactMatch if m.kind == "exact" else SKOS.closeMatch
                a(f"{n} {relation} {link(m.iri)} .\n")
            for b in c.broader:
                a(f"{n} {SKOS.broader} {node(kind, b)} .\n")
                a(f"{node(kind, b)} {SKOS.narrower} {n} .\n")
            if not c.broader:
                a(f"{n} {SKOS.topConceptOf} {s} .\n")
                a(f"{s} {SKOS.hasTopConcept} {n} .\n")


def add_proposals(out: list[str], p: Paper, n: str) -> None:
    """Each piece of evidence of a proposal, and each curator's decision, as a named node:
    one query audits any tag (``?e sg:proposedFor paper:x ; sg:proposedConcept ?c``)."""
    a = out.append
    count: dict[tuple[str, str], int] = {}
    for prop in p.proposed:
        kind = concept_kind(prop.scheme)
        nth = count[prop.scheme, prop.concept] = count.get((prop.scheme, prop.concept), 0) + 1
        e = node("proposal", f"{p.id}.{kind}.{prop.concept}.{nth}")
        a(f"{e} {TYPE} {SG.TagProposal} .\n")
        a(f"{e} {TYPE} {PROV.Entity} .\n")
        a(f"{e} {SG.proposedFor} {n} .\n")
        a(f"{e} {SG.proposedConcept} {node(kind, prop.concept)} .\n")
        a(f"{e} {SG.evidence} {lit(prop.evidence)} .\n")
        a(f"{e} {PROV.value} {lit(prop.text)} .\n")
        a(f"{e} {PROV.wasAttributedTo} {SG.tagger} .\n")
    for d in p.decisions:
        kind = concept_kind(d.scheme)
        e = node("decision", f"{p.id}.{kind}.{d.concept}")
        a(f"{e} {TYPE} {SG.CurationDecision} .\n")
        a(f"{e} {TYPE} {PROV.Entity} .\n")
        a(f"{e} {SG.proposedFor} {n} .\n")
        a(f"{e} {SG.proposedConcept} {node(kind, d.concept)} .\n")
        a(f"{e} {SG.verdict} {lit(d.decision)} .\n")
        a(f"{e} {DCTERMS.creator} {lit(d.by)} .\n")
        a(f"{e} {DCTERMS.date} {typed(d.date, XSD_DATE)} .\n")
        if d.why:
            a(f"{e} {COMMENT} {lit(d.why)} .\n")


def add_venues(out: list[str], series: list[Series]) -> None:
    a = out.append
    for s in series:
        n = node("venue", s.id)
        for t in SERIES_TYPES[s.kind]:
            a(f"{n} {TYPE} {t} .\n")
        a(f"{n} {SKOS.prefLabel} {lit(s.acronym)} .\n")
        for alt in s.alt_acronyms:
            a(f"{n} {SKOS.altLabel} {lit(alt)} .\n")
            a(f"{n} {SDO.alternateName} {lit(alt)} .\n")
        a(f"{n} {SDO.name} {lit(s.name)} .\n")
        for e in s.editions:
            ed = node("venue", e.id)
            a(f"{ed} {TYPE} {SDO.Event} .\n")
            a(f"{ed} {TYPE} {BIBO.Conference} .\n")
            a(f"{ed} {SDO.superEvent} {n} .\n")
            a(f"{n} {SDO.subEvent} {ed} .\n")
            a(f"{ed} {SDO.name} {lit(e.name)} .\n")
            a(f"{ed} {LABEL} {lit(f'{s.acronym} {e.year}')} .\n")
            a(f"{ed} {SG.year} {typed(str(e.year), XSD_GYEAR)} .\n")
            if e.location:
                a(f"{ed} {SDO.location} {lit(e.location)} .\n")
            if e.colocated_with:
                a(f"{ed} {SG.colocatedWith} {node('venue', e.colocated_with)} .\n")


def add_paper(out: list[str], p: Paper, journals: set[str]) -> None:
    a = out.append
    n = node("paper", p.id)
    types = PAPER_TYPES[p.kind]
    if p.kind is not PaperKind.BOOK and not p.complete:
        # Without an author, a year or a venue the record cannot keep the contract of a
        # schema:ScholarlyArticle: it stays a draft until a curator completes it.
        # Only the FaBiO kind stays: sg:WorkshopPaper is a schema:ScholarlyArticle.
        types = (SG.PaperDraft, *(t for t in types if t.startswith("<" + NAMESPACES["fabio"])))
    for t in types:
        a(f"{n} {TYPE} {t} .\n")
    status = SG.Curated if p.status is Status.CURATED else SG.Imported
    a(f"{n} {SG.curationStatus} {status} .\n")
    if p.authors_incomplete:
        a(f"{n} {SG.authorListComplete} {typed('false', XSD_BOOLEAN)} .\n")
    title = lit(p.title)
    a(f"{n} {DCTERMS.title} {title} .\n")
    for pos, person in enumerate(p.authors, start=1):
        who = node("person", person)
        a(f"{n} {DCTERMS.creator} {who} .\n")
        role = node("authorship", f"{p.id}-{pos}")
        a(f"{role} {TYPE} {PRO.RoleInTime} .\n")
        a(f"{role} {TYPE} {SG.Authorship} .\n")
        a(f"{role} {PRO.withRole} {PRO.author} .\n")
        a(f"{role} {PRO.isHeldBy} {who} .\n")
        a(f"{role} {PRO.relatesToDocument} {n} .\n")
        a(f"{role} {SDO.position} {integer(pos)} .\n")
    for other in p.other_titles:
        a(f"{n} {DCTERMS.alternative} {lit(other)} .\n")
    if p.year is not None:
        a(f"{n} {DCTERMS.issued} {typed(str(p.year), XSD_GYEAR)} .\n")
    if p.venue:
        prop = DCTERMS.isPartOf if p.venue in journals else BIBO.presentedAt
        a(f"{n} {prop} {node('venue', p.venue)} .\n")
    if p.pages:
        a(f"{n} {BIBO.pages} {lit(p.pages)} .\n")
    if p.doi:
        a(f"{n} {BIBO.doi} {lit(p.doi)} .\n")
    if p.arxiv:
        a(f"{n} {SG.arxiv} {lit(p.arxiv)} .\n")
    if p.url:
        a(f"{n} {SDO.url} {link(p.url)} .\n")
    if p.publisher:
        a(f"{n} {DCTERMS.publisher} {lit(p.publisher)} .\n")
    if p.code or p.website:
        software = node("software", p.id)
        a(f"{software} {TYPE} {SDO.SoftwareSourceCode} .\n")
        a(f"{software} {LABEL} {lit('software of ' + p.title.split(':')[0])} .\n")
        if p.code:
            a(f"{software} {SDO.codeRepository} {link(p.code)} .\n")
        if p.website:
            a(f"{software} {SDO.url} {link(p.website)} .\n")
        a(f"{n} {SG.hasImplementation} {software} .\n")
        a(f"{n} {SDO.workExample} {software} .\n")
    # The own sub-properties say which taxonomy a subject comes from; dcterms:subject is
    # materialised too so that tools without RDFS reasoning see the standard term.
    for tech in p.techniques:
        a(f"{n} {SG.technique} {node('technique', tech)} .\n")
        a(f"{n} {DCTERMS.subject} {node('technique', tech)} .\n")
    for pl in p.platforms:
        a(f"{n} {SG.platform} {node('platform', pl)} .\n")
        a(f"{n} {DCTERMS.subject} {node('platform', pl)} .\n")
    for other in p.extends:
        a(f"{n} {CITO.extends} {node('paper', other)} .\n")
    for other in p.cites:
        a(f"{n} {CITO.cites} {node('paper', other)} .\n")
    if p.version_of:
        a(f"{n} {DCTERMS.isVersionOf} {node('paper', p.version_of)} .\n")
        a(f"{node('paper', p.version_of)} {DCTERMS.hasVersion} {n} .\n")
    for tech in p.inferred_techniques:
        a(f"{n} {SG.inferredTechnique} {node('technique', tech)} .\n")
    for pl in p.inferred_platforms:
        a(f"{n} {SG.inferredPlatform} {node('platform', pl)} .\n")
    add_proposals(out, p, n)
    for topic in p.topics:
        a(f"{n} {SG.listSection} {lit(topic)} .\n")
    if p.note:
        a(f"{n} {SKOS.editorialNote} {lit(p.note)} .\n")
    for origin in p.sources:
        line = origin_link(origin)
        a(f"{n} {PROV.wasDerivedFrom} {line} .\n")
        a(f"{line} {TYPE} {PROV.Entity} .\n")
        if is_link(origin.list):
            a(f"{line} {DCTERMS.isPartOf} {link(origin.list)} .\n")
    # Last on purpose: the store dumps the last triple first, so every paper's run of
    # triples in every output starts with its own file's node (sysml_graph.builder.rebuild finds
    # the runs by it).
    source = node("source", p.where.file)
    a(f"{n} {PROV.wasDerivedFrom} {source} .\n")
    a(f"{source} {TYPE} {PROV.Entity} .\n")


def ontology_lines() -> list[str]:
    """The project's own OWL terms (and their alignments) as N-Triples lines."""

    data = pyoxigraph.serialize(
        pyoxigraph.parse(path=str(ontology_file()), format=pyoxigraph.RdfFormat.TURTLE),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
    )
    assert data is not None
    return data.decode("utf-8").splitlines(keepends=True)


def shared_lines(corpus: Corpus, chunk: int = 5_000) -> Iterator[list[str]]:
    """The triples of the shared records (schemes, venues, people), in lists of lines for
    ``chunk`` people at a time, in the corpus' order."""
    out: list[str] = []
    a = out.append
    add_schemes(out, corpus.schemes)
    add_venues(out, corpus.series)
    yield out
    out = []
    a = out.append
    for i, person in enumerate(corpus.people, start=1):
        n = node("person", person.id)
        name = lit(person.name)
        a(f"{n} {TYPE} {FOAF.Person} .\n")
        a(f"{n} {TYPE} {SDO.Person} .\n")
        a(f"{n} {FOAF.name} {name} .\n")
        a(f"{n} {SDO.name} {name} .\n")
        for alt in person.alt_names:
            a(f"{n} {SDO.alternateName} {lit(alt)} .\n")
        if i % chunk == 0:
            yield out
            out = []
            a = out.append
    yield out


def journal_ids(corpus: Corpus) -> set[str]:
    """The venue series that are journals (a paper is dcterms:isPartOf them)."""
    return {s.id for s in corpus.series if s.kind is VenueKind.JOURNAL}


def corpus_lines(corpus: Corpus, chunk: int = 5_000) -> Iterator[list[str]]:
    """The triples of the records (schemes, venues, people, papers), in lists of lines
    for ``chunk`` records at a time, in the corpus' order."""
    yield from shared_lines(corpus, chunk)
    journals = journal_ids(corpus)
    out: list[str] = []
    for i, paper in enumerate(corpus.papers, start=1):
        add_paper(out, paper, journals)
        if i % chunk == 0:
            yield out
            out = []
    yield out


def dataset_lines(corpus: Corpus) -> list[str]:
    """The void:Dataset description, all but its triple count."""
    return describe_dataset(corpus.source_lists, len(corpus.papers))


def describe_dataset(source_lists: list[SourceList], papers: int) -> list[str]:
    """:func:`dataset_lines` of a corpus with these source lists and this many papers."""
    d = f"<{DATASET}>"
    seed = f"<{SEED_LIST}>"
    out = [
        f"{d} {TYPE} {VOID.Dataset} .\n",
        f"{d} {DCTERMS.title} {en('sysml-graph: a knowledge graph of ML-systems research')} .\n",
        f"{d} {DCTERMS.license} <{LICENSE}> .\n",
        f"{d} {DCTERMS.source} {seed} .\n",
        f"{seed} {DCTERMS.license} <{SPDX}MIT> .\n",
    ]
    for lst in source_lists:
        repo = link(lst.repository) if is_link(lst.repository) else node("source", lst.id)
        out.append(f"{d} {DCTERMS.source} {repo} .\n")
        out.append(f"{repo} {TYPE} {PROV.Entity} .\n")
        out.append(f"{repo} {DCTERMS.title} {lit(lst.title)} .\n")
        if lst.commit:
            out.append(f"{repo} {DCTERMS.hasVersion} {lit(lst.commit)} .\n")
        if lst.licence:
            out.append(f"{repo} {DCTERMS.license} {link(SPDX + lst.licence)} .\n")
    out.append(f"{d} {VOID.uriSpace} {lit(BASE)} .\n")
    out.append(f"{d} {VOID.entities} {integer(papers)} .\n")
    return out


def count_line(triples: int) -> str:
    """The dataset's void:triples, for a graph of ``triples`` triples before this one."""
    return f"<{DATASET}> {VOID.triples} {integer(triples + 1)} .\n"


def knowledge_graph(
    corpus: Corpus, include_ontology: bool = True, sink: Callable[[bytes], None] | None = None
) -> KnowledgeGraph:
    """The whole knowledge graph of ``corpus``, loaded into a pyoxigraph store.

    With ``include_ontology`` the project's own OWL terms (and their alignments to the
    standard ones) travel in the same file, so that Protégé and reasoners see them. With a
    ``sink``, each unit of the outputs goes to it as N-Triples, in output order: each paper
    file's triples, then the tail (taxonomies, venues, people, ontology); the head (the
    dataset's description, with the count) is :func:`head_lines`.

    >>> from sysml_graph.corpus.records import Corpus
    >>> kg = knowledge_graph(Corpus([], [], [], [], []), include_ontology=False)
    >>> len(kg)
    8
    >>> [line for line in kg.nt().decode().splitlines() if "void#triples" in line][0].split()[2]
    '"8"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """

    def papers() -> Iterator[list[str]]:
        journals = journal_ids(corpus)
        batch: list[str] = []
        for _, group in itertools.groupby(corpus.papers, key=lambda p: p.where.file):
            lines: list[str] = []
            for paper in group:
                add_paper(lines, paper, journals)
            lines = list(dict.fromkeys(lines))
            if sink is not None:
                sink("".join(lines).encode())
            batch += lines
            if len(batch) >= 200_000:
                yield batch
                batch = []
        yield batch

    def tail() -> Iterator[list[str]]:
        lines = [line for chunk in shared_lines(corpus) for line in chunk]
        if include_ontology:
            lines += ontology_lines()
        if sink is not None:
            sink("".join(dict.fromkeys(lines)).encode())
        yield lines

    chunks = itertools.chain(papers(), tail(), [dataset_lines(corpus)])
    kg = KnowledgeGraph.from_lines(chunks)
    kg.store.load(count_line(len(kg)).encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return kg


def head_lines(source_lists: list[SourceList], papers: int, triples: int) -> list[str]:
    """The head of the outputs: the dataset's description for a graph of ``triples``
    triples (this description and its count included)."""
    return [*describe_dataset(source_lists, papers), count_line(triples - 1)]
