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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resources import PACKAGE

if TYPE_CHECKING:
    import networkx as nx
import jinja2
from markupsafe import Markup

from .budget import degrees, reduce_to_budget
from .concepts import ancestors as concept_ancestors
from .layout import layout

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

# A bigger page opens on its best-connected nodes, this many, laid out on their own and
# fitted to the view so that their labels are legible at the first frame; the whole graph
# (in its own layout) is one checkbox away, and filters and searches reach into it.
FIRST_VIEW = 150
# At most this many of a kind in the first view, so that it shows the field's concepts,
# venues and people beside its best-connected papers (not 150 compression papers).
FIRST_VIEW_KINDS = {"technique": 30, "platform": 15, "venue": 15, "person": 30, "paper": 60}


def short_label(title: str, most: int = 32) -> str:
    """A work's label on the canvas: the name before a colon, or the title's first words;
    the whole title is in the tooltip. Long labels drawn over each other are what made a
    big page unreadable.

    >>> short_label("TVM: An Automated End-to-End Optimizing Compiler for Deep Learning")
    'TVM'
    >>> short_label("Learning both Weights and Connections for Efficient Neural Networks")
    'Learning both Weights and…'
    """
    name, colon, _ = title.partition(":")
    if colon and len(name) <= most:
        return name
    if len(title) <= most:
        return title
    return title[: title.rfind(" ", 0, most - 4)].rstrip(" ,;") + "…"


def first_view(g: nx.Graph, degree: Mapping[str, int]) -> list[str] | None:
    """The nodes a page shows first: the best-connected, each (after the first) joined to
    one already taken, at most :data:`FIRST_VIEW`; None when the page is that small.

    >>> import networkx as nx
    >>> first_view(nx.path_graph(3), {0: 1, 1: 2, 2: 1}) is None
    True
    """
    if g.number_of_nodes() <= FIRST_VIEW:
        return None
    order = sorted(g.nodes, key=lambda n: (-degree.get(n, 0), str(n)))
    taken = {order[0]}
    per_kind: dict[str, int] = {}
    # Kinds within their share first; then, if the page lacks some kinds, any kind.
    for limits in (FIRST_VIEW_KINDS, {}):
        grew = True
        while len(taken) < FIRST_VIEW and grew:
            grew = False
            for n in order:
                kind = g.nodes[n].get("kind", "")
                if n in taken or per_kind.get(kind, 0) >= limits.get(kind, FIRST_VIEW):
                    continue
                if any(m in taken for m in g[n]):
                    taken.add(n)
                    per_kind[kind] = per_kind.get(kind, 0) + 1
                    grew = True
                    if len(taken) >= FIRST_VIEW:
                        break
    return sorted(taken, key=str)


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
            "proposed tags": ", ".join(data.get("inferred", [])),
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

    ancestors = concept_ancestors(source)
    physics = g.number_of_nodes() <= PHYSICS_MAX_NODES
    positions = layout(g)
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line")
    if degrees is None:
        degrees = dict(g.degree())
    first = first_view(g, degrees)
    # With physics (small pages) the simulation places every node; without it the first
    # view gets a layout of its own, so that its nodes fill the view.
    own = layout(g.subgraph(first), even=True) if first and not physics else {}
    # Filling pyvis' node and edge lists directly: add_node/add_edge are quadratic.
    for node in sorted(g.nodes):
        data = g.nodes[node]
        colour, shape, _ = STYLE[data["kind"]]
        gx, gy = positions[node]
        x, y = own.get(node, (gx, gy))
        tags = (
            sorted({a for n in source[node] if n in ancestors for a in ancestors[n]})
            if data["kind"] in ("paper", "book") and node in source
            else []
        )
        net.nodes.append(
            {
                "id": node,
                "label": short_label(str(data.get("label", node)))
                if data["kind"] in ("paper", "book")
                else data.get("label", node),
                "shape": shape,
                "color": colour,
                "value": degrees[node] + 1,
                "x": round(x, 1),
                "y": round(y, 1),
                # the whole graph's layout, for the "whole graph" view
                "gx": round(gx, 1),
                "gy": round(gy, 1),
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
    proposed = 0
    for a, b in sorted(tuple(sorted(e)) for e in g.edges):
        edge = {"from": a, "to": b, "width": g.edges[a, b].get("weight", 1)}
        if g.edges[a, b].get("rel") == "inferred":  # the tagger's, not a curator's
            edge["dashes"] = True
            proposed += 1
        net.edges.append(edge)
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
        "proposed_edges": proposed,
        "first": first,
    }


def render_html(g: nx.Graph, title: str = "sysml-graph", full: nx.Graph | None = None) -> str:
    """The whole page as text; above :data:`NODE_BUDGET` nodes or :data:`EDGE_BUDGET`
    edges, of the best-connected nodes only (:func:`reduce_to_budget`), with a banner
    that says so."""
    import pyvis

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
        proposed_edges=data["proposed_edges"],
        n_nodes=shown.number_of_nodes(),
        first_view=len(data["first"]) if data["first"] else 0,
        n_edges=shown.number_of_edges(),
    )
