"""Files written atomically: a temporary file beside the target, synced, then renamed."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def staged(path: Path, fill: Callable[[Path], object]) -> Path:
    """A new temporary file beside ``path``, written by ``fill``, synced to disk and
    readable by all; the caller renames it over ``path`` (or deletes it). On failure
    nothing is left behind; a process killed meanwhile leaves ``.NAME.PID.XXXXXXXX.tmp``,
    which the next build removes (:mod:`sysml_graph.builder.lock`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that readers
    (and a build that fails half-way) never see a half-written file."""
    os.replace(staged(path, lambda tmp: tmp.write_bytes(data)), path)


def copy_atomic(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` the way :func:`write_atomic` writes."""
    os.replace(staged(path, lambda tmp: shutil.copyfile(source, tmp)), path)


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists (someone else's counts); a zombie, which has ended
    but was not waited for by its parent, does not.

    >>> alive(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:  # Linux: the state follows the command name, which may hold spaces and brackets
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2 :][:1] != "Z"


def copy_range(src: BinaryIO, dst: BinaryIO, offset: int, count: int) -> None:
    """``count`` bytes of ``src`` from ``offset`` to the end of ``dst``, in the kernel
    where it can (copy_file_range: no trip through Python's memory)."""
    dst.flush()
    fd_out = dst.fileno()
    try:
        while count > 0:
            done = os.copy_file_range(src.fileno(), fd_out, count, offset)
            if done == 0:
                break
            offset += done
            count -= done
    except OSError:
        pass  # a filesystem that cannot: copy what is left through memory
    if count > 0:
        src.seek(offset)
        while count > 0:
            block = src.read(min(count, 1 << 24))
            if not block:
                raise OSError(f"{src.name} is shorter than expected")
            os.write(fd_out, block)
            count -= len(block)
    dst.seek(0, os.SEEK_END)


def swap_folder(staging: Path, target: Path) -> None:
    """Put the folder ``staging`` (written beside ``target``) in ``target``'s place, the
    old one moved aside first and removed last: a failure leaves the old folder whole."""
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.exists():
        shutil.rmtree(old)
