"""Progress on the terminal."""

from __future__ import annotations

from typing import Any


def _progress() -> Any:
    """Step-by-step progress on stderr when a person is watching (quiet in pipes)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
