"""``sysml-graph serve``: a read-only SPARQL endpoint over the graph, with the HTML network
and an offline query page beside it.

Oxigraph (pyoxigraph) runs the queries, in worker processes: a query that outlives the time
limit has its worker killed and replaced, so it really stops while other clients are served.
This front checks every query first (no SERVICE, FROM, FROM NAMED or updates), refuses
results over the size limit, and answers in the format the client asks for (SPARQL 1.1
Protocol: GET or POST, ``query=`` form or ``application/sparql-query`` body; SPARQL JSON,
XML, CSV, TSV; Turtle, N-Triples, JSON-LD).
"""

from __future__ import annotations

import html
import io
import json
import queue
import socket
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rdflib import Graph

from .sparql import QueryError, check, format_result, missing_prefixes, named_queries

SELECT_TYPES = {
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
    "application/ld+json": "json-ld",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _choose(accept: str, offered: dict[str, str], default: str) -> tuple[str, str]:
    """(media type, format) for an Accept header, by q-value then order."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        for candidate in offered:
            if media in (candidate, "*/*", candidate.split("/")[0] + "/*") and q > 0:
                key = (-q, i, candidate if media != "*/*" else default)
                if best is None or key < best:
                    best = key
    chosen = best[2] if best else default
    return chosen, offered[chosen]


@dataclass
class Limits:
    timeout: float = 10.0  # seconds per query
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE)


class QueryTimeout(Exception):
    """A query outlived the time limit (its worker was stopped)."""


class Worker:
    """A process holding the graph in pyoxigraph, running one query at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._start()

    def _start(self) -> None:
        import multiprocessing

        from .query_worker import work

        ctx = multiprocessing.get_context("spawn")  # safe beside the server's threads
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=work, args=(child, str(self.path)), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(120):
            raise RuntimeError("a query worker did not start")
        self.conn.recv()  # ("ready", triples)

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def run(self, text: str, timeout: float) -> tuple[str, bytes]:
        self.conn.send(text)
        if not self.conn.poll(timeout):
            self.stop()  # the only way to stop a running query
            self._start()
            raise QueryTimeout
        reply = self.conn.recv()
        if reply[0] == "error":
            raise SparqlError(400, f"the query failed: {reply[1][:300]}")
        return reply[1], reply[2]


class Pool:
    """Query workers shared by the server's threads."""

    def __init__(self, graph: Any, size: int, folder: Path) -> None:
        path = folder / "graph.nt"
        from .kgraph import KnowledgeGraph

        nt = graph.nt() if isinstance(graph, KnowledgeGraph) else graph.serialize(format="nt")
        path.write_bytes(nt if isinstance(nt, bytes) else nt.encode("utf-8"))
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers = [Worker(path) for _ in range(size)]
        for w in self.workers:
            self.idle.put(w)

    def run(self, text: str, timeout: float) -> tuple[str, bytes]:
        worker = self.idle.get()
        try:
            return worker.run(text, timeout)
        finally:
            self.idle.put(worker)

    def close(self) -> None:
        for w in self.workers:
            w.stop()


class SparqlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def answer(pool: Pool, text: str, accept: str, limits: Limits) -> tuple[str, bytes]:
    """Check, run and format one query: (content type, body); raise SparqlError."""
    from rdflib.query import Result

    full = missing_prefixes(text) + text
    try:
        form = check(full, header_lines=full.count("\n") - text.count("\n"))
    except QueryError as err:
        status = 403 if "not allowed" in str(err) else 400
        raise SparqlError(status, str(err)) from None
    graph_query = form in ("CONSTRUCT", "DESCRIBE")
    try:
        _, data = pool.run(full, limits.timeout)
    except QueryTimeout:
        raise SparqlError(
            503,
            f"the query ran longer than the time limit of "
            f"{limits.timeout:g} s; narrow it or add a LIMIT",
        ) from None
    if graph_query:
        # One triple per "\n" (splitlines() would also cut at a U+2028 inside a literal).
        lines = [line for line in data.decode("utf-8").split("\n") if line.strip()]
        if len(lines) > limits.max_results:
            raise SparqlError(
                413, f"the result has more than {limits.max_results} triples; narrow the query"
            )
        media, fmt = _choose(accept, GRAPH_TYPES, "text/turtle")
        if fmt == "nt":
            return media, ("\n".join(sorted(lines)) + "\n").encode("utf-8") if lines else b""
        g = Graph().parse(data="\n".join(lines), format="nt")
        body: bytes = g.serialize(format=fmt, encoding="utf-8")
        return media, body
    doc = json.loads(data)
    rows = len(doc.get("results", {}).get("bindings", []))
    if rows > limits.max_results:
        raise SparqlError(413, f"the result has more than {limits.max_results} rows; add a LIMIT")
    media, fmt = _choose(accept, SELECT_TYPES, "application/sparql-results+json")
    if fmt == "json":
        return media, data
    result = Result.parse(io.BytesIO(data), format="json")
    if fmt == "tsv":
        return media, format_result(result, "tsv").encode("utf-8")
    out = result.serialize(format=fmt)
    return media, out if isinstance(out, bytes) else str(out).encode("utf-8")


def query_page() -> str:
    """An offline page: the named queries one click away, results as a table."""
    queries = {
        name: {"question": q.question, "text": q.text} for name, q in named_queries().items()
    }
    data = json.dumps(queries, ensure_ascii=False).replace("<", "\\u003c")
    buttons = "\n".join(
        f'<li><button data-name="{html.escape(n)}">{html.escape(n)}</button> '
        f"{html.escape(q['question'])}</li>"
        for n, q in queries.items()
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>sysml-graph SPARQL</title>
<style>body{{font:14px system-ui,sans-serif;margin:20px;max-width:1100px}}
textarea{{width:100%;height:180px;font:13px monospace}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:3px 6px;text-align:left}}li{{margin:3px 0}}</style></head>
<body><h1>sysml-graph SPARQL endpoint</h1>
<p>POST or GET <code>/sparql</code> (SPARQL 1.1 Protocol). The interactive network is at
<a href="/network">/network</a>. Named queries:</p><ul>{buttons}</ul>
<textarea id="q">SELECT ?paper ?title WHERE {{ ?paper dcterms:title ?title }} LIMIT 10</textarea>
<p><button id="run">Run</button> <span id="status"></span></p><div id="out"></div>
<script type="application/json" id="queries">{data}</script>
<script>
const queries = JSON.parse(document.getElementById("queries").textContent);
const out = document.getElementById("out"), status = document.getElementById("status");
async function run() {{
  status.textContent = "running…"; out.textContent = "";
  const r = await fetch("/sparql", {{method: "POST", body: document.getElementById("q").value,
    headers: {{"Content-Type": "application/sparql-query",
               "Accept": "application/sparql-results+json"}}}});
  if (!r.ok) {{ status.textContent = await r.text(); return; }}
  const doc = await r.json();
  if ("boolean" in doc) {{ status.textContent = String(doc.boolean); return; }}
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of doc.head.vars) {{
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }}
  for (const b of doc.results.bindings) {{
    const row = table.insertRow();
    for (const v of doc.head.vars) {{ row.insertCell().textContent = b[v] ? b[v].value : ""; }}
  }}
  out.appendChild(table); status.textContent = doc.results.bindings.length + " rows";
}}
document.getElementById("run").onclick = run;
for (const b of document.querySelectorAll("button[data-name]")) {{
  b.onclick = () => {{ document.getElementById("q").value =
    queries[b.dataset.name].text.replace(/^#.*\\n/gm, ""); run(); }};
}}
</script></body></html>"""


def make_handler(pool: Pool, limits: Limits, network_html: bytes) -> type[BaseHTTPRequestHandler]:
    page = query_page().encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "sysml-graph"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet; errors go back to the client

        def _send(self, status: int, media: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header(
                "Content-Type", media + ("; charset=utf-8" if media.startswith("text/") else "")
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, message: str) -> None:
            self._send(status, "text/plain", (message + "\n").encode("utf-8"))

        def _query(self, text: str | None) -> None:
            if not text:
                self._error(400, "give a SPARQL query: ?query=… or a POST body")
                return
            try:
                media, body = answer(pool, text, self.headers.get("Accept", "*/*"), limits)
            except SparqlError as err:
                self._error(err.status, str(err))
                return
            self._send(200, media, body)

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/sparql":
                params = urllib.parse.parse_qs(url.query)
                if "update" in params:
                    self._error(403, "updates are not allowed: the endpoint is read-only")
                    return
                self._query(params.get("query", [""])[0])
            elif url.path in ("/", "/index.html"):
                self._send(200, "text/html", page)
            elif url.path == "/network":
                self._send(200, "text/html", network_html)
            else:
                self._error(404, f"nothing at {url.path}; try /sparql, / or /network")

        def do_POST(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if url.path != "/sparql":
                self._error(404, f"nothing at {url.path}; POST queries to /sparql")
            elif media == "application/sparql-update":
                self._error(403, "updates are not allowed: the endpoint is read-only")
            elif media == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body)
                if "update" in form:
                    self._error(403, "updates are not allowed: the endpoint is read-only")
                else:
                    self._query(form.get("query", [""])[0])
            elif media in ("application/sparql-query", ""):
                self._query(body)
            else:
                self._error(
                    415,
                    f"cannot read a {media} body; send application/sparql-query or a query= form",
                )

    return Handler


@contextmanager
def serving(
    graph: Any, host: str, port: int, limits: Limits, network_html: bytes, workers: int = 2
) -> Iterator[ThreadingHTTPServer]:
    """The front server, bound and ready (call ``serve_forever`` on it)."""
    with tempfile.TemporaryDirectory(prefix="sysml-graph-serve-") as tmp:
        pool = Pool(graph, workers, Path(tmp))
        try:
            server = ThreadingHTTPServer((host, port), make_handler(pool, limits, network_html))
            server.daemon_threads = True
            try:
                yield server
            finally:
                server.server_close()
        finally:
            pool.close()
