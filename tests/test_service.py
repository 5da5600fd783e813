"""No spelling of SERVICE reaches the network, by any way a query runs: in process, through
`query`, through `serve`, through `query --endpoint` to a real Oxigraph server (which would
follow SERVICE), and in the engine itself with every parser check bypassed. A loopback
listener records every connection: it must see none."""

from __future__ import annotations

import multiprocessing
import shutil
import socket
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from sysml_graph.rdf.store import KnowledgeGraph
from sysml_graph.sparql.errors import QueryError
from sysml_graph.sparql.offline import available, run_offline
from sysml_graph.sparql.run import run as run_sparql
from sysml_graph.sparql.safety import check

from .conftest import Invoke
from .test_serve import free_port, http, running, serving

# {u} is the listener's URL. Each spelling, run unguarded by pyoxigraph, connects to it (the
# test below checks that, so the corpus cannot rot into queries that never reach out), but
# for a SERVICE named by a variable, which Oxigraph leaves unbound and other engines follow.
SPELLINGS = {
    "plain": "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "issue 15: a quote spelt \\u0022": (
        'SELECT ?x WHERE {{ FILTER("A\\u0022=") SERVICE <{u}> {{ ?x ?b ?c }} FILTER("#"\n) }}'
    ),
    "\\U escape as the quote": (
        'SELECT ?x WHERE {{ FILTER("A\\U00000022=") SERVICE <{u}> {{ ?x ?b ?c }} FILTER("#"\n) }}'
    ),
    "escapes inside the IRI": "SELECT * WHERE {{ SERVICE <{e}> {{ ?s ?p ?o }} }}",
    "lower case": "select * where {{ service <{u}> {{ ?s ?p ?o }} }}",
    "mixed case": "SELECT * WHERE {{ sErViCe <{u}> {{ ?s ?p ?o }} }}",
    "SILENT": "SELECT * WHERE {{ SERVICE SILENT <{u}> {{ ?s ?p ?o }} }}",
    "comments around": (
        "# SERVICE in a comment\nSELECT * WHERE {{ #x\n SERVICE#y\n<{u}>#z\n{{ ?s ?p ?o }} }}"
    ),
    "a string that looks like it opens": (
        'SELECT * WHERE {{ BIND("say \\" FROM" AS ?x) SERVICE <{u}> {{ ?a ?b ?c }} }}'
    ),
    "long string before": (
        "SELECT * WHERE {{ BIND('''it's''' AS ?x) SERVICE <{u}> {{ ?s ?p ?o }} }}"
    ),
    "prefixed name": "PREFIX r: <{u}>\nSELECT * WHERE {{ SERVICE r:x {{ ?s ?p ?o }} }}",
    "relative IRI under BASE": "BASE <{u}>\nSELECT * WHERE {{ SERVICE <x> {{ ?s ?p ?o }} }}",
    "variable bound by VALUES": (
        "SELECT * WHERE {{ VALUES ?e {{ <{u}> }} SERVICE ?e {{ ?s ?p ?o }} }}"
    ),
    "in OPTIONAL": "SELECT * WHERE {{ OPTIONAL {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in a subquery": (
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }}"
    ),
    "nested": (
        "SELECT * WHERE {{ {{ {{ OPTIONAL {{ {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }} }} }}"
    ),
    "in UNION": "SELECT * WHERE {{ {{ BIND(1 AS ?a) }} UNION {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in MINUS": "SELECT * WHERE {{ BIND(1 AS ?s) MINUS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in FILTER EXISTS": (
        "SELECT * WHERE {{ BIND(1 AS ?a) FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}"
    ),
    "in ASK": "ASK {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "in CONSTRUCT": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
}


def spell(template: str, url: str) -> str:
    escaped = "".join(f"\\u{ord(c):04X}" if c in ":/." else c for c in url)
    return template.format(u=url, e=escaped)


class Listener:
    """A loopback port that records every connection made to it, answering none."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.server.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/sparql"
        self.seen: list[object] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.seen.append(addr)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    sentinel = Listener()
    yield sentinel
    sentinel.close()


@pytest.fixture(autouse=True)
def nothing_reached(listener: Listener) -> Iterator[None]:
    before = len(listener.seen)
    yield
    assert listener.seen[before:] == [], "a query connected to the listener"


@pytest.fixture(scope="module")
def tiny() -> KnowledgeGraph:
    return KnowledgeGraph.from_lines(['<http://x/a> <http://x/p> "A" .\n'])


NAMES = sorted(SPELLINGS)
OXIGRAPH_CANNOT_FOLLOW = {"variable bound by VALUES"}


def test_the_corpus_reaches_out_when_nothing_guards_it(tiny: KnowledgeGraph) -> None:
    """pyoxigraph, unguarded, follows each spelling (each to a listener of its own)."""
    for name in sorted(set(NAMES) - OXIGRAPH_CANNOT_FOLLOW):
        own = Listener()
        try:
            try:
                result = tiny.store.query(spell(SPELLINGS[name], own.url))
                if not isinstance(result, pyoxigraph.QueryBoolean):
                    list(result)
            except (OSError, ValueError, SyntaxError, RuntimeError):
                pass  # the listener answers nothing: the query fails after connecting
        finally:
            own.close()
        assert own.seen, f"{name}: pyoxigraph did not try to connect; the case tests nothing"


@pytest.mark.parametrize("name", NAMES)
def test_the_check_refuses_every_spelling(name: str, listener: Listener) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        check(spell(SPELLINGS[name], listener.url))


@pytest.mark.parametrize("name", NAMES)
def test_in_process_run_refuses(name: str, listener: Listener, tiny: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        run_sparql(tiny, spell(SPELLINGS[name], listener.url))


@pytest.mark.parametrize("name", NAMES)
def test_query_command_refuses(name: str, listener: Listener, run_curated: Invoke) -> None:
    result = run_curated("query", "-e", spell(SPELLINGS[name], listener.url))
    assert result.exit_code == 1 and "SERVICE is not allowed" in result.stderr
    assert result.stdout == ""


def test_the_engine_itself_cannot_connect(listener: Listener, tiny: KnowledgeGraph) -> None:
    """With every parser check bypassed, evaluation under the guard still cannot connect."""
    assert sys.platform != "linux" or available(), "seccomp should work on this Linux machine"
    refused: list[str] = []
    for name in sorted(set(NAMES) - OXIGRAPH_CANNOT_FOLLOW):

        def evaluate(text: str = spell(SPELLINGS[name], listener.url)) -> object:
            result = tiny.store.query(text)
            return bool(result) if isinstance(result, pyoxigraph.QueryBoolean) else list(result)

        # Where the standard swallows the failure (SILENT, FILTER EXISTS, MINUS) an answer
        # comes back; either way the listener sees nothing (checked after each test).
        try:
            run_offline(evaluate)
        except OSError as err:
            assert "not permitted" in str(err), name
            refused.append(name)
    assert "plain" in refused and len(refused) >= len(NAMES) - 5


def _worker_answer(text: str, nt: Path) -> tuple[object, ...]:
    from sysml_graph.sparql.worker import work

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=work, args=(child, str(nt)), daemon=True)
    process.start()
    child.close()
    try:
        assert parent.poll(60) and parent.recv()[0] == "ready"
        parent.send(text)
        assert parent.poll(60)
        reply: tuple[object, ...] = parent.recv()
        return reply
    finally:
        parent.close()
        process.kill()
        process.join(10)


def test_a_serve_worker_cannot_connect_even_unchecked(listener: Listener, tmp_path: Path) -> None:
    """The worker that runs `serve`'s queries is sealed: handed a SERVICE query directly
    (as if the front's check had been fooled), it answers an error and connects nowhere."""
    nt = tmp_path / "g.nt"
    nt.write_text('<http://x/a> <http://x/p> "A" .\n')
    reply = _worker_answer(spell(SPELLINGS["plain"], listener.url), nt)
    assert reply[0] == "error" and "not permitted" in str(reply[1])
    ok = _worker_answer("SELECT ?o WHERE { ?s ?p ?o }", nt)
    assert ok[0] == "ok" and b'"A"' in ok[2]  # type: ignore[operator]


@pytest.fixture(scope="module")
def endpoint(curated_dir: Path) -> Iterator[str]:
    with serving(curated_dir) as url:
        yield url


@pytest.mark.parametrize("name", NAMES)
def test_serve_refuses(name: str, listener: Listener, endpoint: str) -> None:
    query = urllib.parse.urlencode({"query": spell(SPELLINGS[name], listener.url)})
    status, _, body = http(f"{endpoint}/sparql?{query}")
    assert status == 403 and b"SERVICE is not allowed" in body


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server: it follows SERVICE, so only our check stands between."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is missing: pip install oxigraph (a test dependency)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    with running([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                 port) as url:  # fmt: skip
        yield f"{url}/query"


@pytest.mark.parametrize("name", NAMES)
def test_query_endpoint_refuses_before_sending(
    name: str, listener: Listener, oxigraph: str, run: Invoke
) -> None:
    result = run("query", "--endpoint", oxigraph, "-e", spell(SPELLINGS[name], listener.url))
    assert result.exit_code == 1 and "SERVICE is not allowed" in result.stderr
