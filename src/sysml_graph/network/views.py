"""Views of the network: co-authors, topics, the neighbourhood of one node."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

import networkx as nx

from ..sparql.named import LINKS_VALUES

if TYPE_CHECKING:
    import networkx as nx


VIEWS = ("full", "coauthor", "topics")


class UnknownNode(LookupError):
    """``--focus`` named no node; the message lists close matches."""


def coauthor_view(full: nx.Graph) -> nx.Graph:
    """People linked when they wrote a paper together; ``weight`` = papers in common."""

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


def induced_subgraph(g: nx.Graph, keep: Collection[str], in_g_order: bool = True) -> nx.Graph:
    """The nodes ``keep`` of ``g`` and the edges between them, nodes in ``g``'s order.

    ``g.subgraph(keep).copy()`` walks a small ``keep`` in set order, which changes with the
    process' string hashing; node order drives the layout, so pages would differ. With
    ``in_g_order`` the edges come in ``g``'s order too (each kept node's neighbours walked);
    without, each kept node's edges are found by walking the smaller of its neighbours and
    the kept nodes: a few kept nodes with tens of thousands of neighbours each (a page's
    budget) cost what the kept nodes do.
    """
    sub = nx.Graph()
    sub.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in keep)
    kept = list(sub)
    done: set[str] = set()
    edges = []
    adj = g._adj  # networkx's own dicts: its views cost 5× as much per neighbour
    for node in kept:
        nbrs = adj[node]
        if in_g_order or len(nbrs) <= len(kept):
            edges += [(node, m, d) for m, d in nbrs.items() if m in keep and m not in done]
        else:
            edges += [(node, m, nbrs[m]) for m in kept if m in nbrs and m not in done]
        done.add(node)
    sub.add_edges_from(edges)
    return sub


def keep_links(full: nx.Graph, links: str = "all") -> nx.Graph:
    """The projection with the links ``links`` names: ``all`` (curated and proposed, the
    default) gives ``full`` itself; ``curated`` a copy without the tagger's proposals.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("paper:a", kind="paper", inferred=["FPGA"])
    >>> g.add_edge("paper:a", "technique:pruning", rel="technique")
    >>> g.add_edge("paper:a", "platform:fpga", rel="inferred")
    >>> sorted(keep_links(g, "curated").edges), keep_links(g, "curated").nodes["paper:a"]
    ([('paper:a', 'technique:pruning')], {'kind': 'paper', 'inferred': []})
    """
    if links not in LINKS_VALUES:
        raise ValueError(f"links is one of {', '.join(LINKS_VALUES)}, not {links!r}")
    if links == "all":
        return full
    g = full.copy()
    g.remove_edges_from([(a, b) for a, b, rel in full.edges(data="rel") if rel == "inferred"])
    for _, data in g.nodes(data=True):
        if data.get("inferred"):
            data["inferred"] = []
    return g


def topics_view(full: nx.Graph) -> nx.Graph:
    """Papers with their techniques and platforms, and the concept hierarchy."""
    keep = {n for n, d in full.nodes(data=True) if d["kind"] in ("paper", "technique", "platform")}
    return induced_subgraph(full, keep)


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
        g = induced_subgraph(g, nx.single_source_shortest_path_length(g, centre, cutoff=depth))
    return g
