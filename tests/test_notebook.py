"""The walkthrough notebook runs top to bottom, so it can never rot."""

from __future__ import annotations

import re

import nbformat
from nbclient import NotebookClient

from .conftest import REPO


def test_notebook_executes(tmp_path: object) -> None:
    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(REPO / "notebooks")}},
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert re.search(r"\d+ triples, \d+ papers, \d+ people", text)
    assert "| paper:eie" in text  # the named query's table
    assert "5  Sourav Bhattacharya" in text or "3  Nicholas D. Lane" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, "the gap map is drawn inline"
    assert any("text/html" in o.get("data", {}) for o in outputs)


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "clear the notebook's outputs before committing (reviewable diffs)"
    )
