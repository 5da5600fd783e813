"""A build's outputs replaced as one set, so that no moment shows files of two builds.

Renaming four files one by one leaves a window where ``OUT/sysml-graph.ttl`` is the new
build's and ``OUT/sysml-graph.nt`` the old one's; a build killed inside it left such a mix
until the next build. Instead each build writes its outputs into a folder of their own,
``OUT/.outputs/<id>/``, and switches the symbolic link ``OUT/.outputs/current`` to it with
one ``rename`` (atomic on POSIX). The names people use, ``OUT/sysml-graph.ttl`` and the
others, are links through ``current`` that never change. Where symbolic links cannot be
made (some Windows set-ups) the files are renamed one by one, as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

SETS = ".outputs"

CURRENT = "current"


def _sets(out_dir: Path) -> Path:
    return out_dir / SETS


def current_set(out_dir: Path) -> Path | None:
    """The folder of the outputs now published, or None (none yet, or plain files)."""
    link = _sets(out_dir) / CURRENT
    if not link.is_symlink():
        return None
    return _sets(out_dir) / os.readlink(link)


def clean(out_dir: Path) -> list[Path]:
    """Remove every set folder but the current one (left by builds killed before their
    switch, or replaced by a later build); returns what was removed. Call it holding the
    build lock: a running build's new set is not current yet."""
    sets = _sets(out_dir)
    if not sets.is_dir():
        return []
    keep = current_set(out_dir)
    removed = []
    for folder in sorted(sets.iterdir()):
        if folder.name == CURRENT or folder.is_symlink() or not folder.is_dir():
            continue
        if keep is not None and folder.resolve() == keep.resolve():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _link(target: str, path: Path) -> None:
    """Make ``path`` a symbolic link to ``target``, replacing what is there in one rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def publish(out_dir: Path, staged: Mapping[Path, Path]) -> None:
    """Put staged files in place: ``staged`` maps each final path to its staged file.

    Paths directly in ``out_dir`` are the build's outputs and are published as one set
    (outputs of the last set that this build did not write are kept in the new set);
    anything else (the caches) is renamed into place one by one.
    """
    outputs = {path.name: tmp for path, tmp in staged.items() if path.parent == out_dir}
    for path, tmp in staged.items():
        if path.parent != out_dir:
            os.replace(tmp, path)
    if not outputs:
        return
    sets = _sets(out_dir)
    new = sets / f"{time.time_ns()}-{os.getpid()}"
    try:
        new.mkdir(parents=True)
        os.symlink(new.name, sets / f".probe.{os.getpid()}")
        (sets / f".probe.{os.getpid()}").unlink()
    except (OSError, NotImplementedError):
        # No symbolic links here: one rename per file, the old way.
        shutil.rmtree(new, ignore_errors=True)
        for name, tmp in outputs.items():
            os.replace(tmp, out_dir / name)
        return
    link = sets / CURRENT
    if link.exists() and not link.is_symlink():
        # A copy of the folder made by a tool that follows links (shutil.copytree does):
        # its "current" is a plain folder now, and its outputs plain files.
        os.replace(link, sets / f"copied-{new.name}")
    previous = current_set(out_dir)
    if previous is not None and previous.is_dir():
        for old in previous.iterdir():
            if old.name not in outputs:
                os.link(old, new / old.name)
    for name, tmp in outputs.items():
        os.replace(tmp, new / name)
    for name in sorted({*outputs, *(p.name for p in new.iterdir())}):
        path = out_dir / name
        if not (path.is_symlink() and os.readlink(path) == f"{SETS}/{CURRENT}/{name}"):
            if path.is_dir() and not path.is_symlink():
                raise OSError(f"{path} is a folder; an output is to be written there")
            # Before the switch the link shows the last set's file (or a plain file of
            # an older sysml-graph, replaced here once).
            if previous is not None or not path.exists():
                _link(f"{SETS}/{CURRENT}/{name}", path)
    _link(new.name, sets / CURRENT)  # the switch: every output changes at once
    for name in outputs:
        path = out_dir / name
        if not path.is_symlink():  # first set in a folder of plain files
            _link(f"{SETS}/{CURRENT}/{name}", path)
    clean(out_dir)
