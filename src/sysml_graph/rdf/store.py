"""The built graph: a pyoxigraph store.

pyoxigraph (Rust) does the heavy work — loading, SPARQL, SHACL queries, Turtle and JSON-LD
writing — because at 100,000 papers rdflib takes ~15 s to build a graph and ~33 s to write
Turtle that pyoxigraph writes in under a second. rdflib stays the public API for Python
users: :func:`sysml_graph.rdf.rdflib_api.to_rdflib` gives the same triples as an ``rdflib.Graph``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph

from ..problems import InvalidInput, Problem


class KnowledgeGraph:
    """The triples in a pyoxigraph store's default graph: in memory, or the read-only
    on-disk index of the last build (:mod:`sysml_graph.builder.reuse`).

    A dump follows the order the triples went in, which the mapping and the file readers
    fix; the build's own files do not depend on it (:mod:`sysml_graph.builder.fragments`).

    >>> kg = KnowledgeGraph.from_lines(['<http://x/a> <http://x/p> "b" .\\n'])
    >>> len(kg), kg.nt()
    (1, b'<http://x/a> <http://x/p> "b" .\\n')
    """

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    @classmethod
    def from_lines(cls, chunks: Iterable[str] | Iterable[list[str]]) -> KnowledgeGraph:
        """Load N-Triples lines, given one by one or in lists (a chunk at a time keeps
        memory flat: the lines of 100,000 papers take ~1 GB as Python strings).

        Each chunk is loaded in a second thread while the next one is made (15% faster at
        10,000 papers: pyoxigraph parses without the GIL); one at a time and in order, so
        the store's order, and every dump's bytes, stay the same.
        """
        from concurrent.futures import Future, ThreadPoolExecutor

        store = pyoxigraph.Store()
        nt = pyoxigraph.RdfFormat.N_TRIPLES

        def batches() -> Iterator[list[str]]:
            pending: list[str] = []
            for chunk in chunks:
                if not isinstance(chunk, str):
                    yield chunk
                    continue
                pending.append(chunk)
                if len(pending) >= 100_000:
                    yield pending
                    pending = []
            if pending:
                yield pending

        with ThreadPoolExecutor(max_workers=1) as loader:
            previous: Future[None] | None = None
            for batch in batches():
                data = "".join(batch).encode("utf-8")
                if previous is not None:
                    previous.result()
                # lenient: the lines come from our own encoders, already valid and canonical.
                previous = loader.submit(store.load, data, format=nt, lenient=True)
            if previous is not None:
                previous.result()
        return cls(store)

    def dump(self, rdf_format: pyoxigraph.RdfFormat, prefixes: dict[str, str] | None) -> bytes:

        data = self.store.dump(
            format=rdf_format, from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes
        )
        assert data is not None
        return data

    def dump_to(
        self, path: Path, rdf_format: pyoxigraph.RdfFormat, prefixes: dict[str, str] | None
    ) -> None:
        """Like :meth:`dump`, straight into a file (hundreds of MB never sit in memory)."""

        self.store.dump(
            str(path), format=rdf_format, from_graph=pyoxigraph.DefaultGraph(), prefixes=prefixes
        )

    def nt(self) -> bytes:
        """N-Triples, in the store's order."""

        return self.dump(pyoxigraph.RdfFormat.N_TRIPLES, None)

    def triples(self) -> Iterator[pyoxigraph.Triple]:
        """The triples in the store's order, as pyoxigraph terms."""

        for quad in self.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
            yield quad.triple

    @classmethod
    def of(cls, graph: Any) -> KnowledgeGraph:
        """``graph`` (a KnowledgeGraph, a ``pyoxigraph.Store`` or an rdflib graph) as a
        KnowledgeGraph; an rdflib graph is copied into a new store."""

        if isinstance(graph, KnowledgeGraph):
            return graph
        if isinstance(graph, pyoxigraph.Store):
            return cls(graph)
        return cls.from_rdflib(graph)

    @classmethod
    def from_rdflib(cls, graph: Any) -> KnowledgeGraph:
        """An ``rdflib.Graph`` (duck-typed: rdflib is imported where a user asks for one,
        :mod:`sysml_graph.rdf.rdflib_api`) copied into a new store."""
        data: bytes = graph.serialize(format="nt", encoding="utf-8")
        # rdflib writes in hash order: sort, so that equal graphs load in the same order.
        return cls.from_bytes(b"".join(sorted(data.splitlines(keepends=True))), "nt", "graph")

    @classmethod
    def from_bytes(cls, data: bytes, fmt: str, name: str) -> KnowledgeGraph:
        """Parse Turtle (``fmt="turtle"``) or N-Triples with pyoxigraph."""

        rdf_format = pyoxigraph.RdfFormat.N_TRIPLES if fmt == "nt" else pyoxigraph.RdfFormat.TURTLE
        store = pyoxigraph.Store()
        try:
            store.load(data, format=rdf_format)
        except SyntaxError as err:
            line = getattr(err, "lineno", None) or 1
            message = str(err.msg if hasattr(err, "msg") else err)
            problem = Problem(name, int(line), f"cannot parse as {fmt}: {message}")
            raise InvalidInput([problem]) from None
        return cls(store)

    @classmethod
    def from_build(cls, path: Path) -> KnowledgeGraph:
        """Load the N-Triples a build wrote, streamed from the file (at 100,000 papers it
        holds 700 MB, which never sit in memory whole)."""
        store = pyoxigraph.Store()
        store.load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
        return cls(store)

    @classmethod
    def from_file(cls, path: Path) -> KnowledgeGraph:
        """Read a Turtle or N-Triples file (never a format that could fetch remote contexts)."""
        fmt = "nt" if path.suffix in (".nt", ".ntriples") else "turtle"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput([Problem(str(path), 1, "file not found")]) from None
        return cls.from_bytes(data, fmt, str(path))
