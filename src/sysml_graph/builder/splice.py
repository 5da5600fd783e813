"""Outputs written again with some files' triples replaced: the rest copied by the kernel."""

from __future__ import annotations

import os
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus.files import _order
from ..corpus.records import Corpus
from ..rdf.mapping import count_line, describe_dataset
from ..rdf.serialise import serialize
from ..rdf.store import KnowledgeGraph

SPLICED = ("turtle", "nt", "jsonld")  # the outputs the runs are spliced into


def _dump(lines: list[str], fmt: str) -> bytes:
    """The lines loaded one after the other into a store of their own, dumped the way
    ``build`` dumps the whole graph (:func:`sysml_graph.rdf.serialise.serialize`)."""

    return serialize(KnowledgeGraph.from_lines([lines]), fmt)


def _turtle_prelude() -> bytes:
    """The ``@prefix`` lines every Turtle dump starts with."""
    data = _dump(["<s:> <p:> <o:> .\n"], "turtle")
    return data[: data.index(b"<s:>")]


def run_of(lines: list[str], fmt: str) -> bytes:
    """The run that ``lines`` (one paper file's) make in a dump of the whole graph."""
    data = _dump(lines, fmt)
    if fmt == "turtle":
        return data[len(_turtle_prelude()) :]
    if fmt == "jsonld":  # [{…},{…}] → ,{…},{…}: a run always follows the dataset's nodes
        return b"," + data[1:-1]
    return data


def head_of(lines: list[str], fmt: str) -> bytes:
    """What precedes the papers' runs in a dump: the dataset's description."""
    data = _dump(lines, fmt)
    return data[:-1] if fmt == "jsonld" else data


def _marker(fmt: str, iri: str, line: str) -> bytes:
    """What the run of a node's first triple (``line``, about ``iri``) starts with."""
    if fmt == "nt":
        return b"\n" + line.encode()
    if fmt == "jsonld":
        return b',{"@id":"' + iri.encode() + b'","'
    text = run_of([line], fmt)
    return b"\n" + text[: -len(b" .\n")]


def _header_lines(shared: Corpus, papers: int, triples: int) -> list[str]:

    return [*describe_dataset(shared.source_lists, papers), count_line(triples - 1)]


def _find_in_order(f: Any, needles: list[bytes], block: int = 1 << 26) -> list[int] | None:
    """Where each needle is first found in file ``f``, each after the one before; None if
    one is not. Read a block at a time: a map of the whole file would count against the
    build's memory.

    >>> import io
    >>> _find_in_order(io.BytesIO(b"abcabcab"), [b"bc", b"ca", b"ab"], block=3)
    [1, 2, 3]
    >>> _find_in_order(io.BytesIO(b"abc"), [b"c", b"a"]) is None
    True
    """
    found: list[int] = []
    buf, base, pos = b"", 0, 0  # buf starts at offset base of the file; search from pos
    for needle in needles:
        while (i := buf.find(needle, pos)) < 0:
            data = f.read(block)
            if not data:
                return None
            keep = max(pos, len(buf) - len(needle) + 1)  # a match may straddle the blocks
            buf, base, pos = buf[keep:] + data, base + keep, 0
        found.append(base + i)
        pos = i + 1
    return found


def _reversed_lines(run: bytes) -> list[str]:
    """The N-Triples lines of a run, in the order they were added."""
    text = run.decode("utf-8")
    lines = text.split("\n")[:-1]
    lines.reverse()
    return [line + "\n" for line in lines]


def _plan(files: list[str], where: dict[str, int], changed: list[str]) -> list[tuple[int, str]]:
    """Where each changed file's new run goes among the old ``files`` (dump order): (j,
    name) puts it in place of the old run ``j`` when ``files[j] == name``, else before it.
    Sorted into the order of writing."""
    events = []
    for name in sorted(changed, key=_order, reverse=True):
        j = where.get(name)
        if j is None:  # a new file: before the first with a lesser name
            lo, hi, key = 0, len(files), _order(name)
            while lo < hi:
                mid = (lo + hi) // 2
                if _order(files[mid]) > key:
                    lo = mid + 1
                else:
                    hi = mid
            j = lo
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
                    _copy(self.src, dst, starts[done], starts[upto] - starts[done])
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
            _copy(self.src, dst, starts[n], size - starts[n])


def _copy(src: Any, dst: Any, offset: int, count: int) -> None:
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
                raise OSError("the last build's output is shorter than recorded")
            os.write(fd_out, block)
            count -= len(block)
    dst.seek(0, os.SEEK_END)
