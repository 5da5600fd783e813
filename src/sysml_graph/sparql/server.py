"""``sysml-graph serve``: a read-only SPARQL endpoint over the graph, with the HTML network
and an offline query page beside it.

Oxigraph (pyoxigraph) runs the queries, in worker processes (:mod:`.query_worker`): a query
that outlives the time limit has its worker killed and replaced, so it really stops while
other clients are served. This front checks every query first (no SERVICE, FROM, FROM NAMED
or updates), and answers the SPARQL 1.1 Protocol as clients expect: GET or POST, ``query=``
form or ``application/sparql-query`` body; SELECT and ASK as SPARQL JSON, XML, CSV or TSV;
CONSTRUCT and DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML; a service description on
GET without a query; VoID at ``/.well-known/void``. Every refusal is a complete reply with a
one-line text/plain message.

Connections are read on one thread (a selector) until a request has arrived whole; only then
does one of a fixed number of threads answer it. A slow or idle client holds a socket and a
buffer, never a thread, and is cut off by the idle and request time-outs.
"""

from __future__ import annotations

import html
import io
import json
import multiprocessing
import os
import queue
import re
import selectors
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from ..atomic import alive
from ..rdf.namespaces import (
    BASE,
    DATASET,
    FORMATS_NS,
    LICENSE,
    NAMESPACES,
    RDF_TYPE,
    RDFS,
    SD,
    VOID,
)
from ..rdf.store import KnowledgeGraph
from ..resources import PACKAGE
from .errors import QueryError
from .named import named_queries
from .params import bind, check_bindings
from .safety import enforce_limits, missing_prefixes
from .worker import Request, graph, work

# Media types offered per query form, in the server's order of preference (the first is
# the default, for */* or no Accept header), with the worker's name for each format.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}

GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}

# The W3C's IRIs for those formats (http://www.w3.org/ns/formats/), for sd:resultFormat.
FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


DUMP = "/sysml-graph.nt"

MAX_HEAD = 64 * 1024  # request line and headers; a GET query longer than this goes in a POST

MAX_BODY = 1024 * 1024  # a query of a megabyte is far beyond any real one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header ranks highest, or None if it allows none.

    A type's quality is that of the most specific range matching it (RFC 9110, 12.5.1);
    ties go to the server's order, so ``*/*`` or no header at all gets ``offered[0]``.

    >>> negotiate("text/*;q=0.5, text/csv;q=0", ["application/json", "text/csv", "text/tsv"])
    'text/tsv'
    >>> negotiate("image/png", ["text/csv"]) is None
    True
    """
    if accept is None or not accept.strip():
        return offered[0] if offered else None
    ranges: list[tuple[str, str, float]] = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        kind, _, sub = media.lower().partition("/")
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub or "*", q))
    best: tuple[float, int, str] | None = None
    for order, candidate in enumerate(offered):
        kind, _, sub = candidate.partition("/")
        quality, specificity = 0.0, -1
        for rkind, rsub, q in ranges:
            if (rkind, rsub) == (kind, sub):
                level = 2
            elif (rkind, rsub) == (kind, "*"):
                level = 1
            elif (rkind, rsub) == ("*", "*"):
                level = 0
            else:
                continue
            if level > specificity:
                quality, specificity = q, level
        if quality > 0 and (best is None or (-quality, order) < best[:2]):
            best = (-quality, order, candidate)
    return best[2] if best else None


@dataclass
class Limits:
    timeout: float = 10.0  # seconds per query
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)
    idle_timeout: float = 15.0  # seconds a connection may send nothing
    request_timeout: float = 60.0  # seconds a request may take to arrive whole
    send_timeout: float = 30.0  # seconds a client may take to read a part of an answer
    threads: int = 16  # threads answering complete requests
    max_connections: int = 256  # connections open at once; more are refused with 503
    queue: int = 64  # complete requests waiting for a thread; more are refused with 503
    max_bytes: int = 64 * 1024 * 1024  # bytes of terms per answer (rows have no size bound)


# An answer made outside the endpoint: status, media type, body, extra headers.
Reply = tuple[int, str, bytes, list[tuple[str, str]]]


class Site(Protocol):
    """Pages served beside the endpoint (:mod:`sysml_graph.site.serve`): the landing page
    at ``/`` and an entity's page or RDF at its IRI's path."""

    def answer(self, path: str, accept: str | None) -> Reply | None: ...


class SparqlError(Exception):
    """A request the endpoint refuses: an HTTP status and a one-line message."""

    def __init__(self, status: int, message: str, headers: Sequence[tuple[str, str]] = ()):
        super().__init__(message)
        self.status = status
        self.headers = list(headers)


class WorkerLost(Exception):
    """The worker stopped: it must be replaced."""


class WorkerTimedOut(WorkerLost):
    """The query outlived its time; the worker is killed to stop it."""


class WorkerCrashed(WorkerLost):
    """The worker died answering (a crash of the engine, or killed from outside)."""


class Worker:
    """A process holding the graph in pyoxigraph, running one query at a time."""

    def __init__(self, path: Path) -> None:

        ctx = multiprocessing.get_context("spawn")  # safe beside the server's threads
        self._stopping = threading.Lock()
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=work, args=(child, str(path)), daemon=True)
        self.process.start()
        child.close()

    def ready(self, seconds: float) -> int:
        """Wait until the graph is loaded; the number of triples it holds."""
        try:
            if self.conn.poll(seconds):
                message = self.conn.recv()
                if message[0] == "ready":
                    return int(message[1])
        except (EOFError, OSError):
            pass
        self.stop()
        raise RuntimeError(f"a query worker did not start (exit code {self.process.exitcode})")

    def stop(self) -> None:
        # Two threads may stop one worker at once (the server closing while a replacement
        # waits for it); closing its pipe twice would close whatever reused the descriptor.
        with self._stopping:
            if self.process.exitcode is None:
                self.process.kill()
                self.process.join(5)
            self.conn.close()

    def alive(self) -> bool:
        return self.process.exitcode is None

    def run(self, request: Request, timeout: float) -> tuple[Any, ...]:
        try:
            self.conn.send(request)
            if self.conn.poll(timeout):
                reply: tuple[Any, ...] = self.conn.recv()
                return reply
        except (EOFError, OSError):
            self.process.join(1)
            raise WorkerCrashed(self.process.exitcode) from None
        raise WorkerTimedOut


class Pool:
    """Query workers shared by the server's threads; a lost worker is replaced in the
    background, so the client whose query was stopped gets its answer at once."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.workers: list[Worker] = [Worker(path) for _ in range(size)]
        counts = {w.ready(120) for w in self.workers}
        self.triples = counts.pop()
        for w in self.workers:
            self.idle.put(w)

    def run(self, request: Request, timeout: float, wait: float) -> tuple[Any, ...]:
        """Run ``request`` on the first free worker, waiting for one at most ``wait`` s
        (503 after that) and running at most ``timeout`` s (WorkerTimedOut)."""
        deadline = time.monotonic() + wait
        while True:
            try:
                worker = self.idle.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise SparqlError(
                    503,
                    f"all {len(self.workers)} query engines stayed busy for {wait:g} s; "
                    "try again in a moment",
                    [("Retry-After", "5")],
                ) from None
            if worker.alive():
                break
            self._replace(worker)  # died while idle (killed from outside): not this query's
        try:
            reply = worker.run(request, timeout)
        except WorkerLost as err:
            if isinstance(err, WorkerCrashed):
                print(
                    f"serve: a query worker died (exit code {err.args[0]}) answering a "
                    "query; starting another",
                    file=sys.stderr,
                )
            self._replace(worker)
            raise
        self.idle.put(worker)
        return reply

    def _replace(self, worker: Worker) -> None:
        worker.stop()  # the only way to stop a running query

        def start() -> None:
            for attempt in range(5):
                with self._lock:
                    if self._closed:
                        return
                    new = Worker(self.path)
                    self.workers[self.workers.index(worker)] = new
                try:
                    new.ready(120)
                except RuntimeError as err:
                    if self._closed:
                        return  # stopped by close(), as the server shuts down
                    print(f"serve: {err}; trying again", file=sys.stderr)
                    time.sleep(1 + attempt)
                    continue
                self.idle.put(new)
                return

        threading.Thread(target=start, name="sysml-graph-worker-start", daemon=True).start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for w in self.workers:
                w.stop()


def _prefixes(text: str) -> dict[str, str]:
    """The predeclared prefixes ``text`` uses without declaring them."""
    return dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", missing_prefixes(text)))


def answer(
    pool: Pool, text: str, accept: str | None, limits: Limits, arrived: float | None = None
) -> tuple[str, bytes]:
    """Check, run and format one query: (media type, body); raise SparqlError.

    The query limits (:func:`.sparql.enforce_limits`) are checked here, before any parser
    sees the text; the safety check itself (a full parse, slow on long texts) runs in the
    worker, under the time limit, and so does the evaluation. The form of the query is
    known only there, so the worker gets the negotiated format for either form.
    """
    try:
        enforce_limits(text)
    except QueryError as err:
        raise SparqlError(400, str(err)) from None
    results, graphs = negotiate(accept, list(RESULT_TYPES)), negotiate(accept, list(GRAPH_TYPES))
    request = Request(
        text,
        _prefixes(text),
        RESULT_TYPES[results] if results else None,
        GRAPH_TYPES[graphs] if graphs else None,
        limits.max_results,
        limits.max_bytes,
    )
    reply = run_query(pool, request, limits, arrived)
    if reply[0] == "ok":
        media = results if reply[1] == "results" else graphs
        assert media is not None  # the worker answers only in a format asked for
        return media, reply[2]
    if reply[0] == "not-acceptable":
        form = reply[1]
        offered = list(GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES)
        raise SparqlError(
            406,
            f"answers to {form} queries come as {', '.join(offered)}; "
            f"the Accept header ({accept}) allows none of them",
        )
    if reply[0] == "refused":
        raise SparqlError(reply[1], reply[2])
    if reply[0] == "too-many":
        if reply[2] == "bytes":
            raise SparqlError(
                413, f"the result is over {reply[1] // (1024 * 1024)} MiB; add a LIMIT"
            )
        things = "triples" if reply[3] == "graph" else "rows"
        raise SparqlError(413, f"the result has more than {reply[1]} {things}; add a LIMIT")
    if reply[0] == "syntax":
        raise SparqlError(400, f"SPARQL syntax error: {reply[1]}")
    raise SparqlError(400, f"the query failed: {str(reply[1])[:300]}")


def run_query(
    pool: Pool, request: Request, limits: Limits, arrived: float | None = None
) -> tuple[Any, ...]:
    """A worker's reply to ``request``: it waits for a thread and a free worker at most
    ``limits.timeout`` from when it ``arrived`` whole (time.monotonic()), and runs (parse
    included) at most ``limits.timeout``; SparqlError otherwise."""
    waited = time.monotonic() - arrived if arrived is not None else 0.0
    try:
        return pool.run(request, limits.timeout, wait=max(limits.timeout - waited, 0.0))
    except WorkerTimedOut:
        raise SparqlError(
            503,
            f"the query ran longer than the time limit of {limits.timeout:g} s; "
            "narrow it or add a LIMIT",
        ) from None
    except WorkerCrashed:
        raise SparqlError(
            500,
            "the query engine crashed on this query; it has been restarted. "
            "Narrow the query, or report it as a bug",
        ) from None


Triple = tuple[str, str, str | int]  # subject IRI, predicate IRI, object IRI or literal


def _literal(value: str | int) -> Any:

    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(NAMESPACES["xsd"] + "integer"))
    return ox.Literal(value)


def rdf(triples: Sequence[Triple | Any], fmt: str) -> bytes:
    """Triples (tuples, or pyoxigraph triples) in an RDF format: a key of GRAPH_TYPES'
    values. A tuple's object is an IRI when it looks like one, else a literal."""

    terms = []
    for t in triples:
        if isinstance(t, tuple):
            s, p, o = t
            is_iri = isinstance(o, str) and re.match(r"https?://\S+$", o)
            obj = ox.NamedNode(o) if is_iri else _literal(o)
            t = ox.Triple(ox.NamedNode(s), ox.NamedNode(p), obj)
        terms.append(t)
    names = ("rdf", "rdfs", "xsd", "void", "dcterms")
    prefixes = {"sd": SD, "formats": FORMATS_NS}
    prefixes |= {name: NAMESPACES[name] for name in names}
    return graph(list(dict.fromkeys(terms)), fmt, prefixes)


def service_description(base: str, triples: int, limits: Limits) -> list[Triple]:
    """A SPARQL 1.1 Service Description of the endpoint at ``base``/sparql."""
    endpoint = f"{base}/sparql"
    dataset, default = f"{endpoint}#dataset", f"{endpoint}#default-graph"
    out: list[Triple] = [
        (endpoint, RDF_TYPE, SD + "Service"),
        (endpoint, SD + "endpoint", endpoint),
        (endpoint, SD + "supportedLanguage", SD + "SPARQL11Query"),
        (endpoint, SD + "defaultDataset", dataset),
        (dataset, RDF_TYPE, SD + "Dataset"),
        (dataset, SD + "defaultGraph", default),
        (default, RDF_TYPE, SD + "Graph"),
        (default, VOID + "triples", triples),
        (default, RDFS + "seeAlso", f"{base}/.well-known/void"),
        (
            endpoint,
            RDFS + "comment",
            f"Read-only: updates, SERVICE, FROM and FROM NAMED are refused. Each query may "
            f"run {limits.timeout:g} s and answer {limits.max_results} rows or triples.",
        ),
    ]
    for media in FORMAT_IRIS:
        out.append((endpoint, SD + "resultFormat", FORMATS_NS + FORMAT_IRIS[media]))
    # No standard sd:Feature fits (the endpoint neither federates nor dereferences), so the
    # features are the service's own, each described here for a reader who never met them.
    features = {
        "read-only": "Updates are refused (403).",
        "no-federation": "SERVICE is refused (403); the engine cannot open a network socket.",
        "single-default-graph": (
            "One default graph and no named graphs: FROM, FROM NAMED, default-graph-uri "
            "and named-graph-uri are refused."
        ),
        "time-limit": f"A query running over {limits.timeout:g} s is stopped (503).",
    }
    for name, comment in features.items():
        iri = f"{endpoint}#{name}"
        out += [
            (endpoint, SD + "feature", iri),
            (iri, RDF_TYPE, SD + "Feature"),
            (iri, RDFS + "comment", comment),
        ]
    return out


def void_description(base: str, triples: int, own: Sequence[Any]) -> list[Triple | Any]:
    """VoID of the served dataset: the graph's own void:Dataset node (``own``: its
    triples, with its licence), with where to query and download it and its size here."""
    dataset = DATASET if own else f"{base}/.well-known/void#dataset"
    out: list[Triple | Any] = [t for t in own if not str(t.predicate).endswith("#triples>")]
    out += [
        (dataset, RDF_TYPE, VOID + "Dataset"),
        (dataset, VOID + "triples", triples),
        (dataset, VOID + "sparqlEndpoint", f"{base}/sparql"),
        (dataset, VOID + "dataDump", f"{base}{DUMP}"),
    ]
    if not own:
        out.append((dataset, NAMESPACES["dcterms"] + "license", LICENSE))
    return out


@dataclass(eq=False)  # kept in a set, by identity
class Conn:
    """A client connection: its socket and what it has sent that is not yet answered."""

    sock: socket.socket
    address: Any
    last: float  # when a byte last arrived (or an answer was sent)
    buf: bytearray = field(default_factory=bytearray)
    started: float | None = None  # when the pending request's first byte arrived
    continued: bool = False  # "100 Continue" sent for the pending request


def _reply(
    status: int, reason: str, message: str, headers: Sequence[tuple[str, str]] = ()
) -> bytes:
    body = (message + "\n").encode("utf-8")
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    ).encode("ascii") + body


class Front:
    """Accepts connections and reads each request whole on one thread; a fixed pool of
    threads answers complete requests. Has the ``serve_forever`` / ``shutdown`` /
    ``server_close`` / ``server_address`` of a socketserver server."""

    def __init__(
        self, address: tuple[str, int], handler: Callable[..., Any], limits: Limits
    ) -> None:
        self.handler = handler
        self.limits = limits
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.socket = socket.socket(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(address)
        self.socket.listen(1024)  # the kernel caps it at net.core.somaxconn
        self.socket.setblocking(False)
        self.server_address = self.socket.getsockname()
        self._selector = selectors.DefaultSelector()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._returned: queue.SimpleQueue[Conn] = queue.SimpleQueue()
        # Complete requests, with when each arrived whole.
        self._jobs: queue.SimpleQueue[tuple[Conn, bytes, float] | None] = queue.SimpleQueue()
        self._queued = 0  # requests in _jobs, not yet taken by a thread
        self._waiting: set[Conn] = set()  # connections the selector reads from
        self._open = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._answer, name=f"sysml-graph-http-{i}", daemon=True)
            for i in range(limits.threads)
        ]
        for t in self._threads:
            t.start()

    # -- the selector thread --

    def serve_forever(self) -> None:
        """Read connections until :meth:`shutdown` (or a signal, under :func:`serving`)."""
        self._selector.register(self.socket, selectors.EVENT_READ, "accept")
        self._selector.register(self._wake_r, selectors.EVENT_READ, "wake")
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=1.0):
                if key.data == "accept":
                    self._accept()
                elif key.data == "wake":
                    self._take_back()
                else:
                    self._read(key.data)
            self._expire()

    def shutdown(self) -> None:
        self._stop.set()
        with suppress(OSError):
            self._wake_w.send(b"x")

    def server_close(self) -> None:
        self._stop.set()
        for _ in self._threads:
            self._jobs.put(None)
        for conn in list(self._waiting):
            self._close(conn)
        self._selector.close()
        for s in (self.socket, self._wake_r, self._wake_w):
            s.close()

    def _accept(self) -> None:
        while True:
            try:
                sock, address = self.socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:  # e.g. out of file descriptors: try again on the next round
                return
            sock.setblocking(False)
            with self._lock:
                full = self._open >= self.limits.max_connections
                if not full:
                    self._open += 1
            if full:
                message = f"too many open connections ({self.limits.max_connections})"
                with suppress(OSError):
                    sock.send(_reply(503, "Service Unavailable", message + "; try again"))
                sock.close()
                continue
            conn = Conn(sock, address, time.monotonic())
            self._waiting.add(conn)
            self._selector.register(sock, selectors.EVENT_READ, conn)

    def _take_back(self) -> None:
        with suppress(OSError):
            self._wake_r.recv(4096)
        while True:
            try:
                conn = self._returned.get_nowait()
            except queue.Empty:
                return
            conn.last = time.monotonic()
            self._waiting.add(conn)
            self._selector.register(conn.sock, selectors.EVENT_READ, conn)
            if conn.buf:  # a pipelined request arrived with the last one
                self._dispatch(conn)

    def _read(self, conn: Conn) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._close(conn)
            return
        conn.last = time.monotonic()
        if conn.started is None:
            conn.started = conn.last
        conn.buf += data
        self._dispatch(conn)

    def _refuse(
        self,
        conn: Conn,
        status: int,
        reason: str,
        message: str,
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        with suppress(OSError):
            conn.sock.send(_reply(status, reason, message, headers))
        self._close(conn)

    def _dispatch(self, conn: Conn) -> None:
        """Hand the pending request to a thread once it has arrived whole."""
        while conn.buf[:2] == b"\r\n" or conn.buf[:1] == b"\n":  # empty lines between requests
            del conn.buf[: 2 if conn.buf[:1] == b"\r" else 1]
        if not conn.buf:
            conn.started = None
            return
        ends = [(i, n) for i, n in ((conn.buf.find(b"\r\n\r\n"), 4), (conn.buf.find(b"\n\n"), 2))]
        ends = [(i, n) for i, n in ends if i >= 0]
        if not ends:
            if len(conn.buf) > MAX_HEAD:
                self._refuse(
                    conn,
                    431,
                    "Request Header Fields Too Large",
                    f"the request line and headers are over {MAX_HEAD // 1024} KiB; "
                    "POST a long query as the body",
                )
            return
        at, size = min(ends)
        head_end = at + size
        length: int | None = None
        expect = False
        for line in bytes(conn.buf[:at]).split(b"\n")[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip()
            if name == b"content-length":
                # Digits only: int() would also take "+1", " 1_0" or "-0".
                if not value.isdigit():
                    self._refuse(
                        conn, 400, "Bad Request", "Content-Length is not a number of bytes"
                    )
                    return
                # Past 20 digits it is over any limit; int() never reads a megabyte of them.
                given = int(value) if len(value) <= 20 else MAX_BODY + 1
                if length is not None and length != given:
                    self._refuse(conn, 400, "Bad Request", "Content-Length is given twice")
                    return
                length = given
            elif name == b"transfer-encoding":
                self._refuse(conn, 411, "Length Required", "send the body with a Content-Length")
                return
            elif name == b"expect" and value.lower() == b"100-continue":
                expect = True
        length = length or 0
        if length > MAX_BODY:
            self._refuse(
                conn,
                413,
                "Content Too Large",
                f"the request body is over {MAX_BODY // 1024} KiB; no query is that long",
            )
            return
        if len(conn.buf) < head_end + length:
            if expect and not conn.continued:
                conn.continued = True
                with suppress(OSError):
                    conn.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
            return
        with self._lock:
            full = self._queued >= self.limits.queue
            self._queued += not full
        if full:
            self._refuse(
                conn,
                503,
                "Service Unavailable",
                f"{self.limits.queue} requests are already waiting; try again in a moment",
                [("Retry-After", "5")],
            )
            return
        request = bytes(conn.buf[: head_end + length])
        del conn.buf[: head_end + length]
        conn.continued = False
        conn.started = time.monotonic() if conn.buf else None
        self._waiting.discard(conn)
        self._selector.unregister(conn.sock)
        self._jobs.put((conn, request, time.monotonic()))

    def _expire(self) -> None:
        now = time.monotonic()
        for conn in list(self._waiting):
            if conn.buf and conn.started is not None:
                if now - conn.last > self.limits.idle_timeout:
                    self._refuse(
                        conn,
                        408,
                        "Request Timeout",
                        f"nothing arrived for {self.limits.idle_timeout:g} s "
                        "in the middle of a request",
                    )
                elif now - conn.started > self.limits.request_timeout:
                    self._refuse(
                        conn,
                        408,
                        "Request Timeout",
                        f"the request took over {self.limits.request_timeout:g} s to arrive",
                    )
            elif now - conn.last > self.limits.idle_timeout:
                self._close(conn)  # an idle keep-alive connection: closed without a word

    def _close(self, conn: Conn) -> None:
        if conn in self._waiting:
            self._waiting.discard(conn)
            with suppress(KeyError, ValueError):
                self._selector.unregister(conn.sock)
        with suppress(OSError):
            conn.sock.close()
        with self._lock:
            self._open -= 1

    # -- the answering threads --

    def _answer(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            conn, request, arrived = job
            with self._lock:
                self._queued -= 1
            keep = False
            try:
                conn.sock.settimeout(self.limits.send_timeout)
                handler = self.handler(conn.sock, conn.address, self, request, arrived)
                keep = not handler.close_connection
            except OSError:  # the client went away or stopped reading
                pass
            except Exception:  # a bug of ours: logged, and the thread lives on
                traceback.print_exc(file=sys.stderr)
            if keep and not self._stop.is_set():
                conn.sock.setblocking(False)
                self._returned.put(conn)
                with suppress(OSError):
                    self._wake_w.send(b"x")
            else:
                with suppress(OSError):
                    conn.sock.close()
                with self._lock:
                    self._open -= 1


def query_page() -> str:
    """An offline page: each named query with its parameters as fields (suggesting valid
    ids as one types), results as a table whose entity ids link to their pages, a shareable
    URL (``/query?q=coauthors&person=nicholas-d-lane`` runs it), CSV and JSON downloads;
    and a box for any SPARQL query."""
    named = named_queries()
    queries: dict[str, dict[str, Any]] = {
        name: {
            "question": q.question,
            "text": q.text,
            "params": [
                {"name": p.name, "kind": p.kind, "default": p.default, "help": p.help}
                for p in q.params
            ],
        }
        for name, q in named.items()
    }
    data = json.dumps(queries, ensure_ascii=False).replace("<", "\\u003c")
    options = "\n".join(
        f'<option value="{html.escape(n)}">{html.escape(n)}: {html.escape(q.question)}</option>'
        for n, q in named.items()
    )
    buttons = "\n".join(
        f'<li><button data-name="{html.escape(n)}">{html.escape(n)}</button> '
        f"{html.escape(q.question)}</li>"
        for n, q in named.items()
    )
    template = (PACKAGE / "templates" / "query.html").read_text(encoding="utf-8")
    return (
        template.replace("{base}", BASE)
        .replace("{options}", options)
        .replace("{buttons}", buttons)
        .replace("{data}", data)
    )


_HOST = re.compile(r"(?:[A-Za-z0-9\-.]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")


def catalogue() -> bytes:
    """The named queries as JSON: what each asks, and the parameters it takes."""
    doc = {
        name: {
            "question": q.question,
            "url": f"/queries/{name}",
            "parameters": [
                {"name": p.name, "kind": p.kind, "default": p.default, "help": p.help}
                for p in q.params
            ],
        }
        for name, q in named_queries().items()
    }
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def column(pool: Pool, text: str, limits: Limits, arrived: float | None = None) -> list[str]:
    """The values of a one-column SELECT, run by the workers (for parameter checks)."""
    request = Request(text, _prefixes(text), "json", None, 10_000_000, limits.max_bytes, False)
    reply = run_query(pool, request, limits, arrived)
    if reply[0] != "ok":
        raise SparqlError(500, f"checking the parameters failed: {str(reply[1])[:300]}")
    doc = json.loads(reply[2])
    name = doc["head"]["vars"][0]
    return [str(row[name]["value"]) for row in doc["results"]["bindings"] if name in row]


def named_answer(
    pool: Pool,
    name: str,
    query_string: str,
    accept: str | None,
    limits: Limits,
    arrived: float | None = None,
) -> tuple[str, bytes]:
    """A named query run with parameters from the query string: (media type, body).

    An unknown parameter or malformed value is a 400; a value naming nothing in the graph
    a 404 with the nearest ids, as ``sysml-graph query`` says it.
    """
    queries = named_queries()
    if name not in queries:
        raise SparqlError(404, f"no query named '{name}'; known: {', '.join(queries)}")
    query = queries[name]
    try:
        params = urllib.parse.parse_qsl(query_string, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise SparqlError(400, "the request is not valid UTF-8") from None
    bindings = dict(params)
    if len(bindings) != len(params):
        raise SparqlError(400, "a parameter is given more than once; give each once")
    try:
        text = bind(query, bindings)
        check_bindings(query, bindings, lambda sparql: column(pool, sparql, limits, arrived))
    except QueryError as err:
        raise SparqlError(404 if str(err).startswith("no ") else 400, str(err)) from None
    return answer(pool, text, accept, limits, arrived)


def make_handler(
    pool: Pool, limits: Limits, network_html: bytes, site: Site | None = None
) -> Callable[..., Any]:
    """The request handler class: one instance answers one complete request."""
    page = query_page().encode("utf-8")
    named_list = catalogue()
    own_void: list[Any] = []
    own = f"CONSTRUCT {{ <{DATASET}> ?p ?o }} WHERE {{ <{DATASET}> ?p ?o }}"
    reply = pool.run(Request(own, {}, None, "nt", 1000, check=False), timeout=60, wait=60)
    if reply[0] == "ok":
        own_void = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(reply[2], format=ox.RdfFormat.N_TRIPLES)
        ]

    class Handler(BaseHTTPRequestHandler):
        server_version = "sysml-graph"
        protocol_version = "HTTP/1.1"
        # Not HTTP/0.9, under which http.server answers a garbled request line with a body
        # and no status line.
        default_request_version = "HTTP/1.0"

        def __init__(
            self, sock: socket.socket, address: Any, server: Any, data: bytes, arrived: float
        ) -> None:
            self._data = data
            self._arrived = arrived
            self.command = ""
            super().__init__(sock, address, server)

        def setup(self) -> None:
            self.connection = self.request
            self.rfile = io.BytesIO(self._data)
            self.wfile = self.connection.makefile("wb")

        def handle(self) -> None:
            self.close_connection = True
            self.handle_one_request()

        def handle_expect_100(self) -> bool:
            return True  # the front sent "100 Continue" while the body was arriving

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet; errors go back to the client

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            # http.server's malformed-request replies, as text/plain with a message.
            self.close_connection = True
            text = message or self.responses.get(code, ("error",))[0]
            self._send(code, "text/plain", (text + "\n").encode("utf-8"))

        def _send(
            self,
            status: int,
            media: str,
            body: bytes,
            headers: Sequence[tuple[str, str]] = (),
        ) -> None:
            self.send_response(status)
            charset = media.startswith("text/") or media.endswith(("+xml", "json"))
            self.send_header("Content-Type", media + ("; charset=utf-8" if charset else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in headers:
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, err: SparqlError) -> None:
            self._send(err.status, "text/plain", (str(err) + "\n").encode("utf-8"), err.headers)

        def _base(self) -> str:
            host = self.headers.get("Host", "")
            if not _HOST.fullmatch(host):
                address: Any = self.server.server_address
                name, port = address[0], address[1]
                host = f"[{name}]:{port}" if ":" in name else f"{name}:{port}"
            return f"http://{host}"

        def _route(self) -> None:
            try:
                self._dispatch()
            except SparqlError as err:
                self._error(err)
            except OSError:
                raise  # the client's socket: the front closes it
            except Exception:
                # A bug of ours, not the client's: say so, and keep the traceback.
                print(f"serve: error answering {self.command} {self.path}", file=sys.stderr)
                traceback.print_exc(file=sys.stderr)
                self.close_connection = True
                self._error(SparqlError(500, "the server failed to answer; see its log"))

        def _dispatch(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            allowed = "GET, HEAD, POST, OPTIONS" if url.path == "/sparql" else "GET, HEAD, OPTIONS"
            reply = site.answer(url.path, self.headers.get("Accept")) if site else None
            if reply is not None:
                if self.command == "OPTIONS":
                    self._send(204, "text/plain", b"", [("Allow", "GET, HEAD, OPTIONS")])
                elif self.command not in ("GET", "HEAD"):
                    raise SparqlError(
                        405,
                        f"{self.command} is not allowed on {url.path}",
                        [("Allow", "GET, HEAD, OPTIONS")],
                    )
                else:
                    self._send(*reply)
                return
            known = url.path.startswith("/queries/") or url.path in (
                "/sparql",
                "/",
                "/index.html",
                "/query",
                "/network",
                "/queries",
                "/.well-known/void",
                DUMP,
            )
            if not known:
                raise SparqlError(
                    404,
                    f"nothing at {url.path}; try /sparql, /, /query, /network, /queries "
                    "or /.well-known/void",
                )
            if self.command == "OPTIONS":
                self._send(204, "text/plain", b"", [("Allow", allowed)])
            elif self.command not in allowed.split(", "):
                raise SparqlError(
                    405, f"{self.command} is not allowed on {url.path}", [("Allow", allowed)]
                )
            elif url.path == "/sparql":
                self._sparql(url.query)
            elif url.path in ("/", "/index.html", "/query"):
                self._send(200, "text/html", page)
            elif url.path == "/network":
                self._send(200, "text/html", network_html)
            elif url.path == DUMP:
                self._dump()
            elif url.path == "/queries":
                self._send(200, "application/json", named_list)
            elif url.path.startswith("/queries/"):
                name = urllib.parse.unquote(url.path.removeprefix("/queries/"))
                accept = self.headers.get("Accept")
                media, data = named_answer(pool, name, url.query, accept, limits, self._arrived)
                self._send(200, media, data, [("Vary", "Accept")])
            else:
                base = self._base()
                self._describe(void_description(base, pool.triples, own_void), html_ok=False)

        do_GET = do_HEAD = do_POST = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _route

        def _describe(self, triples: Sequence[Any], html_ok: bool) -> None:
            """RDF about the service, in the format the client asks for; a browser asking
            for HTML is sent to the query page."""
            offered = [*GRAPH_TYPES, "text/html"] if html_ok else list(GRAPH_TYPES)
            accept = self.headers.get("Accept")
            media = negotiate(accept, offered)
            if media is None:
                raise SparqlError(
                    406,
                    f"this description comes as {', '.join(GRAPH_TYPES)}; "
                    f"the Accept header ({accept}) allows none of them",
                )
            if media == "text/html":
                location = [("Location", "/query"), ("Vary", "Accept")]
                self._send(303, "text/plain", b"see /query\n", location)
                return
            self._send(200, media, rdf(triples, GRAPH_TYPES[media]), [("Vary", "Accept")])

        def _dump(self) -> None:
            size = pool.path.stat().st_size
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.flush()
                with pool.path.open("rb") as f:
                    self.connection.sendfile(f)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length)

        def _sparql(self, query_string: str) -> None:
            """The SPARQL 1.1 Protocol's query operation."""
            try:
                params = urllib.parse.parse_qsl(
                    query_string, keep_blank_values=True, errors="strict"
                )
                body_query = None
                if self.command == "POST":
                    body = self._body()
                    media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                    if media == "application/x-www-form-urlencoded":
                        params += urllib.parse.parse_qsl(
                            body.decode("utf-8"), keep_blank_values=True, errors="strict"
                        )
                    elif media == "application/sparql-update":
                        raise SparqlError(403, "updates are not allowed: the endpoint is read-only")
                    elif media in ("application/sparql-query", ""):
                        body_query = body.decode("utf-8")
                    else:
                        raise SparqlError(
                            415,
                            f"cannot read a {media} body; send application/sparql-query "
                            "or a query= form (application/x-www-form-urlencoded)",
                        )
            except UnicodeDecodeError:
                raise SparqlError(400, "the request is not valid UTF-8") from None
            names = [name for name, _ in params]
            if "update" in names:
                raise SparqlError(403, "updates are not allowed: the endpoint is read-only")
            graphs = sorted({n for n in names if n in ("default-graph-uri", "named-graph-uri")})
            if graphs:
                raise SparqlError(
                    400,
                    f"{' and '.join(graphs)} cannot be honoured: the endpoint serves one "
                    "default graph (the whole dataset) and no named graphs; leave them out",
                )
            queries = [value for name, value in params if name == "query"]
            if body_query is not None and (body_query.strip() or not queries):
                queries.append(body_query)
            if len(queries) > 1:
                raise SparqlError(
                    400,
                    f"the request holds {len(queries)} queries (query= given more than once, "
                    "or both a query= parameter and a query body); send one",
                )
            if not queries:
                if self.command == "POST":
                    raise SparqlError(
                        400,
                        "give a SPARQL query: a query= form or an application/sparql-query body",
                    )
                base = self._base()
                self._describe(service_description(base, pool.triples, limits), html_ok=True)
                return
            if not queries[0].strip():
                raise SparqlError(400, "the query is empty")
            accept = self.headers.get("Accept")
            media, data = answer(pool, queries[0], accept, limits, self._arrived)
            self._send(200, media, data, [("Vary", "Accept")])

    return Handler


@contextmanager
def serving(
    graph: Any,
    host: str,
    port: int,
    limits: Limits,
    network_html: bytes,
    workers: int = 2,
    site: Site | None = None,
) -> Iterator[Front]:
    """The front server, bound and ready (call ``serve_forever`` on it).

    The graph goes to a temporary N-Triples file that the workers load (and that is the
    dump at /sysml-graph.nt); it is removed on every way out but SIGKILL: SIGTERM and
    SIGHUP unwind like Ctrl-C, and a second signal during the clean-up is ignored.
    """
    with (
        _stopping_on_signals(),
        _serving(graph, host, port, limits, network_html, workers, site) as server,
    ):
        yield server


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def _stopping_on_signals() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signals go to the main thread; whoever runs it decides
        return

    def stop(signum: int, frame: Any) -> None:
        for number in _STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, stop) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _remove_leftovers(root: Path) -> None:
    """Remove the folders of serve processes killed with -9, the one way out that cannot
    clean up after itself (each holds a copy of a graph: 11 MB for the shipped data)."""

    for folder in root.glob("sysml-graph-serve-*-*"):
        owner = re.fullmatch(r"sysml-graph-serve-(\d+)-\w+", folder.name)
        with suppress(OSError):
            mine = folder.is_dir() and folder.stat().st_uid == os.getuid()
            if owner is not None and mine and not alive(int(owner.group(1))):
                shutil.rmtree(folder)


@contextmanager
def _serving(
    graph: Any,
    host: str,
    port: int,
    limits: Limits,
    network_html: bytes,
    workers: int,
    site: Site | None = None,
) -> Iterator[Front]:

    _remove_leftovers(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=f"sysml-graph-serve-{os.getpid()}-") as tmp:
        path = Path(tmp) / "graph.nt"
        nt = graph.nt() if isinstance(graph, KnowledgeGraph) else graph.serialize(format="nt")
        path.write_bytes(nt if isinstance(nt, bytes) else nt.encode("utf-8"))
        pool = Pool(path, workers)
        try:
            handler = make_handler(pool, limits, network_html, site)
            server = Front((host, port), handler, limits)
            try:
                yield server
            finally:
                server.server_close()
        finally:
            pool.close()
