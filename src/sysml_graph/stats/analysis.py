"""Numbers about the field, computed on the network projection (so from the RDF graph):
counts per year, venue, technique and platform (rolled up the SKOS hierarchy), central
people and papers, co-authorship communities, and the technique × platform gap map."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
import networkx as nx

from ..network.concepts import ancestors
from ..network.layout import import_igraph
from ..network.views import coauthor_view


def _papers(full: nx.Graph) -> list[str]:
    return sorted(n for n, d in full.nodes(data=True) if d["kind"] == "paper")


def _tags(full: nx.Graph, paper: str, kind: str, up: dict[str, list[str]]) -> set[str]:
    """A paper's concepts of ``kind``, with everything broader."""
    return {a for n in full[paper] if full.nodes[n]["kind"] == kind for a in up[n]}


def label(full: nx.Graph, node: str) -> str:
    return str(full.nodes[node].get("label", node))


@dataclass
class GapMap:
    """Paper counts for technique (rows) × platform (columns); zero cells are open."""

    techniques: list[str]
    platforms: list[str]
    counts: list[list[int]]

    @property
    def open_cells(self) -> list[tuple[str, str]]:
        return [
            (t, p)
            for i, t in enumerate(self.techniques)
            for j, p in enumerate(self.platforms)
            if self.counts[i][j] == 0
        ]


def top_concepts(full: nx.Graph, kind: str) -> list[str]:
    return sorted(
        (n for n, d in full.nodes(data=True) if d["kind"] == kind and not d.get("broader")),
        key=lambda n: label(full, n),
    )


def gap_map(full: nx.Graph) -> GapMap:
    """Top-level techniques × top-level platforms, each count rolled up from narrower tags."""
    up = ancestors(full)
    rows, cols = top_concepts(full, "technique"), top_concepts(full, "platform")
    counts = [[0] * len(cols) for _ in rows]
    r_index = {t: i for i, t in enumerate(rows)}
    c_index = {p: j for j, p in enumerate(cols)}
    for paper in _papers(full):
        ts = _tags(full, paper, "technique", up) & set(r_index)
        ps = _tags(full, paper, "platform", up) & set(c_index)
        for t in ts:
            for p in ps:
                counts[r_index[t]][c_index[p]] += 1
    return GapMap([label(full, t) for t in rows], [label(full, p) for p in cols], counts)


@dataclass
class Stats:
    papers: int
    people: int
    venues: int
    per_year: dict[int, int]
    per_venue: list[tuple[str, int]]
    per_technique: list[tuple[str, int]]
    per_platform: list[tuple[str, int]]
    central_people: list[tuple[str, float, int]]
    central_papers: list[tuple[str, float]]
    communities: list[list[str]]
    gaps: GapMap
    extra: dict[str, float] = field(default_factory=dict)


# Exact betweenness costs O(people × co-author links): 1.1 s at 10,000 papers in igraph
# (75 s in networkx), hours at 100,000. Above this many people it is estimated from
# shortest paths out of SAMPLED_SOURCES people drawn with a fixed seed (Brandes & Pich 2007).
EXACT_BETWEENNESS_MAX = 5_000

SAMPLED_SOURCES = 500


def pagerank(g: nx.Graph) -> dict[str, float]:
    """PageRank (damping 0.85, edge weights where there are any), by igraph in C: what
    ``nx.pagerank`` computes, without scipy, which networkx needs for it.

    >>> import networkx as nx
    >>> {n: round(r, 4) for n, r in pagerank(nx.path_graph(["a", "b", "c"])).items()}
    {'a': 0.2568, 'b': 0.4865, 'c': 0.2568}
    """

    igraph = import_igraph()
    nodes = list(g.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in g.edges]
    weights = [d.get("weight", 1) for _, _, d in g.edges(data=True)]
    ig = igraph.Graph(n=len(nodes), edges=edges, directed=g.is_directed())
    ranks = ig.pagerank(damping=0.85, weights=weights)
    return dict(zip(nodes, ranks, strict=True))


def betweenness(g: nx.Graph) -> dict[str, float]:
    """Normalised betweenness centrality (as networkx computes it), by igraph in C.

    >>> import networkx as nx
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import random

    igraph = import_igraph()
    nodes = list(g.nodes)
    n = len(nodes)
    if n < 3:
        return {v: 0.0 for v in nodes}
    index = {v: i for i, v in enumerate(nodes)}
    ig = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in g.edges])
    scale = 2.0 / ((n - 1) * (n - 2))
    if n <= EXACT_BETWEENNESS_MAX:
        raw = ig.betweenness(directed=False)
    else:
        sources = sorted(random.Random(1).sample(range(n), SAMPLED_SOURCES))
        # The paths out of k sources of n, scaled by n/k, estimate those out of all n.
        raw = [b * n / SAMPLED_SOURCES for b in ig.betweenness(directed=False, sources=sources)]
    return {v: raw[i] * scale for v, i in index.items()}


def compute(full: nx.Graph, top: int = 10) -> Stats:
    """Everything ``sysml-graph stats`` prints and draws.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("paper:a", kind="paper", label="A", year=2017, venue="X")
    >>> g.add_node("person:p", kind="person", label="P")
    >>> g.add_edge("paper:a", "person:p")
    >>> compute(g).per_year
    {2017: 1}
    """

    up = ancestors(full)
    papers = _papers(full)
    per_year = Counter(full.nodes[p]["year"] for p in papers if full.nodes[p].get("year"))
    per_venue = Counter(full.nodes[p]["venue"] for p in papers if full.nodes[p].get("venue"))

    def rolled(kind: str) -> list[tuple[str, int]]:
        c = Counter(t for p in papers for t in _tags(full, p, kind, up))
        return sorted(((label(full, t), n) for t, n in c.items()), key=lambda x: (-x[1], x[0]))

    co = coauthor_view(full)
    if co.number_of_edges():
        between = betweenness(co)
        people = sorted(co.nodes, key=lambda n: (-between[n], -co.degree(n), label(co, n)))
        central_people = [(label(co, n), round(between[n], 4), co.degree(n)) for n in people[:top]]
        communities = [
            sorted(label(co, n) for n in c)
            for c in nx.community.louvain_communities(co, weight="weight", seed=1)
            if len(c) > 1
        ]
        communities.sort(key=lambda c: (-len(c), c))
    else:
        central_people, communities = [], []
    works = full.subgraph(n for n, d in full.nodes(data=True) if d["kind"] != "person")
    rank = pagerank(works) if works.number_of_edges() else {}
    central_papers = sorted(
        ((label(full, p), round(rank.get(p, 0.0), 4)) for p in papers), key=lambda x: (-x[1], x[0])
    )[:top]
    return Stats(
        papers=len(papers),
        people=sum(1 for _, d in full.nodes(data=True) if d["kind"] == "person"),
        venues=sum(1 for _, d in full.nodes(data=True) if d["kind"] == "venue"),
        per_year=dict(sorted(per_year.items())),
        per_venue=sorted(per_venue.items(), key=lambda x: (-x[1], x[0])),
        per_technique=rolled("technique"),
        per_platform=rolled("platform"),
        central_people=central_people,
        central_papers=central_papers,
        communities=communities,
        gaps=gap_map(full),
    )
