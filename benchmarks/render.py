"""Benchmark the HTML network: synthetic graphs from 500 to 100,000 nodes.

Prints, for each size: the nodes and edges of the graph and of the page (above
``budgets.NODE_BUDGET`` nodes or ``budgets.EDGE_BUDGET`` edges the page keeps the
best-connected nodes), HTML size, Python time to reduce, lay out and generate the page,
time until the page is first drawn in headless Chromium (Debian's, via Playwright), and
the time of a repaint. Then the budgets: 100,000-node graphs cut to growing node budgets
(the synthetic one, and the ``--nt`` graph's network if given), and a page of
``NODE_BUDGET`` nodes with more and more edges, which is how ``budgets.NODE_BUDGET`` and
``budgets.EDGE_BUDGET`` were chosen (target: drawn within 1 s, repainted within 50 ms).
Then the physics threshold: first-draw time with physics on at growing sizes, which is
how ``network_page.PHYSICS_MAX_NODES`` was chosen.

    python benchmarks/render.py                      # all sizes
    python benchmarks/render.py 500 2000             # some sizes, then budget and physics
    python benchmarks/render.py --nt graph.nt        # also a real graph's network:
    python benchmarks/generate.py 100000 /tmp/d100k
    sysml-graph export --format nt --data /tmp/d100k -o /tmp/d100k.nt
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser, sync_playwright

from sysml_graph.network import budget as budgets
from sysml_graph.network import layout as layouts
from sysml_graph.network import page as network_page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import ARGS, CHROMIUM

BUDGETS = (2000, 2500, 3000, 3500, 4000, 5000)  # nodes, edges unlimited
EDGES = (0, 3000, 6000, 9000)  # and all of them, on a page of NODE_BUDGET nodes
ROUNDS = 5


def synthetic(n: int, seed: int = 7) -> nx.Graph:
    """A projection-shaped graph: papers with Zipf-distributed authors, venues, concepts.

    Up to 10,000 nodes the same graphs as the first version of this benchmark; above, the
    taxonomies stop growing at 200 concepts each, as real ones do.
    """
    rng = random.Random(seed)
    g = nx.Graph()
    n_papers, n_venues, n_concepts = int(n * 0.35), max(5, n // 100), min(max(10, n // 50), 200)
    n_people = n - n_papers - n_venues - 2 * n_concepts
    people = [f"person:p{i}" for i in range(n_people)]
    for p in people:
        g.add_node(p, kind="person", label=f"Person {p[8:]}")
    venues = [f"venue:v{i}" for i in range(n_venues)]
    for v in venues:
        g.add_node(v, kind="venue", label=f"V{v[7:]}", name=f"Venue {v[7:]}")
    concepts: dict[str, list[str]] = {"technique": [], "platform": []}
    for kind in concepts:
        for i in range(n_concepts):
            cid = f"{kind}:c{i}"
            broader = [f"{kind}:c{i // 4}"] if i >= 4 else []
            g.add_node(cid, kind=kind, label=f"{kind} {i}", broader=broader, synonyms=[])
            concepts[kind].append(cid)
    # Zipf: few prolific authors. Cumulative weights once (what choices(weights=) computes
    # on every call), so 100,000 nodes take seconds, with the same draws.
    cum_weights = list(itertools.accumulate(1 / (i + 1) for i in range(n_people)))
    for i in range(n_papers):
        pid = f"paper:x{i}"
        k = rng.randint(1, 4)
        authors = list(dict.fromkeys(rng.choices(people, cum_weights=cum_weights, k=k)))
        venue = rng.choice(venues)
        techniques = rng.sample(concepts["technique"], rng.randint(1, 3))
        platforms = rng.sample(concepts["platform"], rng.randint(1, 2))
        g.add_node(
            pid,
            kind="paper",
            label=f"Paper {i}",
            title=f"A synthetic paper number {i}",
            authors=[g.nodes[a]["label"] for a in authors],
            venue=g.nodes[venue]["label"],
            year=rng.randint(2010, 2025),
            techniques=[],
            platforms=[],
            url=f"https://example.org/{i}",
            doi="",
            code="",
        )
        for a in authors:
            g.add_edge(pid, a)
        g.add_edge(pid, venue)
        for c in techniques + platforms:
            g.add_edge(pid, c)
    return g


def measure_page(browser: Browser, path: Path) -> tuple[float, float, int, bool]:
    """First draw (s after navigation), median of 5 repaints (ms), nodes drawn, banner?"""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__graphReady === true", timeout=120_000)
    drawn = page.evaluate("() => window.__firstDrawMs")
    repaint = page.evaluate("""() => { const n = window.__network; const times = [];
        for (let i = 0; i < 5; i++) { const t = performance.now(); n.redraw();
          times.push(performance.now() - t); }
        times.sort((a, b) => a - b); return times[2]; }""")
    nodes = page.evaluate("() => window.__network.body.data.nodes.length")
    banner = page.evaluate("() => document.getElementById('banner') !== null")
    page.close()
    return drawn / 1000, repaint, nodes, banner


# First draw and repaint: the best of 3.
HEADER = (
    f"{'nodes':>7} {'edges':>7} {'page nodes':>10} {'page edges':>10} {'physics':>8} "
    f"{'html MB':>8} {'python s':>9} {'first draw s':>13} {'repaint ms':>11}"
)


def row(browser: Browser, g: nx.Graph, path: Path, full: nx.Graph | None = None) -> str:
    t = time.perf_counter()
    html = network_page.render_html(g, full=full if full is not None else g)
    gen = time.perf_counter() - t
    path.write_text(html, encoding="utf-8")
    shown = budgets.reduce_to_budget(g, full if full is not None else g)
    runs = [measure_page(browser, path) for _ in range(3)]
    drawn, repaint = min(r[0] for r in runs), min(r[1] for r in runs)
    assert all(
        nodes == shown.number_of_nodes() and banner == (shown is not g)
        for *_, nodes, banner in runs
    )
    physics = shown.number_of_nodes() <= network_page.PHYSICS_MAX_NODES
    return (
        f"{g.number_of_nodes():>7} {g.number_of_edges():>7} {shown.number_of_nodes():>10} "
        f"{shown.number_of_edges():>10} {physics!s:>8} "
        f"{len(html.encode()) / 1e6:>8.2f} {gen:>9.2f} {drawn:>13.2f} {repaint:>11.1f}"
    )


def main(sizes: list[int], nt: Path | None) -> None:
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(
            f"NODE_BUDGET = {budgets.NODE_BUDGET}, EDGE_BUDGET = {budgets.EDGE_BUDGET}, "
            f"PHYSICS_MAX_NODES = {network_page.PHYSICS_MAX_NODES}"
        )
        print(HEADER)
        for n in sizes:
            print(row(browser, synthetic(n), Path(tmp) / f"g{n}.html"), flush=True)
        full = None
        if nt is not None:
            import pyoxigraph

            from sysml_graph.network.projection import project

            store = pyoxigraph.Store()
            store.load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
            full = project(store)
            print(f"{row(browser, full, Path(tmp) / 'nt.html')}  ({nt.name})", flush=True)

        print(f"\nnode budget: 100,000-node graphs cut to each budget, best / median of {ROUNDS}")
        big = {"synthetic": synthetic(100_000)}
        if nt is not None and full is not None:
            big[nt.name] = full
        pages: dict[tuple[str, int], tuple[Path, int, float]] = {}
        saved = budgets.NODE_BUDGET, budgets.EDGE_BUDGET
        try:
            budgets.EDGE_BUDGET = 10**9  # the nodes alone
            for name, g in big.items():
                for budget in BUDGETS:
                    budgets.NODE_BUDGET = budget
                    shown = budgets.reduce_to_budget(g, g)
                    t = time.perf_counter()
                    layouts.layout(shown)
                    lay = time.perf_counter() - t
                    path = Path(tmp) / f"b{len(pages)}.html"
                    path.write_text(network_page.render_html(g, full=g), encoding="utf-8")
                    pages[name, budget] = (path, shown.number_of_edges(), lay)
            # The edges alone: one page of NODE_BUDGET nodes, its edges thinned.
            dense = budgets.reduce_to_budget(synthetic(10_000), budget=saved[0])
            edges = list(dense.edges)
            random.Random(1).shuffle(edges)
            for m in (*EDGES, len(edges)):
                thinned = dense.copy()
                thinned.remove_edges_from(edges[m:])
                path = Path(tmp) / f"e{m}.html"
                path.write_text(network_page.render_html(thinned, full=thinned), encoding="utf-8")
                pages["thinned", m] = (path, thinned.number_of_edges(), 0.0)
        finally:
            budgets.NODE_BUDGET, budgets.EDGE_BUDGET = saved
        times: dict[tuple[str, int], list[tuple[float, float]]] = {k: [] for k in pages}
        for _ in range(ROUNDS):  # interleaved, so that a busy moment hits every size alike
            for key, (path, _, _) in pages.items():
                drawn, repaint, _, _ = measure_page(browser, path)
                times[key].append((drawn, repaint))
        for (name, budget), (_, edges_shown, lay) in pages.items():
            draws = [d for d, _ in times[name, budget]]
            repaints = [r for _, r in times[name, budget]]
            nodes = saved[0] if name == "thinned" else budget
            laid = "" if name == "thinned" else f"layout {lay:.2f} s, "
            print(
                f"{name:>12} {nodes:>6} nodes {edges_shown:>6} edges: {laid}"
                f"first draw {min(draws):.2f} / {statistics.median(draws):.2f} s, "
                f"repaint {min(repaints):.1f} / {statistics.median(repaints):.1f} ms"
            )

        print("\nphysics on (forced), first draw after stabilisation:")
        saved = network_page.PHYSICS_MAX_NODES
        network_page.PHYSICS_MAX_NODES = 10**9
        try:
            for n in (100, 200, 300, 500, 1000):
                path = Path(tmp) / f"p{n}.html"
                path.write_text(network_page.render_html(synthetic(n)), encoding="utf-8")
                drawn, repaint, _, _ = measure_page(browser, path)
                print(f"{n:>7} nodes: first draw {drawn:.2f} s, repaint {repaint:.1f} ms")
        finally:
            network_page.PHYSICS_MAX_NODES = saved
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000, 10_000, 100_000])
    parser.add_argument("--nt", type=Path, help="also render this N-Triples graph's network")
    args = parser.parse_args()
    main(args.sizes, args.nt)
