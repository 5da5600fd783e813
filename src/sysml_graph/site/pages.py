"""Render the site's pages: the landing page and one page per entity, as HTML text.

Every page lives at ``<kind>/<id>.html`` below the site's root and links to others
relatively (``../person/ion-stoica.html``), so the same text works from a static host, from
the file system and from ``serve`` (which answers ``/paper/tvm`` and ``/paper/tvm.html``
alike). One folder per kind, no folder per entity: creating 8,000 folders costs more than
writing every page. Titles and names are escaped by
Jinja's autoescape: a hostile title is shown as text.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from ..resources import PACKAGE
from .ego import Node, ego_svg
from .model import KINDS, Site, iri

# The landing page's summaries (computed by the caller from the network, as `stats` does).


@dataclass
class Summary:
    """What the landing page shows beside the lists: the technique × platform gap map and
    the technique families by year, in the form of :mod:`sysml_graph.stats.analysis`."""

    techniques: list[tuple[str, str]]  # (id, label) rows
    platforms: list[tuple[str, str]]  # (id, label) columns
    counts: list[list[int]]
    open_cells: set[tuple[str, str]]
    open_min: float
    families: dict[str, dict[int, int]]  # technique id → year → papers


def path(kind: str, ident: str) -> str:
    """A page's path below the site's root."""
    return f"{kind}/{ident}.html"


def _json_for_script(value: Any) -> str:
    return (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _shade(count: int, top: int, rgb: tuple[int, int, int] = (78, 121, 167)) -> str:
    if not count or not top:
        return "#fff"
    alpha = 0.12 + 0.6 * (count / top) ** 0.5
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha:.2f})"


class Pages:
    """Renders pages of one :class:`Site`. ``network_href`` and ``query_href`` say where the
    whole-graph network and the query page are, relative to the site's root (None: not
    available, as in a static site without a server)."""

    def __init__(
        self,
        site: Site,
        summary: Summary | None = None,
        network_href: str | None = None,
        query_href: str | None = None,
    ) -> None:
        self.site = site
        self.summary = summary
        self.network_href = network_href
        self.query_href = query_href
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        self._templates = {
            name: self.env.get_template(f"site/{name}.html.j2")
            for name in ("landing", "paper", "person", "venue", "concept", "missing")
        }

    # --- helpers -------------------------------------------------------------------------

    def _nav(self, root: str) -> list[tuple[str, str]]:
        nav = [("Home", f"{root}index.html")]
        if self.query_href:
            nav.append(("Query", root + self.query_href))
        if self.network_href:
            nav.append(("Whole network", root + self.network_href))
        return nav

    def _page(self, name: str, root: str, **values: Any) -> str:
        values.setdefault("canonical", None)
        values.setdefault("rdf_href", None)
        values.setdefault("landing", False)
        return self._templates[name].render(root=root, nav=self._nav(root), **values)

    def href(self, kind: str, ident: str, root: str = "../") -> str:
        return root + path(kind, ident)

    def person_label(self, pid: str) -> str:
        person = self.site.people.get(pid)
        return person.name if person else pid

    def venue_label(self, vid: str | None) -> str:
        if not vid:
            return ""
        edition = self.site.editions.get(vid)
        if edition is not None:
            return edition.name
        series = self.site.series.get(vid)
        return series.acronym if series else vid

    def concept_label(self, kind: str, cid: str) -> str:
        c = self.site.concepts.get((kind, cid))
        return c.label if c else cid

    def _paper_row(self, pid: str, **extra: Any) -> dict[str, Any]:
        p = self.site.papers[pid]
        return {
            "href": self.href("paper", pid),
            "title": p.title,
            "year": p.year,
            "venue": self.venue_label(p.venue),
            **extra,
        }

    def _concepts_of(self, papers: list[str], most: int) -> list[dict[str, Any]]:
        """The techniques and platforms of ``papers`` (curated or proposed), most used first."""
        counts: Counter[tuple[str, str]] = Counter()
        for i in papers:
            p = self.site.papers[i]
            for kind, tags in (
                ("technique", p.techniques + p.inferred_techniques),
                ("platform", p.platforms + p.inferred_platforms),
            ):
                counts.update((kind, c) for c in dict.fromkeys(tags))
        return [
            {"href": self.href(k, c), "label": self.concept_label(k, c), "count": n}
            for (k, c), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:most]
        ]

    # --- pages ---------------------------------------------------------------------------

    def render(self, kind: str, ident: str) -> str | None:
        """The page of an entity, or None when the site has no such entity."""
        if kind not in KINDS or not self.site.exists(kind, ident):
            return None
        if kind == "paper":
            return self.paper(ident)
        if kind == "person":
            return self.person(ident)
        if kind == "venue":
            return self.venue(ident)
        return self.concept(kind, ident)

    def rdf_href(self, kind: str, ident: str) -> str:
        return f"../{kind}/{ident}.ttl"

    def paper(self, pid: str) -> str:
        site, p = self.site, self.site.papers[pid]
        authors = [
            {"href": self.href("person", a), "label": self.person_label(a)} for a in p.authors
        ]
        series = site.series_of(p)
        venue = None
        if series is not None:
            anchor = f"#y{p.year}" if p.year else ""
            venue = {
                "href": self.href("venue", series.id) + anchor,
                "label": self.venue_label(p.venue),
            }
        links = []
        if p.doi:
            links.append(("DOI " + p.doi, "https://doi.org/" + p.doi))
        if p.url:
            links.append(("paper", p.url))
        if p.arxiv:
            links.append(("arXiv " + p.arxiv, "https://arxiv.org/abs/" + p.arxiv))
        if p.code:
            links.append(("code", p.code))
        if p.website:
            links.append(("website", p.website))
        concepts: list[dict[str, Any]] = []
        evidence = {(x.scheme, x.concept): f"{x.evidence}: {x.text}" for x in p.proposed}
        for kind, scheme, curated, proposed in (
            ("technique", "techniques", p.techniques, p.inferred_techniques),
            ("platform", "platforms", p.platforms, p.inferred_platforms),
        ):
            for c in curated:
                concepts.append(
                    {
                        "kind": kind,
                        "href": self.href(kind, c),
                        "label": self.concept_label(kind, c),
                        "proposed": False,
                        "why": f"{kind}, tagged by a curator",
                    }
                )
            for c in proposed:
                if c not in curated:
                    concepts.append(
                        {
                            "kind": kind,
                            "href": self.href(kind, c),
                            "label": self.concept_label(kind, c),
                            "proposed": True,
                            "why": f"{kind} proposed from {evidence.get((scheme, c), '?')}",
                        }
                    )
        related: list[dict[str, Any]] = []
        for title, ids in (
            ("Versions of this work", site.versions.get(pid, [])),
            ("Extends", p.extends),
            ("Extended by", site.extended_by.get(pid, [])),
            ("Cites", p.cites),
            ("Cited by", site.cited_by.get(pid, [])),
        ):
            known = [i for i in ids if i in site.papers]
            if known:
                related.append(
                    {"title": title, "papers": [self._paper_row(i) for i in site.order(known)]}
                )
        ring = [
            Node("person", self.person_label(a), self.href("person", a)) for a in p.authors[:18]
        ]
        if series is not None:
            short = f"{series.acronym} {p.year or ''}".strip()
            ring.append(
                Node("venue", short, self.href("venue", series.id), self.venue_label(p.venue))
            )
        ring += [Node(str(c["kind"]), str(c["label"]), str(c["href"])) for c in concepts[:10]]
        for section in related:
            for r in section["papers"][:4]:
                ring.append(Node("paper", r["title"], r["href"], r["title"]))
        svg = ego_svg(Node("paper", p.title, self.href("paper", pid), p.title), ring)
        sources = [
            {"href": s.url, "label": f"{site.lists.get(s.list, s.list)}, {s.file} line {s.line}"}
            for s in p.sources
        ]
        return self._page(
            "paper",
            "../",
            title=p.title,
            p=p,
            kind_label=str(p.kind).replace("-", " "),
            draft=str(p.status) == "imported",
            authors=authors,
            venue=venue,
            links=links,
            concepts=concepts,
            related=related,
            svg=Markup(svg),
            sources=sources,
            canonical=iri("paper", pid),
            rdf_href=self.rdf_href("paper", pid),
        )

    def person(self, pid: str) -> str:
        site, person = self.site, self.site.people[pid]
        papers = site.order(site.by_person.get(pid, []))
        ranked = sorted(site.coauthors.get(pid, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))
        top = ranked[:30]
        coauthors = [
            {"href": self.href("person", c), "label": self.person_label(c), "count": n}
            for c, n in top
        ]
        venues: Counter[str] = Counter()
        for i in papers:
            s = site.series_of(site.papers[i])
            if s is not None:
                venues[s.id] += 1
        by_year: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for i in papers:
            by_year[site.papers[i].year].append(self._paper_row(i))
        ring_ids = [c for c, _ in ranked[:24]]
        position = {c: k for k, c in enumerate(ring_ids)}
        links = sorted(
            {
                tuple(sorted((position[a], position[b])))
                for a in ring_ids
                for b in site.coauthors.get(a, Counter())
                if b in position and a != b
            }
        )
        svg = ego_svg(
            Node("person", person.name, self.href("person", pid)),
            [Node("person", self.person_label(c), self.href("person", c)) for c in ring_ids],
            [(a, b) for a, b in links],
        )
        return self._page(
            "person",
            "../",
            title=person.name,
            person=person,
            n_papers=len(papers),
            n_coauthors=len(ranked),
            coauthors=coauthors,
            venues=[
                {"href": self.href("venue", v), "label": site.series[v].acronym, "count": n}
                for v, n in sorted(venues.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
            ],
            concepts=self._concepts_of(papers, 20),
            by_year=sorted(by_year.items(), key=lambda kv: -(kv[0] or 0)),
            svg=Markup(svg),
            canonical=iri("person", pid),
            rdf_href=self.rdf_href("person", pid),
        )

    def venue(self, vid: str) -> str:
        site, series = self.site, self.site.series[vid]
        papers = site.order(site.by_series.get(vid, []))
        by_year: dict[int | None, list[str]] = defaultdict(list)
        for i in papers:
            by_year[site.papers[i].year].append(i)
        names = {e.year: e.name for e in series.editions}
        top = max((len(v) for v in by_year.values()), default=1)
        per_year = [
            {
                "year": y,
                "count": len(ids),
                "width": max(2, round(220 * len(ids) / top)),
                "edition": names.get(y) if y is not None else None,
                "papers": [
                    self._paper_row(
                        i,
                        authors=", ".join(self.person_label(a) for a in site.papers[i].authors[:4])
                        + (" …" if len(site.papers[i].authors) > 4 else ""),
                    )
                    for i in ids
                ],
            }
            for y, ids in sorted(by_year.items(), key=lambda kv: -(kv[0] or 0))
        ]
        return self._page(
            "venue",
            "../",
            title=series.acronym,
            series=series,
            n_papers=len(papers),
            editions=series.editions,
            per_year=per_year,
            concepts=self._concepts_of(papers, 30),
            canonical=iri("venue", vid),
            rdf_href=self.rdf_href("venue", vid),
        )

    def concept(self, kind: str, cid: str) -> str:
        site, c = self.site, self.site.concepts[(kind, cid)]
        other_kind = "platform" if kind == "technique" else "technique"
        links = site.by_concept.get((kind, cid))  # with the papers of narrower concepts
        curated = links.curated if links else []
        proposed = [p for p in (links.proposed if links else []) if p not in set(curated)]
        ids = site.order(curated + proposed)
        per: dict[int | None, int] = Counter(site.papers[i].year for i in ids)
        top = max(per.values(), default=1)
        combined: dict[str, list[str]] = defaultdict(list)
        authors: Counter[str] = Counter()
        venues: Counter[str] = Counter()
        for i in ids:
            p = site.papers[i]
            others = site.rolled(
                other_kind,
                p.platforms + p.inferred_platforms
                if kind == "technique"
                else p.techniques + p.inferred_techniques,
            )
            for o in others:
                combined[o].append(i)
            authors.update(list(dict.fromkeys(p.authors)))
            s = site.series_of(p)
            if s is not None:
                venues[s.id] += 1
        proposed_set = set(proposed)
        return self._page(
            "concept",
            "../",
            title=c.label,
            c=c,
            kind=kind,
            other_kind=other_kind,
            broader=[
                {"href": self.href(kind, b), "label": self.concept_label(kind, b)}
                for b in c.broader
            ],
            narrower=[
                {"href": self.href(kind, n), "label": self.concept_label(kind, n)}
                for n in sorted(site.narrower.get((kind, cid), []))
            ],
            matches=c.matches,
            n_curated=len(curated),
            n_proposed=len(proposed),
            per_year=[
                {"year": y, "count": n, "width": max(2, round(220 * n / top))}
                for y, n in sorted(per.items(), key=lambda kv: -(kv[0] or 0))
            ],
            combined=[
                {
                    "id": o,
                    "href": self.href(other_kind, o),
                    "label": self.concept_label(other_kind, o),
                    "count": len(ps),
                    "papers": [self._paper_row(i) for i in ps[:50]],
                }
                for o, ps in sorted(combined.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ],
            authors=[
                {"href": self.href("person", a), "label": self.person_label(a), "count": n}
                for a, n in sorted(authors.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            ],
            venues=[
                {"href": self.href("venue", v), "label": site.series[v].acronym, "count": n}
                for v, n in sorted(venues.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
            ],
            papers=[self._paper_row(i, proposed=i in proposed_set) for i in ids],
            canonical=iri(kind, cid),
            rdf_href=self.rdf_href(kind, cid),
        )

    def missing(self, kind: str | None = None, ident: str | None = None, root: str = "/") -> str:
        """The helpful 404 page."""
        return self._page(
            "missing", root, title="Not found", kind=kind, ident=ident, query=ident or ""
        )

    def search_index(self, root: str = "") -> list[list[str]]:
        """[label, kind, href, other names] for every entity, for the search box."""
        site = self.site
        out: list[list[str]] = []
        for p in site.corpus.papers:
            out.append([p.title, "paper", root + path("paper", p.id), " ".join(p.other_titles)])
        for person in site.corpus.people:
            if site.by_person.get(person.id):
                href = root + path("person", person.id)
                out.append([person.name, "person", href, " ".join(person.alt_names)])
        for s in site.corpus.series:
            out.append([f"{s.acronym} — {s.name}", "venue", root + path("venue", s.id), ""])
        for (kind, cid), c in site.concepts.items():
            out.append([c.label, kind, root + path(kind, cid), " ".join(c.alt_labels)])
        return out

    def landing(self) -> str:
        site, summary = self.site, self.summary
        counts = {
            "papers": f"{len(site.papers):,}",
            "people": f"{sum(1 for p in site.people if site.by_person.get(p)):,}",
            "venues": f"{len(site.series):,}",
            "techniques": sum(1 for k, _ in site.concepts if k == "technique"),
            "platforms": sum(1 for k, _ in site.concepts if k == "platform"),
        }
        gap: dict[str, Any] = {"platforms": [], "rows": []}
        families: dict[str, Any] = {"years": [], "rows": []}
        open_min = 0.0
        if summary is not None:
            open_min = summary.open_min
            top = max((n for row in summary.counts for n in row), default=1)
            gap["platforms"] = [{"id": p, "label": label} for p, label in summary.platforms]
            for i, (t, label) in enumerate(summary.techniques):
                cells = []
                for j, (pl, pl_label) in enumerate(summary.platforms):
                    n = summary.counts[i][j]
                    cells.append(
                        {
                            "count": n,
                            "open": (t, pl) in summary.open_cells,
                            "colour": _shade(n, top),
                            "href": path("technique", t) + f"#with-{pl}",
                            "title": f"{label} × {pl_label}: {n} papers",
                        }
                    )
                gap["rows"].append({"label": label, "href": path("technique", t), "cells": cells})
            years = sorted({y for by in summary.families.values() for y in by})
            years = [y for y in years if y >= (years[-1] - 11 if years else 0)]
            ftop = max((n for by in summary.families.values() for n in by.values()), default=1)
            families["years"] = years
            for t, by in sorted(summary.families.items(), key=lambda kv: -sum(kv[1].values())):
                families["rows"].append(
                    {
                        "label": self.concept_label("technique", t),
                        "href": path("technique", t),
                        "cells": [
                            {"count": n, "colour": _shade(n, ftop, (225, 87, 89))}
                            for n in (by.get(y, 0) for y in years)
                        ],
                    }
                )
        venues = sorted(site.by_series.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:12]
        people = sorted(site.coauthors.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:12]
        return self._page(
            "landing",
            "",
            landing=True,
            title="the literature of machine-learning systems",
            counts=counts,
            gap=gap,
            open_min=f"{open_min:g}",
            families=families,
            venues=[
                {"href": path("venue", v), "label": site.series[v].acronym, "count": len(ps)}
                for v, ps in venues
            ],
            people=[
                {"href": path("person", p), "label": self.person_label(p), "count": len(c)}
                for p, c in people
            ],
            seed=[
                {
                    "href": path("paper", p.id),
                    "title": p.title,
                    "venue": self.venue_label(p.venue),
                    "year": p.year,
                }
                for p in site.seed()
            ],
            index_json=Markup(_json_for_script(self.search_index())),
        )
