"""Shared fixtures.

Two data sets: the *shipped* data (curated seed plus the importer's drafts under
``data/imported/``), on which data rules, contract, determinism and README run; and the
*curated* seed alone (a copy of ``data/`` without ``imported/``), on which tests with
hand-checked answers run, so those answers stay small enough to check by hand."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Browser, sync_playwright
from rdflib import Graph

from sysml_graph.api import graph_from_data
from sysml_graph.cli.main import cli
from sysml_graph.corpus.records import Corpus
from sysml_graph.resources import default_data_dir

from .chromium import ARGS, CHROMIUM

REPO = Path(__file__).resolve().parent.parent
DATA = default_data_dir()


def copy_curated(target: Path) -> Path:
    """``data/`` without the importer's drafts."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("imported"))
    return target


def copy_quarter(target: Path) -> Path:
    """``data/`` with a quarter of the importer's drafts (those named '0…' to 'c…') and all
    the drafts' people, venues, editions and sources: the shipped data's every kind of
    record, at half a full build's time, for tests that build it several times."""
    shutil.copytree(DATA, target)
    for draft in (target / "imported" / "papers").glob("*.yaml"):
        if draft.name[0] > "c":
            draft.unlink()
    return target


@pytest.fixture(scope="session")
def curated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_curated(tmp_path_factory.mktemp("curated") / "data")


@pytest.fixture(scope="session")
def built(curated_dir: Path) -> tuple[Graph, Corpus]:
    return graph_from_data(curated_dir)


@pytest.fixture(scope="session")
def graph(built: tuple[Graph, Corpus]) -> Graph:
    """The curated seed's graph."""
    return built[0]


@pytest.fixture(scope="session")
def corpus(built: tuple[Graph, Corpus]) -> Corpus:
    """The curated seed's records."""
    return built[1]


@pytest.fixture(scope="session")
def shipped() -> tuple[Graph, Corpus]:
    """The shipped data's graph and records (SHACL-checked)."""
    return graph_from_data(DATA)


@pytest.fixture(scope="session")
def turtle_file(tmp_path_factory: pytest.TempPathFactory, curated_dir: Path) -> Path:
    """The curated seed's sysml-graph.ttl as `sysml-graph build` writes it."""
    out = tmp_path_factory.mktemp("dist")
    # (--no-site: the Turtle is what is read; tests/test_site.py builds the site)
    result = CliRunner().invoke(
        cli, ["build", "--data", str(curated_dir), "--out", str(out), "--no-site"]
    )
    assert result.exit_code == 0, result.output
    return out / "sysml-graph.ttl"


@pytest.fixture(scope="session")
def shipped_turtle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data's sysml-graph.ttl as `sysml-graph build` writes it."""
    out = tmp_path_factory.mktemp("dist-shipped")
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--no-site"])
    assert result.exit_code == 0, result.output
    return out / "sysml-graph.ttl"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the curated data to break on purpose."""
    return copy_curated(tmp_path / "data")


Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Invoke:
    """Run the CLI in-process: run("validate", "--data", d) → click Result."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def run_curated(curated_dir: Path) -> Invoke:
    """Like ``run``, with ``--data`` set to the curated seed for commands that read data."""

    def invoke(*args: str) -> Result:
        extra = (
            ["--data", str(curated_dir)]
            if args and args[0] in ("validate", "build", "query", "export", "render", "stats")
            else []
        )
        if "--graph" in args:
            extra = []
        return CliRunner().invoke(cli, [*args, *extra], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for one test module (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (scripts/test does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
