"""`serve` under load and faults, against a real `sysml-graph serve` process: concurrent
clients with slow and failing queries get every reply whole; slow-sending and idle
connections hold no thread and are cut off; worker processes are replaced, never leaked;
threads and memory stay bounded. Bounds are generous (a loaded 2-core machine)."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sysml_graph.sparql.named import named_queries
from sysml_graph.sparql.params import bind

from .test_serve import HEAVY, free_port, wait_for

THREADS = 16  # server.Limits.threads
IDLE_TIMEOUT = 15  # server.Limits.idle_timeout


def status_of(pid: int, field: str) -> int:
    """A number from /proc/PID/status (Threads, VmRSS in kB)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def workers_of(pid: int) -> list[int]:
    """The query worker processes a server has started (multiprocessing's spawned children)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and b"spawn_main" in cmdline:
            out.append(int(entry.name))
    return out


@pytest.fixture(scope="module")
def server(curated_dir: Path) -> Iterator[tuple[int, int]]:
    """(port, pid) of a `serve` process with a 1 s time limit."""
    port = free_port()
    command = [sys.executable, "-m", "sysml_graph", "serve", "--data", str(curated_dir)]
    command += ["--port", str(port), "--timeout", "1", "--max-results", "500"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)
        assert process.stderr is not None
        log = process.stderr.read().decode()
        process.stderr.close()
        assert "Traceback" not in log, log


def request(port: int, query: str, accept: str = "text/csv") -> tuple[int, bytes]:
    """One query on a new connection; http.client raises if the reply is cut short."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST",
            "/sparql",
            urllib.parse.urlencode({"query": query}),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )
        reply = conn.getresponse()
        body = reply.read()
        length = reply.getheader("Content-Length")
        assert length is not None and int(length) == len(body) and body
        return reply.status, body
    finally:
        conn.close()


def busy_or(other: str, status: int, body: bytes) -> str:
    """ "busy" for the reply to a query that found no free worker in time, "slow" for a
    good query stopped at the time limit (a starved machine can take over 1 s for one);
    otherwise ``other`` with the start of the reply, so a failure says what came back."""
    if status == 503 and b"stayed busy" in body:
        return "busy"
    if status == 503 and b"time limit" in body:
        return "slow"
    return f"{other}: {body[:80]!r}"


def wait_for_workers(pid: int, count: int, seconds: float = 60) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = workers_of(pid)
        if len(found) == count:
            return found
        time.sleep(0.2)
    return workers_of(pid)


def test_concurrent_clients_with_slow_and_failing_queries(server: tuple[int, int]) -> None:
    port, pid = server
    # Cases: (query, Accept, expected status); answers of good queries are taken once,
    # alone, and must come back the same under load.
    cases: list[tuple[str, str, int]] = [
        (bind(q, {}), "text/csv", 200) for q in named_queries().values()
    ]
    cases += [
        ("ASK { ?p a schema:ScholarlyArticle }", "text/csv", 200),
        ("CONSTRUCT { ?p dcterms:title ?t } WHERE { ?p dcterms:title ?t }", "text/turtle", 200),
        ("SELECT * WHERE { ?s ?p ?o", "text/csv", 400),  # syntax error
        ("SELECT * WHERE { ?s nope:x ?o }", "text/csv", 400),  # undeclared prefix
        ("SELECT * WHERE { ?s ?p ?o }", "text/csv", 413),  # over --max-results
        ("ASK { ?s ?p ?o }", "text/turtle", 406),
        ("DROP ALL", "text/csv", 403),
    ]
    expected = {}
    for query, accept, status in cases:
        got = request(port, query, accept)
        assert got[0] == status, (query, got)
        expected[(query, accept)] = got
    workers_before = wait_for_workers(pid, 2)
    threads_before, rss_before = status_of(pid, "Threads"), status_of(pid, "VmRSS")

    peak = {"threads": 0, "rss": 0}
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak["threads"] = max(peak["threads"], status_of(pid, "Threads"))
            peak["rss"] = max(peak["rss"], status_of(pid, "VmRSS"))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()

    def client(n: int) -> list[str]:
        outcomes = []
        for i in range(25):
            if i == 12 and n % 2 == 0:  # ten clients each send one query that hits the limit
                try:
                    status, body = request(port, HEAVY)
                    outcomes.append(
                        "timeout"
                        if status == 503 and b"time limit" in body
                        else busy_or(f"bad {status}", status, body)
                    )
                except Exception as err:
                    outcomes.append(f"dropped {err!r}")
                continue
            query, accept, status = cases[(n * 25 + i) % len(cases)]
            try:
                got = request(port, query, accept)
            except Exception as err:
                outcomes.append(f"dropped {err!r}")
                continue
            outcomes.append(
                "ok" if got == expected[(query, accept)] else busy_or(f"wrong {got[0]}", *got)
            )
        return outcomes

    start = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        outcomes = Counter(o for result in pool.map(client, range(20)) for o in result)
    seconds = time.monotonic() - start
    done.set()
    watcher.join()
    workers_after = wait_for_workers(pid, 2)
    threads_after, rss_after = status_of(pid, "Threads"), status_of(pid, "VmRSS")
    print(
        f"\n500 requests in {seconds:.1f} s: {dict(outcomes)}; threads {threads_before} -> "
        f"peak {peak['threads']} -> {threads_after}; RSS {rss_before // 1024} MB -> peak "
        f"{peak['rss'] // 1024} MB -> {rss_after // 1024} MB; workers {workers_before} -> "
        f"{workers_after}"
    )
    # A query that finds no free worker within the time limit is turned away (503 with
    # Retry-After): with a 1 s limit, two workers and ten queries holding one for 1 s each,
    # some are (44 to 75 of 500 on 2 cores). On a machine starved by other work a good
    # query can itself run past the limit (1 of 500 in one CI run): "slow", rare.
    # Nothing is dropped, wrong or cut short.
    assert set(outcomes) <= {"ok", "timeout", "busy", "slow"}, outcomes
    assert outcomes["timeout"] >= 1 and outcomes["ok"] >= 250 and outcomes["slow"] <= 10
    # The stopped workers were replaced, and no more were left behind.
    assert len(workers_after) == 2 and set(workers_after) - set(workers_before)
    # Threads: the fixed pool, the selector, and at most a few short-lived worker starters.
    assert peak["threads"] <= threads_before + 4 and threads_after <= threads_before + 1
    assert peak["rss"] - rss_before < 150 * 1024  # kB: answers are bounded by --max-results
    assert request(port, "ASK { ?s ?p ?o }") == (200, b"_askResult\r\ntrue\r\n")


def test_slow_and_idle_connections_hold_no_thread_and_time_out(server: tuple[int, int]) -> None:
    port, pid = server
    threads_before = status_of(pid, "Threads")
    text = "GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: x\r\n"
    text += "Accept: text/csv\r\nConnection: close\r\n\r\n"
    message = text.encode()
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    idle = socket.create_connection(("127.0.0.1", port))  # sends nothing
    stalled = socket.create_connection(("127.0.0.1", port))  # half a request, then nothing
    stalled.sendall(message[:20])
    opened = time.monotonic()
    answered, threads_seen = [], []
    sent = 0
    while time.monotonic() - opened < 20:
        for s in slow:
            s.sendall(message[sent : sent + 1])
        sent += 1
        begin = time.monotonic()
        status, _ = request(port, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        answered.append((status, time.monotonic() - begin))
        threads_seen.append(status_of(pid, "Threads"))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - begin)))
    print(
        f"\n{len(answered)} queries answered beside 50 slow connections, slowest in "
        f"{max(t for _, t in answered):.2f} s; threads {threads_before} -> max {max(threads_seen)}"
    )
    assert len(answered) >= 10 and all(status == 200 for status, _ in answered)
    assert all(seconds < 10 for _, seconds in answered)
    assert max(threads_seen) <= threads_before + 2  # the 52 open connections hold no thread
    for s in slow:  # still open: the server waits while bytes keep coming
        s.setblocking(False)
        with pytest.raises(BlockingIOError):
            s.recv(1)
        s.close()
    # The idle connection was closed without a word, the stalled one with a 408.
    idle.settimeout(30)
    stalled.settimeout(30)
    assert idle.recv(100) == b""
    reply = stalled.recv(1000)
    assert reply.startswith(b"HTTP/1.1 408") and b"nothing arrived for" in reply
    assert time.monotonic() - opened >= IDLE_TIMEOUT
    idle.close()
    stalled.close()
    assert threads_before >= THREADS + 1  # the pool is there from the start, at its size
