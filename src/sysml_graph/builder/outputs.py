"""Reuse the last build: while the data has not changed since ``build`` wrote the build folder,
commands that read ``--data`` use what it wrote instead of mapping the YAML again.

At 100,000 papers mapping the YAML and loading the store takes tens of seconds. ``build``
records a fingerprint of the data folder (every file's path, size and modification time)
and of the code, and of its own files; while both still match, ``export`` hands over the
built Turtle, N-Triples or JSON-LD, queries open an on-disk pyoxigraph index of the
N-Triples (made once, ``OUT/.cache/index-*``, then opened in milliseconds), the network
commands (render, stats, csv, graphml) read the network the build drew
(``OUT/.cache/network.json``, patched after a rebuild: :mod:`sysml_graph.builder.rebuild`), and
other whole-graph work loads the N-Triples into memory.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_atomic
from ..rdf.serialise import FORMATS
from .fingerprint import fingerprint

RECORD = "build.json"

NT = "sysml-graph.nt"


def record_build(out_dir: Path, data_fingerprint: str, files: list[Path]) -> None:
    """Note which data the ``files`` in ``out_dir`` were built from."""

    record = {
        "data": data_fingerprint,
        "files": {
            f.relative_to(out_dir).as_posix(): [f.stat().st_size, f.stat().st_mtime_ns]
            for f in files
        },
    }
    write_atomic(out_dir / ".cache" / RECORD, json.dumps(record, indent=2).encode() + b"\n")


def built_file(data_dir: Path, name: str, out_dir: Path = Path("dist")) -> Path | None:
    """``out_dir/name`` if the last build wrote it from ``data_dir`` as it is now, and
    nothing has replaced it since; else None."""
    try:
        record = json.loads((out_dir / ".cache" / RECORD).read_text(encoding="utf-8"))
        size, mtime = record["files"][name]
        st = (out_dir / name).stat()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (st.st_size, st.st_mtime_ns) != (size, mtime) or record["data"] != fingerprint(data_dir):
        return None
    return out_dir / name


def replaced(out_dir: Path, name: str) -> bool:
    """Whether ``out_dir/name`` is there, but not as the last build recorded it."""
    try:
        record = json.loads((out_dir / ".cache" / RECORD).read_text(encoding="utf-8"))
        size, mtime = record["files"][name]
        st = (out_dir / name).stat()
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return (st.st_size, st.st_mtime_ns) != (size, mtime)


HTML = "sysml-graph.html"


def _output(out_dir: Path, fmt: str) -> Path:
    """Where ``build`` writes format ``fmt``."""

    return out_dir / f"sysml-graph{FORMATS[fmt][1]}"
