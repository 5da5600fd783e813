"""The HTML network in a real browser: Debian's Chromium driven by Playwright, with every
request outside the page's own file refused and recorded.

Set SYSML_GRAPH_UPDATE_SCREENSHOTS=1 to refresh docs/network.png (the README's picture)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page, Route

from sysml_graph.api import graph_from_data
from sysml_graph.network.budget import EDGE_BUDGET, NODE_BUDGET, reduce_to_budget
from sysml_graph.network.page import FIRST_VIEW, render_html
from sysml_graph.network.projection import project
from sysml_graph.network.views import view

from .conftest import REPO, copy_curated

HOSTILE_TITLE = '<img src=x onerror=alert(1)> <a href="javascript:alert(2)">Hostile</a> Title'
HOSTILE_NAME = "<script>alert(3)</script> Mallory"


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory, curated_dir: Path) -> Path:
    """The curated seed's page: small enough to know every node."""
    graph, _ = graph_from_data(curated_dir, shacl=False)
    full = project(graph)
    path = tmp_path_factory.mktemp("html") / "sysml-graph.html"
    path.write_text(render_html(full, full=full), encoding="utf-8")
    (path.parent / "nodes.txt").write_text(str(full.number_of_nodes()))
    return path


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = copy_curated(root / "data")
    people = (data / "people.yaml").read_text(encoding="utf-8")
    (data / "people.yaml").write_text(
        people.replace("name: Song Han\n", f"name: '{HOSTILE_NAME}'\n"), encoding="utf-8"
    )
    eie = data / "papers" / "eie.yaml"
    text = eie.read_text(encoding="utf-8").splitlines()
    text[2] = "title: '" + HOSTILE_TITLE.replace("'", "''") + "'"
    eie.write_text("\n".join(text) + "\n", encoding="utf-8")
    graph, _ = graph_from_data(data, shacl=False)
    full = project(graph)
    path = root / "hostile.html"
    path.write_text(render_html(full, full=full), encoding="utf-8")
    return path


class Session:
    """A page with the network refused and everything it tried recorded."""

    def __init__(self, page: Page, own: str) -> None:
        self.page = page
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

        def route(r: Route) -> None:
            # ``own``: the page's file, or a site's folder or origin (ending in "/").
            if r.request.url == own or (own.endswith("/") and r.request.url.startswith(own)):
                r.continue_()
            else:
                self.refused.append(r.request.url)
                r.abort()

        page.route("**/*", route)

    def node_point(self, node: str) -> tuple[float, float]:
        """Where a node is on screen (after centring it)."""
        self.page.evaluate("id => window.__network.focus(id, {scale: 1.5, animation: false})", node)
        x, y = self.page.evaluate(
            """id => { const p = window.__network.getPositions([id])[id];
                       const d = window.__network.canvasToDOM(p);
                       const r = document.getElementById('network').getBoundingClientRect();
                       return [r.left + d.x, r.top + d.y]; }""",
            node,
        )
        return float(x), float(y)

    def hidden(self, node: str) -> bool:
        return bool(
            self.page.evaluate(
                "id => window.__network.body.data.nodes.get(id).hidden === true", node
            )
        )


def open_page(browser: Browser, path: Path) -> Session:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script("window.__opened = []; window.open = (u) => { window.__opened.push(u); };")
    session = Session(page, path.as_uri())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__graphReady === true", timeout=20_000)
    return session


def test_page_draws_offline_without_requests_or_errors(
    browser: Browser, shipped_page: Path
) -> None:
    s = open_page(browser, shipped_page)
    drawn = s.page.evaluate("window.__network.body.data.nodes.length")
    # The seed is small: every node of its network is drawn.
    assert drawn == int((shipped_page.parent / "nodes.txt").read_text()) > 100
    s.page.wait_for_timeout(500)
    assert s.refused == [], "the page asked for something outside its own file"
    assert s.errors == []
    external = "document.querySelectorAll('link, script[src], img, iframe, object').length"
    assert s.page.evaluate(external) == 0
    shot = s.page.screenshot()
    assert len(shot) > 20_000  # a drawn network, not a blank page
    if os.environ.get("SYSML_GRAPH_UPDATE_SCREENSHOTS"):
        (REPO / "docs").mkdir(exist_ok=True)
        (REPO / "docs" / "network.png").write_bytes(shot)
    s.page.close()


def test_hover_shows_details_in_author_order(browser: Browser, shipped_page: Path) -> None:
    s = open_page(browser, shipped_page)
    x, y = s.node_point("paper:deepx")
    s.page.mouse.move(x, y)
    tip = s.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    assert "DeepX: A Software Accelerator for Low-Power Deep Learning Inference" in text
    assert "Nicholas D. Lane, Sourav Bhattacharya, Petko Georgiev" in text
    assert "IPSN" in text and "2016" in text
    assert "low-rank factorization" in text and "DSP" in text
    s.page.close()


def test_click_opens_the_paper_page(browser: Browser, shipped_page: Path) -> None:
    s = open_page(browser, shipped_page)
    x, y = s.node_point("paper:eie")
    s.page.mouse.click(x, y)
    assert s.page.evaluate("window.__opened") == ["https://doi.org/10.1109/ISCA.2016.30"]
    x, y = s.node_point("software:tvm")
    s.page.mouse.click(x, y)
    assert s.page.evaluate("window.__opened")[-1] == "https://github.com/apache/tvm"
    assert s.refused == []
    s.page.close()


def test_search_finds_a_paper_by_part_of_its_title(browser: Browser, shipped_page: Path) -> None:
    s = open_page(browser, shipped_page)
    s.page.fill("#search", "toolflow for mapping")
    s.page.wait_for_function("() => window.__searchResult !== undefined")
    assert s.page.evaluate("window.__searchResult") == ["paper:fpgaconvnet-embedded"]
    assert s.page.inner_text("#search-count") == "1 match"
    assert s.page.evaluate("window.__network.getSelectedNodes()") == ["paper:fpgaconvnet-embedded"]
    s.page.close()


def test_filters_hide_what_they_should(browser: Browser, shipped_page: Path) -> None:
    s = open_page(browser, shipped_page)
    s.page.select_option("#technique-filter", "technique:compression")
    # Compression rolls up pruning (EIE) and low-rank factorisation (DeepX…); TVM has neither.
    assert not s.hidden("paper:eie") and not s.hidden("paper:deepx")
    assert s.hidden("paper:tvm") and s.hidden("person:tianqi-chen")
    assert not s.hidden("person:song-han")
    s.page.select_option("#technique-filter", "")
    s.page.select_option("#platform-filter", "platform:fpga")
    assert not s.hidden("paper:fpgaconvnet-embedded") and s.hidden("paper:eie")
    s.page.select_option("#platform-filter", "")
    s.page.fill("#year-min", "2018")
    s.page.dispatch_event("#year-min", "change")
    assert s.hidden("paper:eie") and not s.hidden("paper:ray")
    s.page.fill("#year-min", "2015")
    s.page.dispatch_event("#year-min", "change")
    s.page.select_option("#venue-filter", "MobiSys")
    assert not s.hidden("paper:mcdnn") and s.hidden("paper:ray")
    s.page.select_option("#venue-filter", "")
    s.page.uncheck("input.kind-filter[value=person]")
    assert s.hidden("person:ion-stoica") and not s.hidden("paper:ray")
    assert "of 184 nodes shown" in s.page.inner_text("#counts")  # the whole seed
    s.page.close()


def test_hostile_title_runs_nothing(browser: Browser, hostile_page: Path) -> None:
    s = open_page(browser, hostile_page)
    s.page.wait_for_timeout(300)
    x, y = s.node_point("paper:eie")
    s.page.mouse.move(x, y)
    tip = s.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert HOSTILE_TITLE in tip.inner_text()  # shown as text
    assert HOSTILE_NAME in tip.inner_text()
    s.page.fill("#search", "hostile")
    s.page.wait_for_function("() => window.__searchResult !== undefined")
    s.page.wait_for_timeout(300)
    assert s.dialogs == []
    assert s.refused == []  # not even the <img src=x>
    assert s.page.evaluate("document.querySelectorAll('img, a[href], script[src]').length") == 0
    s.page.close()


def test_views_and_focus_render(browser: Browser, tmp_path: Path, curated_dir: Path) -> None:
    graph, _ = graph_from_data(curated_dir, shacl=False)
    full = project(graph)
    for name, focus in (("coauthor", None), ("topics", None), ("full", "tvm")):
        g = view(full, name, focus, 1)
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(g, full=full), encoding="utf-8")
        s = open_page(browser, path)
        assert s.page.evaluate("window.__network.body.data.nodes.length") == g.number_of_nodes()
        assert s.errors == [] and s.refused == []
        s.page.close()


def test_the_full_shipped_network_draws_and_searches(browser: Browser, tmp_path: Path) -> None:
    """Grown to about 1,500 papers, the page still draws offline, physics off, searchable."""
    from .conftest import DATA

    graph, _ = graph_from_data(DATA, shacl=False)
    full = project(graph)
    path = tmp_path / "shipped.html"
    path.write_text(render_html(full, full=full), encoding="utf-8")
    s = open_page(browser, path)
    assert full.number_of_nodes() > 4000
    shown = reduce_to_budget(full, full).number_of_nodes()
    assert s.page.evaluate("window.__network.body.data.nodes.length") == shown <= NODE_BUDGET
    assert s.page.locator("#banner").count() == (shown < full.number_of_nodes())
    assert s.page.evaluate("window.__network.physics.options.enabled") is False
    s.page.fill("#search", "pipeswitch")
    s.page.wait_for_function("() => window.__searchResult !== undefined")
    (found,) = [n for n in s.page.evaluate("window.__searchResult") if n.startswith("paper:")]
    # Hovering is tested on the small page; here, read the tooltip the node carries.
    tooltip = s.page.evaluate(
        "id => window.__network.body.data.nodes.get(id).title.textContent", found
    )
    assert "imported from a list, not yet curated" in tooltip
    assert s.errors == [] and s.refused == []
    s.page.close()


def test_a_graph_above_the_budget_shows_its_best_connected_nodes(
    browser: Browser, tmp_path: Path
) -> None:
    """Past NODE_BUDGET nodes the page keeps every concept and venue, then the best-connected
    nodes (ties by id), says so, and its search and filters work on what it shows. (The
    graph has fewer edges than EDGE_BUDGET: 4 per paper.)"""
    g = nx.Graph()
    for node in ("technique:t", "platform:f", "venue:v"):
        g.add_node(node, kind=node.split(":")[0], label=node, name="Venue", synonyms=[])
    n_papers, n_authors = NODE_BUDGET // 2, 100
    for i in range(n_authors):  # 1 paper in 100 each
        g.add_node(f"person:a{i:03}", kind="person", label=f"Author {i}")
    for i in range(n_papers):  # 4 links each
        g.add_node(f"paper:x{i:05}", kind="paper", label=f"Paper {i}", title=f"Paper {i}")
        g.add_edges_from((f"paper:x{i:05}", n) for n in ("technique:t", "platform:f", "venue:v"))
        g.add_edge(f"paper:x{i:05}", f"person:a{i % n_authors:03}")
    loners = NODE_BUDGET + 1000 - g.number_of_nodes()  # no link at all: the last chosen
    for i in range(loners):
        g.add_node(f"person:z{i:05}", kind="person", label=f"Loner {i}")
    total = g.number_of_nodes()
    path = tmp_path / "big.html"
    path.write_text(render_html(g, full=g), encoding="utf-8")
    s = open_page(browser, path)
    banner = s.page.inner_text("#banner")
    assert banner == (
        f"Showing the {NODE_BUDGET:,} best-connected of {total:,} nodes. "
        "Use sysml-graph render --focus ID or --view for the rest."
    )
    assert s.page.is_visible("#banner")
    ids = set(s.page.evaluate("window.__network.body.data.nodes.getIds()"))
    assert len(ids) == NODE_BUDGET
    kept_loners = NODE_BUDGET - 3 - n_authors - n_papers
    assert {"technique:t", "platform:f", "venue:v", "person:a000", "paper:x00000"} <= ids
    assert f"person:z{kept_loners - 1:05}" in ids and f"person:z{kept_loners:05}" not in ids
    # It opens on its best-connected nodes; the whole (cut) graph is one checkbox away.
    assert s.page.inner_text("#counts") == f"{FIRST_VIEW} of {NODE_BUDGET} nodes shown"
    s.page.fill("#search", "loner")
    s.page.wait_for_function("() => window.__searchResult !== undefined")
    assert len(s.page.evaluate("window.__searchResult")) == kept_loners
    s.page.uncheck("input.kind-filter[value=person]")
    assert s.page.inner_text("#counts") == f"{n_papers + 3} of {NODE_BUDGET} nodes shown"
    assert s.errors == [] and s.refused == []
    s.page.close()


def test_a_dense_graph_is_cut_by_its_edges_too(browser: Browser, tmp_path: Path) -> None:
    """Edges cost drawing time as well: past EDGE_BUDGET the page stops at the node that
    would take it over, even below NODE_BUDGET nodes."""
    hubs = [f"technique:t{i}" for i in range(5)]
    g = nx.Graph()
    for hub in hubs:
        g.add_node(hub, kind="technique", label=hub, synonyms=[])
    papers = EDGE_BUDGET // 5 + 100  # 5 links each: more than the edges allow
    for i in range(papers):
        g.add_node(f"paper:x{i:05}", kind="paper", label=f"Paper {i}", title=f"Paper {i}")
        g.add_edges_from((f"paper:x{i:05}", hub) for hub in hubs)
    shown = 5 + min(EDGE_BUDGET // 5, NODE_BUDGET - 5)
    path = tmp_path / "dense.html"
    path.write_text(render_html(g, full=g), encoding="utf-8")
    s = open_page(browser, path)
    assert s.page.inner_text("#banner").startswith(
        f"Showing the {shown:,} best-connected of {g.number_of_nodes():,} nodes."
    )
    assert s.page.evaluate("window.__network.body.data.nodes.length") == shown
    assert s.page.evaluate("window.__network.body.data.edges.length") <= EDGE_BUDGET
    assert s.errors == [] and s.refused == []
    s.page.close()


def _on_screen(s: Session, ids: list[str]) -> tuple[float, list[tuple[float, float]]]:
    """The view's scale, and where ``ids`` are relative to the network's box (0..1)."""
    scale, points = s.page.evaluate(
        """ids => { const n = window.__network, r = document.getElementById('network')
                      .getBoundingClientRect(), p = n.getPositions(ids);
                    return [n.getScale(), ids.map(id => { const d = n.canvasToDOM(p[id]);
                      return [d.x / r.width, d.y / r.height]; })]; }""",
        ids,
    )
    return float(scale), [(float(x), float(y)) for x, y in points]


def test_the_shipped_network_opens_readable_and_refits_to_searches_and_filters(
    browser: Browser, tmp_path: Path
) -> None:
    """Issue 14: the first frame shows at most ~150 nodes, fitted, labels at a legible
    size; a search or a filter re-fits the view to what it found; the whole graph is one
    checkbox away."""
    from .conftest import DATA

    graph, _ = graph_from_data(DATA, shacl=False)
    full = project(graph)
    path = tmp_path / "shipped.html"
    path.write_text(render_html(full, full=full), encoding="utf-8")
    s = open_page(browser, path)
    visible = s.page.evaluate(
        "window.__network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"
    )
    assert len(visible) <= FIRST_VIEW
    scale, points = _on_screen(s, visible)
    # Fitted: every node inside the view; labels (12 px at scale 1) at least 8 px high.
    assert all(-0.01 <= x <= 1.01 and -0.01 <= y <= 1.01 for x, y in points)
    assert 12 * scale >= 8, scale
    # Hover picks the node nearest the pointer: at each node's centre, that node (not a
    # big neighbour drawn over it).
    picked = s.page.evaluate(
        """ids => { const n = window.__network, p = n.getPositions(ids);
                    return ids.map(id =>
                      n.selectionHandler.getNodeAt(n.canvasToDOM(p[id]), false)); }""",
        visible,
    )
    assert picked == visible
    # A search finds TVM outside the first view too, and the view moves to it.
    s.page.fill("#search", "tvm: an automated")
    s.page.wait_for_function("() => (window.__searchResult || []).length > 0")
    found = s.page.evaluate("window.__searchResult")
    _, points = _on_screen(s, found[:1])
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    assert s.page.evaluate("window.__network.getSelectedNodes()") == found
    # A filter re-fits: the papers it keeps fill the view.
    s.page.select_option("#platform-filter", "platform:fpga")
    kept = s.page.evaluate(
        "window.__network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id)"
    )
    assert 0 < len(kept) < s.page.evaluate("window.__network.body.data.nodes.length")
    scale, points = _on_screen(s, kept)
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert all(-0.01 <= v <= 1.01 for v in xs + ys)
    # The result fills the view, or is as close as readable labels allow (scale 1.6).
    assert max(max(xs) - min(xs), max(ys) - min(ys)) > 0.5 or scale >= 1.59
    s.page.select_option("#platform-filter", "")
    s.page.check("#whole")
    everything = s.page.evaluate(
        "window.__network.body.data.nodes.get({filter: n => !n.hidden}).length"
    )
    assert everything == s.page.evaluate("window.__network.body.data.nodes.length")
    assert s.errors == [] and s.refused == []
    s.page.close()
