"""Rebuild after paper files changed: the changed papers spliced into the last build.

At 100,000 papers a build takes about a minute, nearly all of it spent again on the papers
that did not change. So ``build`` leaves beside its outputs (``OUT/.cache/rebuild.json``)
where each paper file's triples are in each of the Turtle, N-Triples and JSON-LD files.
They are one run per file: pyoxigraph's in-memory store dumps its triples last in, first
out, the mapping adds the papers one file after the other, and each file's last triple,
so each run's first, is ``<…/source/FILE> a prov:Entity``, a node no other file has.

The next ``build``, when files under ``papers/`` changed or appeared and nothing else did
(no file went; people, venues, taxonomies, the importer's files and the code are as they
were), then

1. parses the changed files and checks them against the last build's paper ids, DOIs and
   titles and against the shared records, then checks the SHACL shapes on their triples
   beside the shared records' triples (the shapes only read a node and the nodes it
   points to);
2. dumps each changed file's triples alone, and writes each output again as the last one
   with those runs replaced (and the dataset's counts at its head);
3. patches the network the last build drew, in a second process that loads it while the
   first one works, and draws the page from it.

Anything it does not expect (a problem in the data, a run that does not read back as the
triples it should hold, a failure) makes it a full build, which reports problems as always.
A rebuild writes what a full build of the same data writes, byte for byte
(``tests/test_rebuild.py``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import traceback
from array import array
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import build_index, cache, output_set
from .load import ParseCache
from .records import Corpus, Paper, Person, Where

if TYPE_CHECKING:
    import multiprocessing.context

    import networkx as nx
    import pyoxigraph

STATE = ".cache/rebuild.json"
DELTAS = ".cache/network-deltas.json"
STATE_KIND = "rebuild state"
DELTAS_KIND = "network deltas"
HTML = "sysml-graph.html"
SPLICED = ("turtle", "nt", "jsonld")  # the outputs the runs are spliced into
PAPER_FOLDERS = ("papers/", "imported/papers/")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_ENTITY = "http://www.w3.org/ns/prov#Entity"

# One changed paper in the network: nodes to remove, nodes to add (with their data) and
# the added nodes' edges (with theirs).
Delta = tuple[list[str], list[tuple[str, dict[str, Any]]], list[tuple[str, str, dict[str, Any]]]]


@dataclass
class State:
    """What a rebuild needs to know of the last build."""

    key: str  # the code and the year it was built with
    data_dir: str
    stats: dict[str, tuple[int, int]]  # every data file → (size, mtime)
    files: list[str]  # the paper files, in dump order (the last paper first)
    ids: dict[str, str]  # paper file → paper id
    owners: dict[str, str]  # "id:…", "doi:…", "title:…", "origin:…" → paper file
    cited_by: dict[str, set[str]]  # paper id → ids of the papers that cite or extend it
    keys: dict[str, str]  # paper file → its keys in ``owners``, joined by NUL
    links: dict[str, tuple[str, ...]]  # paper file → the ids it cites or extends
    shared: Corpus  # venues, schemes and source lists (no papers, no people)
    people: set[str]  # the people's ids
    repositories: set[str]  # the source lists' IRIs, which the dataset lines type
    offsets: dict[str, array[int]]  # format → where each run starts, then the tail
    triples: int
    tail_line: str  # the first triple after the papers' runs (the shared records' last)
    fingerprint: str = ""  # the data's, as build.json records it with the outputs
    network: tuple[int, int] = (0, 0)  # size and mtime of the last full build's network
    deltas: int = 0  # network deltas since the last full build (the first of DELTAS)
    deltas_file: tuple[int, int] = (0, 0)  # size and mtime of DELTAS as the state knows it


def is_paper_file(name: str) -> bool:
    return name.startswith(PAPER_FOLDERS) and name.count("/") == name.startswith("imported/") + 1


def _order(name: str) -> tuple[bool, str]:
    """Where a paper file comes in the corpus (what :func:`sysml_graph.load.iter_files`
    lists): curated papers by name, then the importer's by name."""
    return name.startswith("imported/"), name.rsplit("/", 1)[1]


def _paper_keys(p: Paper) -> tuple[str, ...]:
    from .check import normalise_title

    keys = [f"id:{p.id}", f"title:{normalise_title(p.title)}"]
    if p.doi:
        keys.append(f"doi:{p.doi}")
    keys += [f"origin:{s.url}" for s in p.sources]
    return tuple(keys)


# --- serialising one file's triples alone -----------------------------------------------


def _dump(lines: list[str], fmt: str) -> bytes:
    """The lines loaded one after the other into a store of their own, dumped the way
    ``build`` dumps the whole graph (:func:`sysml_graph.export.serialize`)."""
    from .export import serialize
    from .kgraph import KnowledgeGraph

    return serialize(KnowledgeGraph.from_lines([lines]), fmt)


def _output(out_dir: Path, fmt: str) -> Path:
    """Where ``build`` writes format ``fmt``."""
    from .export import FORMATS

    return out_dir / f"sysml-graph{FORMATS[fmt][1]}"


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
    from .to_rdf import count_line, describe_dataset

    return [*describe_dataset(shared.source_lists, papers), count_line(triples - 1)]


# --- the last build's state ---------------------------------------------------------------


def draft_state(
    data_dir: Path, stats: dict[str, tuple[int, int]], corpus: Corpus, triples: int
) -> State | None:
    """All a rebuild needs of a build but where the runs are in its outputs (which
    :func:`save_state` finds once they are written); None when the corpus is not one whose
    outputs are made of such runs (then every build is a full one)."""
    from .to_rdf import ontology_lines, shared_lines

    files = [p.where.file for p in corpus.papers]
    if not files or files != sorted(files, key=_order) or not all(map(is_paper_file, files)):
        return None
    last = [chunk[-1] for chunk in shared_lines(corpus) if chunk]
    tail_line = last[-1] if last else ontology_lines()[-1]
    if tail_line.startswith("_:"):
        return None
    owners: dict[str, str] = {}
    keys: dict[str, str] = {}
    links: dict[str, tuple[str, ...]] = {}
    cited_by: dict[str, set[str]] = {}
    for p in corpus.papers:
        k = _paper_keys(p)
        keys[p.where.file] = "\0".join(k)
        for key in k:
            if owners.setdefault(key, p.where.file) != p.where.file:
                return None  # two papers from one source line: a triple both runs hold
        links[p.where.file] = tuple(dict.fromkeys([*p.extends, *p.cites]))
        for other in links[p.where.file]:
            cited_by.setdefault(other, set()).add(p.id)
    repositories = {lst.repository for lst in corpus.source_lists}
    if any(f"origin:{r}" in owners for r in repositories):
        return None  # a triple of the dataset's description in a paper's run
    files.reverse()  # dump order
    return State(
        key=build_index.code_key(),
        data_dir=str(data_dir.resolve()),
        stats=stats,
        files=files,
        ids={p.where.file: p.id for p in corpus.papers},
        owners=owners,
        cited_by=cited_by,
        keys=keys,
        links=links,
        # Without the people, whose records took 0.2 s to read at 100,000 papers.
        shared=Corpus([], [], corpus.series, corpus.schemes, corpus.source_lists),
        people={p.id for p in corpus.people},
        repositories=repositories,
        offsets={},
        triples=triples,
        tail_line=tail_line,
    )


def forget_state(out_dir: Path) -> None:
    """Remove the record of the last build: the next build is a full one."""
    from .cache import remove_legacy

    (out_dir / STATE).unlink(missing_ok=True)
    (out_dir / DELTAS).unlink(missing_ok=True)
    remove_legacy(out_dir / ".cache")


def _encode_state(state: State) -> dict[str, Any]:
    from .cache import records_encoder

    return {
        **{f.name: getattr(state, f.name) for f in dataclasses.fields(State)},
        "cited_by": {paper: sorted(ids) for paper, ids in state.cited_by.items()},
        "shared": records_encoder(Corpus)(state.shared),
        "people": sorted(state.people),
        "repositories": sorted(state.repositories),
        "offsets": {fmt: starts.tolist() for fmt, starts in state.offsets.items()},
    }


def _decode_state(value: Any) -> State:
    """The state :func:`_encode_state` wrote; a field of the wrong kind raises (the
    cache is then ignored), checked where a wrong value would not raise by itself."""
    from .cache import records_decoder

    names = {f.name for f in dataclasses.fields(State)}
    if not isinstance(value, dict) or set(value) != names:
        raise ValueError("not the fields of a build's state")
    if not all(isinstance(value[k], str) for k in ("key", "data_dir", "tail_line")):
        raise TypeError("the state's key, data folder or tail line is not text")
    value["stats"] = {name: (size, mtime) for name, (size, mtime) in value["stats"].items()}
    value["cited_by"] = {paper: set(ids) for paper, ids in value["cited_by"].items()}
    value["links"] = {name: tuple(ids) for name, ids in value["links"].items()}
    value["shared"] = records_decoder(Corpus)(value["shared"])
    value["people"] = set(value["people"])
    value["repositories"] = set(value["repositories"])
    value["offsets"] = {fmt: array("q", starts) for fmt, starts in value["offsets"].items()}
    value["network"] = tuple(value["network"])
    value["deltas_file"] = tuple(value["deltas_file"])
    if not all(isinstance(value[k], int) for k in ("triples", "deltas")):
        raise TypeError("the state's counts are not numbers")
    return State(**value)


def save_state(state: State | None, out_dir: Path, fingerprint: str) -> bool:
    """Find where each paper file's run starts in the outputs just written, and keep the
    state for the next build; False (and no state kept) where a run is not found."""
    from . import cache
    from .namespaces import BASE

    forget_state(out_dir)
    if state is None:
        return False
    state.fingerprint = fingerprint
    state.network = _stat(out_dir / build_index.NETWORK)
    if state.network == (0, 0):
        return False  # a rebuild patches the last full build's network
    files = state.files
    tail_line = state.tail_line
    tail_iri = tail_line[1 : tail_line.index(">")]
    first = f"{BASE}source/{files[0]}"
    line = f"<{first}> <{RDF_TYPE}> <{PROV_ENTITY}> .\n"
    for fmt in SPLICED:
        template = _marker(fmt, first, line)
        needles = [template.replace(files[0].encode(), name.encode()) for name in files]
        needles.append(_marker(fmt, tail_iri, tail_line))
        with _output(out_dir, fmt).open("rb") as f:
            found = _find_in_order(f, needles)
        if found is None:
            return False
        skip = 0 if fmt == "jsonld" else 1  # a run starts past a newline, or at a comma
        state.offsets[fmt] = array("q", (at + skip for at in found))
    cache.write(out_dir / STATE, STATE_KIND, state.key, _encode_state(state))
    return True


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


def _load_state(out_dir: Path, data_dir: Path) -> State | None:
    from . import cache

    key = build_index.code_key()
    state = cache.read(out_dir / STATE, STATE_KIND, _decode_state, key=key)
    if state is None or state.data_dir != str(data_dir.resolve()):
        return None
    return state if state.key == key else None


def _outputs_untouched(out_dir: Path, state: State) -> bool:
    """Whether the outputs are those of the build the state is of: build.json names the
    state's data fingerprint, and every output is as build.json recorded it."""
    import json

    try:
        record = json.loads((out_dir / ".cache" / build_index.RECORD).read_text(encoding="utf-8"))
        if record["data"] != state.fingerprint:
            return False
        for path in [*(_output(out_dir, f) for f in SPLICED), out_dir / HTML]:
            st = path.stat()
            if [st.st_size, st.st_mtime_ns] != record["files"][path.name]:
                return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def _network_untouched(out_dir: Path, state: State) -> bool:
    return _untouched(out_dir / build_index.NETWORK, state.network)


def _deltas_untouched(out_dir: Path, state: State) -> bool:
    return not state.deltas or _untouched(out_dir / DELTAS, state.deltas_file)


def _untouched(path: Path, known: tuple[int, int]) -> bool:
    """Whether the cache file ``path`` is the one the state knows; one that is there but
    another was put there since (by hand, by another program) is foreign, and said so."""
    now = _stat(path)
    if now == known:
        return True
    if now != (0, 0):
        cache.warn(path, "changed since the build that wrote it")
    return False


def _stat(path: Path) -> tuple[int, int]:
    """``path``'s size and modification time; (0, 0) when it is not there."""
    try:
        st = path.stat()
    except OSError:
        return (0, 0)
    return (st.st_size, st.st_mtime_ns)


def built_network(data_dir: Path, out_dir: Path = Path("dist")) -> nx.Graph | None:
    """The network projection the last build in ``out_dir`` drew (or, after a rebuild,
    patched), if it was built from ``data_dir`` as it is now; else None. Reading it took
    0.1 s at 10,000 papers; loading the N-Triples and projecting them took 20 s at 100,000."""
    path = build_index.built_file(data_dir, build_index.NETWORK, out_dir)
    if path is None:
        if build_index.replaced(out_dir, build_index.NETWORK):
            cache.warn(out_dir / build_index.NETWORK, "changed since the build that wrote it")
            return None
        return patched_network(data_dir, out_dir)  # the last build was a rebuild
    return cache.read(path, build_index.NETWORK_KIND, build_index.decode_network)


def patched_network(data_dir: Path, out_dir: Path) -> nx.Graph | None:
    """The network of the data as it is now when the last build into ``out_dir`` was a
    rebuild: the last full build's, patched by the rebuilds since, :func:`in_id_order`
    like a projection's. None when the last build was not a rebuild of this data."""
    from .gcpause import no_gc_pauses
    from .network import in_id_order

    state = _load_state(out_dir, data_dir)
    if state is None or not state.deltas or state.fingerprint != build_index.fingerprint(data_dir):
        return None
    if not _outputs_untouched(out_dir, state) or not _network_untouched(out_dir, state):
        return None
    if not _deltas_untouched(out_dir, state):
        return None
    deltas = _read_deltas(out_dir)
    if deltas is None or len(deltas) < state.deltas:
        return None
    g = _read_network(out_dir)
    if g is None:
        return None
    with no_gc_pauses():
        for delta in deltas[: state.deltas]:
            apply_delta(g, delta)
        return in_id_order(g)


def _read_network(out_dir: Path, report: cache.Report = cache.warn) -> nx.Graph | None:
    """The last full build's network (:func:`built_network` also
    checks that it is the data's)."""
    path = out_dir / build_index.NETWORK
    return cache.read(path, build_index.NETWORK_KIND, build_index.decode_network, report=report)


# --- the page, in a second process --------------------------------------------------------


def apply_delta(g: nx.Graph, delta: Delta) -> None:
    """Patch the network: the changed papers' nodes go, their new nodes and edges come."""
    remove, nodes, edges = delta
    g.remove_nodes_from(remove)
    g.add_nodes_from(nodes)
    for u, v, data in edges:
        g.add_edge(u, v, **data)


def _page_worker(conn: Connection, out_dir: Path, parent: int) -> None:
    """Load the last build's network (and the deltas since), wait for the new delta, draw
    the page into a staged file and send back its name."""
    from .build_lock import end_with_parent

    end_with_parent(parent)  # a build killed by -9 takes this process with it
    try:
        import jinja2  # noqa: F401  # what drawing the page imports, while there is time
        import pyvis.network  # noqa: F401

        from .export import staged
        from .igraph_import import import_igraph
        from .render import render_html

        import_igraph()
        # Silent: the first process checks these files before it asks for a page, and
        # reports what is wrong with them (a line from here would repeat its warning).
        g = _read_network(out_dir, _silent)
        deltas = _read_deltas(out_dir, _silent) or []
        message = conn.recv()
        if message is not None:
            earlier, new = message  # the state knows how many of the deltas are its own
            if g is None or len(deltas) < earlier:
                raise RuntimeError("the last build's network or its deltas cannot be read")
            for delta in [*deltas[:earlier], new]:
                apply_delta(g, delta)
            html = render_html(g, full=g).encode("utf-8")
            tmp = staged(out_dir / HTML, lambda t: t.write_bytes(html))
            conn.send(("ok", str(tmp)))
    except BaseException:
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
    finally:
        # Now, not after freeing the network object by object (0.5 s at 100,000 papers).
        os._exit(0)


class PageWorker:
    """The second process, started before anything else so that it loads the network
    (0.8–1.2 s at 100,000 papers) while the first one scans and parses."""

    def __init__(self, out_dir: Path) -> None:
        import multiprocessing

        self.process: multiprocessing.context.ForkProcess | None = None
        self.drawing = False
        if not (out_dir / STATE).is_file() or not (out_dir / build_index.NETWORK).is_file():
            return
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this system: every build is a full one
            return
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_page_worker, args=(child, out_dir, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()

    def draw(self, earlier: int, delta: Delta) -> None:
        """Start drawing the page of the network patched by the first ``earlier`` deltas
        of the file and by ``delta``."""
        assert self.process is not None
        try:
            self.conn.send((earlier, delta))
        except OSError as e:
            raise NotIncremental(f"the second process ended: {e}") from e
        self.drawing = True

    def page(self) -> Path:
        """The page :meth:`draw` started, in a staged file."""
        assert self.process is not None
        try:
            status, text = self.conn.recv()
        except (OSError, EOFError) as e:
            status, text = "error", f"the second process ended: {e}"
        # Not joined: it leaves by itself, and the kernel takes a few tenths of a second
        # to take back its memory (multiprocessing reaps it later, or the build's end).
        self.process, self.drawing = None, False
        if status != "ok":
            raise NotIncremental(f"drawing the page failed:\n{text}")
        return Path(text)

    def stop(self) -> None:
        """End the second process: at once unless it is drawing a page, else once it has
        (and the page is deleted): a full build should not wait for it."""
        if self.process is None:
            return
        if self.drawing:
            with contextlib.suppress(OSError, EOFError):
                status, text = self.conn.recv()
                if status == "ok":
                    Path(text).unlink(missing_ok=True)
        self.process.kill()  # not joined either (see page)
        self.process = None


# --- the rebuild ----------------------------------------------------------------------------


@dataclass
class Rebuilt:
    """What a rebuild did."""

    triples: int
    papers: int
    changed: list[str]


class NotIncremental(Exception):
    """The change needs a full build (the reason is for tests and curious readers)."""


def rebuild(
    data_dir: Path,
    out_dir: Path,
    fingerprint: str,
    stats: dict[str, tuple[int, int]],
    worker: PageWorker,
    step: Any = None,
) -> Rebuilt:
    """Splice the paper files that changed since the last build into its outputs; raise
    :class:`NotIncremental` when a full build is needed instead (nothing is written then).
    ``step(description)`` is called as each step starts."""

    state = _load_state(out_dir, data_dir)
    if state is None:
        raise NotIncremental("no usable record of the last build")
    if worker.process is None:
        raise NotIncremental("no network of the last build")
    if not _outputs_untouched(out_dir, state):
        raise NotIncremental("an output was changed or removed since the last build")
    if not _network_untouched(out_dir, state) or not _deltas_untouched(out_dir, state):
        raise NotIncremental("the last full build's network or its deltas changed or went")
    # A damaged cache needs a full build, else the commands that read it would say so
    # until the next one: the network and its deltas (which the second process reads, but
    # does not report), and the parse cache (which the full build reads, and reports).
    if not cache.check(out_dir / build_index.NETWORK, build_index.NETWORK_KIND):
        raise NotIncremental("the last full build's network is not usable")
    if state.deltas and not cache.check(out_dir / DELTAS, DELTAS_KIND):
        raise NotIncremental("the network's deltas are not usable")
    if not cache.check(build_index.parse_cache_file(out_dir), ParseCache.KIND, _silent):
        raise NotIncremental("the parse cache is not usable")
    gone = [f for f in state.stats if f not in stats]
    if gone:
        raise NotIncremental(f"{gone[0]} was removed")
    changed = [f for f, st in stats.items() if state.stats.get(f) != st]
    for name in changed:
        if not is_paper_file(name):
            raise NotIncremental(f"{name} is not a paper file")
    changed.sort(key=_order)
    if not changed:  # the outputs are the data's already
        return Rebuilt(state.triples, len(state.files), [])
    if step:
        step("parse and check the changed papers")
    new = _parse(data_dir, changed, state)
    _check(new, state)
    lines = _lines(new, state)
    store = _local_graph(out_dir, new, lines, state)
    _shacl(store)
    delta = _network_delta(store, new, state)
    if step:
        step("splice the changed papers into the outputs")
    temps: dict[Path, Path] = {}
    state_file: Path | None = None
    worker.draw(state.deltas, delta)  # the second process draws the page meanwhile
    try:
        offsets, triples = _splice_all(out_dir, new, lines, state, temps)
        if step:
            step("lay out and render the network")
        # While the second process draws: the deltas, and the state, which is tied to the
        # outputs by the data's fingerprint in build.json. The deltas the state counts stay
        # first in their file, and until build.json is written the state's fingerprint is
        # not its: a rebuild cut short anywhere makes the next build a full one.
        earlier = _read_deltas(out_dir) if state.deltas else []
        if earlier is None or len(earlier) < state.deltas:
            raise NotIncremental("the deltas of the earlier rebuilds cannot be read")
        deltas = [*earlier[: state.deltas], delta]
        cache.write(out_dir / DELTAS, DELTAS_KIND, "", deltas)
        _update_state(state, new, stats, offsets, triples)
        state.deltas = len(deltas)
        state.deltas_file = _stat(out_dir / DELTAS)
        state.fingerprint = fingerprint
        state_file = cache.stage(out_dir / STATE, STATE_KIND, state.key, _encode_state(state))
        temps[out_dir / HTML] = worker.page()
    except BaseException:
        for tmp in [*temps.values(), *([state_file] if state_file else [])]:
            tmp.unlink(missing_ok=True)
        raise
    os.replace(state_file, out_dir / STATE)
    output_set.publish(out_dir, temps)  # the four outputs change at once
    # The network cache is left out of build.json: it is the last full build's, which
    # patched_network patches with the deltas for render, stats and the network exports.
    build_index.record_build(out_dir, fingerprint, list(temps))
    return Rebuilt(triples, len(state.files), changed)


def _silent(path: Path, reason: str) -> None:
    """A :data:`sysml_graph.cache.Report` that says nothing."""


def _read_deltas(out_dir: Path, report: cache.Report = cache.warn) -> list[Delta] | None:
    """The network deltas of the rebuilds since the last full build; None when there are
    none or they cannot be read."""
    return cache.read(out_dir / DELTAS, DELTAS_KIND, _decode_deltas, report=report)


def _decode_deltas(value: Any) -> list[Delta]:
    def mapping(data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise TypeError("node or edge data that is not a mapping")
        return data

    return [
        (
            [str(n) for n in remove],
            [(str(n), mapping(data)) for n, data in nodes],
            [(str(u), str(v), mapping(data)) for u, v, data in edges],
        )
        for remove, nodes, edges in value
    ]


def _parse(data_dir: Path, changed: list[str], state: State) -> dict[str, Paper]:
    from .load import parse_file

    new: dict[str, Paper] = {}
    for name in changed:
        _, payload, problems = parse_file(data_dir / name, data_dir)
        if problems or not isinstance(payload, Paper):
            raise NotIncremental(f"{name} has problems")  # the full build reports them
        old = state.ids.get(name)
        if old is not None and old != payload.id:
            raise NotIncremental(f"{name}: the paper's id changed")
        new[name] = payload
    return new


def _check(new: dict[str, Paper], state: State) -> None:
    """Raise :class:`NotIncremental` unless the full check would pass: the rules on the
    changed papers with the shared records, and their keys against the other papers'."""
    from . import check

    bare = [dataclasses.replace(p, extends=[], cites=[]) for p in new.values()]
    named = sorted({a for p in bare for a in p.authors})
    if any(a not in state.people for a in named):
        raise NotIncremental("a changed paper names an unknown person")
    people = [Person(a, "", Where("people.yaml", 0)) for a in named]
    mini = Corpus(bare, people, state.shared.series, state.shared.schemes)
    for rule in (check.duplicate_papers, check.unknown_references, check.venue_consistency):
        if rule(mini):
            raise NotIncremental("the changed papers break a rule")
    ids = {p.id for p in new.values()}
    if len(ids) != len(new):
        raise NotIncremental("two changed papers have one id")
    claimed: dict[str, str] = {}
    for name, p in new.items():
        for key in _paper_keys(p):
            owner = state.owners.get(key, name)
            if owner != name or claimed.setdefault(key, name) != name:
                raise NotIncremental(f"{name}: {key} is another paper's")
        if any(f"origin:{r}" == key for r in state.repositories for key in _paper_keys(p)):
            raise NotIncremental(f"{name}: a source is a source list")
        for other in (*p.extends, *p.cites):
            if other == p.id or (f"id:{other}" not in state.owners and other not in ids):
                raise NotIncremental(f"{name}: names unknown paper {other}")


def _lines(new: dict[str, Paper], state: State) -> dict[str, list[str]]:
    from .to_rdf import add_paper, journal_ids

    journals = journal_ids(state.shared)
    out: dict[str, list[str]] = {}
    for name, p in new.items():
        lines: list[str] = []
        add_paper(lines, p, journals)
        out[name] = list(dict.fromkeys(lines))
    return out


def _local_graph(
    out_dir: Path, new: dict[str, Paper], lines: dict[str, list[str]], state: State
) -> pyoxigraph.Store:
    """A store of the changed papers' triples, the shared records' (the outputs' tail) and
    those of the papers they cite or that cite them (for the network's edges between)."""
    import pyoxigraph

    from .namespaces import BASE

    nt = state.offsets["nt"]
    where = {name: j for j, name in enumerate(state.files)}
    by_id = {state.ids[f]: f for f in state.files}
    partners: set[str] = set()
    for p in new.values():
        partners.update(by_id[o] for o in (*p.extends, *p.cites) if o in by_id)
        partners.update(by_id[o] for o in state.cited_by.get(p.id, ()) if o in by_id)
    partners.difference_update(new)
    runs: list[bytes] = ["".join(lines[name]).encode() for name in new]
    with (out_dir / build_index.NT).open("rb") as f:
        for name in sorted(partners):
            j = where[name]
            f.seek(nt[j])
            runs.append(f.read(nt[j + 1] - nt[j]))
        f.seek(nt[len(state.files)])
        tail = f.read()
    # Of the people (most of the tail), only those these papers name: loading and checking
    # all 36,000 of a 100,000-paper graph took 0.4 s.
    person = f"<{BASE}person/".encode()
    named = set(re.findall(re.escape(person) + rb"[^>]*>", b"".join(runs)))
    kept = [
        line
        for line in tail.split(b"\n")
        if not line.startswith(person) or line[: line.find(b" ")] in named
    ]
    store = pyoxigraph.Store()
    store.load(b"\n".join(kept), pyoxigraph.RdfFormat.N_TRIPLES)
    for run in runs:
        store.load(run, pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def _shacl(store: pyoxigraph.Store) -> None:
    from .kgraph import KnowledgeGraph
    from .shacl import shacl_problems

    if shacl_problems(KnowledgeGraph(store)):
        raise NotIncremental("the changed papers break a SHACL shape")


def _network_delta(store: pyoxigraph.Store, new: dict[str, Paper], state: State) -> Delta:
    from .gcpause import no_gc_pauses
    from .network import _project

    with no_gc_pauses():
        local = _project(store)
    remove: list[str] = []
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for p in new.values():
        mine = [f"paper:{p.id}", f"software:{p.id}"]
        remove += mine
        for n in mine:
            if n in local:
                nodes.append((n, dict(local.nodes[n])))
                edges += [(n, m, dict(d)) for m, d in local.adj[n].items() if m not in mine]
        if mine[1] in local and local.has_edge(*mine):
            edges.append((mine[0], mine[1], dict(local.edges[mine[0], mine[1]])))
    return remove, nodes, edges


def _splice_all(
    out_dir: Path,
    new: dict[str, Paper],
    lines: dict[str, list[str]],
    state: State,
    temps: dict[Path, Path],
) -> tuple[dict[str, array[int]], int]:
    """Write each output again with the changed runs (into ``temps``); return the new
    offsets and the new number of triples."""
    from .export import staged

    where = {name: j for j, name in enumerate(state.files)}
    nt = state.offsets["nt"]
    # Each old run must read back as the triples it stands for: load its N-Triples (in the
    # order they went in, the reverse of the dump's) and compare the other dumps' runs.
    old_runs: dict[str, bytes] = {}
    removed = 0
    with (out_dir / build_index.NT).open("rb") as f:
        for name in new:
            if name in where:
                j = where[name]
                f.seek(nt[j])
                old_runs[name] = f.read(nt[j + 1] - nt[j])
                removed += old_runs[name].count(b"\n")
        f.seek(0)
        old_head = f.read(nt[0])
    added = sum(len(v) for v in lines.values())
    papers = len(state.files) + sum(1 for n in new if n not in where)
    triples = state.triples - removed + added
    old_header = _header_lines(state.shared, len(state.files), state.triples)
    new_header = _header_lines(state.shared, papers, triples)
    if head_of(old_header, "nt") != old_head:
        raise NotIncremental("the head of the N-Triples is not the dataset's description")
    old_lines = {n: _reversed_lines(run) for n, run in old_runs.items()}
    events = _plan(state.files, where, list(new))
    offsets: dict[str, array[int]] = {}
    for fmt in SPLICED:
        path = _output(out_dir, fmt)
        starts = state.offsets[fmt]
        with path.open("rb") as src:
            src.seek(0)
            if fmt != "nt" and src.read(starts[0]) != head_of(old_header, fmt):
                raise NotIncremental(f"the head of {path.name} is not the dataset's description")
            for name, old in old_lines.items():
                j = where[name]
                src.seek(starts[j])
                if src.read(starts[j + 1] - starts[j]) != run_of(old, fmt):
                    raise NotIncremental(f"the run of {name} in {path.name} is not its triples")
            fresh = {name: run_of(lines[name], fmt) for name in new}
            splice = _Splice(src, head_of(new_header, fmt), state.files, events, starts, fresh)
            temps[path] = staged(path, splice.write)
        offsets[fmt] = splice.offsets
    return offsets, triples


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


def _update_state(
    state: State,
    new: dict[str, Paper],
    stats: dict[str, tuple[int, int]],
    offsets: dict[str, array[int]],
    triples: int,
) -> None:
    added = [name for name in new if name not in state.ids]
    for name, p in new.items():
        for key in state.keys.get(name, "").split("\0"):
            state.owners.pop(key, None)
        old_id = state.ids.get(name)
        for other in state.links.get(name, ()):
            citing = state.cited_by.get(other)
            if citing is not None and old_id is not None:
                citing.discard(old_id)
        keys = _paper_keys(p)
        state.keys[name] = "\0".join(keys)
        for key in keys:
            state.owners[key] = name
        state.links[name] = tuple(dict.fromkeys([*p.extends, *p.cites]))
        for other in state.links[name]:
            state.cited_by.setdefault(other, set()).add(p.id)
        state.ids[name] = p.id
    for inserted, (j, name) in enumerate(_plan(state.files, {}, added)):
        state.files.insert(j + inserted, name)  # before the old run j
    state.stats = stats
    state.offsets = offsets
    state.triples = triples
