"""Exports of the network projection for other tools: GraphML (Gephi, Cytoscape) and CSV
tables of papers, people and venues. Both read the RDF graph through
:func:`sysml_graph.network.projection.project`, and both are deterministic.

Any text may come from a Turtle file of someone else's: a CSV cell never starts a formula
when a spreadsheet opens it, and GraphML holds only characters XML 1.0 allows."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


TABLES = ("papers", "people", "venues")

# Spreadsheets (Excel, LibreOffice, Google Sheets) run a cell starting with one of these as
# a formula (=HYPERLINK(…), =cmd|…, @SUM(…)); full-width forms too, in some of them.
FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")

# Not allowed anywhere in XML 1.0, escaped or not; a lone CR would be read back as LF.
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    r"""``text`` with what XML 1.0 cannot hold replaced by U+FFFD (line ends become LF).

    >>> xml_text("a\x00b\r\nc")
    'a\ufffdb\nc'
    """
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def cell(value: Any) -> Any:
    r"""A CSV cell that a spreadsheet shows as text: one starting like a formula gets a
    leading ``'`` (the spreadsheets' own mark for text); line ends become LF, so that the
    csv module quotes them, and NUL, which it cannot write, becomes U+FFFD.

    >>> [cell("=HYPERLINK(1)"), cell("-1"), cell(-1), cell("a\rb")]
    ["'=HYPERLINK(1)", "'-1", -1, 'a\nb']
    """
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    return "'" + text if text[:1] in FORMULA_START else text


def table(full: nx.Graph, name: str) -> str:
    """One CSV table (``papers``, ``people`` or ``venues``) of the projection."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(TABLES)}")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")

    def write(row: list[Any]) -> None:
        writer.writerow([cell(v) for v in row])

    nodes = sorted((n, d) for n, d in full.nodes(data=True))
    if name == "papers":
        write(
            [
                "id",
                "kind",
                "imported",
                "title",
                "authors",
                "year",
                "venue",
                "doi",
                "url",
                "code",
                "techniques",
                "platforms",
                "inferred_tags",
            ]
        )
        for n, d in nodes:
            if d["kind"] in ("paper", "book"):
                write(
                    [
                        n.split(":", 1)[1],
                        d["kind"],
                        d.get("imported", False),
                        d.get("title", ""),
                        "; ".join(d.get("authors", [])),
                        d.get("year") or "",
                        d.get("venue", ""),
                        d.get("doi", ""),
                        d.get("url", ""),
                        d.get("code", ""),
                        "; ".join(d.get("techniques", [])),
                        "; ".join(d.get("platforms", [])),
                        "; ".join(d.get("inferred", [])),
                    ]
                )
    else:
        kind = "person" if name == "people" else "venue"
        header = (
            ["id", "name", "papers"] if kind == "person" else ["id", "acronym", "name", "papers"]
        )
        write(header)
        for n, d in nodes:
            if d["kind"] != kind:
                continue
            papers = sum(1 for m in full[n] if full.nodes[m]["kind"] in ("paper", "book"))
            ident = n.split(":", 1)[1]
            if kind == "person":
                write([ident, d.get("label", ""), papers])
            else:
                write([ident, d.get("label", ""), d.get("name", ""), papers])
    return buf.getvalue()
