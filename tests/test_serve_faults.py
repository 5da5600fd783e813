"""Hostile queries and requests against a real `sysml-graph serve` and `sysml-graph query`:
every one gets a complete reply (or one error line, exit 1), never a crash, a dropped
connection or a traceback; the server keeps answering others and keeps its workers; its
temporary N-Triples file goes with it on SIGTERM and SIGINT."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sysml_graph.sparql.safety import MAX_DEPTH, MAX_OPERATORS, MAX_PATTERNS, MAX_QUERY_BYTES, check

from .test_serve import HEAVY, free_port, wait_for
from .test_serve_load import request, wait_for_workers, workers_of

PREFIX = "SELECT * WHERE { ?s ?p ?o FILTER("
# (query, what the 400 must name): each beyond one limit, each once a crash or a traceback.
ATTACKS = {
    "10,000 ||": (PREFIX + " || ".join(f"?o = {i}" for i in range(10_000)) + ") }", "bytes"),
    "|| up to 64 KiB": (PREFIX + "?o||" * 16_000 + "?o) }", "operators"),
    "3,000 nested (": (PREFIX + "(" * 3000 + "?o" + ")" * 3000 + ") }", "deep"),
    "nested { and [": (
        "ASK " + "{" * 40 + "?s ?p " + "[ ?p " * 40 + "1" + "]" * 40 + "}" * 40,
        "deep",
    ),
    "150 patterns": (
        "SELECT * WHERE { " + " ".join(f"?s{i} ?p ?o{i} ." for i in range(150)) + " }",
        "patterns",
    ),
    "900 KB": ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 900_000, "bytes"),
}


@pytest.fixture(scope="module")
def server(
    curated_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, int]]:
    """(port, pid) of a `serve` process; its log is checked for tracebacks at the end. Its
    time limit is long: on a loaded machine (the suite runs in parallel) the heavy query of
    the crash test must still be running when the test finds its worker."""
    port = free_port()
    command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(curated_dir)]
    command += ["--port", str(port), "--timeout", "60", "--max-results", "500"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        assert process.stderr is not None
        log = process.stderr.read().decode()
        process.stderr.close()
        assert "Traceback" not in log, log


def raw(port: int, data: bytes) -> bytes:
    """Send bytes, read until the server closes; the whole reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def complete(reply: bytes) -> tuple[int, str]:
    """Status and text of a whole HTTP reply with a text/plain body of its Content-Length."""
    head, sep, body = reply.partition(b"\r\n\r\n")
    assert sep, reply[:200]
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    assert headers["content-type"].startswith("text/plain"), headers
    assert int(headers["content-length"]) == len(body)
    return int(lines[0].split()[1]), body.decode()


@pytest.fixture
def bystander(server: tuple[int, int]) -> Iterator[list[int]]:
    """Another client asking a small query over and over during a test: its statuses."""
    port, _ = server
    statuses: list[int] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            statuses.append(request(port, "ASK { ?s ?p ?o }")[0])
            time.sleep(0.05)

    thread = threading.Thread(target=ask)
    thread.start()
    yield statuses
    stop.set()
    thread.join()
    assert statuses and set(statuses) == {200}, statuses


def test_hostile_queries_get_a_400_naming_the_limit(
    server: tuple[int, int], bystander: list[int]
) -> None:
    port, pid = server
    workers = wait_for_workers(pid, 2)
    for name, (query, limit) in ATTACKS.items():
        body = query.encode()
        head = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        status, text = complete(raw(port, head.encode() + body))
        assert status == 400 and limit in text and text.count("\n") == 1, (name, text)
    # Refused before any worker saw them: the same worker processes.
    assert sorted(workers_of(pid)) == sorted(workers)


@pytest.mark.parametrize(
    ("length", "status"),
    [
        (b"abc", 400),
        (b"-1", 400),
        (b"+5", 400),
        (b"1 2", 400),
        (b"99999999999999999999999999999999", 413),
        (b"2000000", 413),
    ],
)
def test_malformed_content_length_is_answered(
    server: tuple[int, int], length: bytes, status: int
) -> None:
    port, _ = server
    data = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    data += b"Content-Length: " + length + b"\r\n\r\nASK {}"
    got, text = complete(raw(port, data))
    assert got == status and ("Content-Length" in text or "body" in text), text


def test_two_different_content_lengths_are_refused(server: tuple[int, int]) -> None:
    port, _ = server
    data = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nContent-Length: 7\r\n\r\n"
    assert complete(raw(port, data + b"ASK {}"))[0] == 400


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def test_a_crashed_worker_is_replaced_and_its_query_answered_500(
    server: tuple[int, int], bystander: list[int]
) -> None:
    """A worker dying mid-query (here by SIGSEGV from outside, as an engine crash would):
    its client gets a 500, the worker is replaced, the other keeps answering."""
    port, pid = server
    workers = wait_for_workers(pid, 2)
    replies: list[tuple[int, bytes]] = []
    heavy = threading.Thread(target=lambda: replies.append(request(port, HEAVY)))
    # A worker still starting (loading the graph) spends CPU too: wait until both are idle.
    settle = time.monotonic() + 20
    while time.monotonic() < settle:
        before = {w: cpu_ticks(w) for w in workers}
        time.sleep(0.3)
        if all(cpu_ticks(w) - before[w] < 5 for w in workers):
            break
    before = {w: cpu_ticks(w) for w in workers}
    heavy.start()
    busy = None
    deadline = time.monotonic() + 30
    while busy is None and time.monotonic() < deadline and heavy.is_alive():
        time.sleep(0.3)
        # The worker running HEAVY burns a whole core; the bystander's ASKs barely register.
        # On a busy machine (the suite runs in parallel) both count slowly: wait until one
        # has clearly spent far more than the other.
        spent = {w: cpu_ticks(w) - before[w] for w in workers}
        top = max(spent, key=lambda w: spent[w])
        rest = max((t for w, t in spent.items() if w != top), default=0)
        if spent[top] >= 50 and spent[top] >= 3 * rest + 10:
            busy = top
    assert busy is not None, "HEAVY never ran"
    os.kill(busy, signal.SIGSEGV)
    heavy.join(60)
    assert replies and replies[0][0] == 500 and b"crashed" in replies[0][1], replies
    after = wait_for_workers(pid, 2)
    assert len(after) == 2 and busy not in after
    assert request(port, "ASK { ?s ?p ?o }")[0] == 200


def run_query(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sysml_graph", "query", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=cwd)


def test_the_query_command_refuses_with_one_line(turtle_file: Path, tmp_path: Path) -> None:
    for name, (query, limit) in ATTACKS.items():
        path = tmp_path / "attack.rq"
        path.write_text(query)
        result = run_query([str(path), "--graph", str(turtle_file)], tmp_path)
        assert result.returncode == 1, (name, result.returncode, result.stderr[-500:])
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, name
        assert limit in result.stderr and result.stdout == ""


def test_queries_at_the_limits_run(turtle_file: Path, tmp_path: Path) -> None:
    """Just inside every limit at once: parsed by both engines, answered, no crash."""
    depth = MAX_DEPTH - 3
    patterns = " ".join(f"?s ?p ?o{i} ." for i in range(MAX_PATTERNS - 5))
    ors = " || ".join(["?o0 = 1"] * (MAX_OPERATORS // 2 - 10))
    query = f"ASK {{ {patterns} FILTER({'(' * depth}{ors}{')' * depth}) }} # SERVICE"
    query += "#" * (MAX_QUERY_BYTES - len(query.encode()) - 1)
    path = tmp_path / "edge.rq"
    path.write_text(query)
    result = run_query([str(path), "--graph", str(turtle_file)], tmp_path)
    assert result.returncode == 0 and result.stdout in ("true\n", "false\n"), result.stderr
    assert check(query) == "ASK"  # and the full parse of the safety check (rdflib's)


def test_signals_leave_no_temporary_file(curated_dir: Path, tmp_path: Path) -> None:
    for number in (signal.SIGTERM, signal.SIGINT):
        tmp = tmp_path / f"tmp-{number}"
        tmp.mkdir()
        port = free_port()
        command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(curated_dir)]
        env = {**os.environ, "TMPDIR": str(tmp)}
        process = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.PIPE, env=env)
        try:
            wait_for(port, process)
            assert list(tmp.glob("sysml-graph-serve-*/graph.nt"))  # where it writes it
            process.send_signal(number)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        assert process.stderr is not None
        log = process.stderr.read().decode()
        process.stderr.close()
        assert list(tmp.iterdir()) == [] and "Traceback" not in log, log


def test_the_folder_of_a_serve_killed_with_9_is_removed_by_the_next(
    curated_dir: Path, tmp_path: Path
) -> None:
    """SIGKILL cannot be caught: the next serve removes the killed one's copy of the graph
    (and leaves a live one's alone)."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(curated_dir)]

    def start() -> tuple[subprocess.Popen[bytes], int]:
        port = free_port()
        process = subprocess.Popen(
            [*command, "--port", str(port)], stderr=subprocess.DEVNULL, env=env
        )
        wait_for(port, process)
        return process, port

    killed, _ = start()
    killed.kill()
    killed.wait(timeout=30)
    left = list(tmp_path.glob(f"sysml-graph-serve-{killed.pid}-*"))
    assert len(left) == 1 and (left[0] / "graph.nt").is_file()
    live, _ = start()
    other, _ = start()
    try:
        assert not left[0].exists(), "the killed serve's folder is still there"
        assert len(list(tmp_path.glob(f"sysml-graph-serve-{live.pid}-*"))) == 1
    finally:
        for process in (live, other):
            process.terminate()
            process.wait(timeout=30)
    assert list(tmp_path.iterdir()) == []


# --- any text given to the one check and to run(): QueryError or an answer, nothing else ---

TOKENS = [
    "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS",
    "SERVICE", "FROM", "NAMED", "GRAPH", "VALUES", "BIND", "AS", "LIMIT", "ORDER BY", "*",
    "?s", "?p", "?o", "$x", "a", "{", "}", "(", ")", "[", "]", ".", ";", ",", "||", "&&", "!",
    "=", "<", ">", "+", "-", "/", "|", "^", "1", "2.5", '"x"', "'y'", '"""z"""', "<http://x/a>",
    "dcterms:title", "paper:tvm", "_:b", "\\u0022", "#", "\n", "INSERT DATA", "LOAD", "COUNT",
]  # fmt: skip

PROPERTY = """
import sys
from hypothesis import given, settings, strategies as st
from sysml_graph.rdf.store import KnowledgeGraph
from sysml_graph.sparql.errors import QueryError
from sysml_graph.sparql.run import run
from sysml_graph.sparql.safety import check

TOKENS = {tokens!r}
kg = KnowledgeGraph.from_lines(['<http://x/a> <http://purl.org/dc/terms/title> "A" .\\n'])
soup = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.integers(1, 400).map(lambda n: "(" * n)),
    max_size=300,
).map(" ".join)

@settings(max_examples={examples}, deadline=None, database=None)
@given(st.one_of(st.text(max_size=2000), soup))
def prop(text):
    for call in (lambda: check(text), lambda: run(kg, text)):
        try:
            call()
        except QueryError:
            pass

prop()
print("ok")
"""


def test_any_text_is_an_answer_or_a_query_error() -> None:
    """Arbitrary text and SPARQL-ish token soup to check() and run(), in a subprocess so
    that a crash fails the test instead of ending the test run."""
    script = PROPERTY.format(tokens=TOKENS, examples=300)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0 and result.stdout == "ok\n", result.stderr[-3000:]
