"""A small labelled network as an SVG picture: one entity in the middle, its neighbours on a
ring around it, every label readable at once and every node a link to its page.

Drawn on the server (no script, no layout to wait for): the first frame is the picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# One colour per kind of node, as in the network page's legend.
COLOURS = {
    "paper": "#4e79a7",
    "person": "#f28e2b",
    "venue": "#59a14f",
    "technique": "#e15759",
    "platform": "#b07aa1",
}
WIDTH = 980
ROW = 30  # pixels between two neighbours of one side
MAX_LABEL = 32


@dataclass(frozen=True)
class Node:
    kind: str
    label: str
    href: str  # relative link to the node's page
    title: str = ""  # the whole label, shown on hover when the label is cut


def _cut(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def ego_svg(
    centre: Node,
    ring: list[Node],
    links: list[tuple[int, int]] = (),  # type: ignore[assignment]
    caption: str = "",
) -> str:
    """The centre node with up to 30 neighbours in two arcs, left and right, each label
    written outward so that none overlaps another; ``links`` join neighbours to each other
    (indices into ``ring``).

    >>> svg = ego_svg(Node("paper", "TVM", "#"), [Node("person", "Tianqi <Chen>", "#")])
    >>> svg.startswith("<svg") and "Tianqi &lt;Chen&gt;" in svg
    True
    """
    ring = ring[:30]
    left, right = ring[1::2], ring[0::2]
    rows = max(len(left), len(right), 1)
    row = max(ROW, min(56.0, 300 / rows))  # few neighbours: spread them
    height = max(300, row * rows + 60)
    cx, cy = WIDTH / 2, height / 2
    rx, ry = 230.0, (height - 60) / 2
    points: list[tuple[float, float]] = [(0.0, 0.0)] * len(ring)
    for side, nodes, first in ((1, right, 0), (-1, left, 1)):
        for k, _ in enumerate(nodes):
            y = cy + (k - (len(nodes) - 1) / 2) * row if len(nodes) > 1 else cy
            x = cx + side * rx * math.sqrt(max(0.0, 1 - ((y - cy) / (ry + row)) ** 2))
            points[first + 2 * k] = (x, y)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'class="ego" role="img" aria-label="{escape(caption or centre.label)}">'
    ]
    out.append('<g class="edges">')
    for x, y in points:
        out.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}"/>')
    for a, b in links:
        if a < len(points) and b < len(points):
            (x1, y1), (x2, y2) = points[a], points[b]
            out.append(
                f'<line class="between" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>'
            )
    out.append("</g>")
    placed = [(centre, (cx, cy), 14), *((n, p, 8) for n, p in zip(ring, points, strict=True))]
    for i, (node, (x, y), r) in enumerate(placed):
        if i == 0:
            anchor, dx, dy = "middle", 0, r + 16
        elif x >= cx:
            anchor, dx, dy = "start", r + 5, 4
        else:
            anchor, dx, dy = "end", -(r + 5), 4
        out.append(
            f'<a href="{escape(node.href)}"><g class="node {node.kind}">'
            f"<title>{escape(node.title or node.label)}</title>"
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r}" fill="{COLOURS.get(node.kind, "#999")}"/>'
            f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}"'
            f"{' class=' + chr(34) + 'centre' + chr(34) if i == 0 else ''}>"
            f"{escape(_cut(node.label))}</text></g></a>"
        )
    out.append("</svg>")
    return "".join(out)
