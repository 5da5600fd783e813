"""Project the RDF graph onto networkx graphs: typed nodes with their details, and views.

Reads the RDF graph only (never the YAML), so a Turtle file from elsewhere projects the
same way: a pyoxigraph store, asked a few bulk SPARQL queries, or an rdflib graph (copied
into a store first). Node ids are short and readable: ``paper:tvm``, ``person:ion-stoica``,
``venue:osdi``, ``technique:pruning``, ``platform:fpga``, ``software:tvm``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store

if TYPE_CHECKING:
    import networkx as nx
import networkx as nx

from ..gcpause import no_gc_pauses
from ..rdf.namespaces import BIBO, CITO, DCTERMS, FOAF, PRO, SDO, SG, SKOS, short_id
from ..rdf.store import KnowledgeGraph

# Every query of :func:`project` reads the store's default graph.
_PREFIXES = f"""PREFIX skos: <{SKOS}>
PREFIX schema: <{SDO}>
PREFIX foaf: <{FOAF}>
PREFIX dcterms: <{DCTERMS}>
PREFIX bibo: <{BIBO}>
PREFIX cito: <{CITO}>
PREFIX pro: <{PRO}>
PREFIX sg: <{SG}>
"""

# Concepts with their labels and broader concepts; a concept with none of them still
# has its row (?p unbound).
_CONCEPTS = """SELECT ?c ?p ?o WHERE {
  ?c a skos:Concept
  OPTIONAL { VALUES ?p { skos:prefLabel skos:altLabel skos:broader } ?c ?p ?o }
}"""

_SERIES = """SELECT ?t ?s ?label ?name WHERE {
  VALUES ?t { schema:EventSeries schema:Periodical }
  ?s a ?t
  OPTIONAL { ?s skos:prefLabel ?label }
  OPTIONAL { ?s schema:name ?name }
}"""

_PEOPLE = "SELECT ?p WHERE { ?p a foaf:Person }"

_NAMES = "SELECT ?x ?name WHERE { ?x foaf:name ?name }"

_ROLES = """SELECT ?role ?work ?pos ?holder WHERE {
  ?role pro:relatesToDocument ?work ; pro:isHeldBy ?holder ; schema:position ?pos
}"""

_WORKS = """SELECT ?w ?t ?title ?issued ?url ?doi ?imported WHERE {
  VALUES ?t { schema:ScholarlyArticle schema:Book sg:PaperDraft }
  ?w a ?t
  OPTIONAL { ?w dcterms:title ?title }
  OPTIONAL { ?w dcterms:issued ?issued }
  OPTIONAL { ?w schema:url ?url }
  OPTIONAL { ?w bibo:doi ?doi }
  BIND (EXISTS { ?w sg:curationStatus sg:Imported } AS ?imported)
}"""

# What works point to (never a literal); dcterms:creator only where no authorship role
# gives the authors (MINUS: FILTER NOT EXISTS takes oxigraph seconds per thousand papers).
_LINKS = """SELECT ?w ?p ?o WHERE {
  {
    VALUES ?p { sg:technique sg:platform sg:inferredTechnique sg:inferredPlatform
                schema:workExample bibo:presentedAt dcterms:isPartOf cito:extends cito:cites }
    ?w ?p ?o
    FILTER (!isLiteral(?o))
  } UNION {
    ?w dcterms:creator ?o
    MINUS { ?role pro:relatesToDocument ?w ; pro:isHeldBy ?holder ; schema:position ?pos }
    BIND (dcterms:creator AS ?p)
  }
}"""

# Editions (name, series) and implementations (repository, site) that works point to.
_TARGETS = """SELECT DISTINCT ?x ?p ?o WHERE {
  { [] bibo:presentedAt ?x VALUES ?p { schema:name schema:superEvent } }
  UNION
  { [] schema:workExample ?x VALUES ?p { schema:codeRepository schema:url } }
  ?x ?p ?o
}"""

Term = NamedNode | BlankNode | Literal

_P = {
    "prefLabel": SKOS + "prefLabel",
    "altLabel": SKOS + "altLabel",
    "Book": SDO + "Book",
    "EventSeries": SDO + "EventSeries",
    "Periodical": SDO + "Periodical",
    "name": SDO + "name",
    "superEvent": SDO + "superEvent",
    "codeRepository": SDO + "codeRepository",
    "technique": SG + "technique",
    "platform": SG + "platform",
    "inferredTechnique": SG + "inferredTechnique",
    "inferredPlatform": SG + "inferredPlatform",
    "workExample": SDO + "workExample",
    "presentedAt": BIBO + "presentedAt",
    "isPartOf": DCTERMS + "isPartOf",
    "creator": DCTERMS + "creator",
    "extends": CITO + "extends",
    "cites": CITO + "cites",
}


def _rows(store: Store, query: str) -> QuerySolutions:
    result = store.query(_PREFIXES + query)
    assert isinstance(result, QuerySolutions)
    return result


def _keep_least(into: dict[str, str], key: str, value: str) -> None:
    """One value for ``key`` when the data has several: the least, whatever the order."""
    if key not in into or value < into[key]:
        into[key] = value


def as_store(source: Any) -> Store:
    """The store of ``source`` (a :class:`~sysml_graph.rdf.store.KnowledgeGraph` or a
    ``pyoxigraph.Store``), or a new in-memory store holding an rdflib graph's triples."""

    return KnowledgeGraph.of(source).store


def project(source: Any) -> nx.Graph:
    """The full network: every paper, book, person, venue series, concept and software node.

    Paper nodes carry what a reader wants on hover: title, authors in order, venue, year,
    techniques and platforms (labels), page and code links. Reads the default graph of a
    pyoxigraph store with a few bulk SPARQL queries (an rdflib graph is copied into a store
    first). Terms are handled as their text (an IRI, a lexical form, a blank node id; what
    rdflib's ``str`` gives), nodes and lists come in sorted order, never in the store's.
    The network is :func:`in_id_order`.
    """

    with no_gc_pauses():
        return in_id_order(_project(as_store(source)))


def in_id_order(g: nx.Graph) -> nx.Graph:
    """``g``, its nodes and each node's neighbours put in order of id, in place (a second
    copy of the adjacency would cost 0.2 GB at 100,000 papers). What is computed from the
    network in the order networkx walks it (communities, PageRank, sampled betweenness) is
    then the same for a network projected from a whole graph and for one a rebuild patched
    (0.4 s at 100,000 papers).

    >>> import networkx as nx
    >>> g = in_id_order(nx.Graph([("b", "c"), ("b", "a")]))
    >>> list(g), list(g["b"])
    (['a', 'b', 'c'], ['a', 'c'])
    """
    for neighbours in g._adj.values():
        if len(neighbours) > 1:
            ordered = sorted(neighbours.items())
            neighbours.clear()
            neighbours.update(ordered)
    # networkx's views hold these very dicts: refilled, never replaced.
    for table in (g._node, g._adj):
        ordered = sorted(table.items())
        table.clear()
        table.update(ordered)
    return g


def _project(store: Store) -> nx.Graph:

    g = nx.Graph()
    ids: dict[str, str | None] = {}  # IRI → short id, None for blank nodes and other IRIs

    def sid(text: str) -> str | None:
        if text not in ids:
            ids[text] = short_id(text)
        return ids[text]

    # Concepts: few, so kept as terms to tell IRIs from literals exactly.
    concepts: set[NamedNode | BlankNode] = set()
    pref_labels: dict[str, str] = {}
    alt_labels: dict[str, set[Term]] = defaultdict(set)
    broaders: dict[str, set[Term]] = defaultdict(set)
    for c, p, o in _rows(store, _CONCEPTS):
        concepts.add(c)
        if p is None:
            continue
        if p.value == _P["prefLabel"]:
            _keep_least(pref_labels, c.value, o.value)
        elif p.value == _P["altLabel"]:
            alt_labels[c.value].add(o)
        else:
            broaders[c.value].add(o)

    def concept_id(term: Term) -> str | None:
        return sid(term.value) if isinstance(term, NamedNode) else None

    concept_ids: dict[str, str] = {}  # IRI → short id
    for concept in sorted(concepts, key=lambda c: c.value):
        cid = concept_id(concept)
        if cid is None:
            continue
        concept_ids[concept.value] = cid
        g.add_node(
            cid,
            kind=cid.split(":")[0],
            label=pref_labels.get(concept.value, ""),
            synonyms=sorted(a.value for a in alt_labels[concept.value]),
            # Kept as data because the undirected graph forgets which end is broader.
            broader=sorted(str(concept_id(b)) for b in broaders[concept.value]),
        )
    link = _linker(g)
    for iri_text, cid in concept_ids.items():
        for broader in sorted(broaders[iri_text], key=lambda b: b.value):
            if isinstance(broader, NamedNode) and broader.value in concept_ids:
                link(cid, concept_ids[broader.value], {"rel": "broader"})

    series_by_class: dict[str, set[str]] = defaultdict(set)
    series_labels: dict[str, str] = {}
    series_names: dict[str, str] = {}
    for t, s, label, name in _rows(store, _SERIES):
        series_by_class[t.value].add(s.value)
        if label is not None:
            _keep_least(series_labels, s.value, label.value)
        if name is not None:
            _keep_least(series_names, s.value, name.value)
    series: dict[str, str] = {}  # IRI → short id
    for cls in (_P["EventSeries"], _P["Periodical"]):
        for s in sorted(series_by_class[cls]):
            vid = sid(s)
            if vid is not None:
                series[s] = vid
                g.add_node(
                    vid, kind="venue", label=series_labels.get(s, ""), name=series_names.get(s, "")
                )

    # Rows are read by index: unpacking a pyoxigraph solution costs ~60% more.
    names: dict[str, str] = {}
    for row in _rows(store, _NAMES):
        _keep_least(names, row[0].value, row[1].value)
    for person in sorted(row[0].value for row in _rows(store, _PEOPLE)):
        pid = sid(person)
        if pid is not None:
            g.add_node(pid, kind="person", label=names.get(person, ""))

    # One (position, holder) per authorship role, the least if a role has several.
    roles: dict[str, tuple[int, str, str]] = {}
    for row in _rows(store, _ROLES):
        held = (int(row[2].value), row[3].value, row[1].value)
        key = row[0].value
        if key not in roles or held[:2] < roles[key][:2]:
            roles[key] = held
    authorships: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for position, holder, work in roles.values():
        authorships[work].append((position, holder))

    works: set[str] = set()
    books: set[str] = set()
    imported: set[str] = set()
    titles: dict[str, str] = {}
    issued: dict[str, str] = {}
    urls: dict[str, str] = {}
    dois: dict[str, str] = {}
    for row in _rows(store, _WORKS):
        work = row[0].value
        works.add(work)
        if row[1].value == _P["Book"]:
            books.add(work)
        if row[6].value == "true":
            imported.add(work)
        for into, i in ((titles, 2), (issued, 3), (urls, 4), (dois, 5)):
            term = row[i]
            if term is not None:
                _keep_least(into, work, term.value)

    links: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, _LINKS):
        links[row[1].value][row[0].value].add(row[2].value)
    edition_names: dict[str, str] = {}
    super_events: dict[str, str] = {}
    repositories: dict[str, set[str]] = defaultdict(set)
    sites: dict[str, str] = {}
    for x, p, o in _rows(store, _TARGETS):
        prop = p.value
        if prop == _P["name"]:
            _keep_least(edition_names, x.value, o.value)
        elif prop == _P["superEvent"]:
            # A literal names no series (and is never taken for the IRI it spells).
            _keep_least(super_events, x.value, "" if isinstance(o, Literal) else o.value)
        elif prop == _P["codeRepository"]:
            repositories[x.value].add(o.value)
        else:
            _keep_least(sites, x.value, o.value)

    labels: dict[str, str] = {c: str(g.nodes[cid]["label"]) for c, cid in concept_ids.items()}
    no_links: set[str] = set()
    technique_of, platform_of = links[_P["technique"]], links[_P["platform"]]
    inferred_of = (links[_P["inferredTechnique"]], links[_P["inferredPlatform"]])
    software_of, creators_of = links[_P["workExample"]], links[_P["creator"]]
    editions_of, journals_of = links[_P["presentedAt"]], links[_P["isPartOf"]]
    for paper in sorted(works):
        nid = sid(paper)
        if nid is None:
            continue
        if paper in authorships:
            authors = [h for _, h in sorted(authorships[paper])]
        else:  # graphs without authorship nodes still list creators
            authors = sorted(creators_of.get(paper, no_links))
        venue_node = None
        edition_label = ""
        editions = editions_of.get(paper)
        if editions:  # the one edition (the last in order if several)
            edition = max(editions)
            edition_label = edition_names.get(edition, "")
            venue_node = super_events.get(edition, edition)
        journals = journals_of.get(paper)
        if journals:
            venue_node = max(journals)
        techniques = sorted(c for c in technique_of.get(paper, no_links) if c in labels)
        platforms = sorted(c for c in platform_of.get(paper, no_links) if c in labels)
        # Tags the importer proposed: shown and counted, but marked as inferred.
        inferred = sorted(
            {c for links_of in inferred_of for c in links_of.get(paper, no_links) if c in labels}
        )
        software = sorted(software_of.get(paper, no_links))
        code = [r for s in software for r in sorted(repositories.get(s, no_links))]
        title = titles.get(paper, "")
        date = issued.get(paper)
        g.add_node(
            nid,
            kind="book" if paper in books else "paper",
            label=title.split(":")[0][:40],
            title=title,
            authors=[names.get(a, "") for a in authors],
            venue=g.nodes[series[venue_node]]["label"] if venue_node in series else "",
            edition=edition_label,
            year=int(date[:4]) if date is not None else None,
            techniques=[labels[t] for t in techniques],
            platforms=[labels[p] for p in platforms],
            inferred=[labels[c] for c in inferred],
            imported=paper in imported,
            url=urls.get(paper, ""),
            doi=dois.get(paper, ""),
            code=code[0] if code else "",
        )
        for pos, person in enumerate(authors, start=1):
            author = sid(person)
            if author in g:
                link(nid, str(author), {"rel": "author", "position": pos})
        if venue_node in series:
            link(nid, series[venue_node], {"rel": "venue"})
        for t in techniques:
            link(nid, concept_ids[t], {"rel": "technique"})
        for p in platforms:
            link(nid, concept_ids[p], {"rel": "platform"})
        for c in inferred:
            if not g.has_edge(nid, concept_ids[c]):
                link(nid, concept_ids[c], {"rel": "inferred"})
        for s in software:
            swid = sid(s)
            if swid is not None:
                repo = min(repositories.get(s, no_links), default="")
                g.add_node(
                    swid,
                    kind="software",
                    label=f"code: {g.nodes[nid]['label']}",
                    url=repo or sites.get(s, ""),
                )
                link(nid, swid, {"rel": "software"})
    for rel in ("extends", "cites"):
        pairs = links[_P[rel]]
        for a in sorted(pairs):
            for b in sorted(pairs[a]):
                source, target = sid(a), sid(b)
                if source in g and target in g:
                    link(str(source), str(target), {"rel": rel})
    return g


def _linker(g: nx.Graph) -> Callable[[str, str, dict[str, Any]], None]:
    """``link(u, v, data)``: what ``g.add_edge(u, v, **data)`` does for two nodes already in
    ``g``, written straight into its adjacency (785,000 edges at 100,000 papers: 1.6 s
    instead of 4.5 s through the public method, which checks and copies on every call).

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_nodes_from("ab"); link = _linker(g)
    >>> link("a", "b", {"rel": "cites"}); link("b", "a", {"rel": "extends"})
    >>> list(g.edges(data=True))
    [('a', 'b', {'rel': 'extends'})]
    """
    adj = g._adj  # networkx's own storage: {node: {neighbour: shared edge data}}

    def link(u: str, v: str, data: dict[str, Any]) -> None:
        known = adj[u].get(v)
        if known is None:
            adj[u][v] = adj[v][u] = data
        else:
            known.update(data)

    return link
