"""The site, for ``build`` (static files in ``OUT/site/``) and ``serve`` (pages on demand):
the corpus for the pages, the built graph for each entity's RDF, the network for the
landing page's gap map and families."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..corpus.read import load_corpus
from ..site.landing import summary_of
from ..site.model import build_site
from ..site.pages import Pages
from ..site.write import SITE, Written, write_site
from .network_reuse import load_network
from .reuse import load_graph

# Above this many papers `build` leaves the static site out unless asked (--site): ``serve``
# renders each page on demand in milliseconds, and 100,000 papers make ~300,000 files.
STATIC_LIMIT = 20_000


def site_pages(
    data_dir: Path,
    out_dir: Path,
    network_href: str | None,
    query_href: str | None,
) -> tuple[Pages, ox.Store]:
    """The pages of the data in ``data_dir`` and the store of its graph (as last built
    into ``out_dir`` when it still matches the data)."""
    graph = load_graph(data_dir, None, out_dir, True)
    full = load_network(data_dir, None, out_dir)
    site = build_site(load_corpus(data_dir))
    return Pages(site, summary_of(full), network_href, query_href), graph.store


def write_static_site(data_dir: Path, out_dir: Path) -> tuple[Path, Written]:
    """Write ``out_dir/site/``: the landing page, every entity's page and Turtle."""
    pages, store = site_pages(data_dir, out_dir, "../sysml-graph.html", None)
    target = out_dir / SITE
    return target, write_site(pages, store, target)
