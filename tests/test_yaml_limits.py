"""Hostile data folders (issue 17.5): files too deep, too long or too large, control
characters, symbolic links out of the folder. Each is refused with one `FILE:LINE:` line
and exit 1, in bounded memory, and nothing from them reaches a terminal raw."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysml_graph.corpus import yamlio
from sysml_graph.corpus.parse import parse_file
from sysml_graph.corpus.yamlio import MAX_DEPTH, MAX_FILE_BYTES, MAX_SCALAR, parse_text, read_yaml
from sysml_graph.problems import InvalidInput, Problem, terminal_safe

from .conftest import DATA

GOOD = (
    "id: good\n"
    "type: conference-paper\n"
    "title: A Paper Written Only For This Test\n"
    "authors:\n"
    "- nicholas-d-lane\n"
    "venue: mobisys-2017\n"
    "year: 2017\n"
)
LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<msg>.+)$")
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \t \n \r are layout
MB = 1024 * 1024
MEMORY_BOUND = 500 * MB


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A small valid data folder (validate takes half a second on it)."""
    data = tmp_path / "data"
    (data / "papers").mkdir(parents=True)
    for name in ("people.yaml", "venues.yaml"):
        shutil.copy(DATA / name, data / name)
    shutil.copytree(DATA / "taxonomies", data / "taxonomies")
    (data / "papers" / "good.yaml").write_text(GOOD)
    return data


# Runs the command and prints its peak memory. Linux keeps a process's peak (ru_maxrss)
# across fork and exec, so a command started straight from pytest (itself hundreds of MB by
# the end of the suite) would report pytest's peak: this small process starts it instead.
_RUNNER = """
import os, sys
pid = os.posix_spawn(sys.executable, [sys.executable, "-m", "sysml_graph", *sys.argv[1:]],
                     os.environ)
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\n{usage.ru_maxrss * 1024}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def sysml_graph(*args: str, cwd: Path | None = None) -> tuple[int, str, str, int]:
    """Run the command in its own process: exit code, stdout, stderr, and its peak
    resident memory in bytes (of that process alone)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER, *args], stdout=out, stderr=err, cwd=cwd
        )
        out.seek(0)
        err.seek(0)
        stderr, _, peak = err.read().decode("utf-8", "replace").rpartition("\n")
        return proc.returncode, out.read().decode("utf-8", "replace"), stderr, int(peak)


def one_problem(code: int, stderr: str) -> re.Match[str]:
    """The one problem line of a refused run."""
    assert code == 1, stderr
    assert "Traceback" not in stderr, stderr
    located = [m for m in map(LINE.match, stderr.splitlines()) if m]
    assert len(located) == 1, stderr
    assert stderr.splitlines()[-1] == "1 problem found", stderr
    return located[0]


# --- limits ------------------------------------------------------------------------------


def deep_block(levels: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(levels)) + "  " * levels + "b: 1\n"


ATTACKS: dict[str, tuple[bytes, int, str]] = {
    "3,000 nested block levels": (deep_block(3000).encode(), MAX_DEPTH + 1, "nested more than"),
    "3,000 nested flow levels": (
        ("a: " + "[" * 3000 + "]" * 3000 + "\n").encode(),
        1,
        "nest",
    ),
    "3,000 nested list items on one line": (("- " * 3000 + "x\n").encode(), 1, "nested"),
    "a 50 MB quoted value": (
        b"id: good\ntitle: '" + b"a" * (50 * MB) + b"'\n",
        1,
        "larger than 16 MiB",
    ),
    "a 15 MB quoted value in a file within the size limit": (
        b"id: good\ntitle: '" + b"a" * (15 * MB) + b"'\n",
        2,
        "a value of 15,728,640 characters",
    ),
    "a 15 MB multi-line plain value": (
        b"id: good\ntitle: a\n" + b"  b\n" * (15 * MB // 4) + b"year: 2017\n",
        2,
        "characters; at most",
    ),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_an_attack_is_one_located_line_in_bounded_memory(name: str, tiny: Path) -> None:
    content, line, phrase = ATTACKS[name]
    (tiny / "papers" / "good.yaml").write_bytes(content)
    code, _, stderr, peak = sysml_graph("validate", "--data", str(tiny), "--no-shacl")
    found = one_problem(code, stderr)
    assert (found["file"], int(found["line"])) == ("papers/good.yaml", line), stderr
    assert phrase in found["msg"], stderr
    assert peak < MEMORY_BOUND, f"{name}: {peak / MB:.0f} MB"


def test_the_limits_leave_room_for_real_data() -> None:
    """The shipped data is far inside every limit (README states them)."""
    files = sorted(DATA.rglob("*.yaml"))
    assert max(f.stat().st_size for f in files) * 50 < MAX_FILE_BYTES
    assert max(len(line) for f in files for line in f.read_text().splitlines()) * 20 < MAX_SCALAR


@pytest.mark.parametrize("fast", [True, False])
def test_depth_and_length_limits_are_exact_on_both_paths(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fast:
        monkeypatch.setattr(yamlio, "_parse_canonical", lambda _text: None)
    assert parse_text(deep_block(MAX_DEPTH - 1), "f.yaml").plain() is not None
    with pytest.raises(InvalidInput) as err:
        parse_text(deep_block(MAX_DEPTH), "f.yaml")
    assert str(err.value).startswith(f"f.yaml:{MAX_DEPTH + 1}: values nested more than")
    assert parse_text(f"t: '{'a' * MAX_SCALAR}'\n", "f.yaml").plain() == {"t": "a" * MAX_SCALAR}
    with pytest.raises(InvalidInput) as err:
        parse_text(f"k: 1\nt: '{'a' * (MAX_SCALAR + 1)}'\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:2: a value of 10,001 characters")


def test_too_many_values_are_refused_where_the_limit_is_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlio, "MAX_VALUES", 100)
    assert len(parse_text("- a\n" * 50, "f.yaml").plain()) == 50  # the fast path
    for text in ("- a\n" * 150, "[" + "a, " * 150 + "a]\n"):
        with pytest.raises(InvalidInput) as err:
            parse_text(text, "f.yaml")
        assert "more than 100 values in one file" in str(err.value)
    assert str(err.value).startswith("f.yaml:1:")


def test_a_file_larger_than_the_limit_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES * 4)  # sparse: costs no disk
    assert len(yamlio.read_bounded(big)) == MAX_FILE_BYTES + 1
    with pytest.raises(InvalidInput) as err:
        read_yaml(big, "big.yaml")
    assert str(err.value) == "big.yaml:1: file larger than 16 MiB; split it into smaller files"


# --- control characters ------------------------------------------------------------------

CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x9b"]


@pytest.mark.parametrize("control", CONTROLS)
@pytest.mark.parametrize("fast", [True, False])
def test_a_control_character_is_refused_with_its_line_on_both_paths(
    control: str, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fast:
        monkeypatch.setattr(yamlio, "_parse_canonical", lambda _text: None)
    for text in (f"id: x\ntitle: 'a{control}]0;owned'\n", f"id: x\ntitle: a{control}b\n"):
        with pytest.raises(InvalidInput) as err:
            parse_text(text, "f.yaml")
        assert str(err.value) == (
            f"f.yaml:2: control character U+{ord(control):04X} is not allowed in YAML; delete it"
        )


def test_a_control_character_spelt_as_an_escape_is_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_text('id: x\ntitle: "a\\e]0;owned\\a"\n', "f.yaml")
    assert str(err.value) == "f.yaml:2: control character U+001B in a value; delete it"


def test_a_problem_is_one_printable_line_whatever_it_quotes() -> None:
    problem = Problem("papers/\x1b]0;owned\x07.yaml", 3, "got 'a\nb\u202ec\x9b'")
    assert str(problem) == "papers/\\x1b]0;owned\\x07.yaml:3: got 'a\\nb\\u202ec\\x9b'"


def test_a_query_answer_stays_json_when_escaped() -> None:
    assert terminal_safe('{"x": "a\x9bb\u2028"}\n', json=True) == '{"x": "a\\u009bb\\u2028"}\n'


def in_terminal(*args: str, cwd: Path | None = None) -> tuple[int, bytes]:
    """Run the command with a pseudo-terminal as its stdout and stderr: exit code, and
    every byte it wrote there."""
    main, child = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sysml_graph", *args],
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=cwd,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "200"},
    )
    os.close(child)
    out = bytearray()
    while True:
        try:
            chunk = os.read(main, 1 << 16)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    return proc.wait(), bytes(out)


HOSTILE = "a\x1b]0;owned\x07b\x1b[2Jc\x9bd"
HOSTILE_SPARQL = "a\\u001b]0;owned\\u0007b\\u001b[2Jc\\u009bd"


@pytest.fixture
def tiny_graph(tmp_path: Path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text('<https://example.org/a> <https://example.org/p> "x" .\n')
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_a_query_answer_reaches_a_terminal_escaped(fmt: str, tiny_graph: Path) -> None:
    query = f'SELECT ?x WHERE {{ BIND("{HOSTILE_SPARQL}" AS ?x) }}'
    code, out = in_terminal("query", "-e", query, "--graph", str(tiny_graph), "--format", fmt)
    assert code == 0, out
    assert not RAW_CONTROL.search(out), out
    assert "\x9b" not in out.decode("utf-8"), out
    if fmt == "csv":
        assert b"a\\x1b]0;owned\\x07b\\x1b[2Jc\\x9bd" in out, out
    if fmt == "table":  # rich drops the BEL itself
        assert b"a\\x1b]0;ownedb\\x1b[2Jc\\x9bd" in out, out


def test_a_query_answer_into_a_pipe_keeps_its_exact_bytes(tiny_graph: Path) -> None:
    query = f'SELECT ?x WHERE {{ BIND("{HOSTILE_SPARQL}" AS ?x) }}'
    code, out, err, _ = sysml_graph(
        "query", "-e", query, "--graph", str(tiny_graph), "--format", "csv"
    )
    assert code == 0, err
    assert out == f"x\r\n{HOSTILE}\r\n"  # click would strip "\x1b[2J" from a pipe


def test_a_hostile_file_name_reaches_a_terminal_escaped(tiny: Path) -> None:
    (tiny / "papers" / "good.yaml").rename(tiny / "papers" / "\x1b]0;owned\x07.yaml")
    code, out = in_terminal("validate", "--data", str(tiny), "--no-shacl")
    assert code == 1, out
    assert not RAW_CONTROL.search(out), out
    assert b"papers/\\x1b]0;owned\\x07.yaml:1: paper id 'good' must match" in out, out


# --- symbolic links ----------------------------------------------------------------------

SECRET = "id: good\ntitle: THE-SECRET-CONTENT\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "good.yaml").write_text(SECRET)
    (folder / "people.yaml").write_text(SECRET)
    return folder


LINKS = {  # link in the data folder: what it points to, the line that refuses it
    "papers/leak.yaml": ("good.yaml", "papers/leak.yaml"),
    "papers/zero.yaml": ("/dev/zero", "papers/zero.yaml"),
    "papers/gone.yaml": ("no-such-file.yaml", "papers/gone.yaml"),
    "people.yaml": ("people.yaml", "people.yaml"),
    "papers": (".", "papers"),
    "taxonomies": (".", "taxonomies"),
    "imported": (".", "imported"),
    "imported/papers": (".", "imported/papers"),
}


@pytest.mark.parametrize("link", list(LINKS))
def test_a_link_out_of_the_data_folder_is_one_line(link: str, tiny: Path, outside: Path) -> None:
    target, file = LINKS[link]
    path = tiny / link
    path.parent.mkdir(exist_ok=True)
    if path.is_dir():
        shutil.rmtree(path)
    path.unlink(missing_ok=True)
    path.symlink_to(target if target.startswith("/") else outside / target)
    code, _, stderr, _ = sysml_graph("validate", "--data", str(tiny), "--no-shacl")
    if link in ("people.yaml", "taxonomies"):  # the refused files are also missing records
        assert code == 1 and "Traceback" not in stderr, stderr
        located = [m for m in map(LINE.match, stderr.splitlines()) if m]
        found = next(m for m in located if m["file"] == file)
    else:
        found = one_problem(code, stderr)
    assert found["file"] == file, stderr
    assert found["msg"].startswith("a symbolic link out of the data folder (to /"), stderr
    assert "SECRET" not in stderr


def test_links_within_the_data_folder_are_read_like_what_they_point_to(tiny: Path) -> None:
    (tiny / "drafts").mkdir()
    (tiny / "papers" / "good.yaml").rename(tiny / "drafts" / "good.yaml")
    (tiny / "papers" / "good.yaml").symlink_to("../drafts/good.yaml")
    (tiny / "imported").mkdir()
    (tiny / "imported" / "papers").symlink_to("../drafts/none")  # missing: nothing to read
    shutil.move(tiny / "taxonomies", tiny / "drafts" / "taxonomies")
    (tiny / "taxonomies").symlink_to("drafts/taxonomies")
    code, out, err, _ = sysml_graph("validate", "--data", str(tiny), "--no-shacl")
    assert code == 0, err
    assert out.startswith("ok: 1 papers,"), out


def test_a_link_added_after_a_build_is_refused_by_cache_and_rebuild(
    tiny: Path, outside: Path, tmp_path: Path
) -> None:
    """The parse cache of the last build and the incremental build read no file either."""
    code, _, err, _ = sysml_graph("build", "--data", str(tiny), cwd=tmp_path)
    assert code == 0, err
    (tiny / "papers" / "leak.yaml").symlink_to(outside / "good.yaml")
    for command in ("validate", "build"):
        code, _, stderr, _ = sysml_graph(command, "--data", str(tiny), cwd=tmp_path)
        found = one_problem(code, stderr)
        assert found["file"] == "papers/leak.yaml", (command, stderr)
        assert "SECRET" not in stderr


# --- any bytes at all --------------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab:- '\"\n\t#&*!|>[]{},%@`?\\\x00\x1b\x85\u2028\ufeff")),
    max_size=200,
).map(lambda s: s.encode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(st.binary(max_size=300), YAMLISH), name=st.sampled_from(["p", "q"]))
def test_any_bytes_make_problem_lines_or_records_never_a_traceback(
    content: bytes, name: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        path = data / "people.yaml" if name == "q" else data / "papers" / "p.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        _, _, problems = parse_file(path, data)
    for problem in problems:
        line = str(problem)
        assert line.isprintable(), line
        assert LINE.match(line), line
