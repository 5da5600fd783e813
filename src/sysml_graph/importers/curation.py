"""The curator's loop over the tagger's proposals.

- :func:`retag` proposes again for every paper of a data folder (after the taxonomy or the
  tagger changed), keeping out what curators tagged or rejected;
- :func:`proposal_rows` is the table of open proposals a curator reviews (``curate
  export`` writes it as CSV, one row per concept and paper, its evidence in the row);
- :func:`missing_by_source` says what is still missing (authors, venue, year) per source, so
  the next curator knows where to work;
- :func:`apply_decisions` reads that table back: a row marked ``accept`` makes the concept
  a curated tag, ``reject`` records that it must never be proposed again, ``add`` (a row
  the curator wrote, for a concept the tagger missed) makes a curated tag too; all keep
  who, when and why in the paper's ``decisions``.

Only the ``proposed``, ``decisions``, ``techniques`` and ``platforms`` keys of a paper file
change; each file is replaced whole (written beside it, then renamed).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..corpus.paper_yaml import PAPER_KEYS
from ..corpus.read import load_corpus
from ..corpus.records import DECISIONS, Decision, Paper, PaperKind, Proposal, Status
from ..corpus.yamlio import dump_canonical, read_yaml
from ..problems import InvalidInput, Problem
from .tagger import Tagger

# The columns of the review table, in order; a curator fills in the last two.
COLUMNS = ("paper", "title", "scheme", "concept", "evidence", "decision", "why")
# The word a curator writes in the table → the decision kept (corpus.records.DECISIONS).
VERDICTS = dict(zip(("accept", "reject", "add"), DECISIONS, strict=True))


@dataclass
class Retagged:
    """What :func:`retag` changed."""

    papers: int = 0  # papers read
    changed: list[str] = field(default_factory=list)  # files rewritten
    proposals: int = 0  # proposals now in the data


def _rejected(p: Paper) -> list[str]:
    return [d.concept for d in p.decisions if d.decision == "rejected"]


def _rewrite(data_dir: Path, p: Paper, changes: dict[str, Any]) -> None:
    """Replace keys of a paper's file (an empty value removes the key), keeping the rest
    and the canonical key order."""
    path = data_dir / p.where.file
    record = read_yaml(path).plain()
    assert isinstance(record, dict)
    record.update(changes)
    order = {k: i for i, k in enumerate(PAPER_KEYS)}
    ordered = {
        k: record[k]
        for k in sorted(record, key=lambda k: order.get(k, len(order)))
        if record[k] not in (None, [], "")
    }
    write_atomic(path, dump_canonical(ordered).encode("utf-8"))


def _yaml(items: Iterable[Proposal | Decision]) -> list[dict[str, Any]]:
    return [{k: v for k, v in dataclasses.asdict(i).items() if v is not None} for i in items]


def retag(data_dir: Path) -> Retagged:
    """Propose again for every paper of ``data_dir``; rewrite the files whose proposals
    changed."""
    corpus = load_corpus(data_dir)
    tagger = Tagger(corpus.schemes)
    done = Retagged(papers=len(corpus.papers))
    for p in corpus.papers:
        new = tagger.propose(p.title, p.topics, [*p.techniques, *p.platforms], _rejected(p))
        done.proposals += len({(x.scheme, x.concept) for x in new})
        if new != p.proposed:
            _rewrite(data_dir, p, {"proposed": _yaml(new)})
            done.changed.append(p.where.file)
    return done


def proposal_rows(data_dir: Path) -> list[dict[str, str]]:
    """One row per open proposal (paper, concept): what a curator decides on."""
    corpus = load_corpus(data_dir)
    rows: list[dict[str, str]] = []
    for p in sorted(corpus.papers, key=lambda p: p.id):
        by_concept: dict[tuple[str, str], list[str]] = {}
        for x in p.proposed:
            by_concept.setdefault((x.scheme, x.concept), []).append(f"{x.evidence}: {x.text}")
        for (scheme, concept), evidence in by_concept.items():
            rows.append(
                {
                    "paper": p.id,
                    "title": p.title,
                    "scheme": scheme,
                    "concept": concept,
                    "evidence": " | ".join(evidence),
                    "decision": "",
                    "why": "",
                }
            )
    return rows


def write_rows(rows: list[dict[str, str]], out: Path) -> None:
    """The review table as CSV (UTF-8, a header row)."""
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _addable(paper: Paper, scheme: str, concept: str, concepts: set[tuple[str, str]]) -> str:
    """Why ``concept`` cannot be added to ``paper`` by hand ("" when it can)."""
    if (scheme, concept) not in concepts:
        return (
            f"no concept '{concept}' in the {scheme} scheme; use an id of "
            f"data/taxonomies/{scheme}.yaml"
        )
    if concept in getattr(paper, scheme):
        return f"'{concept}' is already a curated tag of '{paper.id}'; leave the row out"
    return ""


def apply_decisions(
    data_dir: Path, table: Path, by: str, date: datetime.date | None = None
) -> dict[str, int]:
    """Apply the decisions of a review table; rows left blank are skipped. Every row is
    checked before any file is written: a bad row is a problem with its line."""
    when = (date or datetime.date.today()).isoformat()
    corpus = load_corpus(data_dir)
    papers = {p.id: p for p in corpus.papers}
    concepts = {(s.id, c.id) for s in corpus.schemes for c in s.concepts}
    problems: list[Problem] = []
    chosen: dict[str, list[Decision]] = {}
    name = str(table)
    with table.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [
            c
            for c in ("paper", "scheme", "concept", "decision")
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise InvalidInput(
                [
                    Problem(
                        name,
                        1,
                        f"the table lacks the columns {', '.join(missing)}; "
                        f"write the header {','.join(COLUMNS)}",
                    )
                ]
            )
        for row in reader:
            line = reader.line_num
            verdict = (row.get("decision") or "").strip().casefold()
            if not verdict:
                continue
            pid, scheme, concept = (
                (row.get(k) or "").strip() for k in ("paper", "scheme", "concept")
            )
            if verdict not in VERDICTS:
                problems.append(
                    Problem(
                        name, line, f"decision '{verdict}' must be accept, reject, add or empty"
                    )
                )
                continue
            paper = papers.get(pid)
            if paper is None:
                problems.append(
                    Problem(name, line, f"unknown paper '{pid}'; use an id of the data folder")
                )
                continue
            if verdict == "add":
                problem = _addable(paper, scheme, concept, concepts)
                if problem:
                    problems.append(Problem(name, line, problem))
                    continue
            elif not any(x.scheme == scheme and x.concept == concept for x in paper.proposed):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"'{concept}' ({scheme}) is not proposed for '{pid}'; "
                        "export the table again (sysml-graph curate export)",
                    )
                )
                continue
            why = (row.get("why") or "").strip() or None
            chosen.setdefault(pid, []).append(
                Decision(concept, scheme, VERDICTS[verdict], by, when, why)
            )
    if problems:
        raise InvalidInput(problems)
    tagger = Tagger(corpus.schemes)
    counts = {"accepted": 0, "rejected": 0, "added": 0}
    for pid, decisions in chosen.items():
        p = papers[pid]
        tags = {"techniques": list(p.techniques), "platforms": list(p.platforms)}
        for d in decisions:
            counts[d.decision] += 1
            if d.decision in ("accepted", "added") and d.concept not in tags[d.scheme]:
                tags[d.scheme].append(d.concept)
        settled = {(d.scheme, d.concept) for d in decisions}
        kept = [d for d in p.decisions if (d.scheme, d.concept) not in settled]
        rejected = [*_rejected(p), *(d.concept for d in decisions if d.decision == "rejected")]
        proposed = tagger.propose(
            p.title, p.topics, [*tags["techniques"], *tags["platforms"]], rejected
        )
        _rewrite(
            data_dir,
            p,
            tags | {"proposed": _yaml(proposed), "decisions": _yaml([*kept, *decisions])},
        )
    return counts


@dataclass
class Missing:
    """What the works of one source still lack (a work counts under each of its sources)."""

    source: str
    works: int = 0
    complete: int = 0
    no_authors: int = 0
    no_venue: int = 0
    no_year: int = 0


def missing_by_source(data_dir: Path) -> list[Missing]:
    """Per source list (and the curated records), how many works are complete and how many
    lack authors, a venue or a year; the sources with most works lacking authors first.

    Books are left out: they need no venue.
    """
    corpus = load_corpus(data_dir)
    titles = {lst.repository: lst.title for lst in corpus.source_lists}
    rows: dict[str, Missing] = {}
    for p in corpus.papers:
        if p.kind is PaperKind.BOOK:
            continue
        names = {titles.get(s.list, s.list) for s in p.sources}
        if p.status is Status.CURATED:
            names = {"curated records (data/papers)"}
        for name in sorted(names):
            row = rows.setdefault(name, Missing(name))
            row.works += 1
            row.complete += p.complete
            row.no_authors += not p.authors
            row.no_venue += not p.venue
            row.no_year += p.year is None
    return sorted(rows.values(), key=lambda r: (-r.no_authors, -r.works, r.source))
