"""Answers as a table for people, CSV, TSV or SPARQL JSON for programs."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pyoxigraph

from ..rdf.namespaces import WRITE_PREFIXES, XSD_STRING, short_id
from ..rdf.store import KnowledgeGraph
from .run import Answer


def _short(term: Any) -> str:
    if term is None:
        return ""
    text = str(term.value)
    return (short_id(text) or text) if _is_iri(term) else text


def _is_iri(term: Any) -> bool:

    return isinstance(term, pyoxigraph.NamedNode)


def json_term(term: Any) -> dict[str, Any]:
    """A term as SPARQL 1.1 JSON results write it (RDF 1.2 triple terms as "triple")."""

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: json_term(getattr(term, p)) for p in parts}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def format_result(answer: Answer, fmt: str, width: int | None = None) -> str:
    """An answer (of :func:`~sysml_graph.sparql.run.run` or
    :func:`~sysml_graph.sparql.remote.query_endpoint`) as text: ``table`` (for people),
    ``csv``, ``tsv``, ``json`` (SPARQL 1.1 Query Results JSON)."""
    if answer.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
        return ("true" if answer.boolean else "false") + "\n"
    if answer.kind == "CONSTRUCT":
        kg = KnowledgeGraph.from_bytes(answer.triples, "nt", "answer")

        out = pyoxigraph.serialize(
            kg.triples(), format=pyoxigraph.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES
        )
        return (out or b"").decode("utf-8")
    names, data = answer.names, answer.rows
    if fmt == "json":
        bindings = [
            {n: json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in data
        ]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for row in data:
            writer.writerow(["" if t is None else t.value for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in data]
        return "\n".join(lines) + "\n"
    return _table(names, data, width)


def _table(names: list[str], data: list[list[Any]], width: int | None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.MARKDOWN, show_edge=True)
    for n in names:
        table.add_column(n, overflow="fold")
    for row in data:
        table.add_row(*(_short(t) for t in row))
    buf = io.StringIO()
    console = Console(
        file=buf, width=width or 10_000, color_system=None, highlight=False, force_jupyter=False
    )
    console.print(table)
    text = "\n".join(line.rstrip() for line in buf.getvalue().splitlines()).strip("\n")
    return text + f"\n{len(data)} row{'s' if len(data) != 1 else ''}\n"
