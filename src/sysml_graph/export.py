"""Serialise the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG; write files atomically.

pyoxigraph writes every format from its store, in the store's order, which depends only on
the order the triples went in: the same data gives the same bytes, and millions of triples
take seconds.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kgraph import KnowledgeGraph
from .namespaces import BASE, NAMESPACES

if TYPE_CHECKING:
    import pyoxigraph

FORMATS: dict[str, tuple[str, str]] = {
    # name: (pyoxigraph format name, file suffix)
    "turtle": ("TURTLE", ".ttl"),
    "nt": ("N_TRIPLES", ".nt"),
    "jsonld": ("JSON_LD", ".jsonld"),
    "rdfxml": ("RDF_XML", ".rdf"),
}
ENTITY_KINDS = (
    "authorship",
    "paper",
    "person",
    "platform",
    "scheme",
    "software",
    "technique",
    "venue",
)
# Turtle and TriG also abbreviate the entity IRIs: paper:tvm, person:tianqi-chen, …
WRITE_PREFIXES: dict[str, str] = NAMESPACES | {k: f"{BASE}{k}/" for k in ENTITY_KINDS}


def serialize(graph: Any, fmt: str) -> bytes:
    """``graph`` (a :class:`KnowledgeGraph` or an rdflib graph) in format ``fmt`` (a key of
    :data:`FORMATS`), deterministic bytes.

    >>> x = "<https://w3id.org/sysml-graph/paper/x>"
    >>> kg = KnowledgeGraph.from_lines([f'{x} <http://purl.org/dc/terms/title> "X" .\\n'])
    >>> print(serialize(kg, "turtle").decode().splitlines()[-1])
    paper:x dcterms:title "X" .
    """
    import pyoxigraph

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rdf_format = getattr(pyoxigraph.RdfFormat, FORMATS[fmt][0])
    return KnowledgeGraph.of(graph).dump(
        rdf_format, WRITE_PREFIXES if fmt == "turtle" else NAMESPACES
    )


def staged(path: Path, fill: Callable[[Path], object]) -> Path:
    """A new temporary file beside ``path``, written by ``fill``, synced to disk and
    readable by all; the caller renames it over ``path`` (or deletes it). On failure
    nothing is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def serialize_to_temp(graph: Any, fmt: str, path: Path) -> Path:
    """``graph`` in format ``fmt`` in a :func:`staged` file for ``path``: the dump goes
    straight to disk, never through memory."""
    import pyoxigraph

    rdf_format = getattr(pyoxigraph.RdfFormat, FORMATS[fmt][0])
    prefixes = WRITE_PREFIXES if fmt == "turtle" else NAMESPACES
    return staged(path, lambda tmp: KnowledgeGraph.of(graph).dump_to(tmp, rdf_format, prefixes))


def trig(graph: Any, owners: Mapping[str, str]) -> bytes:
    """The graph as TriG with one named graph per source file: each triple goes to the
    graph of the file its subject was written in (``owners``: subject IRI → file name);
    triples of nodes without a file (the ontology, the dataset description) stay in the
    default graph. The union of all graphs is the graph itself."""
    import pyoxigraph

    default = pyoxigraph.DefaultGraph()
    names: dict[str, pyoxigraph.NamedNode] = {}

    def graph_of(subject: Any) -> Any:
        owner = owners.get(subject.value) if isinstance(subject, pyoxigraph.NamedNode) else None
        if owner is None:
            return default
        if owner not in names:
            names[owner] = pyoxigraph.NamedNode(f"{BASE}source/{owner}")
        return names[owner]

    def quads() -> Iterator[pyoxigraph.Quad]:
        # Grouped by graph (default first, then by name), each in the lines' sorted order.
        placed = [(graph_of(t.subject), t) for t in KnowledgeGraph.of(graph).triples()]
        placed.sort(key=lambda gt: "" if gt[0] is default else gt[0].value)
        for g, t in placed:
            yield pyoxigraph.Quad(t.subject, t.predicate, t.object, g)

    data = pyoxigraph.serialize(quads(), format=pyoxigraph.RdfFormat.TRIG, prefixes=WRITE_PREFIXES)
    assert data is not None
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that readers
    (and a build that fails half-way) never see a half-written file."""
    os.replace(staged(path, lambda tmp: tmp.write_bytes(data)), path)


def copy_atomic(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` the way :func:`write_atomic` writes."""
    os.replace(staged(path, lambda tmp: shutil.copyfile(source, tmp)), path)
