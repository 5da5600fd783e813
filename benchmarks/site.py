"""The site's speed and size (issue 14), at the shipped size and on synthetic data.

    python benchmarks/site.py [--papers 100000] [--skip-static]

Prints, for the shipped data and then (with --papers N) a generated folder of N papers:
- the static site: seconds to write it (pages and Turtle) and its bytes;
- pages served by `serve`: median and slowest time of an entity page over HTTP (100
  entities of each kind mix, drawn with a fixed seed);
- first frame in headless Chromium (Debian's chromium through Playwright): the landing
  page and a paper page, from navigation start to the first contentful paint, best of 3.
Targets: static site ≤ 10 s and ≤ 100 MB at the shipped size; an entity page served in
≤ 50 ms; a first frame ≤ 1 s, also at 100,000 papers (where the static site is optional).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from sysml_graph.builder.site import write_static_site  # noqa: E402
from sysml_graph.corpus.read import load_corpus  # noqa: E402
from tests.chromium import ARGS, CHROMIUM  # noqa: E402


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, accept: str = "text/html") -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as r:
        r.read()
    return time.perf_counter() - start


def first_frame(urls: list[str]) -> list[float]:
    """Milliseconds from navigation to the first contentful paint, best of 3 each."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for url in urls:
            best = float("inf")
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                page.wait_for_function(
                    "() => performance.getEntriesByName('first-contentful-paint').length > 0"
                )
                fcp = page.evaluate(
                    "() => (performance.getEntriesByName('first-contentful-paint')[0]"
                    " || {startTime: NaN}).startTime"
                )
                best = min(best, float(fcp))
                page.close()
            out.append(best)
        browser.close()
    return out


def measure(data: Path, label: str, static: bool) -> None:
    out = Path(tempfile.mkdtemp(prefix="site-bench-"))
    try:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sysml_graph",
                "build",
                "--data",
                str(data),
                "--out",
                str(out),
                "--no-site",
            ],
            check=True,
            capture_output=True,
        )
        corpus = load_corpus(data)
        print(f"{label}: {len(corpus.papers):,} papers, {len(corpus.people):,} people")
        if static:
            start = time.perf_counter()
            folder, written = write_static_site(data, out)
            seconds = time.perf_counter() - start
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            print(
                f"  static site: {seconds:.1f} s (loading included), {written.pages:,} pages, "
                f"{size / 1e6:.1f} MB"
            )
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sysml_graph",
                "serve",
                "--data",
                str(data),
                "--out",
                str(out),
                "--port",
                str(port),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(600):
                try:
                    _get(base + "/query")
                    break
                except OSError:
                    time.sleep(0.5)
            rng = random.Random(1)
            people = [p.id for p in corpus.people]
            entities = (
                [f"/paper/{p.id}" for p in rng.sample(corpus.papers, 60)]
                + [f"/person/{p}" for p in rng.sample(people, 30)]
                + [f"/venue/{s.id}" for s in rng.sample(corpus.series, min(10, len(corpus.series)))]
            )
            for kind, accept in (("HTML", "text/html"), ("Turtle", "text/turtle")):
                times = [_get(base + e, accept) * 1000 for e in entities]
                print(
                    f"  entity page served ({kind}): median {statistics.median(times):.1f} ms, "
                    f"slowest {max(times):.1f} ms over {len(times)} entities"
                )
            landing = _get(base + "/") * 1000
            print(f"  landing page served: {landing:.0f} ms")
            frames = first_frame([base + "/", base + entities[0]])
            print(
                f"  first frame in Chromium: landing {frames[0]:.0f} ms, "
                f"paper page {frames[1]:.0f} ms"
            )
        finally:
            server.terminate()
            server.wait(30)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=0, help="also measure N synthetic papers")
    parser.add_argument("--skip-static", action="store_true", help="no static site at N papers")
    parser.add_argument(
        "--reuse", type=Path, help="a folder generate.py wrote before (N papers), kept"
    )
    parser.add_argument("--skip-shipped", action="store_true", help="only the N papers")
    args = parser.parse_args()
    if not args.skip_shipped:
        measure(REPO / "data", "shipped data", static=True)
    if args.reuse:
        label = f"{args.papers or 'generated'} synthetic papers ({args.reuse})"
        measure(args.reuse, label, static=not args.skip_static)
    elif args.papers:
        tmp = Path(tempfile.mkdtemp(prefix="site-bench-data-"))
        try:
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "benchmarks" / "generate.py"),
                    str(args.papers),
                    str(tmp / "data"),
                ],
                check=True,
                capture_output=True,
            )
            measure(tmp / "data", f"{args.papers:,} synthetic papers", static=not args.skip_static)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
