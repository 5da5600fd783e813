"""What a rebuild knows of the last build: its paper files, their keys, and where each file's
triples are in each output.
"""

from __future__ import annotations

import dataclasses
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.files import _order, is_paper_file
from ..corpus.records import Corpus, Paper
from ..corpus.rules import normalise_title
from . import cache
from .cache import records_decoder, records_encoder, remove_legacy
from .fingerprint import code_key
from .fragments import FORMATS as SPLICED
from .network_cache import NETWORK
from .network_deltas import DELTAS
from .outputs import HTML, RECORD, _output

STATE = ".cache/rebuild.json"

STATE_KIND = "rebuild state"


@dataclass
class State:
    """What a rebuild needs to know of the last build."""

    key: str  # the code and the year it was built with
    data_dir: str
    stats: dict[str, tuple[int, int]]  # every data file → (size, mtime)
    files: list[str]  # the paper files, in the outputs' order
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
    fingerprint: str = ""  # the data's, as build.json records it with the outputs
    network: tuple[int, int] = (0, 0)  # size and mtime of the last full build's network
    deltas: int = 0  # network deltas since the last full build (the first of DELTAS)
    deltas_file: tuple[int, int] = (0, 0)  # size and mtime of DELTAS as the state knows it


def _paper_keys(p: Paper) -> tuple[str, ...]:

    keys = [f"id:{p.id}", f"title:{normalise_title(p.title)}"]
    if p.doi:
        keys.append(f"doi:{p.doi}")
    keys += [f"origin:{s.url}" for s in p.sources]
    return tuple(keys)


def draft_state(
    data_dir: Path, stats: dict[str, tuple[int, int]], corpus: Corpus, triples: int, units: int
) -> State | None:
    """All a rebuild needs of a build but where the fragments are in its outputs (which
    :func:`save_state` is given once they are written); None when the corpus is not one
    whose outputs are one fragment per paper file and a tail (``units`` were written), or
    whose files' triples are not their own (then every build is a full one)."""

    files = [p.where.file for p in corpus.papers]
    if not files or files != sorted(files, key=_order) or not all(map(is_paper_file, files)):
        return None
    if len(set(files)) != len(files) or units != len(files) + 1:
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
    return State(
        key=code_key(),
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
    )


def forget_state(out_dir: Path) -> None:
    """Remove the record of the last build: the next build is a full one."""

    (out_dir / STATE).unlink(missing_ok=True)
    (out_dir / DELTAS).unlink(missing_ok=True)
    remove_legacy(out_dir / ".cache")


def _encode_state(state: State) -> dict[str, Any]:

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

    names = {f.name for f in dataclasses.fields(State)}
    if not isinstance(value, dict) or set(value) != names:
        raise ValueError("not the fields of a build's state")
    if not all(isinstance(value[k], str) for k in ("key", "data_dir")):
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


def save_state(
    state: State | None, out_dir: Path, fingerprint: str, offsets: dict[str, array[int]]
) -> bool:
    """Keep the state for the next build, with where each paper file's fragment starts in
    each output (``offsets``: the papers', then the tail's); False when there is none."""
    forget_state(out_dir)
    if state is None:
        return False
    state.fingerprint = fingerprint
    state.network = _stat(out_dir / NETWORK)
    if state.network == (0, 0):
        return False  # a rebuild patches the last full build's network
    n = len(state.files)
    state.offsets = {fmt: array("q", offsets[fmt][: n + 1]) for fmt in SPLICED}
    cache.write(out_dir / STATE, STATE_KIND, state.key, _encode_state(state))
    return True


def _load_state(out_dir: Path, data_dir: Path) -> State | None:

    key = code_key()
    state = cache.read(out_dir / STATE, STATE_KIND, _decode_state, key=key)
    if state is None or state.data_dir != str(data_dir.resolve()):
        return None
    return state if state.key == key else None


def _outputs_untouched(out_dir: Path, state: State) -> bool:
    """Whether the outputs are those of the build the state is of: build.json names the
    state's data fingerprint, and every output is as build.json recorded it."""
    import json

    try:
        record = json.loads((out_dir / ".cache" / RECORD).read_text(encoding="utf-8"))
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
    return _untouched(out_dir / NETWORK, state.network)


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


class NotIncremental(Exception):
    """The change needs a full build (the reason is for tests and curious readers)."""
