"""Reuse the last build: commands that read ``--data`` open the graph ``build`` wrote, from an
on-disk pyoxigraph index, instead of mapping the YAML again, when the data has not changed.

At 100,000 papers mapping the YAML and loading the store takes tens of seconds; opening the
index takes milliseconds, so a query costs what the query costs. ``build`` records a
fingerprint of the data folder (every file's path, size and modification time) beside its
N-Triples; the first command that finds the fingerprint unchanged indexes that file once
(``OUT/.cache/index-*``), later ones open the index read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .kgraph import KnowledgeGraph
from .load import iter_files

RECORD = "build.json"


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file's path, size and modification time (no file is read)."""
    from . import __version__

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}\0{data_dir.resolve()}\0".encode())
    for path in iter_files(data_dir):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def record_build(out_dir: Path, data_fingerprint: str, nt_file: Path) -> None:
    """Note which data the N-Triples in ``out_dir`` were built from."""
    from .export import write_atomic

    st = nt_file.stat()
    record = {
        "data": data_fingerprint,
        "nt": nt_file.name,
        "nt_size": st.st_size,
        "nt_mtime_ns": st.st_mtime_ns,
    }
    write_atomic(out_dir / ".cache" / RECORD, json.dumps(record, indent=2).encode() + b"\n")


def built_graph(data_dir: Path, out_dir: Path = Path("dist")) -> KnowledgeGraph | None:
    """The graph of the last build in ``out_dir`` if it was built from ``data_dir`` as it is
    now, from its on-disk index (made on first use); else None."""
    import pyoxigraph

    cache = out_dir / ".cache"
    try:
        record = json.loads((cache / RECORD).read_text(encoding="utf-8"))
        nt_file = out_dir / str(record["nt"])
        st = nt_file.stat()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (st.st_size, st.st_mtime_ns) != (record.get("nt_size"), record.get("nt_mtime_ns")):
        return None  # the N-Triples were replaced by something else
    if record.get("data") != fingerprint(data_dir):
        return None
    index = cache / f"index-{record['data']}-{st.st_mtime_ns}"
    if not index.is_dir():
        _make_index(nt_file, index)
    return KnowledgeGraph(pyoxigraph.Store.read_only(str(index)))


def _make_index(nt_file: Path, index: Path) -> None:
    import pyoxigraph

    for old in index.parent.glob("index-*"):  # indexes of earlier builds
        shutil.rmtree(old, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=index.parent, prefix=".index-"))
    try:
        store = pyoxigraph.Store(str(tmp))
        store.bulk_load(path=str(nt_file), format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
        store.flush()
        del store
        os.rename(tmp, index)
    except OSError:
        if not index.is_dir():  # another process did not win the race either
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
