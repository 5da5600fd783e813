"""A seeded generator of synthetic data folders in the project's own YAML format, for
measuring the pipeline at sizes the real field will reach (issue #6).

    python benchmarks/generate.py 10000 /tmp/data-10k [--seed 1]

Papers get 1-6 authors drawn with Zipf weights (a few prolific people, many one-paper
authors), a venue edition of 40 series, a year in 2010-2025, 1-3 techniques and 1-2
platforms from the shipped taxonomies, and a page link. Everything is invented on purpose
and named so (titles "Synthetic paper 123 …"): never mix it into data/.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sysml_graph.corpus.yamlio import dump_canonical  # noqa: E402

WORDS = (
    "efficient",
    "sparse",
    "distributed",
    "adaptive",
    "learned",
    "quantized",
    "elastic",
    "federated",
    "pipelined",
    "scalable",
    "robust",
    "tiny",
    "streaming",
    "serverless",
)
NOUNS = (
    "inference",
    "training",
    "serving",
    "compilation",
    "scheduling",
    "caching",
    "acceleration",
    "partitioning",
    "offloading",
    "batching",
)


def generate(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "papers").mkdir(parents=True)
    shutil.copytree(REPO / "data" / "taxonomies", out / "taxonomies")
    concepts = {}
    for scheme in ("techniques", "platforms"):
        doc = yaml.safe_load((out / "taxonomies" / f"{scheme}.yaml").read_text(encoding="utf-8"))
        concepts[scheme] = [c["id"] for c in doc["concepts"]]
    n_people = max(10, int(n * 0.8))
    people = [f"person-{i:06d}" for i in range(n_people)]
    weights = [1 / (i + 1) ** 1.1 for i in range(n_people)]
    years = range(2010, 2026)
    series = [f"venue-{i:02d}" for i in range(40)]
    used_people: set[str] = set()
    used_editions: set[tuple[str, int]] = set()
    for i in range(n):
        year = rng.choice(years)
        venue = rng.choice(series)
        used_editions.add((venue, year))
        authors = list(dict.fromkeys(rng.choices(people, weights=weights, k=rng.randint(1, 6))))
        used_people.update(authors)
        title = f"Synthetic paper {i}: {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(NOUNS)}"
        paper = {
            "id": f"paper-{i:06d}",
            "type": "conference-paper",
            "title": title,
            "authors": authors,
            "venue": f"{venue}-{year}",
            "year": year,
            "url": f"https://example.org/papers/{i}",
            "techniques": sorted(rng.sample(concepts["techniques"], rng.randint(1, 3))),
            "platforms": sorted(rng.sample(concepts["platforms"], rng.randint(1, 2))),
        }
        (out / "papers" / f"paper-{i:06d}.yaml").write_text(dump_canonical(paper), encoding="utf-8")
    (out / "people.yaml").write_text(
        dump_canonical([{"id": p, "name": f"Person {p[7:]}"} for p in sorted(used_people)]),
        encoding="utf-8",
    )
    venues = []
    for s in series:
        editions = [
            {"year": y, "name": f"Synthetic Venue {s[6:]} {y}"}
            for y in years
            if (s, y) in used_editions
        ]
        if editions:
            venues.append(
                {
                    "id": s,
                    "acronym": f"SV{s[6:]}",
                    "name": f"Synthetic Venue {s[6:]}",
                    "kind": "conference",
                    "editions": editions,
                }
            )
    (out / "venues.yaml").write_text(dump_canonical(venues), encoding="utf-8")


if __name__ == "__main__":
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i : i + 2]
    generate(int(args[0]), Path(args[1]), seed)
