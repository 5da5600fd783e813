"""The options commands share, each with one meaning everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..resources import default_data_dir
from ..sparql.named import LINKS_VALUES

KG = TypeVar("KG")

F = TypeVar("F", bound=Callable[..., Any])

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Data folder: curated YAML and imported drafts (default: the shipped data/).",
)


def graph_option(help_text: str) -> Callable[[F], F]:
    """``--graph FILE``: work on a Turtle/N-Triples file instead of the data folder."""
    return click.option(
        "--graph",
        "graph_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help=help_text,
    )


def import_options(func: F) -> F:
    """Options every importer takes: where to write, whether to write at all, and whether
    to add papers or only complete those already there."""
    func = click.option(
        "--complete-only",
        is_flag=True,
        help="Only fill fields the drafts already in the data lack (authors, venue, year, DOI, "
        "arXiv id, URL, pages); add no paper. The entry becomes one of the draft's sources.",
    )(func)
    func = click.option(
        "--dry-run", is_flag=True, help="Report what would be imported; write nothing."
    )(func)
    return DATA_OPTION(func)  # the folder imported into: drafts go to its imported/ folder


BUILD_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Build folder: where build writes, and whose last build of the same data the other "
    "commands reuse.",
)


def _data(data_dir: Path | None) -> Path:
    return data_dir if data_dir is not None else default_data_dir()


def remote_options(read: float, deadline: float) -> Callable[[F], F]:
    """The waits of `push` and `query --endpoint`: none of them lasts for ever."""
    seconds = click.FloatRange(min=0, min_open=True, max=86400)

    def add(func: F) -> F:
        for name, default, help_text in reversed(
            [
                ("--connect-timeout", 10.0, "Seconds to wait for a connection to the store."),
                ("--read-timeout", read, "Seconds the store may stay silent while answering."),
                ("--deadline", deadline, "Seconds for the whole exchange, retries included."),
            ]
        ):
            func = click.option(
                name, type=seconds, default=default, show_default=True, help=help_text
            )(func)
        return func

    return add


LINKS_OPTION = click.option(
    "--links",
    type=click.Choice(LINKS_VALUES),
    default="all",
    show_default=True,
    help="Which technique and platform links count: all (curated, and the tagger's proposals "
    "drawn apart) or curated (a curator's only).",
)
