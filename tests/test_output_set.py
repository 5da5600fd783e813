"""A build's outputs change as one set: at no moment (a failure or a kill in the middle of
putting them in place included) do the names in OUT show files of two builds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sysml_graph.builder.publish import SETS, clean, current_set, publish

NAMES = ("sysml-graph.ttl", "sysml-graph.nt", "sysml-graph.jsonld", "sysml-graph.html")


def stage(out: Path, tag: str, names: tuple[str, ...] = NAMES) -> dict[Path, Path]:
    staged = {}
    for name in names:
        tmp = out / f".{name}.{os.getpid()}.stagedxx.tmp"
        tmp.write_text(f"{tag} {name}\n")
        staged[out / name] = tmp
    return staged


def shown(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text() for name in NAMES}


def test_publish_switches_every_output_at_once(tmp_path: Path) -> None:
    publish(tmp_path, stage(tmp_path, "one"))
    assert shown(tmp_path) == {n: f"one {n}\n" for n in NAMES}
    first = current_set(tmp_path)
    publish(tmp_path, stage(tmp_path, "two"))
    assert shown(tmp_path) == {n: f"two {n}\n" for n in NAMES}
    assert first is not None and not first.exists(), "the replaced set is removed"
    sets = sorted(p.name for p in (tmp_path / SETS).iterdir())
    assert len(sets) == 2 and "current" in sets
    for name in NAMES:
        assert os.readlink(tmp_path / name) == f"{SETS}/current/{name}"


def test_a_failure_while_publishing_leaves_the_last_set_whole(tmp_path: Path) -> None:
    publish(tmp_path, stage(tmp_path, "old"))
    staged = stage(tmp_path, "new")
    staged[tmp_path / "sysml-graph.jsonld"].unlink()  # the third rename will fail
    with pytest.raises(FileNotFoundError):
        publish(tmp_path, staged)
    assert shown(tmp_path) == {n: f"old {n}\n" for n in NAMES}
    # The half-made set is the next build's to remove (under the build lock).
    assert len(clean(tmp_path)) == 1
    assert shown(tmp_path) == {n: f"old {n}\n" for n in NAMES}


def test_outputs_this_build_did_not_write_stay_in_the_set(tmp_path: Path) -> None:
    publish(tmp_path, stage(tmp_path, "full"))
    publish(tmp_path, stage(tmp_path, "part", NAMES[:2]))
    assert shown(tmp_path) == {n: f"{'part' if n in NAMES[:2] else 'full'} {n}\n" for n in NAMES}


def test_a_folder_of_plain_files_from_an_older_version_is_taken_over(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text(f"plain {name}\n")
    cache = tmp_path / ".cache"
    cache.mkdir()
    staged = stage(tmp_path, "new")
    cache_tmp = cache / ".x.json.1.abcdefgh.tmp"
    cache_tmp.write_text("{}")
    staged[cache / "x.json"] = cache_tmp
    publish(tmp_path, staged)
    assert shown(tmp_path) == {n: f"new {n}\n" for n in NAMES}
    assert (cache / "x.json").read_text() == "{}" and not (cache / "x.json").is_symlink()


def test_a_copy_that_followed_the_links_is_taken_over(tmp_path: Path) -> None:
    import shutil

    first = tmp_path / "first"
    first.mkdir()
    publish(first, stage(first, "one"))
    copy = tmp_path / "copy"
    shutil.copytree(first, copy)  # follows links: plain files and a plain "current"
    assert not (copy / NAMES[0]).is_symlink()
    publish(copy, stage(copy, "two"))
    assert shown(copy) == {n: f"two {n}\n" for n in NAMES}
    assert sorted(p.name for p in (copy / SETS).iterdir())[-1] == "current"
    assert len(list((copy / SETS).iterdir())) == 2
