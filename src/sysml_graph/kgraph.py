"""The built graph: sorted, distinct N-Triples lines, with a pyoxigraph store and an rdflib
graph made from them on demand.

pyoxigraph (Rust) does the heavy work — loading, SPARQL, SHACL queries, Turtle and JSON-LD
writing — because at 100,000 papers rdflib takes ~15 s to build a graph and ~33 s to write
Turtle that pyoxigraph writes in under a second. rdflib stays the public API for Python
users: :meth:`KnowledgeGraph.rdflib` gives the same triples as an ``rdflib.Graph``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import InvalidInput, Problem

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph


class KnowledgeGraph:
    """Triples as sorted canonical N-Triples lines (each ends with a newline).

    >>> kg = KnowledgeGraph(['<http://x/a> <http://x/p> "b" .\\n'])
    >>> len(kg), kg.rdflib().value(predicate=None, object=None) is None
    (1, True)
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __len__(self) -> int:
        return len(self.lines)

    def nt(self) -> bytes:
        """Sorted N-Triples."""
        return "".join(self.lines).encode("utf-8")

    @cached_property
    def store(self) -> pyoxigraph.Store:
        """An in-memory pyoxigraph store holding the triples in its default graph."""
        import pyoxigraph

        store = pyoxigraph.Store()
        store.bulk_load(self.nt(), format=pyoxigraph.RdfFormat.N_TRIPLES)
        return store

    def triples(self) -> Iterable[pyoxigraph.Triple]:
        """The triples in line order, as pyoxigraph terms."""
        import pyoxigraph

        return pyoxigraph.parse(self.nt(), format=pyoxigraph.RdfFormat.N_TRIPLES)

    def rdflib(self) -> Graph:
        """The same triples as an rdflib graph with the project's prefixes bound."""
        from .to_rdf import new_graph

        graph = new_graph()
        convert = _to_rdflib()
        add = graph.add
        for t in self.triples():
            add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return graph

    @classmethod
    def from_rdflib(cls, graph: Graph) -> KnowledgeGraph:
        data: bytes = graph.serialize(format="nt", encoding="utf-8")
        return cls.from_bytes(data, "nt", "graph")

    @classmethod
    def from_bytes(cls, data: bytes, fmt: str, name: str) -> KnowledgeGraph:
        """Parse Turtle (``fmt="turtle"``) or N-Triples with pyoxigraph."""
        import pyoxigraph

        rdf_format = pyoxigraph.RdfFormat.N_TRIPLES if fmt == "nt" else pyoxigraph.RdfFormat.TURTLE
        try:
            out = pyoxigraph.serialize(
                pyoxigraph.parse(data, format=rdf_format), format=pyoxigraph.RdfFormat.N_TRIPLES
            )
        except SyntaxError as err:
            line = getattr(err, "lineno", None) or 1
            message = str(err.msg if hasattr(err, "msg") else err)
            problem = Problem(name, int(line), f"cannot parse as {fmt}: {message}")
            raise InvalidInput([problem]) from None
        assert out is not None
        return cls(sorted(set(out.decode("utf-8").splitlines(keepends=True))))

    @classmethod
    def from_file(cls, path: Path) -> KnowledgeGraph:
        """Read a Turtle or N-Triples file (never a format that could fetch remote contexts)."""
        fmt = "nt" if path.suffix in (".nt", ".ntriples") else "turtle"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InvalidInput([Problem(str(path), 1, "file not found")]) from None
        return cls.from_bytes(data, fmt, str(path))


def _to_rdflib() -> Any:
    """A converter from pyoxigraph terms to rdflib terms that reuses what it made."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    made: dict[Any, Any] = {}

    def convert(term: Any) -> Any:
        done = made.get(term)
        if done is not None:
            return done
        if isinstance(term, pyoxigraph.NamedNode):
            done = URIRef(term.value)
        elif isinstance(term, pyoxigraph.BlankNode):
            done = BNode(term.value)
        elif term.language:
            done = Literal(term.value, lang=term.language)
        elif term.datatype.value == xsd_string:
            done = Literal(term.value)
        else:
            done = Literal(term.value, datatype=URIRef(term.datatype.value))
        made[term] = done
        return done

    return convert
