"""`serve`, `push` and `query --endpoint` against real servers and clients: our endpoint
driven by SPARQLWrapper and plain HTTP (protocol details in test_protocol.py, load and faults
in test_serve_load.py); a real Oxigraph
server (from the `oxigraph` package) receiving the graph and answering the named queries
exactly as the local engine does. No mocked store."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sysml_graph.sparql.named import named_queries

from .conftest import Invoke

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(
                    process.stderr.read().decode() if process.stderr else ""
                ) from None
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on {port}")


@contextmanager
def running(command: list[str], port: int) -> Iterator[str]:
    """A server process, listening on ``port`` until the block ends."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr is not None:
            process.stderr.close()


@contextmanager
def serving(data: Path) -> Iterator[str]:
    """``sysml-graph serve --data DATA`` on a free port until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(data)]
    with running([*command, "--port", str(port)], port) as url:
        yield url


@pytest.fixture(scope="module")
def endpoint(curated_dir: Path) -> Iterator[str]:
    port = free_port()
    with running(
        [
            sys.executable,
            "-m",
            "sysml_graph",
            "serve",
            "--data",
            str(curated_dir),
            "--port",
            str(port),
            "--timeout",
            "2",
            "--max-results",
            "500",
        ],
        port,
    ) as url:
        yield url


def http(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


COUNT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"


def test_sparqlwrapper_client(endpoint: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery("PREFIX schema: <https://schema.org/>\n" + COUNT)
    client.setReturnFormat(JSON)
    result: Any = client.query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "15"


@pytest.mark.parametrize(
    "accept,media,check",
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            lambda b: json.loads(b)["results"]["bindings"][0]["n"]["value"] == "15",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda b: b"<literal datatype" in b and b">15<" in b,
        ),
        ("text/csv", "text/csv", lambda b: b.decode().splitlines() == ["n", "15"]),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            lambda b: b.decode().splitlines()[0] == "?n",
        ),
    ],
)
def test_select_content_negotiation(endpoint: str, accept: str, media: str, check: object) -> None:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": COUNT})
    status, ctype, body = http(url, headers={"Accept": accept})
    assert status == 200 and ctype.startswith(media)
    assert check(body)  # type: ignore[operator]


def test_post_forms(endpoint: str) -> None:
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, _, body = http(
        f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "15"
    status, _, body = http(
        f"{endpoint}/sparql", COUNT.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_formats(endpoint: str, graph: Graph, accept: str, fmt: str) -> None:
    q = (
        "CONSTRUCT { ?p dcterms:title ?t } "
        "WHERE { ?p a schema:ScholarlyArticle ; dcterms:title ?t }"
    )
    status, _, body = http(
        f"{endpoint}/sparql",
        q.encode(),
        {"Content-Type": "application/sparql-query", "Accept": accept},
    )
    assert status == 200
    got = Graph().parse(data=body.decode(), format=fmt)
    from rdflib.namespace import DCTERMS, RDF, SDO

    want = Graph()
    for p in graph.subjects(RDF.type, SDO.ScholarlyArticle):
        title = graph.value(p, DCTERMS.title)
        assert title is not None
        want.add((p, DCTERMS.title, title))
    assert isomorphic(got, want)


def test_construct_keeps_a_literal_with_a_line_separator_whole(endpoint: str) -> None:
    """N-Triples leaves U+2028 unescaped in a literal: the answer's lines are cut at "\\n"
    only, or the literal would be cut in two and its halves sorted apart."""
    q = (
        "CONSTRUCT { ?p dcterms:description ?t } "
        'WHERE { ?p a schema:ScholarlyArticle BIND ("a\u2028b" AS ?t) }'
    )
    status, _, body = http(
        f"{endpoint}/sparql",
        q.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert status == 200
    got = Graph().parse(data=body.decode(), format="nt")
    assert len(got) > 1 and {str(o) for o in got.objects()} == {"a\u2028b"}


@pytest.mark.parametrize(
    "data,headers,method,query",
    [
        (b"DROP ALL", {"Content-Type": "application/sparql-update"}, "POST", None),
        (b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"}, "POST", None),
        (None, {}, "GET", {"update": "DROP ALL"}),
        (None, {}, "GET", {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}),
        (None, {}, "GET", {"query": "LOAD <file:///etc/passwd>"}),
    ],
)
def test_read_only_and_no_outside_data(
    endpoint: str,
    data: bytes | None,
    headers: dict[str, str],
    method: str,
    query: dict[str, str] | None,
) -> None:
    url = f"{endpoint}/sparql" + ("?" + urllib.parse.urlencode(query) if query else "")
    status, _, body = http(url, data, headers, method)
    assert status == 403, body
    assert b"not allowed" in body


def test_service_to_a_loopback_port_never_connects(endpoint: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    status, _, body = http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}))
    assert status == 403 and b"SERVICE" in body
    with pytest.raises(TimeoutError):
        listener.accept()
    listener.close()


def test_result_size_limit(endpoint: str) -> None:
    q = "SELECT * WHERE { ?s ?p ?o }"
    status, _, body = http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": q}))
    assert status == 413 and b"more than 500 rows" in body


def test_time_limit_stops_one_query_while_others_are_answered(endpoint: str) -> None:
    heavy: dict[str, object] = {}

    def run_heavy() -> None:
        start = time.monotonic()
        heavy["answer"] = http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": HEAVY}))
        heavy["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.3)
    answers = [
        http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": COUNT}))[0] for _ in range(10)
    ]
    thread.join(60)
    assert answers == [200] * 10
    status, _, body = cast(tuple[int, str, bytes], heavy["answer"])
    assert status == 503 and b"time limit of 2 s" in body
    assert heavy["seconds"] < 10  # type: ignore[operator]
    # The worker was replaced: the endpoint still answers.
    assert http(f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": COUNT}))[0] == 200


def test_named_queries_answer_as_locally(endpoint: str, run_curated: Invoke) -> None:
    """Every named query answers over HTTP as the local engine does (the load on the
    endpoint is tested in test_serve_load.py)."""
    from sysml_graph.sparql.params import bind

    for q in named_queries().values():
        status, _, body = http(
            f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": bind(q, {})}),
            headers={"Accept": "text/csv"},
        )
        assert status == 200, q.name
        local = run_curated("query", q.name, "--format", "csv").stdout
        assert rows(body.decode()) == rows(local), q.name


def test_query_page_and_network(endpoint: str) -> None:
    status, ctype, body = http(f"{endpoint}/query")
    assert status == 200 and ctype.startswith("text/html")
    assert all(f'data-name="{name}"' in body.decode() for name in named_queries())
    status, ctype, body = http(f"{endpoint}/")  # with --data: the site's landing page
    assert status == 200 and b"Techniques \xc3\x97 platforms" in body
    status, _, body = http(f"{endpoint}/network")
    assert status == 200 and b"vis.Network" in body
    assert http(f"{endpoint}/nothing")[0] == 404


# --- a real Oxigraph server -----------------------------------------------------------------


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is missing: pip install oxigraph (a test dependency)")
    port = free_port()
    with running(
        [binary, "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
        port,
    ) as url:
        yield url


def rows(text: str) -> list[tuple[str, ...]]:
    """CSV rows, sorted; lists made by GROUP_CONCAT sorted too (their order is up to the
    engine, by the SPARQL spec)."""
    body = list(csv.reader(io.StringIO(text)))[1:]
    return sorted(tuple(", ".join(sorted(cell.split(", "))) for cell in row) for row in body)


def test_push_then_every_named_query_answers_the_same_remotely(
    oxigraph_server: str, run_curated: Invoke, run: Invoke, curated_dir: Path, graph: Graph
) -> None:
    result = run("push", "--endpoint", f"{oxigraph_server}/store", "--data", str(curated_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed {len(graph)} triples")
    for name in named_queries():
        local = run_curated("query", name, "--format", "csv")
        remote = run("query", name, "--format", "csv", "--endpoint", f"{oxigraph_server}/query")
        assert remote.exit_code == 0, remote.output
        assert rows(remote.stdout) == rows(local.stdout), name
    # Pushing again replaces the graph rather than adding to it.
    assert (
        run("push", "--endpoint", f"{oxigraph_server}/store", "--data", str(curated_dir)).exit_code
        == 0
    )
    count = run(
        "query",
        "-e",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "--format",
        "csv",
        "--endpoint",
        f"{oxigraph_server}/query",
    )
    assert count.stdout.splitlines()[1] == str(len(graph))


def test_push_to_a_named_graph(
    oxigraph_server: str, run: Invoke, curated_dir: Path, graph: Graph
) -> None:
    iri = "https://w3id.org/sysml-graph/graph/seed"
    assert (
        run(
            "push",
            "--endpoint",
            f"{oxigraph_server}/store",
            "--named-graph",
            iri,
            "--data",
            str(curated_dir),
        ).exit_code
        == 0
    )
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
    data = urllib.parse.urlencode({"query": q}).encode()
    status, _, body = http(
        f"{oxigraph_server}/query",
        data,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert status == 200 and body.decode().splitlines()[1] == str(len(graph))


def test_push_errors_are_clear(run: Invoke, curated_dir: Path, oxigraph_server: str) -> None:
    dead = f"http://127.0.0.1:{free_port()}/store"
    result = run("push", "--endpoint", dead, "--data", str(curated_dir))
    assert result.exit_code == 1 and "cannot reach" in result.stderr and "3 tries" in result.stderr
    result = run("push", "--endpoint", f"{oxigraph_server}/nowhere", "--data", str(curated_dir))
    assert result.exit_code == 1 and "answered 404" in result.stderr


# --- exports --------------------------------------------------------------------------------


def test_trig_has_one_graph_per_source_file_and_the_same_triples(
    run_curated: Invoke, tmp_path: Path, graph: Graph
) -> None:
    import pyoxigraph as ox

    out = tmp_path / "g.trig"
    assert run_curated("export", "--format", "trig", "-o", str(out)).exit_code == 0
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    graphs = {str(g.value) for g in store.named_graphs()}
    assert "https://w3id.org/sysml-graph/source/papers/eie.yaml" in graphs
    assert "https://w3id.org/sysml-graph/source/people.yaml" in graphs
    union = Graph()
    for quad in store:
        union.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    assert isomorphic(union, graph)
    serdi = subprocess.run(
        ["serdi", "-i", "trig", "-o", "nquads", str(out)], capture_output=True, text=True
    )
    assert serdi.returncode == 0
    assert len([line for line in serdi.stdout.splitlines() if line.strip()]) == len(graph)
    again = tmp_path / "again.trig"
    run_curated("export", "--format", "trig", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_graphml_and_csv(run_curated: Invoke, tmp_path: Path, corpus: object) -> None:
    import networkx as nx

    from sysml_graph.network.projection import project

    out = tmp_path / "g.graphml"
    assert run_curated("export", "--format", "graphml", "-o", str(out)).exit_code == 0
    g = nx.read_graphml(out)
    # The seed: 15 papers, 62 people, 13 venues, 88 concepts and 6 code repositories.
    assert g.number_of_nodes() == 184 and g.nodes["paper:eie"]["venue"] == "ISCA"
    papers = run_curated("export", "--format", "csv").stdout
    table = list(csv.DictReader(io.StringIO(papers)))
    assert len(table) == 16
    eie = next(r for r in table if r["id"] == "eie")
    assert eie["authors"].startswith("Song Han; Xingyu Liu") and eie["year"] == "2016"
    people = list(
        csv.DictReader(
            io.StringIO(run_curated("export", "--format", "csv", "--table", "people").stdout)
        )
    )
    assert {r["name"]: int(r["papers"]) for r in people}["Nicholas D. Lane"] == 5
    assert project is not None
