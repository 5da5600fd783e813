"""Running code where the kernel refuses it the network: how a SPARQL query is kept from
ever reaching out, whatever its spelling.

Oxigraph follows ``SERVICE`` with its own HTTP client, and no parser of ours can be sure to
read a query as Oxigraph does (rdflib expands ``\\uXXXX`` escapes everywhere, Oxigraph only
inside strings and IRIs). So the decision is not left to a parser: queries are evaluated in
a thread under a seccomp filter (Linux, through libseccomp) that makes every attempt to open
an IPv4 or IPv6 socket fail with ``EPERM``. A filter binds the thread that loads it and the
threads it starts, never the rest of the process, and it ends with the thread.

>>> run_offline(lambda: 6 * 7)
42
>>> import socket
>>> if available():
...     run_offline(lambda: socket.socket(socket.AF_INET))
... else:  # no seccomp here: the parser check alone stands guard
...     raise PermissionError(1, "Operation not permitted")
Traceback (most recent call last):
...
PermissionError: [Errno 1] Operation not permitted
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

# Families that reach other hosts; AF_UNIX stays open (multiprocessing's pipes use it).
_NETWORK_FAMILIES = (socket.AF_INET, socket.AF_INET6)


@cache
def _seccomp() -> Any:
    """The libseccomp binding, or None where there is none (not Linux, no libseccomp)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import pyseccomp
    except (ImportError, RuntimeError, OSError):  # RuntimeError: libseccomp.so not found
        return None
    return pyseccomp


def seal(all_threads: bool = False) -> None:
    """Refuse the network to the calling thread and every thread it starts from now on
    (with ``all_threads``, to every thread of the process, as a query worker wants).

    Cannot be undone: call it in a thread or process that exists to run untrusted work.
    Raises OSError where the kernel has no seccomp; see :func:`available`.
    """
    seccomp = _seccomp()
    if seccomp is None:
        raise OSError(errno.ENOSYS, "seccomp is not available on this system")
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    if all_threads:
        rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)
    for family in _NETWORK_FAMILIES:
        rules.add_rule(seccomp.ERRNO(errno.EPERM), "socket", seccomp.Arg(0, seccomp.EQ, family))
    # io_uring can open sockets without the socket() system call.
    rules.add_rule(seccomp.ERRNO(errno.EPERM), "io_uring_setup")
    rules.load()


@cache
def available() -> bool:
    """Whether :func:`seal` works here (tried once, in a throwaway thread)."""
    works: list[bool] = []

    def probe() -> None:
        try:
            seal()
            socket.socket(socket.AF_INET).close()
        except PermissionError:
            works.append(True)
        except OSError:
            pass

    thread = threading.Thread(target=probe, name="sysml-graph-offline-probe")
    thread.start()
    thread.join()
    return bool(works)


def run_offline(work: Callable[[], T]) -> T:
    """``work()``, run to its end in a new thread that cannot open a network socket.

    Everything the caller needs must be computed inside ``work``: a lazy result consumed
    later, in another thread, would run unguarded. Where seccomp is not available the work
    runs in the caller's thread, guarded only by the checks made before it.
    """
    if not available():
        return work()
    box: dict[str, Any] = {}

    def guarded() -> None:
        try:
            seal()
            box["value"] = work()
        except BaseException as err:  # handed to the caller's thread, raised there
            # Without its traceback: the frames hold the engine's objects, which pyoxigraph
            # requires to be freed in the thread that made them (this one).
            err.__traceback__ = None
            box["error"] = err

    thread = threading.Thread(target=guarded, name="sysml-graph-offline")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value
