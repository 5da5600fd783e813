"""Outputs written again with some files' triples replaced: the rest copied by the kernel."""

from __future__ import annotations

import bisect
import os
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import copy_range
from ..corpus.files import _order
from .fragments import fragment, head


def run_of(lines: list[str], fmt: str) -> bytes:
    """The fragment that ``lines`` (one paper file's N-Triples) make in an output."""
    return fragment("".join(lines).encode(), fmt)


def head_of(lines: list[str], fmt: str) -> bytes:
    """What precedes the papers' fragments in an output: the dataset's description."""
    return head("".join(lines).encode(), fmt)


def lines_of(run: bytes) -> list[str]:
    """The N-Triples lines of a fragment of the N-Triples output."""
    text = run.decode("utf-8")
    # Split at newlines only: str.splitlines() also splits at U+2028 or U+0085, which
    # N-Triples leaves unescaped inside literals.
    return [line + "\n" for line in text.split("\n")[:-1]]


def _plan(files: list[str], where: dict[str, int], changed: list[str]) -> list[tuple[int, str]]:
    """Where each changed file's new fragment goes among the old ``files`` (in output
    order): (j, name) puts it in place of the old fragment ``j`` when ``files[j] == name``,
    else before it. Sorted into the order of writing."""
    events = []
    for name in sorted(changed, key=_order):
        j = where.get(name)
        if j is None:  # a new file: before the first with a greater name
            j = bisect.bisect_left([_order(f) for f in files], _order(name))
        events.append((j, name))
    events.sort(key=lambda e: (e[0], e[0] < len(files) and files[e[0]] == e[1]))
    return events


@dataclass
class _Splice:
    """An output written again: ``head``, then the old runs with the ``fresh`` ones put in
    (:func:`_plan`), then the old tail; ``offsets`` gets where the runs and the tail now
    start."""

    src: Any
    head: bytes
    files: list[str]
    events: list[tuple[int, str]]
    starts: array[int]  # where the old runs start, then the old tail
    fresh: dict[str, bytes]
    offsets: array[int] = field(default_factory=lambda: array("q"))

    def write(self, tmp: Path) -> None:
        starts, out, n = self.starts, self.offsets, len(self.files)
        size = os.fstat(self.src.fileno()).st_size
        with tmp.open("wb") as dst:
            dst.write(self.head)
            at = len(self.head)
            done = 0  # the old runs before this one are written

            def old_runs(upto: int) -> None:
                nonlocal at, done
                if upto > done:
                    shift = at - starts[done]
                    out.extend(x + shift for x in starts[done:upto])
                    copy_range(self.src, dst, starts[done], starts[upto] - starts[done])
                    at += starts[upto] - starts[done]
                    done = upto

            for j, name in self.events:
                old_runs(j)
                out.append(at)
                run = self.fresh[name]
                dst.write(run)
                at += len(run)
                if j < n and self.files[j] == name:
                    done = j + 1  # replaced
            old_runs(n)
            out.append(at)
            copy_range(self.src, dst, starts[n], size - starts[n])
