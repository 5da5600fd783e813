"""The build's parse cache: a rebuild parses only what changed and builds the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sysml_graph.builder.parse_cache import ParseCache
from sysml_graph.corpus.read import read_corpus

from .conftest import Invoke, copy_quarter


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("sysml-graph.*"))}


def test_rebuild_from_the_cache_writes_the_same_files(
    run: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert run("build", "--data", str(data_copy), "--out", str(out)).exit_code == 0
    first = _outputs(out)
    assert (out / ".cache" / "parsed.json").is_file()
    assert run("build", "--data", str(data_copy), "--out", str(out)).exit_code == 0
    assert _outputs(out) == first


def test_only_changed_files_are_parsed_again(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "parsed.json"
    cache = ParseCache(path)
    corpus, _ = read_corpus(data_copy, cache)
    files = cache.misses
    assert cache.hits == 0 and files > 16
    cache.save()

    eie = data_copy / "papers" / "eie.yaml"
    eie.write_text(eie.read_text().replace("EIE:", "EIE (changed):"))
    os.utime(data_copy / "papers" / "tvm.yaml")  # touched, same bytes: found by hash
    cache = ParseCache(path)
    corpus, _ = read_corpus(data_copy, cache)
    assert (cache.hits, cache.misses) == (files - 1, 1)
    assert next(p for p in corpus.papers if p.id == "eie").title.startswith("EIE (changed):")


def test_problems_are_remembered_with_the_file(
    run: Invoke, data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    (data_copy / "papers" / "eie.yaml").write_text("id: eie\nyear: 20l6\n")
    for _ in range(2):  # the second build reads eie.yaml's problems from the cache
        result = run("build", "--data", str(data_copy), "--out", str(out))
        assert result.exit_code == 1
        assert "papers/eie.yaml:2: 'year' must be a 4-digit integer year" in result.output


def test_a_broken_cache_is_ignored(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "parsed.json"
    path.write_bytes(b"not a cache")
    cache = ParseCache(path)
    corpus, problems = read_corpus(data_copy, cache)
    assert problems == [] and cache.hits == 0 and len(corpus.papers) == 16
    assert capsys.readouterr().err == (
        f"warning: ignoring {path}: not a sysml-graph cache; it will be rebuilt\n"
    )
    cache.save()  # written anew, and read back without a word
    assert ParseCache(path).entries == cache.entries
    assert capsys.readouterr().err == ""


def test_commands_reuse_the_last_build_of_the_same_data(
    run: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the index is looked for in ./dist
    data = str(data_copy)
    fresh = run("query", "papers-per-year", "--data", data, "--format", "csv").output
    assert run("build", "--data", data).exit_code == 0
    assert not list((tmp_path / "dist" / ".cache").glob("index-*"))
    assert run("query", "papers-per-year", "--data", data, "--format", "csv").output == fresh
    assert len(list((tmp_path / "dist" / ".cache").glob("index-*"))) == 1  # made once
    assert run("query", "papers-per-year", "--data", data, "--format", "csv").output == fresh

    # Data changed since the build: the index is not used, the answer follows the data.
    eie = data_copy / "papers" / "eie.yaml"
    eie.write_text(eie.read_text().replace("EIE:", "EIE (changed):"))
    ask = 'ASK { ?p dcterms:title ?t FILTER(STRSTARTS(?t, "EIE (changed)")) }'
    assert run("query", "-e", ask, "--data", data).output == "true\n"


def test_validate_reads_through_the_build_cache_without_writing_it(
    run: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = str(data_copy)
    assert run("validate", "--data", data).exit_code == 0
    assert not (tmp_path / "dist").exists()  # validate writes nothing
    assert run("build", "--data", data).exit_code == 0
    parsed = tmp_path / "dist" / ".cache" / "parsed.json"
    before = parsed.read_bytes()
    eie = data_copy / "papers" / "eie.yaml"
    eie.write_text(eie.read_text().replace("year: 2016", "year: 20l6"))
    result = run("validate", "--data", data)
    assert result.exit_code == 1
    assert "papers/eie.yaml:13: 'year' must be a 4-digit integer year" in result.output
    assert parsed.read_bytes() == before


def test_export_hands_over_the_builds_files_while_the_data_is_unchanged(
    run: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = str(data_copy)
    assert run("build", "--data", data).exit_code == 0
    for fmt, name in (("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld")):
        out = tmp_path / f"x.{name}"
        assert run("export", "--format", fmt, "--data", data, "-o", str(out)).exit_code == 0
        assert out.read_bytes() == (tmp_path / "dist" / f"sysml-graph.{name}").read_bytes()
    eie = data_copy / "papers" / "eie.yaml"
    eie.write_text(eie.read_text().replace("EIE:", "EIE (changed):"))
    result = run("export", "--format", "nt", "--data", data)
    assert b"EIE (changed):" in result.stdout_bytes


def test_network_commands_reuse_the_builds_network_while_the_data_is_unchanged(
    run: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """render, stats and export csv/graphml read the network the build drew instead of
    projecting the graph again, and write the same bytes as a projection would."""
    import sysml_graph.builder.network_reuse

    monkeypatch.chdir(tmp_path)
    data = str(data_copy)
    assert run("build", "--data", data).exit_code == 0
    assert (tmp_path / "dist" / ".cache" / "network.json").is_file()
    projected = {}
    for name, args in {
        "page.html": ["render", "-o", "page.html"],
        "papers.csv": ["export", "--format", "csv", "-o", "papers.csv"],
        "graph.graphml": ["export", "--format", "graphml", "-o", "graph.graphml"],
    }.items():
        assert run(*args, "--graph", "dist/sysml-graph.nt").exit_code == 0
        projected[name] = (tmp_path / name).read_bytes()
        (tmp_path / name).unlink()

    def no_projection(*_: object) -> None:
        raise AssertionError("projected again although the build's network is current")

    with monkeypatch.context() as m:
        m.setattr(sysml_graph.builder.network_reuse, "project", no_projection)
        assert run("render", "--data", data, "-o", "page.html").exit_code == 0
        assert run("export", "--format", "csv", "--data", data, "-o", "papers.csv").exit_code == 0
        assert (
            run("export", "--format", "graphml", "--data", data, "-o", "graph.graphml").exit_code
            == 0
        )
        assert run("stats", "--data", data).exit_code == 0
    assert {name: (tmp_path / name).read_bytes() for name in projected} == projected

    # The data changed since the build: the network follows the data.
    eie = data_copy / "papers" / "eie.yaml"
    eie.write_text(eie.read_text().replace("EIE:", "EIE (changed):"))
    result = run("export", "--format", "csv", "--data", data)
    assert "EIE (changed):" in result.output


def test_exports_from_the_last_build_equal_exports_from_the_data(
    run: Invoke, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole-graph exports read the build's N-Triples when they can; the bytes must not
    depend on it (loaded from its start, the store turned the build's order around)."""
    monkeypatch.chdir(tmp_path)
    data = str(data_copy)
    fresh = {
        fmt: run("export", "--format", fmt, "--data", data).stdout_bytes
        for fmt in ("rdfxml", "trig", "bibtex")
    }
    assert run("build", "--data", data).exit_code == 0
    for fmt, expected in fresh.items():
        assert run("export", "--format", fmt, "--data", data).stdout_bytes == expected, fmt


def test_the_cache_is_written_again_only_when_something_changed(
    data_copy: Path, tmp_path: Path
) -> None:
    path = tmp_path / "parsed.json"
    for _ in range(2):
        cache = ParseCache(path)
        read_corpus(data_copy, cache)
        cache.save()
    written = path.stat().st_mtime_ns
    cache = ParseCache(path)
    read_corpus(data_copy, cache)
    assert not cache.changed
    cache.save()
    assert path.stat().st_mtime_ns == written  # nothing new: not written

    os.utime(data_copy / "papers" / "tvm.yaml", ns=(1, 1))  # same bytes, new time: noted
    (data_copy / "papers" / "eie.yaml").unlink()  # a file gone: forgotten
    cache = ParseCache(path)
    read_corpus(data_copy, cache)
    assert cache.changed and cache.misses == 0
    cache.save()
    cache = ParseCache(path)
    read_corpus(data_copy, cache)
    assert not cache.changed
    assert not any(key.endswith("papers/eie.yaml") for key in cache.entries)


def test_validate_after_a_build_of_the_shipped_drafts_finds_no_problem(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the importer's editions into their venues once put them in the parse
    cache's records: every build after the first, and validate, found each one twice."""
    data = copy_quarter(tmp_path / "data")  # (the drafts' editions all there)
    monkeypatch.chdir(tmp_path)
    assert run("build", "--data", str(data), "--no-site").exit_code == 0
    result = run("validate", "--data", str(data))
    assert result.exit_code == 0, result.output
    (data / "venues.yaml").write_text((data / "venues.yaml").read_text() + "\n")
    result = run("build", "--data", str(data), "--no-site")  # a full build, through the cache
    assert result.exit_code == 0, result.output
