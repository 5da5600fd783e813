"""Issue 16's build targets, measured in one run on synthetic data (benchmarks/generate.py):

- the full build (``sysml-graph build``, no cache) ≤ 2× what pyoxigraph alone needs to load
  the same N-Triples and write them as Turtle, measured here in the same run;
- its peak memory (the build and every process it starts) ≤ 2 GB;
- the build after one paper file changed ≤ 3 s, in every run (``--rebuilds`` of them).

    python benchmarks/build.py 100000                 # generates the data once, in /tmp
    python benchmarks/build.py 100000 --data DIR --rebuilds 5

Prints one line per measurement and the verdicts.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

REFERENCE = """
import sys, time, pyoxigraph as ox
from sysml_graph.rdf.namespaces import WRITE_PREFIXES
start = time.perf_counter()
store = ox.Store()
store.load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)
loaded = time.perf_counter()
store.dump(sys.argv[2], format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
           prefixes=WRITE_PREFIXES)
print(loaded - start, time.perf_counter() - loaded)
"""


def run(cmd: list[str], cwd: Path) -> tuple[float, str]:
    """(seconds, standard output) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode()[-2000:]}")
    return seconds, out.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", type=int, nargs="?", default=10_000)
    parser.add_argument("--data", type=Path, help="Use this generated data folder.")
    parser.add_argument("--rebuilds", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.gettempdir()) / "sysml-graph-bench"
    data = args.data or root / f"data-{args.papers}"
    if args.data is None and not (data / ".generated").is_file():
        generate(args.papers, data)
        (data / ".generated").write_text(f"{args.papers} papers, seed 1\n")
    work = Path(tempfile.mkdtemp(prefix="build-", dir=root if root.is_dir() else None))
    sg = [sys.executable, "-m", "sysml_graph"]
    try:
        seconds, out = run([*sg, "build", "--data", str(data), "--out", "dist"], work)
        # The largest peak of the processes waited for: the build, and its helpers (which
        # the build waits for), measured before anything else runs.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"full build: {seconds:.2f} s, peak {peak_mb:.0f} MB ({out.splitlines()[0]})")
        nt = work / "dist" / "sysml-graph.nt"
        ref = subprocess.run(
            [sys.executable, "-c", REFERENCE, str(nt), str(work / "reference.ttl")],
            capture_output=True,
            text=True,
            check=True,
        )
        load, dump = map(float, ref.stdout.split())
        reference = load + dump
        print(f"pyoxigraph load {load:.2f} s + Turtle dump {dump:.2f} s = {reference:.2f} s")
        paper = data / "papers" / "paper-000000.yaml"
        original = paper.read_bytes()
        rebuilds = []
        try:
            for i in range(args.rebuilds):
                text = original.decode().replace("Synthetic paper 0:", f"Synthetic paper 0 ({i}):")
                paper.write_text(text, encoding="utf-8")
                took, out = run([*sg, "build", "--data", str(data), "--out", "dist"], work)
                kind = "spliced" if "spliced" in out else "FULL BUILD"
                rebuilds.append(took)
                print(f"rebuild {i + 1}: {took:.2f} s ({kind})")
        finally:
            paper.write_bytes(original)
        ratio = seconds / reference
        print(
            f"\nfull build {ratio:.2f}× pyoxigraph (target ≤ 2×): "
            f"{'met' if ratio <= 2 else 'missed'}; peak {peak_mb / 1024:.2f} GB (target ≤ 2 GB): "
            f"{'met' if peak_mb <= 2048 else 'missed'}; rebuilds "
            f"{', '.join(f'{r:.2f}' for r in rebuilds)} s (target ≤ 3 s each): "
            f"{'met' if rebuilds and max(rebuilds) <= 3 else 'missed'}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
