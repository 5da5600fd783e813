"""Numbers about the field, computed on the network projection (so from the RDF graph):
counts per year, venue, technique and platform (rolled up the SKOS hierarchy), central
people and papers, co-authorship communities, the technique × platform gap map and each
technique family's papers per year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx
import networkx as nx

from ..network.concepts import ancestors
from ..network.layout import import_igraph
from ..network.views import coauthor_view, keep_links


def _papers(full: nx.Graph) -> list[str]:
    return sorted(n for n, d in full.nodes(data=True) if d["kind"] == "paper")


def _tags(
    full: nx.Graph, paper: str, kind: str, up: dict[str, list[str]], curated: bool = False
) -> set[str]:
    """A paper's concepts of ``kind``, with everything broader (``curated``: a curator's
    links only, not the tagger's proposals)."""
    nbrs = full[paper]
    return {
        a
        for n in nbrs
        if full.nodes[n]["kind"] == kind and not (curated and nbrs[n].get("rel") == "inferred")
        for a in up[n]
    }


def label(full: nx.Graph, node: str) -> str:
    return str(full.nodes[node].get("label", node))


# A pair nobody tried is called open only when its row and column hold enough papers that,
# were technique and platform unrelated, this many would be expected in the cell
# (papers with the technique × papers with the platform / papers with both kinds of link).
# Below that, an empty cell says more about how little was tagged than about the field.
OPEN_MIN_EXPECTED = 3


@dataclass
class GapMap:
    """Paper counts for top-level techniques (rows) × top-level platforms (columns).

    ``counts`` holds every paper with links of both kinds (curated or proposed),
    ``curated`` those whose two links are both a curator's, ``papers`` the paper node ids of
    each cell, and ``rows``/``columns``/``both`` the totals behind the expected counts.
    """

    techniques: list[str]
    platforms: list[str]
    counts: list[list[int]]
    curated: list[list[int]]
    papers: list[list[list[str]]]
    rows: list[int]
    columns: list[int]
    both: int

    def expected(self, i: int, j: int) -> float:
        """Papers the cell would hold were technique and platform unrelated, to a tenth
        (rounded half up, as SPARQL's ROUND does in the untried-pairs query)."""
        if not self.both:
            return 0.0
        return (20 * self.rows[i] * self.columns[j] + self.both) // (2 * self.both) / 10

    def _pairs(self, keep: Callable[[int, int], bool]) -> list[tuple[str, str]]:
        """(technique, platform) of the cells (row i, column j) that ``keep``."""
        return [
            (t, p)
            for i, t in enumerate(self.techniques)
            for j, p in enumerate(self.platforms)
            if keep(i, j)
        ]

    @property
    def untried_cells(self) -> list[tuple[str, str]]:
        """Every pair no paper has: open or not."""
        return self._pairs(lambda i, j: self.counts[i][j] == 0)

    def is_open(self, i: int, j: int) -> bool:
        # Integer arithmetic, as the untried-pairs query compares it.
        return (
            self.counts[i][j] == 0
            and self.rows[i] * self.columns[j] >= OPEN_MIN_EXPECTED * self.both > 0
        )

    @property
    def open_cells(self) -> list[tuple[str, str]]:
        """Untried pairs with enough papers around them (:data:`OPEN_MIN_EXPECTED`)."""
        return self._pairs(self.is_open)


def top_concepts(full: nx.Graph, kind: str) -> list[str]:
    return sorted(
        (n for n, d in full.nodes(data=True) if d["kind"] == kind and not d.get("broader")),
        key=lambda n: label(full, n),
    )


def gap_map(full: nx.Graph) -> GapMap:
    """Top-level techniques × top-level platforms, each count rolled up from narrower tags."""
    up = ancestors(full)
    rows, cols = top_concepts(full, "technique"), top_concepts(full, "platform")
    r_index = {t: i for i, t in enumerate(rows)}
    c_index = {p: j for j, p in enumerate(cols)}
    counts = [[0] * len(cols) for _ in rows]
    curated = [[0] * len(cols) for _ in rows]
    papers: list[list[list[str]]] = [[[] for _ in cols] for _ in rows]
    row_totals, col_totals, both = [0] * len(rows), [0] * len(cols), 0
    for paper in _papers(full):
        ts = _tags(full, paper, "technique", up) & set(r_index)
        ps = _tags(full, paper, "platform", up) & set(c_index)
        if not (ts and ps):
            continue
        both += 1
        curated_ts = _tags(full, paper, "technique", up, curated=True)
        curated_ps = _tags(full, paper, "platform", up, curated=True)
        for t in ts:
            row_totals[r_index[t]] += 1
        for p in ps:
            col_totals[c_index[p]] += 1
        for t in ts:
            for p in ps:
                i, j = r_index[t], c_index[p]
                counts[i][j] += 1
                papers[i][j].append(paper)
                if t in curated_ts and p in curated_ps:
                    curated[i][j] += 1
    return GapMap(
        [label(full, t) for t in rows],
        [label(full, p) for p in cols],
        counts,
        curated,
        papers,
        row_totals,
        col_totals,
        both,
    )


def families_by_year(full: nx.Graph) -> dict[str, dict[int, int]]:
    """Papers per year of each top-level technique (a family, narrower tags rolled up)."""
    up = ancestors(full)
    tops = top_concepts(full, "technique")
    out: dict[str, Counter[int]] = {label(full, t): Counter() for t in tops}
    names = {t: label(full, t) for t in tops}
    for paper in _papers(full):
        year = full.nodes[paper].get("year")
        if not year:
            continue
        for t in _tags(full, paper, "technique", up) & set(names):
            out[names[t]][year] += 1
    return {name: dict(sorted(c.items())) for name, c in out.items()}


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
    families: dict[str, dict[int, int]]
    links: str = "all"
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


def compute(full: nx.Graph, top: int = 10, links: str = "all") -> Stats:
    """Everything ``sysml-graph stats`` prints and draws, counting the technique and platform
    links ``links`` names (``all``: curated and proposed; ``curated``: a curator's only).

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("paper:a", kind="paper", label="A", year=2017, venue="X")
    >>> g.add_node("person:p", kind="person", label="P")
    >>> g.add_edge("paper:a", "person:p")
    >>> compute(g).per_year
    {2017: 1}
    """

    full = keep_links(full, links)
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
        families=families_by_year(full),
        links=links,
    )
