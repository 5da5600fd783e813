"""Serialise the graph: Turtle, sorted N-Triples, JSON-LD, RDF/XML; write files atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from rdflib import Graph

from .to_rdf import new_graph
from .vocab import PREFIXES

FORMATS: dict[str, tuple[str, str]] = {
    # name: (rdflib serializer, file suffix)
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "rdfxml": ("pretty-xml", ".rdf"),
}


def _ordered(graph: Graph) -> Graph:
    """A copy whose triples were added in sorted order.

    Serialisers that walk the store in insertion order (JSON-LD, RDF/XML) then give the
    same bytes for the same triples, however the graph was put together.
    """
    out = new_graph()
    for triple in sorted(graph):
        out.add(triple)
    return out


def jsonld_context() -> dict[str, str]:
    """The compact JSON-LD context: the project's prefixes, shipped, never fetched."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def serialize(graph: Graph, fmt: str) -> bytes:
    """``graph`` in format ``fmt`` (a key of :data:`FORMATS`), deterministic bytes.

    >>> g = new_graph()
    >>> serialize(g, "nt")
    b''
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "nt":
        # rdflib writes N-Triples in store order: sort the lines for stable output.
        lines = graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(line for line in lines if line.strip()))
    if fmt == "jsonld":
        text = _ordered(graph).serialize(
            format="json-ld", context=jsonld_context(), auto_compact=True, sort_keys=True
        )
        doc = json.loads(text)
        doc.get("@graph", []).sort(key=lambda node: str(node.get("@id", "")))
        return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    if fmt == "rdfxml":
        ordered = _ordered(graph)
        # rdflib's RDF/XML writer needs the xml prefix bound to write xml:lang correctly.
        ordered.bind("xml", "http://www.w3.org/XML/1998/namespace")
        return ordered.serialize(format="pretty-xml", encoding="utf-8")
    return graph.serialize(format="turtle", encoding="utf-8")


def trig(graph: Graph, owners: dict[Any, str]) -> bytes:
    """The graph as TriG with one named graph per source file: each triple goes to the
    graph of the file its subject was written in (``owners``: node → file name); triples of
    nodes without a file (the ontology, the dataset description) stay in the default graph.
    The union of all graphs is the graph itself."""
    from rdflib import Dataset

    from .vocab import iri

    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    for s, p, o in sorted(graph):
        owner = owners.get(s)
        target = dataset.graph(iri("source", owner)) if owner else dataset.default_graph
        target.add((s, p, o))
    data: bytes = dataset.serialize(format="trig", encoding="utf-8")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that readers
    (and a build that fails half-way) never see a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
