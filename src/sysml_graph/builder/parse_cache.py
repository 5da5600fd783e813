"""The parse cache: each data file's records kept by size, time and hash, so a build parses only
what changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .. import __version__
from ..corpus.fields import last_valid_year
from ..corpus.files import rel
from ..corpus.parse import Parsed, parse_file
from ..corpus.records import (
    Edition,
    Paper,
    Person,
    Scheme,
    Series,
    SourceList,
)
from ..corpus.yamlio import read_bounded
from ..problems import Problem
from ..resources import PACKAGE
from . import cache
from .cache import records_decoder, records_encoder
from .fingerprint import files_key, library_versions


def parse_cache_file(out_dir: Path = Path("dist")) -> Path:
    """Where ``build`` keeps its parse cache (:class:`ParseCache`)."""
    return out_dir / ".cache" / "parsed.json"


class ParseCache:
    """Parsed files by the hash of their bytes, kept in one cache file
    (:mod:`sysml_graph.builder.cache`: JSON, which reading cannot make run code).

    Rebuilding after one file changed then parses one file: the others are looked up by
    (size, mtime) first and by content hash when those moved (a checkout touches every
    file but changes few). A cache of other code (or of another year, which bounds valid
    years) is a miss; one that is not a usable cache is ignored with a warning.
    """

    KIND = "parsed"

    def __init__(self, path: Path) -> None:

        self.path = path
        self.hits = 0
        self.misses = 0
        entries = cache.read(path, self.KIND, _decode_entries, key=_cache_version())
        self.entries: dict[str, tuple[int, int, str, Parsed]] = entries or {}
        self.changed = entries is None  # whether save() has anything new to write

    def parse(self, paths: list[Path], data_dir: Path) -> list[Parsed]:
        results: list[Parsed] = []
        fresh: dict[str, tuple[int, int, str, Parsed]] = {}
        # Keyed by absolute path: two data folders never share entries, even when their
        # files have the same names, sizes and times (copies made with cp -p).
        base = str(data_dir.absolute())
        self.hits = self.misses = 0
        changed = self.changed
        for path in paths:
            key = f"{base}/{rel(path, data_dir)}"
            st = path.stat()
            entry = self.entries.get(key)
            if entry is not None and entry[:2] == (st.st_size, st.st_mtime_ns):
                parsed, digest = entry[3], entry[2]
            else:
                changed = True
                data = read_bounded(path)  # a larger file is refused, not held
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                if entry is not None and entry[2] == digest:
                    parsed = entry[3]
                else:
                    parsed = parse_file(path, data_dir, data)
                    self.misses += 1
            fresh[key] = (st.st_size, st.st_mtime_ns, digest, parsed)
            results.append(parsed)
        self.hits = len(paths) - self.misses
        self.changed = changed or len(fresh) != len(self.entries)  # or files were removed
        self.entries = fresh
        return results

    def save(self) -> None:
        """Write the cache (atomically) for the next run, if anything changed (writing
        100,000 unchanged entries again took 1.9 s)."""

        if not self.changed:
            return
        cache.write(self.path, self.KIND, _cache_version(), _encode_entries(self.entries))


# What each kind of file parses into (None when it could not be read at all).
_PAYLOADS: dict[str, Any] = {
    "people": list[Person],
    "venues": list[Series],
    "editions": list[Edition],
    "sources": list[SourceList],
    "taxonomy": Scheme,
    "paper": Paper,
}


def _encode_entries(entries: dict[str, tuple[int, int, str, Parsed]]) -> dict[str, list[Any]]:

    payloads = {kind: records_encoder(tp | None) for kind, tp in _PAYLOADS.items()}
    problems = records_encoder(list[Problem])
    return {
        key: [size, mtime, digest, kind, payloads[kind](payload), problems(found)]
        for key, (size, mtime, digest, (kind, payload, found)) in entries.items()
    }


def _decode_entries(value: Any) -> dict[str, tuple[int, int, str, Parsed]]:

    payloads = {kind: records_decoder(tp | None) for kind, tp in _PAYLOADS.items()}
    problems = records_decoder(list[Problem])
    entries: dict[str, tuple[int, int, str, Parsed]] = {}
    for key, (size, mtime, digest, kind, payload, found) in value.items():
        if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str)):
            raise TypeError(f"entry {key!r} has no size, time and hash")
        entries[key] = (size, mtime, digest, (kind, payloads[kind](payload), problems(found)))
    return entries


def _cache_version() -> str:

    # The parse depends on the date (the last valid year), on the code that reads YAML into
    # records (the corpus step, which a working copy changes without a new version number)
    # and on the YAML reader.
    corpus = files_key(PACKAGE / "corpus")
    return f"{__version__}:{last_valid_year()}:{library_versions(('PyYAML',))}:{corpus}"
