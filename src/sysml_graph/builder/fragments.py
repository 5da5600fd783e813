"""The outputs as fragments: each data file's triples serialised on their own, the files then
made of the fragments in a fixed order under one header.

A build writes Turtle, N-Triples and JSON-LD as

    prelude · head · fragment(file 1) · … · fragment(file n) · tail · closing

where the head is the dataset's description, each paper file's fragment is its triples alone,
the tail is the shared records' (taxonomies, venues, people) and the ontology's, and the
prelude and closing are the format's (Turtle's ``@prefix`` lines, JSON-LD's ``[`` and
``]``). A Turtle or JSON-LD fragment is pyoxigraph's serialisation of those triples, made by
a parser and a serialiser of their own, with nothing of any store; an N-Triples fragment is
the mapping's canonical lines themselves. Their bytes depend on the triples and pyoxigraph's
version only (which the code fingerprint covers). So a rebuild rewrites the fragments of the
files that changed and copies the others byte for byte, and what it writes is what a full
build of the same data writes.

The N-Triples are written as the mapping goes; the Turtle and JSON-LD fragments are made
from them by a second process once the store is loaded, while the first one checks the
shapes and draws the network.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import multiprocessing
import multiprocessing.context
import os
import traceback
from array import array
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph

from ..atomic import copy_range, staged
from ..rdf.mapping import head_lines
from ..rdf.namespaces import WRITE_PREFIXES
from ..rdf.serialise import serialize
from ..rdf.store import KnowledgeGraph
from .lock import end_with_parent
from .pipeline import kg_from_data

FORMATS = ("turtle", "nt", "jsonld")  # the outputs made of fragments
_RDF_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


def _serialise(nt: bytes, fmt: str) -> bytes:
    data = pyoxigraph.serialize(
        pyoxigraph.parse(nt, format=pyoxigraph.RdfFormat.N_TRIPLES),
        format=_RDF_FORMATS[fmt],
        prefixes=WRITE_PREFIXES if fmt == "turtle" else None,
    )
    return data or b""


@functools.cache
def prelude(fmt: str) -> bytes:
    """What a file of format ``fmt`` starts with, before its first triple."""
    if fmt == "jsonld":
        return b"["
    if fmt == "nt":
        return b""
    probe = _serialise(b"<x:s> <x:p> <x:o> .\n", fmt)
    return probe[: probe.rindex(b"<x:s>")]


def closing(fmt: str) -> bytes:
    """What a file of format ``fmt`` ends with, after its last triple."""
    return b"]" if fmt == "jsonld" else b""


def fragment(nt: bytes, fmt: str) -> bytes:
    """The triples of ``nt`` (N-Triples) as a fragment of format ``fmt``: one that can
    follow any other fragment. In JSON-LD that is ``,{…},{…}``: the node objects, each
    after a comma (the head's first one loses its comma).

    >>> x = b'<https://w3id.org/sysml-graph/paper/x> <http://purl.org/dc/terms/title> "X" .\\n'
    >>> fragment(x, "turtle")
    b'paper:x dcterms:title "X" .\\n'
    >>> fragment(x, "jsonld")
    b',{"@id":"https://w3id.org/sysml-graph/paper/x","http://purl.org/dc/terms/title":[{"@value":"X"}]}'
    >>> fragment(b"", "turtle")
    b''
    """
    if fmt == "nt":
        # The mapping writes canonical N-Triples already (rdf.ntriples), one triple a line:
        # passing them through pyoxigraph cost 3.5 s at 100,000 papers for the same bytes.
        return nt
    data = _serialise(nt, fmt)
    if not data:
        return data
    if fmt == "turtle":
        head = prelude(fmt)
        if not data.startswith(head):
            raise ValueError("pyoxigraph's Turtle does not start with the @prefix lines")
        return data[len(head) :]
    if not (data.startswith(b"[") and data.endswith(b"]")):
        raise ValueError("pyoxigraph's JSON-LD is not an array of node objects")
    return b"," + data[1:-1] if len(data) > 2 else b""


def head(nt: bytes, fmt: str) -> bytes:
    """The start of a file of format ``fmt`` up to its first file's fragment: the
    prelude and the dataset's description (``nt``)."""
    body = fragment(nt, fmt)
    return prelude(fmt) + (body[1:] if fmt == "jsonld" else body)


class Writer:
    """The three outputs, written from fragments.

    ``add`` takes one unit's N-Triples (a paper file's, or the tail's) in output order and
    appends them to the N-Triples body (the N-Triples fragment is the lines themselves).
    ``start``, once the store is loaded, forks a second process that makes the Turtle and
    JSON-LD fragments from that body while this one checks the shapes and draws the network:
    started earlier, it took the cores the YAML reading needs (8 s more at 100,000 papers).
    ``finish`` puts the head in front and gives the staged files and where each unit's
    fragment starts in them (the last offset: where the closing starts)."""

    def __init__(self, targets: dict[str, Path]) -> None:
        self.targets = targets
        self.nt_body = staged(Path(f"{targets['nt']}.body"), lambda tmp: None)
        self.nt_out = self.nt_body.open("wb")
        self.starts: list[int] = []
        self.at = 0
        self.units = 0
        self.lines = 0
        self.process: multiprocessing.context.ForkProcess | None = None

    def add(self, nt: bytes) -> None:
        self.starts.append(self.at)
        self.nt_out.write(nt)
        self.at += len(nt)
        self.units += 1
        self.lines += nt.count(b"\n")

    def start(self) -> None:
        """Start making the Turtle and JSON-LD fragments (no unit may be added after)."""
        self.starts.append(self.at)
        self.nt_out.close()
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        others = {fmt: str(path) for fmt, path in self.targets.items() if fmt != "nt"}
        self.process = ctx.Process(
            target=_write_bodies,
            args=(child, str(self.nt_body), self.starts, others, os.getpid()),
            daemon=True,
        )
        self.process.start()
        child.close()

    def finish(self, head_nt: bytes) -> tuple[dict[str, Path], dict[str, array[int]]]:
        """Staged files beside the targets, and each unit's offset in them."""
        if self.process is None:
            self.start()
        assert self.process is not None
        status, value = self.conn.recv()
        self.process.join()
        if status != "ok":
            raise RuntimeError(f"the fragments could not be written:\n{value}")
        bodies: dict[str, tuple[str, list[int]]] = value
        bodies["nt"] = (str(self.nt_body), self.starts)
        temps: dict[str, Path] = {}
        offsets: dict[str, array[int]] = {}
        try:
            for fmt, (body_name, starts) in bodies.items():
                body = Path(body_name)
                top = head(head_nt, fmt)
                # In JSON-LD every unit starts with a comma: the head (the dataset's
                # description, never empty) is what the first one follows.
                offsets[fmt] = array("q", (len(top) + s for s in starts))

                def fill(tmp: Path, top: bytes = top, body: Path = body, fmt: str = fmt) -> None:
                    with tmp.open("wb") as out, body.open("rb") as src:
                        out.write(top)
                        copy_range(src, out, 0, os.fstat(src.fileno()).st_size)
                        out.write(closing(fmt))

                temps[fmt] = staged(self.targets[fmt], fill)
                body.unlink()
        except BaseException:
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)
            for name, _ in bodies.values():
                Path(name).unlink(missing_ok=True)
            raise
        return temps, offsets

    def stop(self) -> None:
        """Stop the second process (after a failure); the bodies go."""
        self.nt_out.close()
        self.nt_body.unlink(missing_ok=True)
        if self.process is None:
            return
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        for target in self.targets.values():
            for body in target.parent.glob(f".{target.name}.body.{self.process.pid}.*.tmp"):
                body.unlink(missing_ok=True)


def _write_bodies(
    conn: Connection, nt_body: str, starts: list[int], targets: dict[str, str], parent: int
) -> None:
    """The second process: each unit's fragments (the N-Triples body from ``starts[i]`` to
    ``starts[i + 1]``) appended to one staged body per format; at the end, the bodies'
    names and each unit's offset in them."""
    end_with_parent(parent)  # a build killed by -9 takes this process with it
    files: dict[str, Path] = {}
    try:
        files = {
            fmt: staged(Path(target + ".body"), lambda tmp: None) for fmt, target in targets.items()
        }
        outs = {fmt: path.open("wb") for fmt, path in files.items()}
        offsets: dict[str, list[int]] = {fmt: [] for fmt in targets}
        at = dict.fromkeys(targets, 0)
        with open(nt_body, "rb") as src:
            for begin, end in itertools.pairwise(starts):
                nt = src.read(end - begin)
                for fmt, out in outs.items():
                    piece = fragment(nt, fmt)
                    offsets[fmt].append(at[fmt])
                    out.write(piece)
                    at[fmt] += len(piece)
        for fmt, out in outs.items():
            offsets[fmt].append(at[fmt])
            out.close()
        conn.send(("ok", {fmt: (str(files[fmt]), offsets[fmt]) for fmt in targets}))
    except BaseException:
        for path in files.values():
            path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
    finally:
        os._exit(0)


def outputs_of(
    data_dir: Path, formats: tuple[str, ...] = FORMATS
) -> tuple[KnowledgeGraph, dict[str, bytes]]:
    """The graph of ``data_dir`` and the bytes a build writes for each of ``formats``,
    made in this process (for exports when there is no build of the data to hand over).

    >>> from sysml_graph.resources import default_data_dir
    >>> kg, out = outputs_of(default_data_dir(), ("nt",))
    >>> out["nt"].count(b"\\n") == len(kg)
    True
    """
    units: list[bytes] = []
    kg, corpus = kg_from_data(data_dir, shacl=False, sink=units.append)
    head_nt = "".join(head_lines(corpus.source_lists, len(corpus.papers), len(kg))).encode()
    if sum(u.count(b"\n") for u in units) + head_nt.count(b"\n") != len(kg):
        # A triple in two files' fragments: as the build does, from the store instead.
        return kg, {fmt: serialize(kg, fmt) for fmt in formats}
    return kg, {
        fmt: head(head_nt, fmt) + b"".join(fragment(u, fmt) for u in units) + closing(fmt)
        for fmt in formats
    }
