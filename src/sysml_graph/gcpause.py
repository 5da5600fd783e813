"""Hold the garbage collector while a step makes millions of long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Hold the cyclic garbage collector while millions of long-lived objects are made.

    The records, lines and network nodes are acyclic and live until the end; without this,
    collections that rescan them again and again took half the load time at 10,000 papers
    and a fifth of the network projection at 100,000.

    >>> import gc
    >>> with no_gc_pauses():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
