"""The node and edge budget of a page: which nodes a big network keeps, in rank order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx

from .views import induced_subgraph

if TYPE_CHECKING:
    import networkx as nx


# Above this many nodes, or edges, the page shows only its best-connected nodes, and says
# so, so that it draws within 1 s and repaints within 50 ms whatever the graph's size.
# Measured with benchmarks/render.py in headless Chromium on this 2-core machine (best of
# 6, first draw / repaint) while it drew the shipped 4,790-node page in 0.80 s as before:
# the 135,116-node network of generate.py's 100,000 papers cut to 2,500 nodes (5,733 edges:
# cut pages are dense, every hub stays) 0.59 s / 23 ms, 3,000 0.75 s / 31 ms, 3,500 1.04 s
# / 47 ms, 4,000 1.32 s / 57 ms; medians 0.86 s at 2,500 but 1.09 s at 3,000. Edges cost
# too: 2,500 nodes with 0, 3,000, 6,000, 9,000 and 12,583 edges took 0.38, 0.48, 0.56, 0.64
# and 0.75 s / 15, 20, 27, 41 and 48 ms.
NODE_BUDGET = 2500

EDGE_BUDGET = 8000

# Kinds a reduced page always keeps: few, and what the filters and the legend are about.
ALWAYS_SHOWN = ("technique", "platform", "venue")


def degrees(g: nx.Graph) -> dict[str, int]:
    """``dict(g.degree())`` (a self-loop counts twice), six times faster.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("b", "b")])
    >>> degrees(g) == dict(g.degree()) == {"a": 1, "b": 3}
    True
    """
    return {n: len(nbrs) + (n in nbrs) for n, nbrs in g._adj.items()}


def reduce_to_budget(
    g: nx.Graph,
    full: nx.Graph | None = None,
    budget: int | None = None,
    edge_budget: int | None = None,
    degree: dict[str, int] | None = None,
) -> nx.Graph:
    """``g`` if it has at most ``budget`` nodes and ``edge_budget`` edges (default
    :data:`NODE_BUDGET`, :data:`EDGE_BUDGET`); otherwise its best-connected nodes and the
    edges between them, in ``g``'s order, as many as both budgets allow.

    Every technique, platform and venue comes first, then papers, people and the rest by
    their degree in ``full`` (the complete projection; ``g`` without it), ties by id; the
    first node that would take the edges over budget ends the list. A node waits until one
    of its neighbours is shown (a prolific author until one of their papers is): taken by
    degree alone, 1,200 of the 2,500 nodes of a 100,000-paper page were authors without a
    single paper beside them. Nodes with no shown neighbour fill what is left, if anything.

    >>> import networkx as nx
    >>> g = nx.Graph([("paper:a", "technique:t"), ("paper:a", "person:p"),
    ...               ("person:p", "paper:b"), ("person:p", "paper:c")])
    >>> nx.set_node_attributes(g, {n: n.split(":")[0] for n in g}, "kind")
    >>> list(reduce_to_budget(g, budget=3))  # person:p (degree 3) waits for paper:a
    ['paper:a', 'technique:t', 'person:p']
    """
    import heapq

    limit = NODE_BUDGET if budget is None else budget
    edge_limit = EDGE_BUDGET if edge_budget is None else edge_budget
    if g.number_of_nodes() <= limit and g.number_of_edges() <= edge_limit:
        return g
    if degree is None:  # (render_html hands over the degrees it needs as well)
        degree = degrees(g)
        if full is not None and full is not g:
            degree.update(degrees(full))
    kinds = {n: d.get("kind") for n, d in g._node.items()}
    adj = g._adj  # networkx's own dicts: its views cost 5× as much per neighbour

    def rank(node: str) -> tuple[bool, int, str]:
        return kinds[node] not in ALWAYS_SHOWN, -degree[node], node

    # Nodes come in rank order from a lazy stream (a few thousand of 135,000 are ever
    # looked at) merged with a heap of the waiting nodes put back in line.
    stream = _in_rank_order(kinds, degree)
    upcoming = next(stream, None)
    queue: list[tuple[tuple[bool, int, str], str]] = []
    keep: set[str] = set()
    waiting: set[str] = set()
    edges = 0

    def take(node: str, added: int) -> None:
        nonlocal edges
        keep.add(node)
        edges += added
        if waiting:
            nbrs = adj[node]
            for m in [m for m in waiting if m in nbrs] if len(nbrs) > len(waiting) else nbrs:
                if m in waiting:  # now it has a neighbour on the page: back in line
                    waiting.discard(m)
                    heapq.heappush(queue, (rank(m), m))

    def links(node: str) -> int:
        """The edges ``node`` brings: to the nodes kept, and to itself."""
        nbrs = adj[node]
        inside = keep if len(nbrs) > len(keep) else nbrs  # walk the smaller side
        return sum(1 for m in inside if m in nbrs and m in keep) + (node in nbrs)

    while (queue or upcoming) and len(keep) < limit:
        if queue and (upcoming is None or queue[0] < upcoming):
            _, node = heapq.heappop(queue)
        else:
            assert upcoming is not None
            node, upcoming = upcoming[1], next(stream, None)
        added = links(node)
        if not added and kinds[node] not in ALWAYS_SHOWN:
            waiting.add(node)
            continue
        if edges + added > edge_limit:
            return induced_subgraph(g, keep, in_g_order=False)
        take(node, added)
    for node in sorted(waiting, key=rank)[: limit - len(keep)]:
        added = links(node)
        if edges + added > edge_limit:
            break
        take(node, added)
    return induced_subgraph(g, keep, in_g_order=False)


def _in_rank_order(
    kinds: dict[str, Any], degree: dict[str, int]
) -> Iterator[tuple[tuple[bool, int, str], str]]:
    """(rank, node) in rank order: techniques, platforms and venues by degree, then the
    rest by degree, ties by id; each degree's nodes sorted only when reached.

    >>> [n for _, n in _in_rank_order({"a": "paper", "b": "venue", "c": "paper"},
    ...                               {"a": 1, "b": 0, "c": 2})]
    ['b', 'c', 'a']
    """
    shown = sorted((-degree[n], n) for n, k in kinds.items() if k in ALWAYS_SHOWN)
    for d, n in shown:
        yield (False, d, n), n
    by_degree: dict[int, list[str]] = {}
    for n, k in kinds.items():
        if k not in ALWAYS_SHOWN:
            by_degree.setdefault(degree[n], []).append(n)
    for d in sorted(by_degree, reverse=True):
        for n in sorted(by_degree[d]):
            yield (True, -d, n), n
