"""Benchmark the HTML network: synthetic graphs of 500, 2,000 and 10,000 nodes.

Prints, for each size: HTML size, Python time to lay out and generate the page, time until
the page is first drawn in headless Chromium (Debian's, via Playwright), and the time of a
repaint. Then the physics threshold: first-draw time with physics on at growing sizes, which
is how ``render.PHYSICS_MAX_NODES`` was chosen (target: drawn within 1 s).

    python benchmarks/render.py            # all sizes
    python benchmarks/render.py 500 2000   # some sizes
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from sysml_graph import render

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from chromium import ARGS, CHROMIUM


def synthetic(n: int, seed: int = 7) -> nx.Graph:
    """A projection-shaped graph: papers with Zipf-distributed authors, venues, concepts."""
    rng = random.Random(seed)
    g = nx.Graph()
    n_papers, n_venues, n_concepts = int(n * 0.35), max(5, n // 100), max(10, n // 50)
    n_people = n - n_papers - n_venues - 2 * n_concepts
    people = [f"person:p{i}" for i in range(n_people)]
    for p in people:
        g.add_node(p, kind="person", label=f"Person {p[8:]}")
    venues = [f"venue:v{i}" for i in range(n_venues)]
    for v in venues:
        g.add_node(v, kind="venue", label=f"V{v[7:]}", name=f"Venue {v[7:]}")
    concepts = {"technique": [], "platform": []}
    for kind in concepts:
        for i in range(n_concepts):
            cid = f"{kind}:c{i}"
            broader = [f"{kind}:c{i // 4}"] if i >= 4 else []
            g.add_node(cid, kind=kind, label=f"{kind} {i}", broader=broader, synonyms=[])
            concepts[kind].append(cid)
    weights = [1 / (i + 1) for i in range(n_people)]  # Zipf: few prolific authors
    for i in range(n_papers):
        pid = f"paper:x{i}"
        authors = list(dict.fromkeys(rng.choices(people, weights=weights, k=rng.randint(1, 4))))
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


def measure_page(browser, path: Path) -> tuple[float, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("() => window.__graphReady === true", timeout=120_000)
    drawn = page.evaluate("() => window.__firstDrawMs")
    repaint = page.evaluate("""() => { const n = window.__network; const times = [];
        for (let i = 0; i < 5; i++) { const t = performance.now(); n.redraw();
          times.push(performance.now() - t); }
        times.sort((a, b) => a - b); return times[2]; }""")
    page.close()
    return drawn / 1000, repaint


def main(sizes: list[int]) -> None:
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(f"threshold for physics: PHYSICS_MAX_NODES = {render.PHYSICS_MAX_NODES}")
        print(
            f"{'nodes':>7} {'edges':>7} {'physics':>8} {'html MB':>8} {'layout+html s':>14} "
            f"{'first draw s':>13} {'repaint ms':>11}"
        )
        for n in sizes:
            g = synthetic(n)
            t = time.perf_counter()
            html = render.render_html(g, full=g)
            gen = time.perf_counter() - t
            path = Path(tmp) / f"g{n}.html"
            path.write_text(html, encoding="utf-8")
            drawn, repaint = measure_page(browser, path)
            print(
                f"{g.number_of_nodes():>7} {g.number_of_edges():>7} "
                f"{g.number_of_nodes() <= render.PHYSICS_MAX_NODES!s:>8} "
                f"{len(html.encode()) / 1e6:>8.2f} {gen:>14.2f} {drawn:>13.2f} {repaint:>11.1f}"
            )
        print("\nphysics on (forced), first draw after stabilisation:")
        saved = render.PHYSICS_MAX_NODES
        render.PHYSICS_MAX_NODES = 10**9
        try:
            for n in (100, 200, 300, 500, 1000):
                path = Path(tmp) / f"p{n}.html"
                path.write_text(render.render_html(synthetic(n)), encoding="utf-8")
                drawn, repaint = measure_page(browser, path)
                print(f"{n:>7} nodes: first draw {drawn:.2f} s, repaint {repaint:.1f} ms")
        finally:
            render.PHYSICS_MAX_NODES = saved
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000, 10000])
