"""What ``serve`` answers at the entities' IRI paths: the HTML page for a browser, the
entity's description as Turtle, N-Triples, JSON-LD or RDF/XML for an RDF client (content
negotiation), a helpful 404 page for an id the graph does not know."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..sparql.server import Reply, negotiate
from .model import KINDS, iri
from .pages import Pages
from .rdf import FORMATS, description
from .write import STYLE

_ENTITY = re.compile(r"/([a-z]+)/([^/]+?)(\.html|\.ttl|/)?")

# What a browser gets first; an RDF client names one of FORMATS.
OFFERED = ["text/html", *FORMATS]


@dataclass
class SiteAnswers:
    """Pages rendered on demand (a page takes milliseconds: no static site is needed, even
    at 100,000 papers). ``store`` gives the entities' RDF descriptions."""

    pages: Pages
    store: ox.Store
    style: bytes = field(default_factory=STYLE.read_bytes)
    _landing: bytes | None = None  # the same for every visitor: rendered once

    def answer(self, path: str, accept: str | None) -> Reply | None:
        """(status, media type, body, headers) for ``path``, or None when the path is not
        the site's (the endpoint's own paths, or nothing)."""
        if path in ("/", "/index.html"):
            if self._landing is None:
                self._landing = self.pages.landing().encode("utf-8")
            return 200, "text/html", self._landing, []
        if path == "/assets/site.css":
            return 200, "text/css", self.style, []
        m = _ENTITY.fullmatch(path)
        if m is None or m.group(1) not in KINDS:
            return None
        kind, ident, tail = m.group(1), urllib.parse.unquote(m.group(2)), m.group(3) or ""
        site = self.pages.site
        if tail == "/":  # relative links resolve from /paper/tvm, not /paper/tvm/
            target = f"/{kind}/{m.group(2)}"
            return 308, "text/plain", f"see {target}\n".encode(), [("Location", target)]
        if kind == "venue" and ident in site.editions and ident not in site.series:
            edition = site.editions[ident]
            target = f"/venue/{edition.series}#y{edition.year}"
            return 303, "text/plain", f"see {target}\n".encode(), [("Location", target)]
        if not site.exists(kind, ident):
            page = self.pages.missing(kind, ident, root="/").encode("utf-8")
            return 404, "text/html", page, [("Vary", "Accept")]
        media = "text/turtle" if tail == ".ttl" else negotiate(accept, OFFERED)
        vary = [("Vary", "Accept")]
        if media is None:
            text = f"{kind} {ident} comes as {', '.join(OFFERED)}; Accept ({accept}) allows none\n"
            return 406, "text/plain", text.encode(), vary
        if media == "text/html":
            html = self.pages.render(kind, ident)
            assert html is not None  # it exists
            return 200, "text/html", html.encode("utf-8"), vary
        body = description(self.store, iri(kind, ident), media)
        if body is None:  # the graph served is not the data the pages come from
            text = f"the graph has no triples about {iri(kind, ident)}\n"
            return 404, "text/plain", text.encode(), vary
        return 200, media, body, vary
