"""Shared fixtures: the shipped data, the graph built from it, and an in-process CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from sysml_graph.cli import cli
from sysml_graph.pipeline import graph_from_data
from sysml_graph.records import Corpus
from sysml_graph.resources import default_data_dir

REPO = Path(__file__).resolve().parent.parent
DATA = default_data_dir()


@pytest.fixture(scope="session")
def built() -> tuple[Graph, Corpus]:
    return graph_from_data(DATA)


@pytest.fixture(scope="session")
def graph(built: tuple[Graph, Corpus]) -> Graph:
    return built[0]


@pytest.fixture(scope="session")
def corpus(built: tuple[Graph, Corpus]) -> Corpus:
    return built[1]


@pytest.fixture(scope="session")
def turtle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/sysml-graph.ttl as `sysml-graph build` writes it."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(cli, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "sysml-graph.ttl"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


Invoke = Callable[..., Result]


@pytest.fixture
def run() -> Invoke:
    """Run the CLI in-process: run("validate", "--data", d) → click Result."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke
