"""Write the site as static files: a folder any static host serves, whose links also work
when opened from the file system."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..atomic import swap_folder
from ..resources import PACKAGE
from .model import KINDS, iri
from .pages import Pages, path
from .rdf import description

SITE = "site"
# The one style sheet of every page (assets/site.css below the site's root).
STYLE = PACKAGE / "templates" / "site" / "site.css"


@dataclass
class Written:
    pages: int
    bytes: int


def _entities(pages: Pages) -> list[tuple[str, str]]:
    site = pages.site
    return (
        [("paper", p) for p in site.papers]
        + [("person", p) for p in site.people if site.by_person.get(p)]
        + [("venue", v) for v in site.series]
        + sorted(site.concepts)
    )


# What the forked writers share (set just before they are forked, copy-on-write).
_SHARED: dict[str, object] = {}


def _write_part(part: list[tuple[str, str]]) -> tuple[int, int]:
    pages = _SHARED["pages"]
    store = _SHARED["store"]
    staging = _SHARED["staging"]
    assert isinstance(pages, Pages) and isinstance(staging, Path)
    total = n = 0
    for kind, ident in part:
        html = pages.render(kind, ident)
        if html is None:
            continue
        target = staging / path(kind, ident)
        data = html.encode("utf-8")
        target.write_bytes(data)
        total, n = total + len(data), n + 1
        if isinstance(store, ox.Store):
            ttl = description(store, iri(kind, ident), "text/turtle")
            if ttl is not None:
                target.with_suffix(".ttl").write_bytes(ttl)
                total += len(ttl)
    return n, total


def write_site(pages: Pages, store: ox.Store | None, out: Path, processes: int = 2) -> Written:
    """Write every page (and each entity's Turtle, when ``store`` is given) to ``out``,
    replacing what was there as a whole: a new folder is written, then swapped in.

    ``processes`` forked writers share the work (each page is independent)."""
    import multiprocessing

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    total = n = 0
    try:
        for folder in ("assets", *KINDS):
            (staging / folder).mkdir()
        (staging / "assets" / "site.css").write_bytes(STYLE.read_bytes())
        for name, text in (
            ("index.html", pages.landing()),
            ("404.html", pages.missing(root="")),
        ):
            data = text.encode("utf-8")
            (staging / name).write_bytes(data)
            total, n = total + len(data), n + 1
        entities = _entities(pages)
        parts = [entities[i::processes] for i in range(processes)]
        _SHARED.update(pages=pages, store=store, staging=staging)
        try:
            if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
                with multiprocessing.get_context("fork").Pool(processes) as pool:
                    done = pool.map(_write_part, parts)
            else:
                done = [_write_part(part) for part in parts]
        finally:
            _SHARED.clear()
        n += sum(d[0] for d in done)
        total += sum(d[1] for d in done)
        swap_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Written(n, total)
