"""Talking to SPARQL stores over the W3C protocols: run a query on an endpoint (SPARQL 1.1
Protocol) and upload a graph (SPARQL 1.1 Graph Store HTTP Protocol), with retries and clear
errors. Standard library only: any store that speaks the protocols will do (Oxigraph, Fuseki,
GraphDB, QLever, Virtuoso, Neptune).

A store is a stranger: only ``http``/``https`` URLs are accepted, redirects are not followed,
every wait has a limit (connecting, each read, and the whole exchange with its retries), an
answer that is not what the protocol promises is one :class:`RemoteError` line, and a
password never appears in a message."""

from __future__ import annotations

import base64
import contextlib
import functools
import http.client
import json
import netrc
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pyoxigraph

from .run import Answer
from .safety import check, missing_prefixes

RETRIES = 3

CONNECT_TIMEOUT = 10.0

READ_TIMEOUT = 60.0

DEADLINE = 300.0

MAX_WAIT = 86400.0  # a day; sockets and timers refuse an infinite wait

# An answer is held in memory to be parsed: a store sending without end stops here.
MAX_ANSWER = 512 * 2**20

USER_VAR, PASSWORD_VAR = "SYSML_GRAPH_USER", "SYSML_GRAPH_PASSWORD"


class RemoteError(Exception):
    """A store that could not be reached or said no; the message says which and why."""


@dataclass(frozen=True)
class Limits:
    """How long to wait: for a connection, for each read, and for everything (retries too)."""

    connect: float = CONNECT_TIMEOUT
    read: float = READ_TIMEOUT
    deadline: float = DEADLINE

    def __post_init__(self) -> None:
        for name in ("connect", "read", "deadline"):
            value = getattr(self, name)
            if not 0 < value <= MAX_WAIT:  # also refuses NaN
                raise RemoteError(f"the {name} time-out must be between 0 and {MAX_WAIT:g} s")


@dataclass(frozen=True)
class Endpoint:
    """An http(s) URL without credentials, and the credentials that go with it (if any)."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    source: str = ""  # where the credentials came from, for messages

    @property
    def token(self) -> str | None:
        if self.user is None:
            return None
        return base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")

    def redact(self, text: str) -> str:
        """``text`` with the password, in every spelling a message could carry, masked."""
        secrets = [self.token]
        if self.password:
            secrets += [self.password, urllib.parse.quote(self.password, safe="")]
        for secret in sorted((s for s in secrets if s), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


def _one_line(text: str, limit: int = 300) -> str:
    """A stranger's text made fit for one line of a message."""
    flat = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def clean_url(url: str) -> tuple[str, urllib.parse.SplitResult]:
    """``url`` checked (http or https, a host, no spaces or control characters) and without
    its user name, password and fragment; RemoteError otherwise.

    >>> clean_url("https://me:secret@store.example/sparql#x")[0]
    'https://store.example/sparql'
    >>> clean_url("file:///etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    sysml_graph.sparql.remote.RemoteError: 'file:///etc/passwd' is not an http(s) URL: only ...
    """
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError as err:
        raise RemoteError(f"not a usable endpoint URL: {_one_line(str(err), 80)}") from None
    bare = parts._replace(netloc=parts.netloc.rpartition("@")[2], fragment="")
    clean = urllib.parse.urlunsplit(bare)
    shown = _one_line(clean, 200)
    if parts.scheme.lower() not in ("http", "https"):
        raise RemoteError(
            f"{shown!r} is not an http(s) URL: only http:// and https:// endpoints are accepted"
        )
    if not host:
        raise RemoteError(f"{shown!r} names no host")
    if re.search(r"[\x00-\x20\x7f]", url):
        raise RemoteError(f"{shown!r} holds spaces or control characters; percent-encode them")
    return clean, parts


def endpoint(url: str, env: dict[str, str] | None = None) -> Endpoint:
    """An endpoint and its credentials: those in the URL (moved out of it), else
    ``$SYSML_GRAPH_USER``/``$SYSML_GRAPH_PASSWORD``, else the host's in ``$NETRC`` or
    ``~/.netrc``. RemoteError for anything but an http(s) URL."""
    env = dict(os.environ) if env is None else env
    clean, parts = clean_url(url)
    if parts.username is not None:
        user, password = parts.username, parts.password or ""
        return Endpoint(
            clean, urllib.parse.unquote(user), urllib.parse.unquote(password), "the URL"
        )
    if env.get(USER_VAR):
        return Endpoint(clean, env[USER_VAR], env.get(PASSWORD_VAR, ""), f"${USER_VAR}")
    path = Path(env.get("NETRC") or Path.home() / ".netrc")
    if parts.hostname and path.is_file():
        try:
            found = netrc.netrc(str(path)).authenticators(parts.hostname)
        except (netrc.NetrcParseError, OSError, UnicodeDecodeError) as err:
            # Not the parser's text: it quotes the offending token, possibly a password.
            line = getattr(err, "lineno", None)
            raise RemoteError(f"cannot read {path}{f' (line {line})' if line else ''}") from None
        if found is not None and found[0]:
            return Endpoint(clean, found[0], found[2] or "", str(path))
    return Endpoint(clean)


class _Watchdog:
    """Cuts every connection of one exchange when its time is up: a store trickling a byte
    now and then never lets a read time out, so only a clock outside the reads can stop it."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            self._cut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._cut(sock)

    @staticmethod
    def _cut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed: nothing left to stop
            sock.shutdown(socket.SHUT_RDWR)


class _Bounded(http.client.HTTPConnection):
    """Connects within the connect time-out, then waits at most the read time-out for each
    read, with the socket under the exchange's watchdog."""

    def __init__(self, host: str, *, limits: Limits, watchdog: _Watchdog, **kw: Any) -> None:
        super().__init__(host, **kw)
        self.limits, self.watchdog = limits, watchdog

    def connect(self) -> None:
        self.timeout = self.limits.connect
        super().connect()  # for https, the TLS handshake too, within the connect time-out
        self.sock.settimeout(self.limits.read)
        self.watchdog.watch(self.sock)


class _HTTPConnection(_Bounded):
    pass


class _HTTPSConnection(_Bounded, http.client.HTTPSConnection):
    pass


def _opener(limits: Limits, watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    """http(s) and the user's proxy settings only: no file:, data: or ftp: handler, and no
    redirect handler (a 3xx is reported, never followed to another place or scheme)."""

    class HTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(
                functools.partial(_HTTPConnection, limits=limits, watchdog=watchdog), req
            )

    class HTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            context = getattr(self, "_context", None)
            return self.do_open(
                functools.partial(_HTTPSConnection, limits=limits, watchdog=watchdog),
                req,
                context=context,
            )

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        HTTP(),
        HTTPS(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _read(response: http.client.HTTPResponse, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > limit:
            raise RemoteError(f"its answer is larger than {limit // 2**20} MiB")
        chunks.append(chunk)
    # read(n) ends quietly at a connection closed early; the length still due tells.
    if response.length:
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


class _Retry(Exception):
    """A failure worth another try: no connection (``reached`` false), a connection lost
    mid-answer, or the store's 5xx."""

    def __init__(self, message: str, reached: bool = True) -> None:
        super().__init__(message)
        self.reached = reached


def _exchange(
    site: Endpoint,
    url: str,
    data: bytes,
    headers: dict[str, str],
    method: str,
    limits: Limits,
    retries: int = RETRIES,
) -> bytes:
    """Send with retries on connection errors and 5xx answers, all within the deadline;
    3xx, 4xx and malformed answers are final. Every error is one redacted line."""
    if site.token:
        headers = {**headers, "Authorization": f"Basic {site.token}"}
    start = time.monotonic()
    delay = 0.5
    last = _Retry("")
    for attempt in range(1, retries + 1):
        remaining = limits.deadline - (time.monotonic() - start)
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        with _Watchdog(remaining) as watchdog:
            try:
                answer = _attempt(site, url, request, _opener(limits, watchdog))
                # Cut off mid-headers, http.client takes what came for a whole answer.
                if not watchdog.expired:
                    return answer
            except _Retry as err:
                last = err
            except RemoteError as err:
                if not watchdog.expired:
                    raise RemoteError(site.redact(f"{url}: {err}")) from None
        deadline = f"{url} gave no complete answer within the deadline of {limits.deadline:g} s"
        if watchdog.expired:
            raise RemoteError(site.redact(deadline))
        if attempt < retries and time.monotonic() - start + delay >= limits.deadline:
            raise RemoteError(site.redact(f"{deadline} (last try: {last})"))
        if attempt < retries:
            time.sleep(delay)
            delay *= 2
    failed = "cannot reach" if not last.reached else "no usable answer from"
    raise RemoteError(site.redact(f"{failed} {url} after {retries} tries: {last}"))


def _attempt(
    site: Endpoint, url: str, request: urllib.request.Request, opener: urllib.request.OpenerDirector
) -> bytes:
    """One try; raises _Retry for what another try may cure, RemoteError for the rest."""
    try:
        with opener.open(request) as response:
            return _read(response, MAX_ANSWER)
    except urllib.error.HTTPError as err:
        _refused(site, url, err)
    except http.client.RemoteDisconnected:  # before HTTPException: it is both
        raise _Retry("the connection closed before an answer") from None
    except http.client.IncompleteRead as err:
        raise _Retry(f"the answer was cut short after {len(err.partial)} bytes") from None
    except http.client.HTTPException as err:
        # BadStatusLine, LineTooLong, too many headers: whatever answered, it was not HTTP.
        name = type(err).__name__
        raise RemoteError(f"did not answer in HTTP ({name}: {_one_line(str(err), 80)})") from None
    except urllib.error.URLError as err:  # raised before the request was sent whole
        raise _Retry(_one_line(str(err.reason)), reached=False) from None
    except TimeoutError:
        raise _Retry("no answer within the read time-out") from None
    except OSError as err:
        raise _Retry(_one_line(err.strerror or str(err))) from None


def _refused(site: Endpoint, url: str, err: urllib.error.HTTPError) -> NoReturn:
    """A non-2xx answer as one line: 5xx are worth a retry, 3xx and 4xx are final."""
    try:
        body = err.read(64 * 1024).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        body = ""
    finally:
        err.close()
    lines = [line for line in body.splitlines() if line.strip()]
    reason = _one_line(str(err.reason or ""), 80)
    detail = _one_line(lines[0]) if lines else reason
    status = f"answered {err.code} {reason}".rstrip()
    if 500 <= err.code < 600:
        raise _Retry(f"{status}: {detail}")
    if 300 <= err.code < 400:
        location = (err.headers.get("Location") or "") if err.headers else ""
        try:
            target = f"to {clean_url(urllib.parse.urljoin(url, location))[0]}"
            hint = f"it points {_one_line(target, 200)}; give that URL if you trust it"
        except RemoteError:
            scheme = _one_line(urllib.parse.urlsplit(location).scheme, 20)
            hint = f"it points to a {scheme or 'malformed'}: URL, which would be refused anyway"
        raise RemoteError(f"{status}: redirects are not followed ({hint})")
    if err.code == 401:
        if site.user is None:
            raise RemoteError(
                f"{status}: the store wants credentials; set ${USER_VAR} and ${PASSWORD_VAR}, "
                "or add its host to ~/.netrc"
            )
        raise RemoteError(f"{status}: the store refused the credentials from {site.source}")
    raise RemoteError(f"{status}: {detail}")


def _term(value: Any) -> Any:
    """A SPARQL JSON term as a pyoxigraph term; ValueError/KeyError/TypeError if malformed."""

    kind, text = value["type"], value["value"]
    if not isinstance(text, str):
        raise TypeError("a term's value must be a string")
    if kind == "uri":
        return pyoxigraph.NamedNode(text)
    if kind == "bnode":
        return pyoxigraph.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        lang, datatype = value.get("xml:lang"), value.get("datatype")
        if lang is not None:
            return pyoxigraph.Literal(text, language=str(lang))
        if datatype is not None:
            return pyoxigraph.Literal(text, datatype=pyoxigraph.NamedNode(str(datatype)))
        return pyoxigraph.Literal(text)
    raise ValueError(f"unknown term type {_one_line(str(kind), 40)!r}")


def _results(data: bytes, form: str) -> Answer:
    """SPARQL 1.1 Query Results JSON, checked against the form the query asked for."""
    doc = json.loads(data.decode("utf-8"))
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise ValueError("no 'head' object")
    if form == "ASK":
        if not isinstance(doc.get("boolean"), bool):
            raise ValueError("an ASK answer without a true/false 'boolean'")
        return Answer("ASK", boolean=doc["boolean"])
    names = doc["head"].get("vars")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError("'head' has no list of variable names")
    results = doc.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise ValueError("no 'results' with a list of 'bindings'")
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise ValueError("a binding that is not an object")
        rows.append([_term(binding[n]) if n in binding else None for n in names])
    return Answer("SELECT", names, rows)


def _triples(data: bytes) -> Answer:

    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Answer("CONSTRUCT", triples=data)


def query_endpoint(url: str | Endpoint, text: str, limits: Limits | None = None) -> Answer:
    """Run a checked query on a remote endpoint and return its :class:`Answer`."""
    site = url if isinstance(url, Endpoint) else endpoint(url)
    full = missing_prefixes(text) + text
    header_lines = full.count("\n") - text.count("\n")
    # The same refusals as locally: no SERVICE, FROM, updates, in either reading of escapes.
    form = check(full, header_lines)
    graph_query = form in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples" if graph_query else "application/sparql-results+json"
    headers = {"Content-Type": "application/sparql-query", "Accept": accept}
    data = _exchange(site, site.url, full.encode("utf-8"), headers, "POST", limits or Limits())
    try:
        return _triples(data) if graph_query else _results(data, form)
    # A stranger's bytes: whatever the parsers reject (bad UTF-8, JSON, terms, N-Triples)
    # is the store's fault and ends the command in one line.
    except (ValueError, KeyError, TypeError, AttributeError, SyntaxError, RecursionError) as err:
        expected = "N-Triples" if graph_query else "SPARQL JSON results"
        reason = _one_line(site.redact(str(err)), 120) or type(err).__name__
        raise RemoteError(f"{site.url} did not answer {expected}: {reason}") from None


def push(
    turtle: bytes, store: str | Endpoint, graph: str | None, limits: Limits | None = None
) -> str:
    """Replace a named graph (or the default graph) of a Graph Store with ``turtle``.

    One PUT replaces the graph atomically on the store's side. Returns the URL used.
    """
    site = store if isinstance(store, Endpoint) else endpoint(store)
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = f"{site.url}{'&' if '?' in site.url else '?'}{query}"
    _exchange(site, url, turtle, {"Content-Type": "text/turtle"}, "PUT", limits or Limits())
    return url
