"""The held-out lists of issue 13's evaluation are in the repository, whole: every sample
names a copy, every copy has its licence and where it came from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from benchmarks.import_unseen import LISTS, SAMPLES

COPIES = Path(__file__).resolve().parent.parent / "sources" / "evaluation"


def test_every_sample_is_scored() -> None:
    sampled = {p.stem for p in SAMPLES.glob("*.yaml")}
    assert sampled == set(LISTS), (
        f"samples without a LISTS entry in benchmarks/import_unseen.py: {sampled - set(LISTS)}; "
        f"LISTS entries without a sample: {set(LISTS) - sampled}"
    )


@pytest.mark.parametrize("key", sorted(LISTS))
def test_each_sample_has_its_licensed_copy(key: str) -> None:
    folder = COPIES / LISTS[key]
    records = yaml.safe_load((SAMPLES / f"{key}.yaml").read_text(encoding="utf-8"))
    files = {r["file"] for r in records}
    missing = sorted(f for f in files if not (folder / f).is_file())
    assert not missing, f"{key}: copy the list's {missing} into {folder} (see its SOURCE.txt)"
    licences = [p for p in folder.iterdir() if re.match(r"(?i)licen[cs]e|copying", p.name)]
    assert licences, f"{key}: {folder} has no licence file; copy the repository's"
    source = (folder / "SOURCE.txt").read_text(encoding="utf-8")
    assert "github.com/" in source and re.search(r"\b[0-9a-f]{40}\b", source), (
        f"{key}: {folder}/SOURCE.txt must give the repository's URL and the commit copied"
    )
    for r in records:
        lines = (folder / r["file"]).read_text(encoding="utf-8").count("\n") + 1
        assert 1 <= r["line"] <= lines, f"{key}: {r['file']}:{r['line']} is past the copy's end"
