"""Precision and recall of the tagger against the hand-labelled evaluation set
(docs/evaluation/tagging-labels.yaml; method in docs/tagging.md).

    python benchmarks/tagging_quality.py                 # the development split
    python benchmarks/tagging_quality.py --split test    # the held-out split (score once)
    python benchmarks/tagging_quality.py --errors        # list each wrong or missed tag

What is scored is the tagger itself: its proposals for each labelled work, made afresh from
the work's title and list headings with no curated tag or decision given to it (so a
curator's tags on a labelled work do not flatter it). A proposal counts as right when it is
a labelled concept or a broader concept of one (the label's concept path); a label counts as
found when a proposal is on its path. Also prints how many works of the graph have a
technique link and a platform link (curated or proposed), and how many of the works whose
title or headings name a platform (docs/evaluation/platform-named-labels.yaml) are linked
to it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from sysml_graph.corpus.read import load_corpus
from sysml_graph.importers.tagger import Tagger, ancestors

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "docs" / "evaluation" / "tagging-labels.yaml"
NAMED = ROOT / "docs" / "evaluation" / "platform-named-labels.yaml"
SCHEMES = ("techniques", "platforms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="development", choices=("development", "test", "all"))
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    corpus = load_corpus(args.data)
    papers = {p.id: p for p in corpus.papers}
    tagger = Tagger(corpus.schemes)
    parents = {c.id: c.broader for s in corpus.schemes for c in s.concepts}
    path = {cid: {cid} | ancestors(cid, parents) for cid in parents}
    labels = [r for r in yaml.safe_load(LABELS.read_text()) if args.split in ("all", r["split"])]
    proposals = {}
    for r in labels:
        p = papers[r["id"]]
        proposals[p.id] = tagger.propose(p.title, p.topics)
    for scheme in SCHEMES:
        links_n = right = labelled = found = 0
        errors: list[str] = []
        for r in labels:
            p = papers[r["id"]]
            made = [x for x in proposals[p.id] if x.scheme == scheme]
            links = {x.concept for x in made}
            truth = set(r[scheme])
            on_paths = set().union(*(path[t] for t in truth)) if truth else set()
            links_n += len(links)
            right += len(links & on_paths)
            labelled += len(truth)
            found += sum(1 for t in truth if links & path[t])
            for wrong in sorted(links - on_paths):
                evidence = [f"{x.evidence}: {x.text}" for x in made if x.concept == wrong]
                errors.append(f"  wrong  {wrong:28} {p.id}  {evidence}")
            for missed in sorted(t for t in truth if not links & path[t]):
                errors.append(f"  missed {missed:28} {p.id}  {p.title[:70]!r}")
        precision = right / links_n if links_n else 1.0
        recall = found / labelled if labelled else 1.0
        print(
            f"{args.split} ({len(labels)} papers) {scheme}: precision {precision:.1%} "
            f"({right}/{links_n}), recall {recall:.1%} ({found}/{labelled})"
        )
        if args.errors:
            print("\n".join(errors))
    works = corpus.papers
    for scheme in SCHEMES:
        tagged = sum(1 for p in works if getattr(p, scheme) or getattr(p, f"inferred_{scheme}"))
        curated = sum(1 for p in works if getattr(p, scheme))
        print(
            f"works with a {scheme[:-1]} link: {tagged}/{len(works)} ({tagged / len(works):.1%}), "
            f"curated {curated}"
        )

    # Works whose title or headings name a platform: how many have a platform link that is
    # the named concept, or broader or narrower than it.
    named = [r for r in yaml.safe_load(NAMED.read_text()) if r["platforms"]]
    covered = []
    for r in named:
        p = papers[r["id"]]
        links = set(p.platforms) | set(p.inferred_platforms)
        if all(any(x in path[t] or t in path[x] for x in links) for t in r["platforms"]):
            covered.append(r["id"])
        elif args.errors:
            print(f"  not covered {r['platforms']} {r['id']}  {r.get('words', '')!r}")
    print(
        f"works whose title or headings name a platform, linked to it: {len(covered)}/"
        f"{len(named)} ({len(covered) / len(named):.1%})"
    )


if __name__ == "__main__":
    main()
