"""Project the RDF graph onto networkx graphs: typed nodes with their details, and views.

Reads the RDF graph only (never the YAML), so a Turtle file from elsewhere projects the
same way. Node ids are short and readable: ``paper:tvm``, ``person:ion-stoica``,
``venue:osdi``, ``technique:pruning``, ``platform:fpga``, ``software:tvm``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SDO, SKOS
from rdflib.term import Node

from .vocab import BASE, BIBO, CITO, PRO, SG

if TYPE_CHECKING:
    import networkx as nx

VIEWS = ("full", "coauthor", "topics")


class UnknownNode(LookupError):
    """``--focus`` named no node; the message lists close matches."""


def short_id(term: Node) -> str | None:
    """``https://w3id.org/sysml-graph/paper/tvm`` → ``paper:tvm``; None for other IRIs.

    >>> short_id(URIRef("https://w3id.org/sysml-graph/paper/tvm"))
    'paper:tvm'
    """
    text = str(term)
    if not isinstance(term, URIRef) or not text.startswith(BASE) or "#" in text:
        return None
    kind, _, rest = text[len(BASE) :].partition("/")
    return f"{kind}:{rest}" if rest else None


def _text(graph: Graph, s: Node, p: URIRef) -> str:
    value = graph.value(s, p)
    return str(value) if value is not None else ""


def project(graph: Graph) -> nx.Graph:
    """The full network: every paper, book, person, venue series, concept and software node.

    Paper nodes carry what a reader wants on hover: title, authors in order, venue, year,
    techniques and platforms (labels), page and code links.
    """
    import networkx as nx

    g = nx.Graph()
    concept_kind: dict[Node, str] = {}
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        cid = short_id(concept)
        if cid is None:
            continue
        kind = cid.split(":")[0]
        concept_kind[concept] = kind
        g.add_node(
            cid,
            kind=kind,
            label=_text(graph, concept, SKOS.prefLabel),
            synonyms=sorted(str(a) for a in graph.objects(concept, SKOS.altLabel)),
            # Kept as data because the undirected graph forgets which end is broader.
            broader=sorted(str(short_id(b)) for b in graph.objects(concept, SKOS.broader)),
        )
    for concept in concept_kind:
        for broader in graph.objects(concept, SKOS.broader):
            if broader in concept_kind:
                g.add_edge(short_id(concept), short_id(broader), rel="broader")

    series: dict[Node, str] = {}
    for cls in (SDO.EventSeries, SDO.Periodical):
        for s in graph.subjects(RDF.type, cls):
            sid = short_id(s)
            if sid is not None:
                series[s] = sid
                g.add_node(
                    sid,
                    kind="venue",
                    label=_text(graph, s, SKOS.prefLabel),
                    name=_text(graph, s, SDO.name),
                )

    for person in sorted(graph.subjects(RDF.type, FOAF.Person), key=str):
        pid = short_id(person)
        if pid is not None:
            g.add_node(pid, kind="person", label=_text(graph, person, FOAF.name))

    authorships: dict[Node, list[tuple[int, Node]]] = defaultdict(list)
    for role, paper in graph.subject_objects(PRO.relatesToDocument):
        holder = graph.value(role, PRO.isHeldBy)
        position = graph.value(role, SDO.position)
        if holder is not None and position is not None:
            authorships[paper].append((int(str(position)), holder))

    works: set[Node] = set(graph.subjects(RDF.type, SDO.ScholarlyArticle))
    works |= set(graph.subjects(RDF.type, SDO.Book))
    works |= set(graph.subjects(RDF.type, SG.PaperDraft))
    papers = sorted(works, key=str)
    for paper in papers:
        nid = short_id(paper)
        if nid is None:
            continue
        kind = "book" if (paper, RDF.type, SDO.Book) in graph else "paper"
        authors = [h for _, h in sorted(authorships.get(paper, []), key=lambda x: x[0])]
        if not authors:  # graphs without authorship nodes still list creators
            authors = sorted(graph.objects(paper, DCTERMS.creator), key=str)
        venue_node = None
        edition_label = ""
        for ed in graph.objects(paper, BIBO.presentedAt):
            edition_label = _text(graph, ed, SDO.name)
            venue_node = graph.value(ed, SDO.superEvent) or ed
        for journal in graph.objects(paper, DCTERMS.isPartOf):
            venue_node = journal
        issued = graph.value(paper, DCTERMS.issued)
        techniques = sorted(
            (t for t in graph.objects(paper, SG.technique) if t in concept_kind), key=str
        )
        platforms = sorted(
            (p for p in graph.objects(paper, SG.platform) if p in concept_kind), key=str
        )
        # Tags the importer proposed: shown and counted, but marked as inferred.
        inferred = sorted(
            (
                c
                for prop in (SG.inferredTechnique, SG.inferredPlatform)
                for c in graph.objects(paper, prop)
                if c in concept_kind
            ),
            key=str,
        )
        software = sorted(graph.objects(paper, SDO.workExample), key=str)
        code = [str(r) for s in software for r in graph.objects(s, SDO.codeRepository)]
        g.add_node(
            nid,
            kind=kind,
            label=_text(graph, paper, DCTERMS.title).split(":")[0][:40],
            title=_text(graph, paper, DCTERMS.title),
            authors=[_text(graph, a, FOAF.name) for a in authors],
            venue=g.nodes[series[venue_node]]["label"] if venue_node in series else "",
            edition=edition_label,
            year=int(str(issued)[:4]) if issued is not None else None,
            techniques=[g.nodes[short_id(t)]["label"] for t in techniques],
            platforms=[g.nodes[short_id(p)]["label"] for p in platforms],
            inferred=[g.nodes[short_id(c)]["label"] for c in inferred],
            imported=(paper, SG.curationStatus, SG.Imported) in graph,
            url=_text(graph, paper, SDO.url),
            doi=_text(graph, paper, BIBO.doi),
            code=code[0] if code else "",
        )
        for pos, person in enumerate(authors, start=1):
            if short_id(person) in g:
                g.add_edge(nid, short_id(person), rel="author", position=pos)
        if venue_node in series:
            g.add_edge(nid, series[venue_node], rel="venue")
        for t in techniques:
            g.add_edge(nid, short_id(t), rel="technique")
        for p in platforms:
            g.add_edge(nid, short_id(p), rel="platform")
        for c in inferred:
            if not g.has_edge(nid, short_id(c)):
                g.add_edge(nid, short_id(c), rel="inferred")
        for s in software:
            sid = short_id(s)
            if sid is not None:
                repo = graph.value(s, SDO.codeRepository)
                site = graph.value(s, SDO.url)
                g.add_node(
                    sid,
                    kind="software",
                    label=f"code: {g.nodes[nid]['label']}",
                    url=str(repo or site or ""),
                )
                g.add_edge(nid, sid, rel="software")
    for rel, prop in (("extends", CITO.extends), ("cites", CITO.cites)):
        for a, b in graph.subject_objects(prop):
            if short_id(a) in g and short_id(b) in g:
                g.add_edge(short_id(a), short_id(b), rel=rel)
    return g


def coauthor_view(full: nx.Graph) -> nx.Graph:
    """People linked when they wrote a paper together; ``weight`` = papers in common."""
    import networkx as nx

    g = nx.Graph()
    for node, data in full.nodes(data=True):
        if data["kind"] == "person":
            g.add_node(node, **data)
    for node, data in full.nodes(data=True):
        if data["kind"] not in ("paper", "book"):
            continue
        people = sorted(n for n in full[node] if full.nodes[n]["kind"] == "person")
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                weight = g.edges[a, b]["weight"] + 1 if g.has_edge(a, b) else 1
                g.add_edge(a, b, rel="coauthor", weight=weight)
    return g


def topics_view(full: nx.Graph) -> nx.Graph:
    """Papers with their techniques and platforms, and the concept hierarchy."""
    keep = [n for n, d in full.nodes(data=True) if d["kind"] in ("paper", "technique", "platform")]
    return full.subgraph(keep).copy()


def resolve_node(full: nx.Graph, name: str) -> str:
    """A node id from what a user typed: ``paper:tvm``, ``tvm`` or a title or name.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_node("paper:tvm", label="TVM", title="TVM: An ...")
    >>> resolve_node(g, "tvm")
    'paper:tvm'
    """
    if name in full:
        return str(name)
    ids = [n for n in full if n.split(":", 1)[1] == name]
    if len(ids) == 1:
        return str(ids[0])
    folded = name.casefold()
    named = [
        n
        for n, d in full.nodes(data=True)
        if folded in (str(d.get("label", "")).casefold(), str(d.get("title", "")).casefold())
    ]
    if len(named) == 1:
        return str(named[0])
    close = sorted(n for n in full if folded in n.casefold())[:5]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownNode(f"no node named '{name}'{hint}")


def view(full: nx.Graph, name: str = "full", focus: str | None = None, depth: int = 1) -> nx.Graph:
    """One of :data:`VIEWS`, optionally cut to the neighbourhood of ``focus``."""
    import networkx as nx

    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}; choose one of {', '.join(VIEWS)}")
    g = {
        "full": lambda: full,
        "coauthor": lambda: coauthor_view(full),
        "topics": lambda: topics_view(full),
    }[name]()
    if focus is not None:
        centre = resolve_node(full, focus)
        if centre not in g:
            raise UnknownNode(f"{centre} is not part of the {name} view")
        g = nx.ego_graph(g, centre, radius=depth)
    return g
