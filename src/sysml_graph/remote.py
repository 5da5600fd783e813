"""Talking to SPARQL stores over the W3C protocols: run a query on an endpoint (SPARQL 1.1
Protocol) and upload a graph (SPARQL 1.1 Graph Store HTTP Protocol), with retries and clear
errors. Standard library only: any store that speaks the protocols will do (Oxigraph, Fuseki,
GraphDB, QLever, Virtuoso, Neptune)."""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .sparql import QueryError, check, missing_prefixes

RETRIES = 3


class RemoteError(Exception):
    """A store that could not be reached or said no; the message says which and why."""


def _send(request: urllib.request.Request, timeout: float, retries: int = RETRIES) -> bytes:
    """Send with retries on connection errors and 5xx answers; 4xx answers are final."""
    delay = 0.5
    for attempt in range(1, retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as err:
            body = err.read().decode("utf-8", "replace").strip().splitlines()
            detail = body[0][:300] if body else err.reason
            if err.code < 500 or attempt == retries:
                raise RemoteError(
                    f"{request.full_url} answered {err.code} {err.reason}: {detail}"
                ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            if attempt == retries:
                reason = getattr(err, "reason", err)
                raise RemoteError(
                    f"cannot reach {request.full_url} after {retries} tries: {reason}"
                ) from None
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def query_endpoint(endpoint: str, text: str, timeout: float = 60.0) -> Any:
    """Run a checked query on a remote endpoint; return an rdflib Result (SPARQL JSON in)."""
    from rdflib.query import Result

    full = missing_prefixes(text) + text
    header_lines = full.count("\n") - text.count("\n")
    # The same refusals as locally: no SERVICE, FROM, updates, in either reading of escapes.
    graph_query = check(full, header_lines) in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_query else "application/sparql-results+json"
    request = urllib.request.Request(
        endpoint,
        data=full.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
        method="POST",
    )
    data = _send(request, timeout)
    if graph_query:
        from rdflib import Graph

        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
        return result
    try:
        return Result.parse(io.BytesIO(data), format="json")
    except Exception as err:  # a store that does not answer SPARQL JSON
        raise QueryError(f"{endpoint} did not answer SPARQL JSON results: {err}") from None


def push(turtle: bytes, store: str, graph: str | None, timeout: float = 120.0) -> str:
    """Replace a named graph (or the default graph) of a Graph Store with ``turtle``.

    One PUT replaces the graph atomically on the store's side. Returns the URL used.
    """
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = f"{store}{'&' if '?' in store else '?'}{query}"
    request = urllib.request.Request(
        url, data=turtle, headers={"Content-Type": "text/turtle"}, method="PUT"
    )
    _send(request, timeout)
    return url
