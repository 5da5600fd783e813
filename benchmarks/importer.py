"""Precision and recall of the awesome-list importer on hand-checked samples.

For each list in sources/awesome-lists/ (samples live in tests/import_samples/), compares
what the importer extracts at each sampled line with what a person wrote down, for the
fields title, venue and year, and for "is it a paper". Prints a table; exits 1 if any
figure is below the 95% target.

    python benchmarks/importer.py [--corpora DIR] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from import_eval import LISTS, evaluate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mismatch")
    args = parser.parse_args()
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
