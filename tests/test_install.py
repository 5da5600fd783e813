"""The installed package works outside the checkout: the ontology, shapes, named queries and
the shipped data travel inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("sysml_graph-*.whl")
    return path


def test_wheel_carries_its_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "sysml_graph/ontology/sysml-graph.ttl",
        "sysml_graph/ontology/shapes.ttl",
        "sysml_graph/queries/papers-by-venue.rq",
        "sysml_graph/data/people.yaml",
        "sysml_graph/data/papers/tvm.yaml",
    ):
        assert needed in names


def test_installed_package_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))

    def sysml_graph(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sysml_graph", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import sysml_graph; print(sysml_graph.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target)), "the test must run the installed copy"
    done = sysml_graph("validate")
    assert done.returncode == 0, done.stderr
    in_repo = subprocess.run(
        [sys.executable, "-m", "sysml_graph", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == in_repo.stdout  # the same shipped data, found inside the wheel
    assert sysml_graph("build").returncode == 0
    assert (elsewhere / "dist" / "sysml-graph.ttl").read_bytes() == (
        subprocess.run(
            [sys.executable, "-m", "sysml_graph", "export"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout
    )
    done = sysml_graph("query", "papers-per-year", "--format", "csv")
    assert done.returncode == 0 and "2016," in done.stdout
    copy = tmp_path / "mydata"
    import shutil

    shutil.copytree(REPO / "data", copy)
    assert sysml_graph("validate", "--data", str(copy)).returncode == 0


def test_every_imported_library_is_a_declared_dependency(wheel: Path) -> None:
    """A plain `pip install .` must bring everything the package imports (a library only in
    the test extra works in the test venv and fails for users)."""
    import ast
    import re
    from importlib.metadata import packages_distributions

    metadata = next(
        zipfile.ZipFile(wheel).read(n).decode()
        for n in zipfile.ZipFile(wheel).namelist()
        if n.endswith(".dist-info/METADATA")
    )
    # The core, and the extras a user installs for one feature (each command that needs one
    # names it when it is missing); the test extra never counts.
    declared = {
        re.split(r"[<>=!~;\[ ]", line.removeprefix("Requires-Dist:").strip())[0].lower()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
        and "extra == 'test'" not in line
        and 'extra == "test"' not in line
    }
    providers = packages_distributions()
    missing = set()
    for path in (REPO / "src" / "sysml_graph").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "sysml_graph":
                    continue
                dists = {d.lower() for d in providers.get(top, [top])}
                if not dists & declared:
                    missing.add(f"{path.name}: {top} (from {', '.join(sorted(dists))})")
    assert not missing, f"imported but not in [project] dependencies: {sorted(missing)}"
