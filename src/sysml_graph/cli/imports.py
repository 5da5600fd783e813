"""``sysml-graph import awesome`` and ``sysml-graph import bibtex``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..problems import one_line
from .exit import reports_problems
from .options import _data, import_options
from .output import _progress


def _finish_import(importer: Any, files: dict[str, str], data_dir: Path, dry_run: bool) -> None:
    from ..importers.write import write_imported
    from .report import print_import_report

    if not dry_run:
        write_imported(files, data_dir)
    for line in importer.report.refused:  # what validate would refuse, one line each
        click.echo(one_line(line), err=True)
    print_import_report(importer.report, data_dir, dry_run)


@click.group(name="import")
def import_() -> None:
    """Turn awesome lists and BibTeX files into YAML drafts under DATA/imported/."""


@import_.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--source-url", help="Address of the list (default: SOURCE.txt's repository).")
@click.option("--commit", help="Commit of the list that was read (default: SOURCE.txt's).")
@import_options
@reports_problems
def awesome(
    inputs: tuple[Path, ...],
    source_url: str | None,
    commit: str | None,
    data_dir: Path | None,
    dry_run: bool,
    complete_only: bool,
) -> None:
    """Import awesome lists: markdown files, or folders of them (with a SOURCE.txt)."""
    from ..importers.run import import_lists

    with _progress() as progress:
        task = progress.add_task("reading lists", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        importer, files = import_lists(
            inputs, _data(data_dir), source_url, commit, step, complete_only
        )
    _finish_import(importer, files, _data(data_dir), dry_run)


@import_.command()
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--source-url", help="Where the .bib file lives (default: the file's name).")
@import_options
@reports_problems
def bibtex(
    inputs: tuple[Path, ...],
    source_url: str | None,
    data_dir: Path | None,
    dry_run: bool,
    complete_only: bool,
) -> None:
    """Import BibTeX files (titles, authors, venue, year, DOI, URL, pages, arXiv id)."""
    from ..importers.run import import_bibtex

    importer, files = import_bibtex(inputs, _data(data_dir), source_url, complete_only)
    _finish_import(importer, files, _data(data_dir), dry_run)
