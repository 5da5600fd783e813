"""Render a network view as one self-contained, offline HTML page (pyvis + vis-network).

pyvis holds the network (nodes, edges, options) and ships vis-network; the page itself comes
from this package's own template, because pyvis' template loads Bootstrap from a CDN, switches
tooltips to ``innerHTML`` when a title holds ``href`` (script injection), and does not
autoescape. Here every byte the page needs is inlined, a Content-Security-Policy forbids any
request, data travels as JSON inside a non-executed ``<script type="application/json">``, and
the page builds tooltips and menus with ``textContent`` — a hostile title stays text.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .igraph_import import import_igraph
from .resources import PACKAGE

if TYPE_CHECKING:
    import networkx as nx

# Each kind of node: colour, vis-network shape, and its name in the legend.
STYLE: dict[str, tuple[str, str, str]] = {
    "paper": ("#2f6fb0", "dot", "paper"),
    "book": ("#16a2b8", "square", "book"),
    "person": ("#f08a24", "triangle", "person"),
    "venue": ("#8b5cc7", "diamond", "venue"),
    "technique": ("#2e9e52", "star", "technique"),
    "platform": ("#d43d3d", "hexagon", "platform"),
    "software": ("#8c6d46", "triangleDown", "code"),
}

# Above this many nodes the page starts with physics off and Python-computed positions,
# so it is usable at once. Measured with benchmarks/render.py on this 2-core machine, in
# headless Chromium, first draw with physics on: 100 nodes 0.38 s, 200 0.62 s, 300 0.81 s,
# 500 1.29 s, 1,000 2.70 s. 300 keeps a physics page under 1 s; physics off draws 2,000
# nodes in 0.57 s and 10,000 in 2.5 s.
PHYSICS_MAX_NODES = 300

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


def layout(g: nx.Graph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Positions for every node: igraph's Fruchterman-Reingold (grid-based above 1,000
    nodes, under a second for 10,000), scaled to vis-network's pixel space."""
    igraph = import_igraph()

    # In id order, never in g's: a rebuild patches the network it drew before, which puts
    # a changed paper last, and the page must not depend on how the network was made.
    nodes = sorted(g.nodes)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted(tuple(sorted((index[a], index[b]))) for a, b in g.edges)
    ig = igraph.Graph(n=len(nodes), edges=edges)
    state = random.getstate()
    random.seed(seed)  # igraph draws from Python's random module: seed it for stable pages
    try:
        coords = ig.layout_fruchterman_reingold(niter=500).coords
    finally:
        random.setstate(state)
    xs = [c[0] for c in coords] or [0.0]
    ys = [c[1] for c in coords] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 60.0 * max(len(nodes), 1) ** 0.5 / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in zip(nodes, coords, strict=True)
    }


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
            return _kept(g, keep)
        take(node, added)
    for node in sorted(waiting, key=rank)[: limit - len(keep)]:
        added = links(node)
        if edges + added > edge_limit:
            break
        take(node, added)
    return _kept(g, keep)


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


def _kept(g: nx.Graph, keep: set[str]) -> nx.Graph:
    """:func:`~sysml_graph.network.induced_subgraph` for a few kept nodes, some of them
    with tens of thousands of neighbours: each kept node's edges are found by walking the
    smaller of its neighbours and the kept nodes (the page sorts edges anyway)."""
    import networkx as nx

    sub = nx.Graph()
    sub.add_nodes_from((n, d) for n, d in g.nodes(data=True) if n in keep)
    kept = list(sub)
    adj = g._adj
    done: set[str] = set()
    edges = []
    for node in kept:
        nbrs = adj[node]
        inside = kept if len(nbrs) > len(kept) else nbrs
        edges += [(node, m, nbrs[m]) for m in inside if m in nbrs and m in keep and m not in done]
        done.add(node)
    sub.add_edges_from(edges)
    return sub


def _details(data: dict[str, Any], degree: int) -> dict[str, Any]:
    """What the tooltip shows, as plain data (the page turns it into text nodes)."""
    kind = data["kind"]
    if kind in ("paper", "book"):
        fields = {
            "title": data.get("title", ""),
            "authors": ", ".join(data.get("authors", [])),
            "venue": " — ".join(x for x in (data.get("venue"), data.get("edition")) if x),
            "year": str(data["year"]) if data.get("year") else "",
            "techniques": ", ".join(data.get("techniques", [])),
            "platforms": ", ".join(data.get("platforms", [])),
            "inferred tags": ", ".join(data.get("inferred", [])),
            "status": "imported from a list, not yet curated" if data.get("imported") else "",
            "DOI": data.get("doi", ""),
            "page": data.get("url", ""),
            "code": data.get("code", ""),
        }
    elif kind == "person":
        fields = {"name": data.get("label", ""), "papers": str(degree)}
    elif kind == "venue":
        fields = {"venue": data.get("label", ""), "name": data.get("name", "")}
    elif kind in ("technique", "platform"):
        fields = {kind: data.get("label", ""), "synonyms": ", ".join(data.get("synonyms", []))}
    else:
        fields = {"software": data.get("label", ""), "repository": data.get("url", "")}
    return {"kind": STYLE[kind][2], "fields": {k: v for k, v in fields.items() if v}}


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its <script> element or open a comment inside it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def network_data(
    g: nx.Graph, full: nx.Graph | None = None, degrees: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Nodes, edges and menus of the page, through a pyvis Network.

    ``full`` is the complete projection, for the concept hierarchy behind the filters;
    ``degrees`` what sizes the nodes and counts a person's papers when ``g`` was cut down
    from a bigger graph (default: the degrees in ``g``).
    """
    from pyvis.network import Network

    source = full if full is not None else g
    from .analysis import ancestors as concept_ancestors

    ancestors = concept_ancestors(source)
    physics = g.number_of_nodes() <= PHYSICS_MAX_NODES
    positions = layout(g)
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    if degrees is None:
        degrees = dict(g.degree())
    # Filling pyvis' node and edge lists directly: add_node/add_edge are quadratic.
    for node in sorted(g.nodes):
        data = g.nodes[node]
        colour, shape, _ = STYLE[data["kind"]]
        x, y = positions[node]
        tags = (
            sorted({a for n in source[node] if n in ancestors for a in ancestors[n]})
            if data["kind"] in ("paper", "book") and node in source
            else []
        )
        net.nodes.append(
            {
                "id": node,
                "label": data.get("label", node),
                "shape": shape,
                "color": colour,
                "value": degrees[node] + 1,
                "x": round(x, 1),
                "y": round(y, 1),
                "kind": data["kind"],
                "details": _details(data, degrees[node]),
                "url": data.get("url") or data.get("code") or "",
                "year": data.get("year"),
                "venue": data.get("venue", ""),
                "tags": tags,
                "search": " ".join(
                    str(data.get(k, "")) for k in ("label", "title", "name")
                ).casefold()
                + " "
                + " ".join(data.get("authors", [])).casefold(),
            }
        )
    for a, b in sorted(tuple(sorted(e)) for e in g.edges):
        net.edges.append({"from": a, "to": b, "width": g.edges[a, b].get("weight", 1)})
    net.options = {
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "springLength": 120},
            "stabilization": {"enabled": physics, "iterations": 150, "fit": True},
        },
        "layout": {"randomSeed": 1, "improvedLayout": False},
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": True, "min": 10, "max": 24, "drawThreshold": 8},
            },
            "font": {"size": 12},
        },
        "edges": {"smooth": False, "color": {"color": "#b9c2cc", "highlight": "#555"}, "width": 1},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": not physics,
            "hideEdgesOnZoom": not physics,
        },
    }
    nodes, edges, _, _, _, options = net.get_network_data()
    menus: dict[str, Any] = {
        kind: sorted(
            (
                {"id": n, "label": d["label"]}
                for n, d in source.nodes(data=True)
                if d["kind"] == kind
            ),
            key=lambda m: m["label"].casefold(),
        )
        for kind in ("technique", "platform")
    }
    menus["venue"] = sorted(
        {d["venue"] for _, d in g.nodes(data=True) if d.get("venue")}, key=str.casefold
    )
    years = [d["year"] for _, d in g.nodes(data=True) if d.get("year")]
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "menus": menus,
        "years": [min(years), max(years)] if years else [None, None],
        "legend": [
            {
                "kind": k,
                "label": label,
                "colour": c,
                "shape": s,
                "count": sum(1 for _, d in g.nodes(data=True) if d["kind"] == k),
            }
            for k, (c, s, label) in STYLE.items()
        ],
        "physics": physics,
    }


def render_html(g: nx.Graph, title: str = "sysml-graph", full: nx.Graph | None = None) -> str:
    """The whole page as text; above :data:`NODE_BUDGET` nodes or :data:`EDGE_BUDGET`
    edges, of the best-connected nodes only (:func:`reduce_to_budget`), with a banner
    that says so."""
    import jinja2
    import pyvis
    from markupsafe import Markup

    vis_dir = Path(pyvis.__file__ or ".").parent / "lib" / "vis-9.1.2"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    source = full if full is not None else g
    degree = degrees(g)
    if source is not g:
        degree.update(degrees(source))
    shown = reduce_to_budget(g, source, degree=degree)
    reduced = None
    if shown is not g:
        reduced = {"shown": f"{shown.number_of_nodes():,}", "total": f"{g.number_of_nodes():,}"}
    if reduced:
        degree = degree if source is g else degrees(g)
    data = network_data(shown, source, degree if reduced else None)
    return env.get_template("network.html.j2").render(
        title=title,
        reduced=reduced,
        data_json=Markup(_json_for_script(data)),
        vis_js=Markup(
            (vis_dir / "vis-network.min.js")
            .read_text(encoding="utf-8")
            .replace("</script", "<\\/script")
        ),
        legend=data["legend"],
        n_nodes=shown.number_of_nodes(),
        n_edges=shown.number_of_edges(),
    )
