"""The caches under OUT/.cache/ cannot run code: a file planted there (a malicious pickle
at the old or the new names), or a damaged cache, is never executed, is named in one line
of warning when a command would have read it, and the command writes what it writes with
no cache at all."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sysml_graph.builder import cache
from sysml_graph.builder.network_cache import decode_network, encode_network
from sysml_graph.builder.parse_cache import ParseCache
from sysml_graph.cli.main import cli
from sysml_graph.corpus.read import read_corpus
from sysml_graph.resources import default_data_dir

from .conftest import copy_curated

NEW = ("parsed.json", "network.json", "rebuild.json", "network-deltas.json")
OLD = ("parsed.pickle", "network.pickle", "rebuild.pickle", "network-deltas.pickle")
OUTPUTS = ("sysml-graph.ttl", "sysml-graph.nt", "sysml-graph.jsonld", "sysml-graph.html")
COMMANDS = ("validate", "export trig", "render", "stats", "build")  # build last: it rewrites
# Who reads which cache while the data is as the last build (a splice) left it.
READERS = {
    "parsed.json": {"validate", "export trig", "build"},
    "network.json": {"render", "stats", "build"},
    "rebuild.json": {"render", "stats", "build"},
    "network-deltas.json": {"render", "stats", "build"},
}
EDITED = ("Efficient Inference Engine", "An Efficient Inference Engine")


def _run(cwd: Path, *args: str) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result


def _command(cwd: Path, name: str, data: Path) -> tuple[list[str], dict[str, bytes]]:
    """Run one command in ``cwd`` (which may hold ./dist): its warnings and what it wrote
    (its standard output, its files)."""
    args = {
        "validate": ["validate"],
        "export trig": ["export", "--format", "trig"],
        "render": ["render", "-o", "page.html"],
        "stats": ["stats", "--top", "3"],  # charts into the build folder
        "build": ["build"],
    }[name]
    result = _run(cwd, *args, "--data", str(data))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    if name == "build":  # its message says whether it spliced, not what it wrote
        return warnings, {n: (cwd / "dist" / n).read_bytes() for n in OUTPUTS}
    files = [cwd / "page.html"] if name == "render" else []
    files += sorted((cwd / "dist").glob("*.svg")) if name == "stats" else []
    wrote = {p.name: p.read_bytes() for p in files}
    return warnings, {"stdout": result.stdout_bytes, **wrote}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated seed with one paper edited after the first build."""
    return copy_curated(tmp_path_factory.mktemp("safety") / "data")


@pytest.fixture(scope="module")
def spliced(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ./dist with every cache: a full build, then a splice of the edited paper (so
    that the network's deltas are read too). Copies keep its files' times (the records of
    the build compare them), and the data is not touched again."""
    home = tmp_path_factory.mktemp("spliced")
    eie = data / "papers" / "eie.yaml"
    original = eie.read_text(encoding="utf-8")
    _run(home, "build", "--data", str(data))
    eie.write_text(original.replace(*EDITED), encoding="utf-8")
    assert "spliced" in _run(home, "build", "--data", str(data)).stdout
    assert sorted(p.name for p in (home / "dist" / ".cache").glob("*.json")) == sorted(
        ["build.json", *NEW]
    )
    return home / "dist"


@pytest.fixture(scope="module")
def fresh(
    data: Path, spliced: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, bytes]]:
    """What each command writes with no cache at all (run after ``spliced``: the data's
    final state)."""
    out = {}
    for name in COMMANDS:
        home = tmp_path_factory.mktemp("fresh")
        warnings, out[name] = _command(home, name, data)
        assert warnings == []
    return out


def _at(spliced: Path, tmp_path: Path) -> Path:
    """A private copy of the spliced build; the folder to run commands in."""
    shutil.copytree(spliced, tmp_path / "dist")
    return tmp_path


class _Plant:
    """Unpickled, it creates ``marker``: what any code could do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., None], tuple[Path]]:
        return Path.touch, (self.marker,)


def _payload(marker: Path) -> bytes:
    payload = pickle.dumps(_Plant(marker))
    pickle.loads(payload)  # the payload does run code when unpickled:
    assert marker.is_file()
    marker.unlink()
    return payload


@pytest.mark.parametrize("name", NEW + OLD)
def test_a_planted_pickle_is_never_run(
    name: str, data: Path, spliced: Path, fresh: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    home = _at(spliced, tmp_path)
    marker = tmp_path / "pwned"
    payload = _payload(marker)
    for command in COMMANDS:
        (home / "dist" / ".cache" / name).write_bytes(payload)
        warnings, wrote = _command(home, command, data)
        assert not marker.exists(), f"{command} ran the pickle at {name}"
        expected = 1 if command in READERS.get(name, ()) else 0
        assert len(warnings) == expected, (command, warnings)
        if warnings:
            assert f"dist/.cache/{name}: " in warnings[0]
            assert warnings[0].endswith("; it will be rebuilt")
        assert wrote == fresh[command], command


def _empty(good: bytes) -> bytes:
    return b""


def _truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def _corrupt(good: bytes) -> bytes:
    """The same length, a byte of the body changed into one JSON never has there."""
    at = good.index(b"\n") + len(good) // 3
    return good[:at] + b"\x00" + good[at + 1 :]


def _other_version(good: bytes) -> bytes:
    return good.replace(b'"version":1,', b'"version":99,', 1)


def _not_json(good: bytes) -> bytes:
    return b"PK\x03\x04" + good  # e.g. a zip file


@pytest.mark.parametrize("damage", [_empty, _truncated, _corrupt, _other_version, _not_json])
@pytest.mark.parametrize("name", NEW)
def test_a_damaged_cache_is_ignored_with_one_warning_and_rebuilt(
    name: str,
    damage: Callable[[bytes], bytes],
    data: Path,
    spliced: Path,
    fresh: dict[str, dict[str, bytes]],
    tmp_path: Path,
) -> None:
    home = _at(spliced, tmp_path)
    path = home / "dist" / ".cache" / name
    good = path.read_bytes()
    # (not `stats`: it reads the network as `render` does, through cli.load.network_of, and
    # spends its time drawing charts; the planted-pickle test runs it on every cache)
    for command in sorted(READERS[name] - {"stats"}, key=COMMANDS.index):
        path.write_bytes(damage(good))
        warnings, wrote = _command(home, command, data)
        assert len(warnings) == 1, (command, warnings)
        assert warnings[0].startswith(f"warning: ignoring dist/.cache/{name}: ")
        assert wrote == fresh[command], command
    # The build (a full one) wrote it anew, or removed it (a full build has no deltas),
    # and the next commands use the caches without a word.
    if name == "network-deltas.json":
        assert not path.exists()
    else:
        assert path.read_bytes() != damage(good)
    for command in ("validate", "render"):
        warnings, wrote = _command(home, command, data)
        assert warnings == [] and wrote == fresh[command]


@pytest.mark.parametrize("name", NEW)
def test_damage_that_keeps_the_size_and_time_is_found_by_the_next_build(
    name: str, data: Path, spliced: Path, fresh: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    """Found by the checksum, where the build's records of sizes and times see nothing."""
    home = _at(spliced, tmp_path)
    path = home / "dist" / ".cache" / name
    st = path.stat()
    path.write_bytes(_corrupt(path.read_bytes()))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    warnings, wrote = _command(home, "build", data)
    assert len(warnings) == 1 and f"dist/.cache/{name}: corrupt" in warnings[0], warnings
    assert wrote == fresh["build"]
    for command in ("validate", "render"):
        assert _command(home, command, data) == ([], fresh[command])


def test_read_says_why_a_file_is_not_a_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.json"
    cache.write(path, "demo", "k1", {"a": [1, 2]})
    assert cache.read(path, "demo", dict, key="k1") == {"a": [1, 2]}
    assert cache.read(path, "demo", dict, key="k2") is None  # stale: a miss, no warning
    assert capsys.readouterr().err == ""

    def no_field(value: dict[str, object]) -> object:
        return value["b"]

    cases: dict[str, Callable[[], object]] = {
        "another kind of cache ('demo', not 'other')": lambda: cache.read(path, "other", dict),
        "what a demo cache holds": lambda: cache.read(path, "demo", no_field),
    }
    for reason, attempt in cases.items():
        assert attempt() is None
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and reason in err, err
    assert cache.read(tmp_path, "demo", dict) is None  # a folder: cannot be read
    assert "cannot be read" in capsys.readouterr().err
    assert cache.read(tmp_path / "missing.json", "demo", dict) is None
    assert capsys.readouterr().err == ""  # no cache yet: nothing to say


def test_a_changed_byte_that_leaves_valid_json_is_found(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    cache.write(path, "demo", "", {"title": "EIE"})
    said: list[str] = []
    assert cache.check(path, "demo", lambda p, why: said.append(why))
    path.write_bytes(path.read_bytes().replace(b'"EIE"', b'"EIF"'))
    assert cache.read(path, "demo", dict, report=lambda p, why: said.append(why)) is None
    assert not cache.check(path, "demo", lambda p, why: said.append(why))
    path.write_bytes(path.read_bytes()[:-3])
    assert not cache.check(path, "demo", lambda p, why: said.append(why))
    assert cache.check(tmp_path / "missing.json", "demo")  # no cache: nothing wrong
    assert ["checksum" in why for why in said] == [True, True, False]
    assert "truncated" in said[2]


def test_the_parse_cache_gives_back_the_same_records(tmp_path: Path) -> None:
    """All the shipped data's kinds of record (the importer's sources and editions too)
    come back from the JSON equal, and no file is parsed twice."""
    path = tmp_path / "parsed.json"
    data = default_data_dir()
    writer = ParseCache(path)
    parsed, problems = read_corpus(data, writer)
    writer.save()
    reader = ParseCache(path)
    again, _ = read_corpus(data, reader)
    assert reader.misses == 0 and reader.hits == writer.misses
    assert again == parsed and problems == []
    assert any(p.sources for p in again.papers) and any(s.editions for s in again.series)


def test_a_network_comes_back_in_the_same_order_with_the_same_data() -> None:
    import networkx as nx

    g = nx.Graph(name="demo")
    g.add_node("z", kind="paper", authors=["b", "a"], year=None, imported=True)
    g.add_edge("z", "b", rel="author", position=1)
    g.add_edge("a", "z", rel="author", position=2)
    g.add_edge("a", "b", rel="coauthor")
    back = decode_network(encode_network(g))
    assert list(back.nodes(data=True)) == list(g.nodes(data=True))
    assert [list(back.adj[n].items()) for n in back] == [list(g.adj[n].items()) for n in g]
    assert back.graph == {"name": "demo"}
    assert back.adj["z"]["b"] is back.adj["b"]["z"]  # one edge, one data dict
