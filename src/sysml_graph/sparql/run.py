"""A query run on a store: checked, limited, evaluated offline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph

from ..rdf.namespaces import QUERY_PREFIXES
from ..rdf.store import KnowledgeGraph
from .errors import QueryError
from .offline import available, run_offline
from .safety import _readable, check, enforce_limits, missing_prefixes, needs_full_check


@dataclass
class Answer:
    """A query's answer: rows for SELECT, a boolean for ASK, N-Triples for CONSTRUCT."""

    kind: str  # SELECT, ASK or CONSTRUCT (DESCRIBE answers like CONSTRUCT)
    names: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool = False
    triples: bytes = b""

    def __iter__(self) -> Iterator[list[Any]]:
        """The rows, as rdflib's results iterate."""
        return iter(self.rows)


def run(graph: Any, text: str) -> Answer:
    """Run a checked query on ``graph`` (a :class:`~sysml_graph.rdf.store.KnowledgeGraph`, a
    ``pyoxigraph.Store`` or an rdflib graph) with pyoxigraph; the project's prefixes are
    predeclared.

    >>> from sysml_graph.rdf.store import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_lines(['<http://x/a> <http://purl.org/dc/terms/title> "A" .\\n'])
    >>> run(kg, "SELECT ?t WHERE { ?a dcterms:title ?t }").rows
    [[<Literal value=A datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>]]
    """

    enforce_limits(text)
    # Where the engine runs sealed off from the network, the full parse only needs to run
    # for queries that name a suspect word (to refuse them with a clear reason); elsewhere
    # it is the only guard and always runs.
    if needs_full_check(text) or not available():
        header = missing_prefixes(text)
        check(header + text, header_lines=header.count("\n"))
    store = KnowledgeGraph.of(graph).store

    def evaluate() -> Answer:
        # The whole answer is read here: pyoxigraph evaluates lazily, and reading rows later
        # in another thread would evaluate them (a SERVICE among them) unguarded.
        result = store.query(text, prefixes=QUERY_PREFIXES)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            data = result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
            return Answer("CONSTRUCT", triples=data or b"")
        assert isinstance(result, pyoxigraph.QuerySolutions)
        names = [v.value for v in result.variables]
        return Answer("SELECT", names, [list(solution) for solution in result])

    try:
        return run_offline(evaluate)
    except SyntaxError as err:
        # The standard's reading names an unknown prefix where Oxigraph's message does not.
        header = missing_prefixes(text)
        check(header + text, header_lines=header.count("\n"))
        raise QueryError(_readable(str(err), text, 0)) from None
    except Exception as err:  # pyoxigraph raises OSError/ValueError while evaluating
        raise QueryError(f"query failed: {err}") from None
