"""Bad input: one `FILE:LINE: message` line per problem, exit 1, no traceback, and the
previous build left untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import Invoke

GOOD = (
    "id: broken\n"
    "type: conference-paper\n"
    "title: A Paper Written Only For This Test\n"
    "authors:\n"
    "- nicholas-d-lane\n"
    "venue: mobisys-2017\n"
    "year: 2017\n"
)

BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
)

# name: (file content, expected line, a phrase the message must hold)
CASES: dict[str, tuple[bytes, int, str]] = {
    "syntax error": (b"id: broken\ntitle: [unclosed\nyear: 2017\n", 3, "flow sequence at line 2"),
    "empty file": (b"", 1, "empty"),
    "list instead of mapping": (b"- id: broken\n- title: x\n", 1, "must be a mapping"),
    "python tag": (
        b'id: broken\ntitle: !!python/object/apply:os.system ["echo pwned"]\n',
        2,
        "tags",
    ),
    "alias bomb": (BILLION_LAUGHS.encode(), 1, "anchors and aliases"),
    "wrong type": (
        GOOD.replace("authors:\n- nicholas-d-lane\n", "authors: 3\n").encode(),
        4,
        "must be a list",
    ),
    "unknown id": (
        GOOD.replace("nicholas-d-lane", "nobody-at-all").encode(),
        5,
        "unknown author 'nobody-at-all'",
    ),
    "missing field": (
        GOOD.replace("title: A Paper Written Only For This Test\n", "").encode(),
        1,
        "missing required field 'title'",
    ),
    "bad year": (GOOD.replace("year: 2017", "year: 20l7").encode(), 7, "'20l7'"),
    "javascript link": (
        (GOOD + "url: javascript:alert(1)\n").encode(),
        8,
        "must be an http(s) link",
    ),
    "not utf-8": (GOOD.encode().replace(b"Only", b"Onl\xff"), 3, "not UTF-8"),
    "duplicate": (
        (
            GOOD.replace(
                "A Paper Written Only For This Test",
                "'EIE: Efficient Inference Engine on Compressed Deep Neural Network'",
            )
            .replace("mobisys-2017", "isca-2016")
            .replace("2017", "2016")
        ).encode(),
        3,
        "same title as paper 'broken' (papers/broken.yaml)",
    ),
    "year out of range": (GOOD.replace("year: 2017", "year: 1949").encode(), 7, "between 1950"),
    "unknown field": ((GOOD + "titel: typo\n").encode(), 8, "unknown field 'titel'"),
    "uppercase doi": ((GOOD + "doi: 10.1145/ABC\n").encode(), 8, "lower case"),
}

LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<msg>.+)$")


@pytest.mark.parametrize("name", list(CASES))
def test_each_broken_file_gets_one_located_line(
    name: str, data_copy: Path, tmp_path: Path, run: Invoke
) -> None:
    content, line, phrase = CASES[name]
    (data_copy / "papers" / "broken.yaml").write_bytes(content)
    result = run("validate", "--data", str(data_copy))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    problem_lines = [m for m in map(LINE.match, result.stderr.splitlines()) if m]
    assert len(problem_lines) == 1, result.stderr
    found = problem_lines[0]
    # Files are read in name order, so a duplicate is reported on the later one.
    assert found["file"] == ("papers/eie.yaml" if name == "duplicate" else "papers/broken.yaml")
    assert int(found["line"]) == line, result.stderr
    assert phrase in found["msg"], result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem found"


def test_failed_build_leaves_previous_output_untouched(
    data_copy: Path, tmp_path: Path, run: Invoke
) -> None:
    out = tmp_path / "dist"
    assert run("build", "--data", str(data_copy), "--out", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    # The build's own folders (the parse cache, …), whatever they are, stay the same too.
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    (data_copy / "papers" / "broken.yaml").write_bytes(b"id: broken\ntitle: [unclosed\n")
    result = run("build", "--data", str(data_copy), "--out", str(out))
    assert result.exit_code == 1
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # same files, same bytes, no temporary files left behind
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == folders
    assert ".cache" in folders  # the parse cache


def test_several_problems_are_all_reported(data_copy: Path, run: Invoke) -> None:
    (data_copy / "papers" / "a.yaml").write_text(
        GOOD.replace("broken", "a").replace("2017\n", "20l7\n")
    )
    (data_copy / "papers" / "b.yaml").write_text("id: b\n")
    result = run("validate", "--data", str(data_copy))
    assert result.exit_code == 1
    located = [m for m in map(LINE.match, result.stderr.splitlines()) if m]
    files = {m["file"] for m in located}
    assert files == {"papers/a.yaml", "papers/b.yaml"}
    assert len(located) >= 4  # year; b: type, title, authors


def test_paper_id_must_match_file_name(data_copy: Path, run: Invoke) -> None:
    (data_copy / "papers" / "other-name.yaml").write_text(GOOD)
    result = run("validate", "--data", str(data_copy))
    assert result.exit_code == 1
    assert "papers/other-name.yaml:1: paper id 'broken' must match its file name" in result.stderr


def test_missing_data_folder_is_a_clear_error(tmp_path: Path, run: Invoke) -> None:
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "data folder does not exist" in result.stderr
