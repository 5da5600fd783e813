"""A build after paper files changed splices them into the last build's outputs; what it
writes is what a full build of the same data writes, byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sysml_graph.builder.network_reuse import built_network
from sysml_graph.builder.outputs import RECORD
from sysml_graph.network import budget

from .conftest import Invoke, copy_curated, copy_quarter

SPLICED = "spliced into the last build"
# Every build here is --no-site: these tests compare the four graph outputs, and the site is
# written after them, from the data alone, by every build (tests/test_site.py covers it).
OUTPUTS = ("sysml-graph.ttl", "sysml-graph.nt", "sysml-graph.jsonld", "sysml-graph.html")


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The shipped data with a quarter of its drafts (a splice works the same at any size)."""
    return copy_quarter(tmp_path / "data")


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The curated data alone: whether a build splices or checks a change does not depend
    on the drafts (the tests above compare splices with full builds on the larger data)."""
    return copy_curated(tmp_path / "data")


def _same_as_a_full_build(run: Invoke, data: Path, out: Path, tmp_path: Path) -> None:
    fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    assert run("build", "--data", str(data), "--out", str(fresh), "--no-site").exit_code == 0
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_PAPER = """id: a-new-paper
type: conference-paper
title: 'A New Paper on <script>alert(1)</script> Sparse Inference'
authors:
- song-han
- matei-zaharia
venue: isca-2016
year: 2016
techniques:
- pruning
platforms:
- fpga
cites:
- eie
- tvm
code: https://github.com/example/new
"""


def test_a_changed_paper_is_spliced_in_and_the_outputs_equal_a_full_build(
    run: Invoke, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    first = run("build", "--data", str(shipped), "--out", str(out), "--no-site")
    assert first.exit_code == 0 and SPLICED not in first.output
    eie = shipped / "papers" / "eie.yaml"
    _edit(eie, "Efficient Inference Engine", "An Efficient Inference Engine")
    _edit(eie, "- weight-sharing\n", "- quantization\n")  # a technique swapped: edges change
    result = run("build", "--data", str(shipped), "--out", str(out), "--no-site")
    assert result.exit_code == 0, result.output
    assert f"1 changed paper file(s) {SPLICED}" in result.output
    _same_as_a_full_build(run, shipped, out, tmp_path)

    # What is computed from the network (which the commands read patched, not projected)
    # is what a full build's network gives, down to the order-sensitive communities.
    network_commands = [
        ("stats", "--top", "5"),  # charts into the build folder, dist
        ("export", "--format", "graphml", "-o", "net.graphml"),
        ("export", "--format", "csv", "-o", "papers.csv"),
        ("render", "--view", "coauthor", "-o", "co.html"),
    ]
    outputs: dict[Path, list[object]] = {}
    for folder in (tmp_path, tmp_path / "fresh-0"):
        monkeypatch.chdir(folder)
        if folder != tmp_path:
            (folder / "dist").mkdir()
            for name in folder.iterdir():
                if name.name != "dist":
                    shutil.move(str(name), folder / "dist" / name.name)
        network = built_network(shipped, Path("dist"))
        assert network is not None
        outputs[folder] = [
            list(network.nodes(data=True)),
            [list(network.adj[n].items()) for n in network],  # in the same order, too
        ]
        outputs[folder] += [run(*cmd, "--data", str(shipped)).output for cmd in network_commands]
        outputs[folder] += [
            Path(name).read_bytes().decode() for name in ("net.graphml", "papers.csv", "co.html")
        ]
        # The SVGs hold all the charts show; the CSV the gap map's papers.
        charts = sorted([*Path("dist").glob("*.svg"), Path("dist/gap-map.csv")])
        assert [p.name for p in charts] == [
            "gap-map.csv",
            "gap-map.svg",
            "papers-per-year.svg",
            "technique-families.svg",
        ]
        outputs[folder] += [p.read_bytes() for p in charts]
    assert outputs[tmp_path] == outputs[tmp_path / "fresh-0"]


def test_added_papers_citations_and_successive_rebuilds_equal_full_builds(
    run: Invoke, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small page budget, so that the page is a reduced one whose selection the changes
    # move (the page is drawn in a forked process, which sees the patched module too).
    monkeypatch.setattr(budget, "NODE_BUDGET", 300)
    monkeypatch.setattr(budget, "EDGE_BUDGET", 900)
    out = tmp_path / "dist"
    assert run("build", "--data", str(shipped), "--out", str(out), "--no-site").exit_code == 0

    def third() -> None:
        _edit(shipped / "papers" / "a-new-paper.yaml", "- tvm\n", "")
        _edit(
            next((shipped / "imported" / "papers").glob("3lc-*.yaml")),
            "title: '",
            "title: 'Revised, ",
        )

    steps: list[Callable[[], object]] = [
        lambda: (shipped / "papers" / "a-new-paper.yaml").write_text(NEW_PAPER),
        # An existing paper now extends the new one (an edge between two papers, whose
        # data both files decide), and an imported draft changes.
        lambda: _edit(
            shipped / "papers" / "tvm.yaml",
            "techniques:\n",
            "extends:\n- a-new-paper\ntechniques:\n",
        ),
        third,
    ]
    for number, step in enumerate(steps, start=1):
        step()
        result = run("build", "--data", str(shipped), "--out", str(out), "--no-site")
        assert result.exit_code == 0, result.output
        assert SPLICED in result.output, f"step {number} was a full build"
        _same_as_a_full_build(run, shipped, out, tmp_path)
    page = (out / "sysml-graph.html").read_text(encoding="utf-8")
    assert "best-connected" in page or "of 1,5" in page  # the reduced page's banner
    assert "<script>alert(1)" not in page


def test_nothing_changed_writes_nothing(run: Invoke, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert run("build", "--data", str(shipped), "--out", str(out), "--no-site").exit_code == 0
    before = {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}
    result = run("build", "--data", str(shipped), "--out", str(out), "--no-site")
    assert "nothing changed since the last build" in result.output
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUTS} == before


def _people(data: Path) -> None:
    _edit(data / "people.yaml", "name: Song Han", "name: Song Han (MIT)")


def _removed(data: Path) -> None:
    (data / "papers" / "sparsesep.yaml").unlink()


def _output_touched(data: Path) -> None:
    _edit(data / "papers" / "eie.yaml", "Efficient", "Efficient!")
    out = data.parent / "dist"
    (out / "sysml-graph.nt").write_bytes((out / "sysml-graph.nt").read_bytes())


def _build_record_gone(data: Path) -> None:
    _edit(data / "papers" / "eie.yaml", "Efficient", "Efficient!")
    (data.parent / "dist" / ".cache" / RECORD).unlink()


@pytest.mark.parametrize("change", [_people, _removed, _output_touched, _build_record_gone])
def test_other_changes_make_a_full_build(
    run: Invoke, seed: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    out = tmp_path / "dist"
    assert run("build", "--data", str(seed), "--out", str(out), "--no-site").exit_code == 0
    change(seed)
    result = run("build", "--data", str(seed), "--out", str(out), "--no-site")
    assert result.exit_code == 0, result.output
    assert SPLICED not in result.output
    _same_as_a_full_build(run, seed, out, tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- song-han\n", "- nobody-known\n", "unknown author 'nobody-known'"),
        ("year: 2016", "year: 2019", "year 2019 differs from its venue isca-2016"),
        (
            "doi: 10.1109/isca.2016.30",
            "doi: 10.1145/2964284.2973801",
            "same DOI 10.1145/2964284.2973801 as paper 'cnndroid'",
        ),
        (
            "title: 'EIE: Efficient Inference Engine on Compressed Deep Neural Network'",
            "title: 'TVM: An Automated End-to-End Optimizing Compiler for Deep Learning'",
            "papers/tvm.yaml:3: same title as paper 'eie'",
        ),
        ("title: 'EIE:", "title: 'EIE, revised:", None),  # valid: spliced in
    ],
)
def test_a_change_is_checked_as_in_a_full_build(
    run: Invoke, seed: Path, tmp_path: Path, old: str, new: str, message: str | None
) -> None:
    out = tmp_path / "dist"
    assert run("build", "--data", str(seed), "--out", str(out), "--no-site").exit_code == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    _edit(seed / "papers" / "eie.yaml", old, new)
    result = run("build", "--data", str(seed), "--out", str(out), "--no-site")
    full = run("validate", "--data", str(seed))
    assert result.exit_code == full.exit_code
    if message is None:
        assert result.exit_code == 0 and SPLICED in result.output
        return
    assert result.exit_code == 1 and message in result.output and message in full.output
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    _edit(seed / "papers" / "eie.yaml", new, old)  # mended: back to the last build's
    again = run("build", "--data", str(seed), "--out", str(out), "--no-site")
    assert SPLICED in again.output
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
