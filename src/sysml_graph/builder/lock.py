"""One build at a time into an output folder.

Two builds into the same folder used to both report success while the folder held the
outputs of one of them, mixed with the other's cache. ``build`` now takes an exclusive lock
on ``OUT/.build.lock`` (``flock``: the kernel lets go of it when the process ends, even by
``kill -9``, so it never goes stale); a second build waits for the first, saying so in one
line. Under the lock, files that a killed build or export staged and never renamed into
place are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..atomic import alive
from . import publish as output_set

LOCK = ".build.lock"

_STAGED = re.compile(r"\.(\d+)\.[A-Za-z0-9_]{8}\.tmp")


def leftovers(out_dir: Path) -> list[Path]:
    """Files staged by :func:`sysml_graph.atomic.staged` (``.NAME.PID.XXXXXXXX.tmp``) in
    ``out_dir`` or its ``.cache`` whose process has ended: a build or export ended by a
    signal before renaming them into place. Files of running processes are theirs."""
    out = []
    for folder in (out_dir, out_dir / ".cache"):
        if folder.is_dir():
            for path in folder.glob(".*.tmp"):
                staged = _STAGED.search(path.name)
                if staged is not None and not alive(int(staged.group(1))):
                    out.append(path)
    return sorted(out)


def end_with_parent(parent: int) -> None:
    """Have the kernel kill the calling process when ``parent`` ends (Linux), so that a
    helper process forked by a build killed with -9 does not live on, writing files.

    A no-op elsewhere; a helper there ends when its pipe to the build closes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the request took effect
        os._exit(1)


@contextlib.contextmanager
def build_lock(out_dir: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the build lock of ``out_dir`` for the block; ``waiting(message)`` is called
    once if another build holds it, then this one waits for it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, build_lock(Path(tmp), print):
    ...     (Path(tmp) / LOCK).read_text() == str(os.getpid())
    True
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before
        yield
        return
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            waiting(f"another build into {out_dir}{who} is running; waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        for leftover in leftovers(out_dir):
            leftover.unlink(missing_ok=True)
        output_set.clean(out_dir)  # sets of builds killed before their switch
        yield
    finally:
        os.close(fd)  # releases the lock
