"""`serve` answers the SPARQL 1.1 Protocol as standard clients expect: every result format for
every query form, content negotiation with 406, the service description, VoID, HEAD and
OPTIONS, refusals with a clear text/plain message; checked with SPARQLWrapper, plain HTTP
and raw sockets against a real `sysml-graph serve` process, and with the RDF read back by
pyoxigraph and rdflib."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from .test_serve import free_port, http, wait_for

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
ASK = "ASK { ?p a schema:ScholarlyArticle }"
SELECT = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
CONSTRUCT = (
    "CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p a schema:ScholarlyArticle ; dcterms:title ?t }"
)
DESCRIBE = "DESCRIBE <https://w3id.org/sysml-graph/paper/eie>"


@pytest.fixture(scope="module")
def server(curated_dir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A `serve` process and its URL; its stderr is kept to check that it stays quiet."""
    port = free_port()
    command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(curated_dir)]
    command += ["--port", str(port), "--timeout", "2", "--max-results", "500"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr is not None:
            process.stderr.close()


@pytest.fixture(scope="module")
def endpoint(server: tuple[str, subprocess.Popen[bytes]]) -> str:
    return server[0]


def get(
    endpoint: str, query: str, accept: str | None = None, **params: str
) -> tuple[int, str, bytes]:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query, **params})
    return http(url, headers={"Accept": accept} if accept else {})


RESULT_FORMATS = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def boolean_of(media: str, body: bytes) -> bool:
    """An ASK answer read back: by pyoxigraph for JSON, XML and TSV; CSV as the one-column
    table Jena writes."""
    if media == "text/csv":
        table = list(csv.reader(io.StringIO(body.decode())))
        assert table[0] == ["_askResult"] and len(table) == 2
        return table[1] == ["true"]
    fmt = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }[media]
    if fmt == ox.QueryResultsFormat.TSV:
        assert body.decode().splitlines()[0] == "?_askResult"
        return body.decode().splitlines()[1] == "true"
    answer = ox.parse_query_results(body, fmt)
    assert isinstance(answer, ox.QueryBoolean)
    return bool(answer)


@pytest.mark.parametrize("media", RESULT_FORMATS)
def test_ask_in_every_result_format(endpoint: str, media: str) -> None:
    status, ctype, body = get(endpoint, ASK, media)
    assert status == 200 and ctype.startswith(media), body
    assert boolean_of(media, body) is True
    status, _, body = get(endpoint, "ASK { ?p a <http://example.org/Nothing> }", media)
    assert status == 200 and boolean_of(media, body) is False


@pytest.mark.parametrize("media", RESULT_FORMATS)
def test_select_in_every_result_format(endpoint: str, media: str) -> None:
    status, ctype, body = get(endpoint, SELECT, media)
    assert status == 200 and ctype.startswith(media), body
    if media == "text/csv":
        assert body.decode().splitlines() == ["n", "15"]
        return
    fmt = {
        "application/sparql-results+json": ox.QueryResultsFormat.JSON,
        "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    }[media]
    solutions = ox.parse_query_results(body, fmt)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [s["n"].value for s in solutions] == ["15"]


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize("media", list(GRAPH_FORMATS))
def test_graph_queries_in_every_rdf_format(endpoint: str, query: str, media: str) -> None:
    status, ctype, body = get(endpoint, query, media)
    assert status == 200 and ctype.startswith(media), body
    triples = set(ox.parse(body, format=GRAPH_FORMATS[media]))
    reference = set(
        ox.parse(get(endpoint, query, "application/n-triples")[2], format=ox.RdfFormat.N_TRIPLES)
    )
    assert len(triples) == len(reference) > 10 and triples == reference


def test_sparqlwrapper_defaults_for_every_form(endpoint: str) -> None:
    """SPARQLWrapper asks for RDF/XML for CONSTRUCT and DESCRIBE by default, and parses it."""
    from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

    prefixes = "PREFIX schema: <https://schema.org/>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(prefixes + CONSTRUCT)
    client.setReturnFormat(XML)
    got = client.query().convert()
    assert isinstance(got, Graph) and len(got) == 15
    client.setQuery(prefixes + ASK)
    client.setReturnFormat(CSV)
    assert client.query().convert() == b"_askResult\r\ntrue\r\n"
    client.setReturnFormat(JSON)
    assert client.query().convert() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "accept,form,want",
    [
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            "SELECT",
            "application/sparql-results+xml",
        ),
        ("text/*", "SELECT", "text/csv"),
        ("text/*;q=0.9, text/csv;q=0.1", "ASK", "text/tab-separated-values"),
        ("application/xml;q=0.9, */*;q=0.8", "CONSTRUCT", "text/turtle"),
        ("application/rdf+xml, text/turtle;q=0.5", "CONSTRUCT", "application/rdf+xml"),
        ("*/*", "DESCRIBE", "text/turtle"),
    ],
)
def test_content_negotiation(endpoint: str, accept: str, form: str, want: str) -> None:
    query = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}[form]
    status, ctype, _ = get(endpoint, query, accept)
    assert status == 200 and ctype.split(";")[0] == want


@pytest.mark.parametrize(
    "query,accept",
    [
        (SELECT, "text/turtle"),
        (ASK, "image/png"),
        (CONSTRUCT, "application/sparql-results+json"),
        (DESCRIBE, "text/csv;q=1, */*;q=0"),
    ],
)
def test_406_lists_what_can_be_served(endpoint: str, query: str, accept: str) -> None:
    status, ctype, body = get(endpoint, query, accept)
    assert status == 406 and ctype.startswith("text/plain")
    offered = "text/turtle" if query in (CONSTRUCT, DESCRIBE) else "text/csv"
    assert offered in body.decode() and accept in body.decode()


def test_syntax_errors_give_line_and_column_of_the_users_text(endpoint: str) -> None:
    status, ctype, body = get(endpoint, "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }")
    assert status == 400 and ctype.startswith("text/plain")
    assert "line 4" in body.decode() and "column" in body.decode()


def test_an_undeclared_prefix_is_a_clear_400(endpoint: str) -> None:
    status, ctype, body = get(endpoint, "SELECT * WHERE {\n  ?s ?p ?o . foo:bar ?p ?o }")
    assert status == 400 and ctype.startswith("text/plain")
    assert "foo" in body.decode() and "line 2" in body.decode()


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_dataset_parameters_are_refused_with_a_reason(endpoint: str, param: str) -> None:
    status, _, body = get(endpoint, SELECT, None, **{param: "https://w3id.org/sysml-graph/dataset"})
    assert status == 400 and param in body.decode() and "default graph" in body.decode()
    form = urllib.parse.urlencode({"query": SELECT, param: "http://example.org/g"}).encode()
    status, _, body = http(
        f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400 and param in body.decode()


def test_one_query_per_request(endpoint: str) -> None:
    twice = urllib.parse.urlencode([("query", SELECT), ("query", ASK)])
    status, _, body = http(f"{endpoint}/sparql?{twice}")
    assert status == 400 and b"2 queries" in body
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": ASK})
    status, _, body = http(url, SELECT.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"2 queries" in body
    status, _, body = http(f"{endpoint}/sparql", b"", {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"the query is empty" in body


def test_service_description(endpoint: str) -> None:
    status, ctype, body = http(f"{endpoint}/sparql")
    assert status == 200 and ctype.startswith("text/turtle")
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.TURTLE)
    me = f"<{endpoint}/sparql>"

    def values(predicate: str) -> set[str]:
        q = f"SELECT ?o WHERE {{ {me} <{SD}{predicate}> ?o }}"
        return {s["o"].value for s in store.query(q)}  # type: ignore[union-attr]

    assert f"{SD}Service" in {s["t"].value for s in store.query(f"SELECT ?t WHERE {{ {me} a ?t }}")}  # type: ignore[union-attr]
    assert values("endpoint") == {f"{endpoint}/sparql"}
    assert values("supportedLanguage") == {f"{SD}SPARQL11Query"}
    formats = {v.rsplit("/", 1)[1] for v in values("resultFormat")}
    assert formats == {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    }
    assert len(values("feature")) >= 3
    q = f"SELECT ?n WHERE {{ {me} <{SD}defaultDataset>/<{SD}defaultGraph>/<{VOID}triples> ?n }}"
    assert [int(s["n"].value) for s in store.query(q)] == [len_of(endpoint)]  # type: ignore[union-attr]
    for media, fmt in GRAPH_FORMATS.items():
        status, ctype, other = http(f"{endpoint}/sparql", headers={"Accept": media})
        assert status == 200 and ctype.startswith(media)
        assert set(ox.parse(other, format=fmt)) == set(ox.parse(body, format=ox.RdfFormat.TURTLE))


def len_of(endpoint: str) -> int:
    status, _, body = get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200
    return int(body.decode().splitlines()[1])


def test_a_browser_asking_the_endpoint_for_html_is_sent_to_the_query_page(endpoint: str) -> None:
    with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as s:
        s.sendall(
            b"GET /sparql HTTP/1.1\r\nHost: x\r\nAccept: text/html,*/*;q=0.8\r\n"
            b"Connection: close\r\n\r\n"
        )
        head = read_all(s).split(b"\r\n\r\n")[0].decode()
    assert head.startswith("HTTP/1.1 303") and "\r\nLocation: /query\r\n" in head


def test_void_at_its_well_known_place(endpoint: str) -> None:
    status, ctype, body = http(f"{endpoint}/.well-known/void")
    assert status == 200 and ctype.startswith("text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    q = """SELECT ?license ?triples ?sparql ?dump WHERE { ?d a void:Dataset ;
      dcterms:license ?license ; void:triples ?triples ; void:sparqlEndpoint ?sparql ;
      void:dataDump ?dump }"""
    rows = list(g.query(q, initNs={"void": VOID, "dcterms": "http://purl.org/dc/terms/"}))
    assert len(rows) == 1
    license_, triples, sparql, dump = rows[0]  # type: ignore[misc]
    assert str(license_).startswith("https://creativecommons.org/licenses/")
    assert int(triples) == len_of(endpoint) and str(sparql) == f"{endpoint}/sparql"
    status, ctype, data = http(str(dump))
    assert status == 200 and ctype.startswith("application/n-triples")
    assert len(Graph().parse(data=data.decode(), format="nt")) == int(triples)


def test_head_and_options(endpoint: str) -> None:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": SELECT})
    status, ctype, body = http(url, method="HEAD")
    assert status == 200 and ctype.startswith("application/sparql-results+json") and body == b""
    for path, allowed in [
        ("/sparql", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("/.well-known/void", {"GET", "HEAD", "OPTIONS"}),
    ]:
        with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as s:
            s.sendall(f"OPTIONS {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            head = read_all(s).decode()
        assert head.startswith("HTTP/1.1 204")
        allow = next(line for line in head.split("\r\n") if line.lower().startswith("allow:"))
        assert {m.strip() for m in allow.split(":", 1)[1].split(",")} == allowed
    status, _, body = http(f"{endpoint}/sparql", b"x", method="PUT")
    assert status == 405 and b"PUT" in body


def read_all(s: socket.socket) -> bytes:
    s.settimeout(30)
    chunks = []
    while chunk := s.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "raw,status",
    [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", 400),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411),
        (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 413),
        (b"GET /sparql?query=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
        (b"BREW /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 501),
    ],
)
def test_malformed_requests_get_a_message(endpoint: str, raw: bytes, status: int) -> None:
    with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as s:
        s.sendall(raw)
        reply = read_all(s)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()) or head.startswith(
        f"HTTP/1.0 {status} ".encode()
    )
    assert b"text/plain" in head and body.strip()


def test_keep_alive_and_pipelining(endpoint: str) -> None:
    """Two requests sent at once on one connection get two answers, in order."""
    first = (
        "GET /sparql?"
        + urllib.parse.urlencode({"query": ASK})
        + " HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n"
    )
    second = (
        "GET /sparql?"
        + urllib.parse.urlencode({"query": SELECT})
        + " HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as s:
        s.sendall((first + second).encode())
        reply = read_all(s)
    assert reply.count(b"HTTP/1.1 200 OK") == 2
    assert reply.index(b"_askResult") < reply.index(b"\r\n15\r\n")


def test_expect_100_continue(endpoint: str) -> None:
    """curl sends Expect: 100-continue with a body over 1 KiB and waits for the go-ahead."""
    body = (SELECT + " " * 2000).encode()
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        f"Accept: text/csv\r\nExpect: 100-continue\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", int(endpoint.rsplit(":", 1)[1]))) as s:
        s.sendall(head.encode())
        s.settimeout(10)
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(body)
        reply = read_all(s)
    assert reply.startswith(b"HTTP/1.1 200") and reply.endswith(b"n\r\n15\r\n")


# --- the named queries, with parameters ---------------------------------------------------


def test_the_named_queries_are_listed_with_their_parameters(endpoint: str) -> None:
    from sysml_graph.sparql.named import named_queries

    status, media, body = http(f"{endpoint}/queries")
    assert status == 200 and media.startswith("application/json")
    listed = json.loads(body)
    assert sorted(listed) == sorted(named_queries())
    assert listed["coauthors"]["parameters"][0]["name"] == "person"
    assert listed["coauthors"]["url"] == "/queries/coauthors"


def test_a_named_query_runs_with_its_parameters(endpoint: str, curated_dir: Path) -> None:
    """The answer the command line gives, for the parameter given (not the default)."""
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    url = f"{endpoint}/queries/paper-authors?paper=deepx"
    status, _, body = http(url, headers={"Accept": "text/csv"})
    assert status == 200
    served = list(csv.reader(io.StringIO(body.decode())))
    args = ["query", "paper-authors", "--bind", "paper=deepx", "--format", "csv"]
    local = CliRunner().invoke(cli, [*args, "--data", str(curated_dir)])
    assert served[1:] == list(csv.reader(io.StringIO(local.stdout)))[1:]
    assert len(served) == 8 and "Nicholas D. Lane" in served[1][2]


@pytest.mark.parametrize(
    "path,status,message",
    [
        ("/queries/coauthors?person=nic-lane", 404,
         "no person 'nic-lane' in the graph; did you mean 'nicholas-d-lane'?"),
        ("/queries/papers-by-technique?technique=prunning", 404,
         "no technique 'prunning' in the graph; did you mean 'pruning'?"),
        ("/queries/papers-by-venue?venue=MobiSys", 400,
         "'MobiSys' is not a venue id; did you mean 'mobisys'?"),
        ("/queries/papers-by-venue?year=17", 400,
         "'17' is not a year; give all four digits, like 2017"),
        ("/queries/coauthors?people=x", 400, "unknown parameter people for coauthors"),
        ("/queries/coauthors?person=a&person=b", 400, "a parameter is given more than once"),
        ("/queries/no-such-query", 404, "no query named 'no-such-query'; known: builds-on"),
    ],
)  # fmt: skip
def test_a_bad_parameter_gets_a_clear_answer(
    endpoint: str, path: str, status: int, message: str
) -> None:
    got, media, body = http(f"{endpoint}{path}")
    assert got == status and media.startswith("text/plain")
    assert body.decode().startswith(message), body


def test_every_refusal_is_text_and_the_log_stays_quiet(
    server: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """Runs last in this file: after every client error above, the server logged nothing."""
    endpoint, process = server
    cases = [
        get(endpoint, "SELECT * WHERE { ?s ?p ?o }"),  # over --max-results
        get(
            endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        ),  # time limit
        get(endpoint, "DROP ALL"),
        get(endpoint, ""),
        http(f"{endpoint}/nowhere"),
        http(f"{endpoint}/sparql", b"{}", {"Content-Type": "application/json"}),
    ]
    assert [c[0] for c in cases] == [413, 503, 403, 400, 404, 415]
    for status, ctype, body in cases:
        assert ctype.startswith("text/plain") and len(body.strip()) > 10, (status, body)
    assert json.loads(get(endpoint, ASK)[2]) == {"head": {}, "boolean": True}  # still answering
    process.terminate()
    process.wait(timeout=20)
    assert process.stderr is not None
    log = process.stderr.read().decode()
    assert "Traceback" not in log and log.count("\n") == 1, log  # the "serving …" line only
