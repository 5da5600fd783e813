"""Serialise the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG; write files atomically.

pyoxigraph writes every format in the store's order, which depends only on the order the
triples went in: the same data gives the same bytes, and millions of triples take seconds.
TriG is the store's N-Triples sorted into one graph per source file, then written by
pyoxigraph.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .kgraph import KnowledgeGraph
from .namespaces import BASE, NAMESPACES

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
    nothing is left behind; a process killed meanwhile leaves ``.NAME.PID.XXXXXXXX.tmp``,
    which the next build removes (:mod:`sysml_graph.build_lock`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
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
    default graph. The union of all graphs is the graph itself. Graphs come in order of
    name (the default graph first), each with its triples in the store's order.

    The triples are sorted into graphs as N-Triples lines of text and written by
    pyoxigraph: making a Python object per triple took 48 s and 3.7 GB at 4.1 million.

    >>> x = "<https://w3id.org/sysml-graph/paper/x>"
    >>> kg = KnowledgeGraph.from_lines([f'{x} <http://purl.org/dc/terms/title> "X" .\\n'])
    >>> out = trig(kg, {x[1:-1]: "papers/x.yaml"}).decode()
    >>> out.endswith('<https://w3id.org/sysml-graph/source/papers/x.yaml> {\\n'
    ...              '\\tpaper:x dcterms:title "X" .\\n}\\n')
    True
    """
    return trig_of_nt(KnowledgeGraph.of(graph).nt(), owners)


_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def trig_of_nt(nt: bytes, owners: Mapping[str, str]) -> bytes:
    """:func:`trig` of the graph these N-Triples hold, in their order (a build's file
    needs no store: at 4.1 million triples loading one took 10 s and 1.45 GB)."""
    import pyoxigraph

    text = nt.decode("utf-8")
    del nt
    # Split at newlines only: str.splitlines() also splits at U+2028 or U+0085, which
    # N-Triples leaves unescaped inside literals.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    del text
    graphs: dict[str, list[str]] = {}
    names: dict[str, str] = {"": ""}
    for line in lines:
        owner = None
        if line.startswith("<"):
            subject = line[1 : line.index(">")]
            if "\\" in subject:  # an IRI with UCHAR escapes: compare what it spells
                subject = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), subject)
            owner = owners.get(subject)
        key = "" if owner is None else owner
        if key not in graphs:
            graphs[key] = []
            if key:  # checked (and escaped) as an IRI once per graph
                names[key] = f" {pyoxigraph.NamedNode(f'{BASE}source/{key}')}"
        graphs[key].append(line)
    del lines
    with tempfile.TemporaryDirectory() as tmp:
        quads = Path(tmp) / "quads.nq"
        with quads.open("w", encoding="utf-8") as f:
            for key in sorted(graphs):
                name = names[key]
                # "<s> <p> <o> ." becomes "<s> <p> <o> <g> ." (N-Quads).
                f.writelines(f"{line[:-2]}{name} .\n" for line in graphs[key])
        del graphs
        data = pyoxigraph.serialize(
            pyoxigraph.parse(path=str(quads), format=pyoxigraph.RdfFormat.N_QUADS),
            format=pyoxigraph.RdfFormat.TRIG,
            prefixes=WRITE_PREFIXES,
        )
    assert data is not None
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that readers
    (and a build that fails half-way) never see a half-written file."""
    os.replace(staged(path, lambda tmp: tmp.write_bytes(data)), path)


def copy_atomic(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` the way :func:`write_atomic` writes."""
    os.replace(staged(path, lambda tmp: shutil.copyfile(source, tmp)), path)
