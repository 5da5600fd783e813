"""Builds cannot step on each other: a second build into the same folder waits for the
first; a build killed with -9 leaves the last good outputs; the next build leaves no
temporary file and no process of the killed one behind. Real `sysml-graph build`
processes, real signals."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sysml_graph.builder.lock import LOCK, build_lock, leftovers

from .conftest import DATA, copy_quarter

OUTPUTS = ("sysml-graph.ttl", "sysml-graph.nt", "sysml-graph.jsonld", "sysml-graph.html")


def build(data: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sysml_graph", "build", "--data", str(data)]
    return subprocess.Popen(
        [*command, "--out", str(out), "--no-site"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def processes_naming(text: str) -> list[int]:
    """Live processes whose command line contains ``text`` (zombies excluded)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


@pytest.fixture
def two_datasets(tmp_path: Path) -> tuple[Path, Path]:
    """The curated data, and a copy whose TVM paper has another title."""
    first = shutil.copytree(DATA, tmp_path / "a", ignore=shutil.ignore_patterns("imported"))
    second = shutil.copytree(first, tmp_path / "b")
    paper = second / "papers" / "tvm.yaml"
    text = paper.read_text()
    assert "title: 'TVM: " in text
    paper.write_text(text.replace("title: 'TVM: ", "title: 'Renamed TVM: ", 1))
    return first, second


def test_a_second_build_waits_for_the_one_holding_the_lock(
    tmp_path: Path, two_datasets: tuple[Path, Path]
) -> None:
    first, _ = two_datasets
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running build does
    os.write(fd, b"4242")
    try:
        waiting = build(first, out)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line == (
            f"another build into {out} (process 4242) is running; waiting for it to finish\n"
        )
        time.sleep(1.0)
        assert waiting.poll() is None, "the second build did not wait"
        assert not (out / "sysml-graph.ttl").exists()
    finally:
        os.close(fd)
    code, stdout, stderr = finish(waiting)
    assert code == 0, stderr
    assert stdout.startswith("built ")
    reference = tmp_path / "reference"
    assert finish(build(first, reference))[0] == 0
    assert outputs(out) == outputs(reference)


def test_two_builds_at_once_leave_one_whole_build(
    tmp_path: Path, two_datasets: tuple[Path, Path]
) -> None:
    first, second = two_datasets
    out = tmp_path / "out"
    one, other = build(first, out), build(second, out)
    results = [finish(one), finish(other)]
    assert [code for code, _, _ in results] == [0, 0], results
    references = {}
    for name, data in (("a", first), ("b", second)):
        references[name] = tmp_path / f"reference-{name}"
        assert finish(build(data, references[name]))[0] == 0
    # Every output from the same build: the one that took the lock last.
    assert outputs(out) in (outputs(references["a"]), outputs(references["b"]))
    assert leftovers(out) == [] and not list(out.glob(".*.tmp"))


@pytest.mark.parametrize("edit", ["people.yaml", "papers/tvm.yaml"])
def test_a_build_killed_midway_leaves_the_last_outputs_and_nothing_after_the_next(
    tmp_path: Path, edit: str
) -> None:
    """Editing people makes a full build; editing a paper, a splice with its second process
    drawing the page (the one that could outlive the build)."""
    data = copy_quarter(tmp_path / "data")  # most of the shipped data: the build takes seconds
    out = tmp_path / "out-kill"
    assert finish(build(data, out))[0] == 0
    before = outputs(out)
    people = data / edit
    people.write_text(people.read_text() + "\n# a comment: the next build differs\n")
    for _attempt in range(5):  # kill it once it has staged a file (not yet renamed)
        process = build(data, out)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if list(out.glob(".sysml-graph.*.tmp")):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        process.communicate(timeout=60)
        if process.returncode == -signal.SIGKILL:
            break
        # It finished before it could be caught: make the data differ again and retry.
        people.write_text(people.read_text() + "#\n")
        before = outputs(out)
    else:
        pytest.fail("no build could be killed while it was writing")
    assert outputs(out) == before, "a killed build damaged the last good outputs"
    assert list(out.glob(".sysml-graph.*.tmp")), "nothing was staged: the test tests nothing"
    time.sleep(0.5)  # the kernel's kill of the page process is not instant
    assert processes_naming(str(out)) == [], "a process of the killed build is still alive"
    code, _, stderr = finish(build(data, out))
    assert code == 0, stderr
    assert not list(out.glob(".*.tmp")) and not list((out / ".cache").glob(".*.tmp"))
    assert processes_naming(str(out)) == []


def test_the_lock_is_released_when_its_block_ends(tmp_path: Path) -> None:
    with build_lock(tmp_path, lambda message: pytest.fail(message)):
        pass
    with build_lock(tmp_path, lambda message: pytest.fail(message)):
        assert (tmp_path / LOCK).read_text() == str(os.getpid())


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_page_process_of_a_killed_build_ends_with_it(tmp_path: Path) -> None:
    """The second process a build forks (it draws the page of a splice) waits on a pipe
    whose other end it also holds: it used to outlive a build killed with -9."""
    data = shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("imported"))
    out = tmp_path / "out"
    assert finish(build(data, out))[0] == 0
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from sysml_graph.builder.page_worker import PageWorker\n"
        "worker = PageWorker(Path(sys.argv[1]))\n"
        "assert worker.process is not None, 'no page process: no rebuild record?'\n"
        "print(worker.process.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    build_like = subprocess.Popen(
        [sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE, text=True
    )
    assert build_like.stdout is not None
    child = int(build_like.stdout.readline())
    assert _alive(child)
    build_like.send_signal(signal.SIGKILL)
    build_like.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the page process outlived the build that started it"
