"""Terminal tables for ``sysml-graph stats`` and the import report (rich).

Every cell and line that quotes the graph or a list goes through :func:`one_line`: a title
holding ESC or a line break, from a Turtle file or a list from elsewhere, must not reach
the terminal raw (rich passes ESC through)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..problems import one_line
from ..stats.analysis import OPEN_MIN_EXPECTED, Stats

if TYPE_CHECKING:
    from ..importers.curation import Missing
    from ..importers.drafts import Report


def _table(title: str, headers: Sequence[str], data: Iterable[Sequence[object]]) -> Table:
    rows = [list(r) for r in data]
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", min_width=len(title))
    # Text, not markup: a name holding [bold] or [/] is shown as written.
    for i, h in enumerate(headers):
        numeric = bool(rows) and all(isinstance(r[i], int | float) for r in rows)
        table.add_column(h, justify="right" if numeric else "left")
    for row in rows:
        table.add_row(*(Text(one_line(str(v))) for v in row))
    return table


def print_stats(stats: Stats, top: int = 10, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    gaps = stats.gaps
    counted = "curated links only" if stats.links == "curated" else "curated and proposed links"
    console.print(
        f"{stats.papers} papers, {stats.people} people, {stats.venues} venues "
        f"(technique and platform counts: {counted}); "
        f"{len(gaps.untried_cells)} of {len(gaps.techniques) * len(gaps.platforms)} "
        f"top-level technique × platform pairs have no paper yet, {len(gaps.open_cells)} "
        f"of them open (≥ {OPEN_MIN_EXPECTED} papers expected from their row and column)"
    )
    console.print(_table("Papers per year", ["year", "papers"], stats.per_year.items()))
    console.print(_table("Venues", ["venue", "papers"], stats.per_venue[:top]))
    console.print(
        _table("Techniques (with narrower)", ["technique", "papers"], stats.per_technique[:top])
    )
    console.print(
        _table("Platforms (with narrower)", ["platform", "papers"], stats.per_platform[:top])
    )
    console.print(
        _table(
            "Most central people (co-authorship betweenness)",
            ["person", "betweenness", "co-authors"],
            stats.central_people,
        )
    )
    console.print(
        _table("Most central papers (PageRank)", ["paper", "pagerank"], stats.central_papers)
    )
    console.print(
        _table(
            "Co-author communities",
            ["size", "members"],
            (
                (len(c), ", ".join(c[:6]) + (" …" if len(c) > 6 else ""))
                for c in stats.communities[:top]
            ),
        )
    )
    opened = sorted(
        (
            (t, p, round(gaps.expected(i, j), 1))
            for i, t in enumerate(gaps.techniques)
            for j, p in enumerate(gaps.platforms)
            if gaps.is_open(i, j)
        ),
        key=lambda r: (-r[2], r[0], r[1]),
    )
    console.print(
        _table(
            "Open technique × platform pairs", ["technique", "platform", "expected"], opened[:top]
        )
    )


def print_import_report(
    report: Report, data_dir: Path, dry_run: bool = False, console: Console | None = None
) -> None:
    """What an import run saw, kept, merged and skipped (and why)."""
    console = console or Console(highlight=False)
    verb = "would write" if dry_run else "wrote"
    console.print(
        Text(
            one_line(
                f"{report.seen} entries seen: {report.imported} new papers, "
                f"{len(report.merged)} merged, {sum(report.skipped.values())} skipped; "
                f"{verb} {data_dir / 'imported'}"
            )
        )
    )
    console.print(_table("Skipped", ["why", "entries"], report.skipped.most_common()))
    if report.unknown_venues:
        console.print(
            _table(
                "Unknown venues (draft venue records)",
                ["venue as written", "papers"],
                sorted(report.unknown_venues.items()),
            )
        )
    console.print(
        _table(
            "Merged (first 10)", ["entry", "into"], (m.split(" → ", 1) for m in report.merged[:10])
        )
    )
    if report.versions:
        console.print(
            _table(
                "Kept apart as versions of one work (version_of)",
                ["entry", "kept as"],
                (v.split(" → ", 1) for v in report.versions),
            )
        )
    if report.people:
        console.print(
            _table(
                "People: variants of a name with a shared co-author, merged (or kept apart)",
                ["decision"],
                ([p] for p in report.people),
            )
        )
    if report.conflicts:
        console.print(
            _table("Conflicts kept for review", ["where and what"], ([c] for c in report.conflicts))
        )


def print_missing(rows: Sequence[Missing], console: Console | None = None) -> None:
    """`curate missing`: per source, complete works and what the others lack."""
    console = console or Console(highlight=False)
    table = _table(
        "What is missing, per source (a work counts under each of its lists)",
        ["source", "works", "complete", "no authors", "no venue", "no year"],
        ((r.source, r.works, r.complete, r.no_authors, r.no_venue, r.no_year) for r in rows),
    )
    table.columns[0].overflow = "fold"  # a list's name has no spaces to wrap at
    console.print(table)
