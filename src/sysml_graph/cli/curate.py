"""``sysml-graph tag`` and ``sysml-graph curate export|apply``: the tagger's proposals and a
curator's decisions on them."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from .exit import reports_problems
from .options import DATA_OPTION, _data


@click.command()
@DATA_OPTION
@reports_problems
def tag(data_dir: Path | None) -> None:
    """Propose techniques and platforms again for every paper, with their evidence.

    Run it after editing the taxonomies. Curated tags and rejected proposals are kept out;
    only files whose proposals change are rewritten.
    """
    from ..importers.curation import retag

    done = retag(_data(data_dir))
    click.echo(
        f"{done.papers} papers read, {len(done.changed)} files rewritten, "
        f"{done.proposals} proposed links"
    )


@click.group()
def curate() -> None:
    """Review the tagger's proposals: export them as a table, apply the decisions."""


@curate.command(name="export")
@DATA_OPTION
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The CSV file to write: one row per proposal, decision and why left blank.",
)
@reports_problems
def export_table(data_dir: Path | None, out: Path) -> None:
    """Write the open proposals as a CSV table for review."""
    from ..atomic import staged
    from ..importers.curation import proposal_rows, write_rows

    rows = proposal_rows(_data(data_dir))
    staged(out, lambda tmp: write_rows(rows, tmp)).replace(out)
    click.echo(f"{len(rows)} proposals written to {out}")


@curate.command(name="apply")
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option("--by", required=True, help="Who decided (kept with each decision).")
@click.option(
    "--date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="When the decisions were made (default: today).",
)
@reports_problems
def apply_table(
    table: Path, data_dir: Path | None, by: str, date: datetime.datetime | None
) -> None:
    """Apply a reviewed table: rows marked accept become curated tags, reject never come
    back, add (a row of your own) tags a concept the tagger did not propose; rows left
    blank stay proposals."""
    from ..importers.curation import apply_decisions

    counts = apply_decisions(_data(data_dir), table, by, date.date() if date else None)
    click.echo(
        f"{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['added']} added"
    )


@curate.command(name="missing")
@DATA_OPTION
@reports_problems
def missing(data_dir: Path | None) -> None:
    """What the works still lack, per source: authors, venue, year (where to curate next)."""
    from ..importers.curation import missing_by_source
    from .report import print_missing

    print_missing(missing_by_source(_data(data_dir)))
