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


# The stack of a thread that parses or evaluates a query. Both engines recurse once per
# nested operand; on the default 8 MiB, Oxigraph overflowed (SIGSEGV, taking the process
# with it) at ~10,000 `||`, while on this stack no query of the allowed length (64 KiB) did.
# Only the pages a query touches are ever committed.
DEEP_STACK = 256 * 1024 * 1024

_stack_size = threading.Lock()


def run_deep(work: Callable[[], T], sealed: bool = False) -> T:
    """``work()``, run to its end in a new thread with a :data:`DEEP_STACK` (and, with
    ``sealed``, unable to open a network socket where :func:`available`)."""
    box: dict[str, Any] = {}

    def guarded() -> None:
        try:
            if sealed:
                seal()
            box["value"] = work()
        except BaseException as err:  # handed to the caller's thread, raised there
            # Without its traceback: the frames hold the engine's objects, which pyoxigraph
            # requires to be freed in the thread that made them (this one).
            err.__traceback__ = None
            box["error"] = err

    with _stack_size:  # the size applies to threads started while it is set
        previous = threading.stack_size(DEEP_STACK)
        try:
            thread = threading.Thread(target=guarded, name="sysml-graph-deep")
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


def run_offline(work: Callable[[], T]) -> T:
    """``work()``, run to its end in a new thread (with a deep stack) that cannot open a
    network socket.

    Everything the caller needs must be computed inside ``work``: a lazy result consumed
    later, in another thread, would run unguarded. Where seccomp is not available the work
    runs unsealed, guarded only by the checks made before it.
    """
    return run_deep(work, sealed=available())
