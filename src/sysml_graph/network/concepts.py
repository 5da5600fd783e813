"""The taxonomy's hierarchy as the network holds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


def ancestors(full: nx.Graph) -> dict[str, list[str]]:
    """Each concept with every broader concept, nearest first (itself included)."""
    out: dict[str, list[str]] = {}

    def up(c: str) -> list[str]:
        if c not in out:
            seen = [c]
            for b in full.nodes[c].get("broader", []):
                seen += [a for a in up(b) if a not in seen]
            out[c] = seen
        return out[c]

    for n, d in full.nodes(data=True):
        if d["kind"] in ("technique", "platform"):
            up(n)
    return out
