"""Issue 14: the site. A page for every paper, person, venue, technique and platform at its
IRI's path, answered by `serve` as HTML or as RDF by content negotiation; the static site
`build` writes, whose links all resolve inside its folder; hostile titles shown as text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import rdflib

from sysml_graph.corpus.read import load_corpus
from sysml_graph.site.ego import Node, ego_svg
from sysml_graph.site.model import build_site, iri
from sysml_graph.site.pages import Pages, path

from .conftest import Invoke, copy_curated
from .test_serve import http, serving

HOSTILE = '<img src=x onerror=alert(1)> "Hostile" & <b>bold</b>'


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        for key in ("href", "src", "action"):
            if a.get(key):
                self.hrefs.append(str(a[key]))


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy_curated(tmp_path_factory.mktemp("site") / "data")
    eie = data / "papers" / "eie.yaml"
    text = eie.read_text(encoding="utf-8").splitlines()
    text[2] = "title: '" + HOSTILE.replace("'", "''") + "'"
    eie.write_text("\n".join(text) + "\n", encoding="utf-8")
    people = (data / "people.yaml").read_text(encoding="utf-8")
    (data / "people.yaml").write_text(
        people.replace("name: Song Han\n", f"name: '{HOSTILE}'\n"), encoding="utf-8"
    )
    return data


@pytest.fixture(scope="module")
def static_site(hostile_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from sysml_graph.cli.main import cli

    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(cli, ["build", "--data", str(hostile_data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{out / 'site'}/" in result.output
    return out / "site"


def test_every_entity_has_a_page_with_its_canonical_iri(
    static_site: Path, hostile_data: Path
) -> None:
    corpus = load_corpus(hostile_data)
    site = build_site(corpus)
    expected = (
        [("paper", p.id) for p in corpus.papers]
        + [("person", p.id) for p in corpus.people if site.by_person.get(p.id)]
        + [("venue", s.id) for s in corpus.series]
        + sorted(site.concepts)
    )
    for kind, ident in expected:
        page = static_site / path(kind, ident)
        assert page.is_file(), page
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.canonical == iri(kind, ident)
        assert page.with_suffix(".ttl").is_file()


def test_every_link_of_the_static_site_resolves_inside_it(static_site: Path) -> None:
    """Relative links work from the file system (and any static host): each page, style
    sheet and RDF file a page links to exists; only external pages (DOI, code) leave."""
    for page in static_site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if href.startswith(("https://", "http://", "data:")) or href.startswith("#"):
                continue
            target = urlsplit(urljoin(page.as_uri(), href)).path
            assert Path(unquote(target)).exists(), f"{page.name}: {href}"


def test_hostile_titles_and_names_are_text(static_site: Path) -> None:
    for page in [static_site / path("paper", "eie"), static_site / path("person", "song-han")]:
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "<b>bold</b>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
    landing = (static_site / "index.html").read_text(encoding="utf-8")
    # In the search index (a JSON script), < and > are escaped: no tag can close it.
    assert "<img" not in landing and "\\u003cimg src=x" in landing


def test_paper_page_shows_authors_in_order_and_marks_proposed_links(static_site: Path) -> None:
    html = (static_site / path("paper", "tvm")).read_text(encoding="utf-8")
    names = re.findall(r'<a href="\.\./person/([^"]+)\.html">', html)
    corpus_order = ["tianqi-chen", "thierry-moreau", "ziheng-jiang"]
    assert names[:3] == corpus_order
    assert 'class="tag "' in html  # curated tags
    assert "13th USENIX Symposium on Operating Systems Design" in html


def test_ego_network_labels_do_not_overlap() -> None:
    """Neighbours sit in two columns, each label written outward, one row apart."""
    ring = [Node("person", f"Person {i} With A Long Name", "#") for i in range(30)]
    svg = ego_svg(Node("paper", "centre", "#"), ring)
    rows = [
        (float(x), float(y), anchor)
        for x, y, anchor in re.findall(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"', svg)
    ][1:]
    for side in ("start", "end"):
        ys = sorted(y for _, y, a in rows if a == side)
        assert len(ys) == 15 and min(b - a for a, b in itertools.pairwise(ys)) >= 20


@pytest.fixture(scope="module")
def served(hostile_data: Path) -> Iterator[str]:
    with serving(hostile_data) as url:
        yield url


@pytest.mark.parametrize(
    "kind,ident",
    [
        ("paper", "tvm"),
        ("person", "tianqi-chen"),
        ("venue", "osdi"),
        ("technique", "compression"),
        ("platform", "fpga"),
    ],
)
def test_serve_answers_each_iri_path_by_content_negotiation(
    served: str, kind: str, ident: str
) -> None:
    for suffix in ("", ".html"):
        status, ctype, body = http(
            f"{served}/{kind}/{ident}{suffix}", headers={"Accept": "text/html"}
        )
        assert status == 200 and ctype.startswith("text/html"), (kind, suffix)
        assert f'<link rel="canonical" href="{iri(kind, ident)}">' in body.decode()
    for media, fmt in [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ]:
        status, ctype, body = http(f"{served}/{kind}/{ident}", headers={"Accept": media})
        assert status == 200 and ctype.startswith(media), (media, ctype)
        g = rdflib.Graph().parse(data=body, format=fmt)
        assert (rdflib.URIRef(iri(kind, ident)), None, None) in g
        # The neighbours' labels come along: a client needs no second request for names.
        assert any(str(p).endswith(("name", "title", "prefLabel")) for _, p, _ in g)
    status, ctype, _ = http(f"{served}/{kind}/{ident}.ttl")
    assert status == 200 and ctype.startswith("text/turtle")


def test_serve_says_what_is_missing_and_redirects_editions(served: str) -> None:
    status, ctype, body = http(f"{served}/paper/no-such-paper", headers={"Accept": "text/html"})
    assert status == 404 and ctype.startswith("text/html")
    assert "no-such-paper" in body.decode() and "/sparql" in body.decode()
    # An edition's IRI leads (303, followed) to its series' page.
    status, _, body = http(f"{served}/venue/osdi-2018", headers={"Accept": "text/html"})
    assert status == 200 and f'href="{iri("venue", "osdi")}"' in body.decode()
    status, _, body = http(f"{served}/paper/tvm", headers={"Accept": "image/png"})
    assert status == 406


def test_a_page_renders_quickly_enough_to_be_served_on_demand(hostile_data: Path) -> None:
    """Not a timing test (that is benchmarks/site.py): every page renders, without a file."""
    site = build_site(load_corpus(hostile_data))
    pages = Pages(site)
    assert pages.render("paper", "tvm") is not None
    assert pages.render("paper", "nope") is None
    assert pages.render("galaxy", "tvm") is None


def test_build_can_leave_the_site_out(hostile_data: Path, tmp_path: Path, run: Invoke) -> None:
    result = run("build", "--data", str(hostile_data), "--out", str(tmp_path), "--no-site")
    assert result.exit_code == 0 and not (tmp_path / "site").exists()
