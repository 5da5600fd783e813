"""A query worker process for ``sysml-graph serve``: one pyoxigraph store, one query at a
time. The server kills a worker whose query outlives the time limit and starts another, so a
runaway query really stops (Oxigraph's own --timeout-s does not interrupt an aggregate).
A worker is sealed off from the network once its graph is loaded (:mod:`.offline`): no
query it runs can open a connection, whatever the front's check let through.

The worker writes the answer in the format the client asked for, and stops reading a result
one row (or triple) past the size limit: an over-large answer costs neither the worker's
memory nor the front's time."""

from __future__ import annotations

import json
import signal
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from ..rdf.namespaces import WRITE_PREFIXES
from .errors import QueryError
from .offline import available, run_deep, seal
from .results import json_term
from .safety import check, missing_prefixes


@dataclass(frozen=True)
class Request:
    """What a worker is asked: a query and how its answer may come back."""

    text: str
    prefixes: dict[str, str]  # the project's prefixes the text uses undeclared
    # The format of the answer for each kind of query, or None where the client accepts
    # none: "json", "xml", "csv" or "tsv" for SELECT and ASK; "turtle", "nt", "jsonld" or
    # "rdfxml" for CONSTRUCT and DESCRIBE.
    results: str | None
    graph: str | None
    limit: int  # most rows or triples
    max_bytes: int = 64 * 1024 * 1024  # most bytes of terms (a row's size has no bound)
    check: bool = True  # a client's text: run the one safety check (sparql.check) first


# The one-column table Jena and Virtuoso write for an ASK answer in CSV and TSV (SPARQL
# 1.1 defines those formats for SELECT only).
_ASK_TABLE = {"csv": b"_askResult\r\n%s\r\n", "tsv": b"?_askResult\n%s\n"}


def work(conn: Connection, path: str) -> None:
    """Load the N-Triples at ``path``; answer :class:`Request`\\ s (or bare query texts,
    unchecked, answered in SPARQL JSON or N-Triples) from ``conn`` until it closes.

    Each answer is ``("ok", kind, bytes)`` (kind "results" for SELECT and ASK, "graph" for
    CONSTRUCT and DESCRIBE), ``("too-many", limit, "count" or "bytes", kind)``,
    ``("refused", status, message)`` from the safety check, ``("not-acceptable", form)``,
    ``("syntax", message)`` for a query Oxigraph cannot read, or ``("error", message)``.
    """
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    store = ox.Store()
    store.load(path=path, format=ox.RdfFormat.N_TRIPLES)
    _seal()
    conn.send(("ready", len(store)))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        conn.send(answer(store, request))


def _seal() -> None:
    """Seal every thread of this process, the engine's included, off the network.

    Sealing comes before :func:`.offline.available` is asked: its probe leaves a thread
    with a filter of its own, and while that thread is still exiting the kernel refuses to
    synchronise the process's threads (seccomp_load then fails with ECANCELED).
    """

    try:
        seal(all_threads=True)
    except OSError:
        if available():
            raise  # seccomp works here, so the failure must not pass unnoticed


def answer(store: Any, request: Request | str) -> tuple[Any, ...]:
    """The answer to one request, as :func:`work` sends it, worked out on a deep stack
    (:func:`.offline.run_deep`): within the query limits no query overflows it."""

    if isinstance(request, str):
        request = Request(request, {}, "json", "nt", sys.maxsize - 1, sys.maxsize, False)
    return run_deep(lambda: _answer(store, request))


def _answer(store: Any, request: Request) -> tuple[Any, ...]:

    text, limit = request.text, request.limit
    try:
        if request.check:
            header = missing_prefixes(text)
            form = check(header + text, header_lines=header.count("\n"))
            fmt = request.graph if form in ("CONSTRUCT", "DESCRIBE") else request.results
            if fmt is None:
                return "not-acceptable", form
        result = store.query(text, prefixes=request.prefixes)
        if isinstance(result, ox.QueryBoolean):
            return "ok", "results", boolean(bool(result), request.results or "json")
        if isinstance(result, ox.QueryTriples):
            triples = _bounded(result, limit, request.max_bytes, _triple_size)
            if isinstance(triples, str):
                size = limit if triples == "count" else request.max_bytes
                return "too-many", size, triples, "graph"
            return "ok", "graph", graph(triples, request.graph or "nt")
        names = [v.value for v in result.variables]
        rows = _bounded(result, limit, request.max_bytes, _row_size)
        if isinstance(rows, str):
            return "too-many", limit if rows == "count" else request.max_bytes, rows, "results"
        return "ok", "results", solutions(names, rows, request.results or "json")
    except QueryError as err:
        return "refused", 403 if "not allowed" in str(err) else 400, str(err)
    except SyntaxError as err:
        return "syntax", str(err)
    except Exception as err:  # pyoxigraph raises OSError/ValueError while evaluating
        return "error", str(err)


def _size(term: Any) -> int:
    return len(term.value) if hasattr(term, "value") else len(str(term))


def _row_size(row: Any) -> int:
    return sum(_size(term) for term in row if term is not None)


def _triple_size(triple: Any) -> int:
    return _size(triple.subject) + _size(triple.predicate) + _size(triple.object)


def _bounded(result: Any, limit: int, max_bytes: int, size: Any) -> list[Any] | str:
    """The items of a lazy result, read one at a time and no further than the limits: a
    list, or which limit it went over ("count" or "bytes")."""
    items: list[Any] = []
    total = 0
    for item in result:
        if len(items) == limit:
            return "count"
        total += size(item)
        if total > max_bytes:
            return "bytes"
        items.append(item)
    return items


def boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer in SPARQL JSON or XML, or as a one-column CSV/TSV table."""
    word = b"true" if value else b"false"
    if fmt in _ASK_TABLE:
        return _ASK_TABLE[fmt] % word
    if fmt == "xml":
        return (
            b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            b"<head/><boolean>%s</boolean></sparql>\n" % word
        )
    return b'{"head":{},"boolean":%s}\n' % word


def solutions(names: list[str], rows: list[Any], fmt: str) -> bytes:
    """SELECT rows in SPARQL JSON, or in XML, CSV or TSV as Oxigraph writes them."""

    bindings = [
        {name: json_term(row[name]) for name in names if row[name] is not None} for row in rows
    ]
    data = json.dumps(
        {"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False
    ).encode("utf-8")
    if fmt == "json":
        return data
    formats = {
        "xml": ox.QueryResultsFormat.XML,
        "csv": ox.QueryResultsFormat.CSV,
        "tsv": ox.QueryResultsFormat.TSV,
    }
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    out: bytes = parsed.serialize(format=formats[fmt]) or b""
    return out


def graph(triples: list[Any], fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT or DESCRIBE triples in an RDF format; N-Triples sorted, one per line;
    Turtle, JSON-LD and RDF/XML with ``prefixes`` (by default the project's)."""

    if fmt == "nt":
        data: bytes = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        # One triple per "\n" (splitlines() would also cut at a U+2028 inside a literal).
        lines = sorted(line for line in data.decode("utf-8").split("\n") if line.strip())
        return "".join(line + "\n" for line in lines).encode("utf-8")
    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }
    names = WRITE_PREFIXES if prefixes is None else prefixes
    out: bytes = ox.serialize(triples, format=formats[fmt], prefixes=names) or b""
    return out
