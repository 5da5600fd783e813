"""The awesome-list importer: precision and recall on hand-checked samples, and the speed
of the merge step on a generated list.

For each list in sources/awesome-lists/ (samples live in tests/import_samples/), compares
what the importer extracts at each sampled line with what a person wrote down, for the
fields title, venue and year, and for "is it a paper". Prints a table; exits 1 if any
figure is below the 95% target.

    python benchmarks/importer.py [--corpora DIR] [-v]

``--merge N`` instead times an import of N generated entries (read, checked and merged,
drafts rendered), seeded: titles of one series ("… Part 12", "… v3.0"), titles sharing a
handful of first words, and true duplicates (case, punctuation, a plural) of earlier ones.

    python benchmarks/importer.py --merge 100000

``--hostile`` times single lines of 10,000-30,000 characters built to make a regular
expression try every split (each should take well under a second).

    python benchmarks/importer.py --hostile
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

from import_eval import LISTS, evaluate  # noqa: E402

FIRST = ("efficient", "towards", "learning", "a", "deep", "scalable")
WORDS = [
    "sparse",
    "distributed",
    "adaptive",
    "learned",
    "quantized",
    "elastic",
    "federated",
    "pipelined",
    "robust",
    "tiny",
    "streaming",
    "serverless",
    "training",
    "inference",
    "serving",
    "compression",
    "pruning",
    "accelerator",
    "gpu",
    "mobile",
    "edge",
    "memory",
    "scheduling",
    "graph",
    "transformer",
    "kernel",
    "compiler",
    "cluster",
    "network",
    "models",
    "systems",
    "devices",
    "datacenter",
    "framework",
    "approach",
    "analysis",
]
SERIES = ("Part {}", "v{}.0", "Volume {}", "Round {}", "({})")


def synthetic_titles(n: int, seed: int = 1) -> list[str]:
    """``n`` list titles: about a third numbered members of a series, a tenth true
    duplicates of an earlier title written differently, the rest titles sharing a few
    first words (the worst case for grouping by first word)."""
    rng = random.Random(seed)
    titles: list[str] = []
    bases = [" ".join([rng.choice(FIRST).capitalize(), *rng.sample(WORDS, 6)]) for _ in range(200)]
    for i in range(n):
        roll = rng.random()
        if roll < 0.1 and titles:
            earlier = rng.choice(titles)
            variant = rng.choice(
                (earlier.upper(), earlier + ".", earlier.replace(" ", " - ", 1), earlier + "s")
            )
            titles.append(variant)
        elif roll < 0.4:
            titles.append(f"{rng.choice(bases)} {rng.choice(SERIES).format(i)}")
        else:
            words = [rng.choice(FIRST).capitalize(), *rng.sample(WORDS, rng.randint(5, 9))]
            titles.append(" ".join(words))
    return titles


def synthetic_list(n: int, seed: int = 1) -> str:
    """A markdown awesome list of ``n`` entries (see :func:`synthetic_titles`)."""
    lines = [
        f"- 2019-ICLR-[{title}](https://arxiv.org/abs/1901.{i % 100_000:05d})"
        for i, title in enumerate(synthetic_titles(n, seed))
    ]
    return "# Papers\n\n" + "\n".join(lines) + "\n"


def merge_benchmark(n: int) -> int:
    from sysml_graph.corpus.read import load_corpus
    from sysml_graph.importers.awesome import read_list
    from sysml_graph.importers.drafts import Importer
    from sysml_graph.importers.sources import list_info

    work = Path(tempfile.mkdtemp())
    try:
        data = work / "data"
        shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("imported"))
        path = work / "list.md"
        path.write_text(synthetic_list(n), encoding="utf-8")
        importer = Importer(load_corpus(data))
        info = list_info(path, "https://github.com/example/synthetic", None)
        clocks = [(time.perf_counter(), time.process_time())]
        entries = read_list(path.read_text(encoding="utf-8"), Path("list.md"))
        clocks.append((time.perf_counter(), time.process_time()))
        for entry in entries:
            importer.add(entry, info, "list.md")
        clocks.append((time.perf_counter(), time.process_time()))
        files = importer.files()
        clocks.append((time.perf_counter(), time.process_time()))
    finally:
        shutil.rmtree(work)
    r = importer.report
    print(
        f"{n} generated entries: {r.imported} drafts, {len(r.merged)} merged, "
        f"{importer.comparisons} title comparisons ({importer.comparisons / n:.1f} per entry)"
    )
    # CPU time beside the wall clock: on a shared machine the second can double.
    print(f"{'step':<24} {'wall':>7} {'cpu':>7}")
    steps = ("read the list", "check and merge", f"render {len(files)} files")
    for name, (wall0, cpu0), (wall1, cpu1) in zip(steps, clocks[:-1], clocks[1:], strict=True):
        print(f"{name:<24} {wall1 - wall0:6.1f}s {cpu1 - cpu0:6.1f}s")
    wall, cpu = clocks[-1][0] - clocks[0][0], clocks[-1][1] - clocks[0][1]
    print(f"{'total':<24} {wall:6.1f}s {cpu:6.1f}s")
    return 0


HOSTILE = {
    "initials": "Smith, A. " * 1500 + "2023",
    "APA": "Kwon, W., " * 1000 + "& Stoica, I. (2023). Title. In SOSP",
    "names after a title": "Title Words Here. " + "Ann Lee, " * 1500 + "SOSP 2023.",
    "commas": "Word Word, " * 2000,
    "dashes": "Ab Cd - " * 2000,
    "quotations": "“when to sample” " * 2000,
    "Chicago": "Sze, Vivienne, " + "Yu-Hsin Chen, " * 1500 + '"Title." Venue',
    "capitals": "[Some Title Here](https://x.org) (" + "A" * 30000 + "!)",
    # found by the review of 2026-12-02 (quadratic before it)
    "quote never closed": "“" * 30000,
    "brackets never closed": ("[a]" * 10000)[:-1],
    "dated link": "[2016-" + "Ab-" * 10000,
    "parenthesis never closed": "Title (" + "ab 2019 " * 4000,
}
# Whole documents: HTML tables never closed (once cubic), rule lines of simple tables (once
# quadratic).
HOSTILE_DOCUMENTS = {
    "tables never closed": "\n\n".join("<table>\n<tr><td>x</td></tr>" for _ in range(1000)),
    "simple-table rules": "x\n" + "--- ---\n" * 8000,
}


def hostile_benchmark() -> int:
    from sysml_graph.importers.awesome import read_list

    worst = 0.0
    texts = {name: f"- {line}\n" for name, line in HOSTILE.items()} | HOSTILE_DOCUMENTS
    for name, text in texts.items():
        start = time.perf_counter()
        read_list(text)
        took = time.perf_counter() - start
        worst = max(worst, took)
        print(f"{name:<25} {len(text):>6} characters  {took * 1000:8.1f} ms")
    return 0 if worst < 1.0 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    parser.add_argument("--merge", type=int, metavar="N", help="time N generated entries")
    parser.add_argument("--hostile", action="store_true", help="time pathological long lines")
    args = parser.parse_args()
    if args.merge:
        return merge_benchmark(args.merge)
    if args.hostile:
        return hostile_benchmark()
    ok = True
    print(f"{'list':<16} {'n':>4} {'field':<6} {'precision':>9} {'recall':>7}")
    for key in LISTS:
        report = evaluate(key, args.corpora)
        for fieldname, (p, r) in report.scores.items():
            ok &= p >= 0.95 and r >= 0.95
            print(f"{key:<16} {report.n:>4} {fieldname:<6} {p:>9.1%} {r:>7.1%}")
        if args.verbose:
            for miss in report.misses:
                print("   ", miss)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
